// Four people, one private Hearts room: the host creates it from the lobby and
// reads the invite link off the page; three others open that link (name step,
// then the table) and sit; the host starts. They play one complete hand by
// clicking raised (legal) cards only: the pass (select three, confirm), then
// all 13 tricks, until the end-of-hand summary shows. Checked on screen:
// hand sizes shrink trick by trick, every trick's winner is shown to all four
// and leads the next trick, and the summary's points sum to 26 (or show a moon).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cellNumber, chooseName, createRoom, enterLobby, newVisitor, scenario, screenshot, sit, useServerAndBrowser,
} from './harness.mjs';

const env = useServerAndBrowser();
const NAMES = ['Ada', 'Bo', 'Cy', 'Di'];

test('four visitors play a hand of Hearts in a private room opened by invite', { skip: env.skip, timeout: 180000 }, async () => {
  const visitors = [];
  await scenario(env, 'hearts-invite', visitors, async () => {
    const host = await enterLobby(env, NAMES[0]);
    visitors.push(host);
    await createRoom(host.page, { title: 'Hearts', isPrivate: true });
    await host.page.getByRole('heading', { name: /Hearts/ }).getByText('private').waitFor();

    // The invite link, as a person would copy it from the page.
    await host.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await host.page.getByText('Invite', { exact: true }).click();
    await host.page.getByRole('button', { name: 'Copy link' }).click();
    await host.page.getByRole('button', { name: 'Copied' }).waitFor();
    const link = await host.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, await host.page.getByLabel('Invite link').inputValue(), 'the copied link is the one shown');
    assert.match(link, new RegExp(`^${env.server.url}/room/[^/?]+\\?invite=.+`), 'a private room shares a link with its invite');
    await sit(host.page, 0);

    // Without the invite, a private room stays closed.
    const stranger = await newVisitor(env.browser);
    visitors.push(stranger);
    await stranger.page.goto(link.replace(/\?.*$/, ''));
    await chooseName(stranger.page, 'Eve');
    await stranger.page.getByRole('alert').filter({ hasText: /private/ }).waitFor();

    for (let seat = 1; seat < 4; seat++) {
      const v = await newVisitor(env.browser);
      visitors.push(v);
      await v.page.goto(link);
      await v.page.getByText('You were invited to a table').waitFor();
      await chooseName(v.page, NAMES[seat]);
      await v.page.getByRole('heading', { name: 'Seats' }).waitFor();
      await sit(v.page, seat);
    }
    const players = [host, ...visitors.slice(2)];
    const pages = players.map((v) => v.page);
    await host.page.getByRole('button', { name: 'Start the game' }).click();

    const hands = pages.map((p) => p.getByRole('group', { name: 'Your hand' }));
    const cardsIn = (hand) => hand.getByRole('button');
    const legalIn = (hand) => hand.getByRole('button', { disabled: false });
    await Promise.all(hands.map((h) => cardsIn(h).nth(12).waitFor({ timeout: 15000 })));
    await host.page.getByText('In play', { exact: true }).waitFor();
    for (const h of hands) assert.equal(await cardsIn(h).count(), 13);
    await screenshot(host.page, 'hearts-pass');

    // The pass: select three raised cards, then confirm. The first hand passes left.
    for (const [seat, page] of pages.entries()) {
      const confirm = page.getByRole('button', { name: `Pass left to ${NAMES[(seat + 1) % 4]}` });
      await confirm.waitFor();
      assert.ok(await confirm.isDisabled(), 'no pass before three cards are chosen');
      for (let k = 0; k < 3; k++) {
        const card = hands[seat].getByRole('button', { pressed: false, disabled: false }).first();
        await card.click({ position: { x: 8, y: 30 } });
        await page.getByText(`(${k + 1} of 3 chosen)`).waitFor();
      }
      await confirm.click();
    }
    await Promise.all(pages.map((p) => p.getByText(/^You received .+ from /).waitFor({ timeout: 15000 })));
    for (const h of hands) assert.equal(await cardsIn(h).count(), 13, 'a pass keeps 13 cards');

    // Whoever holds the two of clubs leads.
    let leader = -1;
    for (const [seat, h] of hands.entries()) {
      if (await h.getByRole('button', { name: 'two of clubs' }).count()) leader = seat;
    }
    assert.notEqual(leader, -1, 'someone holds the two of clubs');

    for (let trick = 0; trick < 13; trick++) {
      for (let k = 0; k < 4; k++) {
        const seat = (leader + k) % 4;
        const page = pages[seat];
        await page.getByRole('status').filter({ hasText: /^Your turn/ }).waitFor({ timeout: 15000 });
        const card = legalIn(hands[seat]).first();
        const name = await card.getAttribute('aria-label');
        if (trick === 0 && k === 0) assert.equal(name, 'two of clubs', 'the only legal lead is the two of clubs');
        await card.click({ position: { x: 8, y: 30 } });
        await hands[seat].getByRole('button', { name, exact: true }).waitFor({ state: 'detached' });
        // Everyone sees the card in the middle (until the trick is gathered).
        if (k < 3) await pages[(seat + 1) % 4].getByRole('img', { name: `${NAMES[seat]}: ${name}`, exact: true }).waitFor();
      }
      if (trick === 0) {
        await screenshot(host.page, 'hearts-trick-won');
        // The same table on a phone.
        await host.page.setViewportSize({ width: 360, height: 780 });
        await screenshot(host.page, 'hearts-trick-phone');
        await host.page.setViewportSize({ width: 1100, height: 900 });
      }
      if (trick < 12) {
        // Every page names the same winner, who leads the next trick.
        const said = await Promise.all(
          pages.map(async (p) => {
            const line = p.getByText(/ won the trick$/);
            await line.waitFor();
            return line.textContent();
          }),
        );
        const winner = said.findIndex((t) => t === 'You won the trick');
        assert.notEqual(winner, -1, `one player is told they won the trick: ${said}`);
        for (const [seat, t] of said.entries()) {
          if (seat !== winner) assert.equal(t, `${NAMES[winner]} won the trick`);
        }
        leader = winner;
      }
      for (const h of hands) {
        const left = 12 - trick;
        if (left > 0) assert.equal(await cardsIn(h).count(), left, `after trick ${trick + 1} each hand holds ${left}`);
      }
      // The others' card counts on the seat badges shrink too.
      if (trick < 12) await pages[0].getByText(`${12 - trick} cards`).first().waitFor();
    }

    // The end-of-hand summary: 26 points handed out, or a moon.
    const summary = host.page.getByRole('region', { name: 'Hand 1 results' });
    await summary.waitFor({ timeout: 15000 });
    const rows = summary.getByRole('row');
    assert.equal(await rows.count(), 5, 'a header and four players');
    const points = [];
    for (let r = 1; r <= 4; r++) {
      const cells = rows.nth(r).getByRole('cell');
      points.push(cellNumber(await cells.nth(0).textContent()));
    }
    const total = points.reduce((a, b) => a + b, 0);
    const moon = await summary.getByText(/shot the moon/).count();
    if (moon) assert.ok(total === 78 || total === -26, `a moon hands out 3 × 26 or −26: ${points}`);
    else assert.equal(total, 26, `a hand hands out 26 points: ${points}`);
    for (const p of pages.slice(1)) await p.getByRole('region', { name: 'Hand 1 results' }).waitFor();
    await screenshot(host.page, 'hearts-summary');
  });
});
