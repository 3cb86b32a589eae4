// Spades with computer players, on a phone-sized screen (360 px wide): the
// host creates a table, sits, fills the other seats with computers and
// starts; when the bid comes round, the person bids with the bid control and
// the bid shows on their seat; once everyone has bid, the team contract is
// the sum of the two partners' bids.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addComputers, createRoom, enterLobby, scenario, screenshot, sit, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser({ serverArgs: ['--bot-delay-ms', '150'] });

/** A seat's bid as its badge shows it: "bid 4" -> 4, "nil" -> 0. */
async function shownBid(page, seatName) {
  const line = page.getByRole('group', { name: seatName, exact: true }).getByText(/^(bid \d+|nil|blind nil)$/);
  await line.waitFor({ timeout: 15000 });
  const t = await line.textContent();
  return t.startsWith('bid ') ? Number(t.slice(4)) : 0;
}

test('a person bids at a Spades table with computer players', { skip: env.skip, timeout: 120000 }, async () => {
  const visitors = [];
  await scenario(env, 'spades-bid', visitors, async () => {
    const me = await enterLobby(env, 'Sam', { width: 360, height: 780 });
    visitors.push(me);
    const { page } = me;
    await createRoom(page, { title: 'Spades' });
    await sit(page, 0);
    await addComputers(page, [1, 2, 3]);
    await page.getByRole('button', { name: 'Start the game' }).click();

    const hand = page.getByRole('group', { name: 'Your hand' });
    await hand.getByRole('button').nth(12).waitFor({ timeout: 15000 });
    assert.equal(await hand.getByRole('button').count(), 13);

    // The bid control appears when it is our turn to bid.
    const bids = page.getByRole('group', { name: 'Your bid' });
    await bids.waitFor({ timeout: 15000 });
    await page.getByRole('status').filter({ hasText: 'Your bid: how many tricks will you take?' }).waitFor();
    assert.equal(await bids.getByRole('button').count(), 14, 'bids from nil to 13');
    await screenshot(page, 'spades-bid-phone');
    await bids.getByRole('button', { name: 'Bid 3 tricks' }).click();

    // The bid shows on our seat, and the control goes away.
    assert.equal(await shownBid(page, 'Sam (you)'), 3);
    await bids.waitFor({ state: 'detached' });

    // Everyone bids; the team contract adds the partners' bids.
    const partner = await shownBid(page, 'Computer 3');
    const left = await shownBid(page, 'Computer 2');
    const right = await shownBid(page, 'Computer 4');
    const facts = page.getByText(/^Contracts: \d+ and \d+$/);
    await facts.waitFor({ timeout: 15000 });
    assert.equal(await facts.textContent(), `Contracts: ${3 + partner} and ${left + right}`);
    await screenshot(page, 'spades-table-phone');
  });
});
