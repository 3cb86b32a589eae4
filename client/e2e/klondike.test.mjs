// Klondike on a fixed deal (test mode: the host's `start` carries `deals`),
// won by clicks only: the deal is built so that every stock card goes
// straight to a foundation when drawn, and the tableau's cards, taken in
// order, each go to a foundation and turn up the card below. Once the stock
// and waste are empty and every tableau card is face up, Auto-complete
// finishes the game, and the win screen shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRoom, enterLobby, roomPush, scenario, screenshot, sit, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

const RANKS = ['A', '2', '3', '4', '5', '6', '7', '8', '9', 'T', 'J', 'Q', 'K'];
const RANK_WORDS = ['ace', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'jack', 'queen', 'king'];
const SUIT_WORDS = { C: 'clubs', D: 'diamonds', H: 'hearts', S: 'spades' };
const nameOf = (card) => `${RANK_WORDS[RANKS.indexOf(card[0])]} of ${SUIT_WORDS[card[1]]}`;
const suitRun = (suit) => RANKS.map((r) => r + suit);
// Each suit builds on its own foundation.
const FOUNDATION = { C: 1, D: 2, H: 3, S: 4 };

// The stock (top first): clubs ace to king, then diamonds ace to jack.
const STOCK = [...suitRun('C'), ...suitRun('D').slice(0, 11)];
// The other 28 cards in the order they can go up: QD KD, the hearts, the spades.
const PLAY = ['QD', 'KD', ...suitRun('H'), ...suitRun('S')];

/**
 * Column c (1-7) gets c cards. Rows 1..c-1 of the columns hold PLAY[0..20],
 * each column's top (face-up) card being the lowest in PLAY order, so the
 * next card of PLAY is always on top of its column; row 0 (the bottom card
 * of each column) holds PLAY[21..27], the last to go up.
 * The deck is then read in the deal order of rule 3.2: row by row, for row r
 * the columns r+1..7; d[28..51] is the stock with d[28] on top.
 */
function fixedDeal() {
  const columns = Array.from({ length: 7 }, (_, i) => Array(i + 1).fill(null)); // [column][row]
  let next = 0;
  for (let c = 2; c <= 7; c++) {
    for (let j = 0; j < c - 1; j++) columns[c - 1][c - 1 - j] = PLAY[next++];
  }
  for (let c = 1; c <= 7; c++) columns[c - 1][0] = PLAY[21 + c - 1];
  const d = [];
  for (let r = 0; r < 7; r++) for (let c = r + 1; c <= 7; c++) d.push(columns[c - 1][r]);
  return { deck: [...d, ...STOCK], columns };
}

test('Klondike on a fixed deal is won by clicks', { skip: env.skip, timeout: 120000 }, async () => {
  const visitors = [];
  await scenario(env, 'klondike', visitors, async () => {
    const me = await enterLobby(env, 'Kim');
    visitors.push(me);
    const { page } = me;
    const roomId = await createRoom(page, { title: 'Klondike' });
    await sit(page, 0);
    const { deck, columns } = fixedDeal();
    assert.equal(new Set(deck).size, 52);
    await roomPush(page, roomId, 'start', { deals: [deck] });

    const stock = page.getByRole('button', { name: /^Stock, \d+ cards: draw$/ });
    await stock.waitFor({ timeout: 15000 });
    // The layout as dealt: each column's top card face up.
    for (let c = 1; c <= 7; c++) {
      const top = columns[c - 1][c - 1];
      await page.getByRole('group', { name: `column ${c}, ${c} cards` })
        .getByRole('button', { name: `${nameOf(top)}, column ${c}` }).waitFor();
    }
    await screenshot(page, 'klondike-deal');

    const onFoundations = (n) => page.getByText(`${n} of 52`, { exact: true });
    let moved = 0;
    /** Click-to-move: pick the card up, then click its foundation. */
    async function toFoundation(card, from) {
      const f = FOUNDATION[card[1]];
      await page.getByRole('button', { name: `${nameOf(card)}, ${from}` }).click();
      await page.getByRole('button', { name: new RegExp(`^.*foundation ${f}(, empty)?: put the card here$`) }).click();
      await page.getByRole('button', { name: `${nameOf(card)}, foundation ${f}` }).waitFor();
      moved++;
      await onFoundations(moved).waitFor();
    }

    // The stock: draw each card and put it up.
    for (const card of STOCK) {
      await stock.click();
      await toFoundation(card, 'waste pile');
    }
    assert.equal(await page.getByRole('button', { name: 'Stock is empty: turn the waste over' }).count(), 0,
      'nothing left to recycle');

    // The tableau: the next card in PLAY order is always on top of its column.
    const columnOf = (card) => columns.findIndex((col) => col.includes(card)) + 1;
    const autoComplete = page.getByRole('button', { name: 'Auto-complete' });
    for (const card of PLAY) {
      if (await autoComplete.count()) break;
      await toFoundation(card, `column ${columnOf(card)}`);
    }
    assert.equal(moved, 24 + 21, 'auto-complete is offered once every card is face up, not before');
    await screenshot(page, 'klondike-before-auto');
    await autoComplete.click();

    // The win screen.
    await page.getByRole('heading', { name: 'You won!' }).waitFor({ timeout: 15000 });
    await onFoundations(52).waitFor();
    await page.getByText('Won!', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'New deal' }).first().waitFor();
    await screenshot(page, 'klondike-won');
  });
});
