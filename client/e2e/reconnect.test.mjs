// A dropped connection at a Spades table with computer players: the person
// bids, then their network goes away (the browser goes offline and its
// socket closes). The page says the connection is lost; meanwhile the
// computers bid, as a second visitor watching the table sees. When the
// network comes back the page reconnects by itself (no reload) and shows
// the current table: the computers' bids and the person's turn to lead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addComputers, createRoom, dropConnection, enterLobby, roomPush, scenario, screenshot, sit, useServerAndBrowser,
} from './harness.mjs';

// Default computer delay (700 ms a move): the three bids take about two
// seconds, long after the connection is cut.
const env = useServerAndBrowser();
const BOTS = ['Computer 2', 'Computer 3', 'Computer 4'];
const BID_LINE = /^(bid \d+|nil)$/;

test('a dropped connection comes back by itself with the current table', { skip: env.skip, timeout: 120000 }, async () => {
  const visitors = [];
  await scenario(env, 'reconnect', visitors, async () => {
    const me = await enterLobby(env, 'Rex', { trackSockets: true });
    visitors.push(me);
    const { page } = me;
    const roomId = await createRoom(page, { title: 'Spades' });
    await sit(page, 0);
    await addComputers(page, [1, 2, 3]);

    const watcher = await enterLobby(env, 'Wes');
    visitors.push(watcher);
    await watcher.page.goto(page.url());
    await watcher.page.getByText('you are watching').waitFor();

    // Seat 3 deals, so the person (seat 0) bids first.
    await roomPush(page, roomId, 'start', { dealer: 3 });
    const bids = page.getByRole('group', { name: 'Your bid' });
    await bids.waitFor({ timeout: 15000 });
    await bids.getByRole('button', { name: 'Bid 4 tricks' }).click();
    await page.getByRole('group', { name: 'Rex (you)' }).getByText('bid 4').waitFor();

    // The network goes away.
    const cut = await dropConnection(me);
    const botBids = (p) => Promise.all(BOTS.map((b) => p.getByRole('group', { name: b }).getByText(BID_LINE).count()));
    const seenBefore = (await botBids(page)).reduce((a, b) => a + b, 0);
    await page.getByRole('status').filter({ hasText: 'Connection lost, reconnecting…' }).waitFor({ timeout: 10000 });
    await page.getByRole('status').filter({ hasText: 'Rejoining…' }).waitFor();
    await screenshot(page, 'reconnect-offline');

    // Meanwhile the computers bid; the watcher sees them and the person's
    // seat shown as disconnected.
    const wp = watcher.page;
    await wp.getByRole('group', { name: 'Rex' }).getByText(/^, disconnected$/).waitFor({ timeout: 10000 });
    for (const b of BOTS) await wp.getByRole('group', { name: b }).getByText(BID_LINE).waitFor({ timeout: 15000 });
    await wp.getByRole('status').filter({ hasText: 'Waiting for Rex.' }).waitFor({ timeout: 15000 });
    assert.ok(seenBefore < BOTS.length, 'some bids were made while the person was away');
    // Still offline: the person's page has not seen them.
    assert.equal((await botBids(page)).reduce((a, b) => a + b, 0), seenBefore);

    // The network comes back: reconnected by itself, with the current table.
    await cut.restore();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 20000 });
    await page.getByRole('status').filter({ hasText: 'Rejoining…' }).waitFor({ state: 'detached' });
    for (const b of BOTS) await page.getByRole('group', { name: b }).getByText(BID_LINE).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your turn to lead.' }).waitFor();
    await page.getByText(/^Contracts: \d+ and \d+$/).waitFor();
    await wp.getByRole('group', { name: 'Rex' }).getByText(/^, connected$/).waitFor({ timeout: 10000 });
    await screenshot(page, 'reconnect-back');

    // And the table works: a legal lead is accepted.
    const hand = page.getByRole('group', { name: 'Your hand' });
    const card = hand.getByRole('button', { disabled: false }).first();
    const name = await card.getAttribute('aria-label');
    await card.click({ position: { x: 8, y: 30 } });
    await hand.getByRole('button', { name, exact: true }).waitFor({ state: 'detached' });
    assert.equal(await hand.getByRole('button').count(), 12);
  }, { allowProblems: [/WebSocket connection to .* failed/] });
});
