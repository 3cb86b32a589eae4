// Sheepshead, five seats (the person and four computers), on a fixed deal with
// the person first to pick (test mode: the host's `start` carries `deals` and
// `dealer`): the person picks up the blind, buries two cards and calls a
// partner; the table then shows the picker, the bury and the call, and the
// person leads the first trick.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addComputers, createRoom, enterLobby, roomPush, scenario, screenshot, sit, useServerAndBrowser,
} from './harness.mjs';

const env = useServerAndBrowser();

const DECK = ['C', 'D', 'H', 'S'].flatMap((s) => ['7', '8', '9', 'T', 'J', 'Q', 'K', 'A'].map((r) => r + s));
// Seat 0 holds no fail ace, a club and a heart (hold cards for a called ace),
// and the blind holds two spades to bury.
const MINE = ['QC', 'QS', 'JC', 'AD', '7C', '8H'];
const BLIND = ['7S', '8S'];

/**
 * The deck as `deals[0]`: with 5 players card d[i] (i < 30) goes to seat
 * (dealer + 1 + i) mod 5, i.e. to seat i mod 5 when seat 4 deals; d[30..31]
 * is the blind (rules 3.3).
 */
function fixedDeal() {
  const rest = DECK.filter((c) => !MINE.includes(c) && !BLIND.includes(c));
  const hands = [MINE, rest.slice(0, 6), rest.slice(6, 12), rest.slice(12, 18), rest.slice(18, 24)];
  const d = [];
  for (let i = 0; i < 30; i++) d.push(hands[i % 5][Math.floor(i / 5)]);
  return [...d, ...BLIND];
}

test('the person picks, buries two cards and calls a partner at Sheepshead', { skip: env.skip, timeout: 120000 }, async () => {
  const visitors = [];
  await scenario(env, 'sheepshead', visitors, async () => {
    const me = await enterLobby(env, 'Pia');
    visitors.push(me);
    const { page } = me;
    const roomId = await createRoom(page, { title: 'Sheepshead' });
    await sit(page, 0);
    await addComputers(page, [1, 2, 3, 4]);
    const deal = fixedDeal();
    assert.equal(new Set(deal).size, 32);
    await roomPush(page, roomId, 'start', { deals: [deal], dealer: 4 });

    const hand = page.getByRole('group', { name: 'Your hand' });
    await page.getByRole('status').filter({ hasText: 'Pick up the blind, or pass?' }).waitFor({ timeout: 15000 });
    assert.equal(await hand.getByRole('button').count(), 6);
    await screenshot(page, 'sheepshead-pick');
    await page.getByRole('button', { name: 'Pick up the blind' }).click();

    // Bury: the blind's two spades join the hand; select them and confirm.
    await page.getByRole('status').filter({ hasText: 'Choose the cards to bury.' }).waitFor();
    assert.equal(await hand.getByRole('button').count(), 8, 'the blind joins the hand');
    const bury = page.getByRole('button', { name: 'Bury these cards' });
    assert.ok(await bury.isDisabled());
    for (const card of ['seven of spades', 'eight of spades']) {
      await hand.getByRole('button', { name: card }).click({ position: { x: 8, y: 30 } });
      await hand.getByRole('button', { name: card, pressed: true }).waitFor();
    }
    await page.getByText('(2 of 2 chosen)').waitFor();
    await bury.click();

    // The call: the aces of the suits held (clubs, hearts), or alone.
    await page.getByRole('status').filter({ hasText: 'Call a partner, or play alone.' }).waitFor();
    const calls = page.getByRole('group', { name: 'Call a partner' }).getByRole('button');
    assert.deepEqual(await calls.allTextContents(), ['Call the ace of clubs', 'Call the ace of hearts']);
    await page.getByRole('button', { name: 'Play alone' }).waitFor();
    assert.equal(await hand.getByRole('button').count(), 6, 'two cards buried');
    await screenshot(page, 'sheepshead-call');
    await calls.filter({ hasText: 'Call the ace of clubs' }).click();

    // Everyone's roles on the table; the person (left of the dealer) leads.
    await page.getByText('Called the ace of clubs', { exact: true }).waitFor();
    await page.getByText('You buried seven of spades and eight of spades').waitFor();
    await page.getByRole('group', { name: 'Pia (you)' }).getByText('picker', { exact: true }).waitFor();
    await page.getByRole('group', { name: 'Computer 5' }).getByText('dealer', { exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your turn to lead.' }).waitFor();
    await screenshot(page, 'sheepshead-table');

    // The first trick: we lead, the four computers follow.
    const lead = hand.getByRole('button', { disabled: false }).first();
    const led = await lead.getAttribute('aria-label');
    await lead.click({ position: { x: 8, y: 30 } });
    await hand.getByRole('button', { name: led, exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('img', { name: `You: ${led}`, exact: false }).waitFor();
    await page.getByRole('button', { name: 'Review last trick' }).waitFor({ timeout: 15000 });
    await screenshot(page, 'sheepshead-trick');
    assert.equal(await hand.getByRole('button').count(), 5);
  });
});
