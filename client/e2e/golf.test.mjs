// Golf, two seats (the person and a computer), six-card grids: at the start
// the person turns up the two cards the rules ask for; then, on their turns,
// draws from the stock and swaps the card into the grid, and next time draws
// and discards it, turning a face-down card up. After each turn the turn
// passes to the computer and comes back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addComputers, createRoom, enterLobby, scenario, screenshot, sit, useServerAndBrowser } from './harness.mjs';

// The computer waits 1.2 s before it moves: time enough to see that the turn
// went to it (and what it found on the discard pile), also on a slow build.
const env = useServerAndBrowser({ serverArgs: ['--bot-delay-ms', '1200'] });

test('a Golf turn: reveal, draw and swap, draw and discard, and the turn passes', { skip: env.skip, timeout: 120000 }, async () => {
  const visitors = [];
  await scenario(env, 'golf', visitors, async () => {
    const me = await enterLobby(env, 'Gus');
    visitors.push(me);
    const { page } = me;
    await createRoom(page, { title: 'Golf', players: 2 });
    await sit(page, 0);
    await addComputers(page, [1]);
    await page.getByRole('button', { name: 'Start the game' }).click();

    const grid = page.getByRole('group', { name: 'Your grid' });
    const faceDown = grid.getByRole('button', { name: /: face down$/ });
    const statusIs = (text) => page.getByRole('status').filter({ hasText: text });
    await statusIs('Choose the cards to turn face up.').waitFor({ timeout: 15000 });
    assert.equal(await grid.getByRole('button').count(), 6);
    assert.equal(await faceDown.count(), 6, 'every card starts face down');
    await page.getByText('Hole 1 of 9').waitFor();

    // The initial reveal: two cards of our choice (6-card Golf).
    const confirm = page.getByRole('button', { name: 'Turn these cards up' });
    for (let k = 0; k < 2; k++) {
      assert.ok(await confirm.isDisabled(), 'not before two cards are chosen');
      await grid.getByRole('button', { pressed: false, disabled: false }).first().click();
      await page.getByText(`(${k + 1} of 2 chosen)`).waitFor();
    }
    await confirm.click();
    await faceDown.nth(4).waitFor({ state: 'detached' });
    assert.equal(await faceDown.count(), 4, 'two cards turned up');
    await screenshot(page, 'golf-revealed');

    // Turn 1: draw from the stock, swap the card into a face-down place.
    const myTurn = statusIs('Your turn: draw from the stock or take the discard.');
    await myTurn.waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: /^Stock, \d+ cards: draw a card$/ }).click();
    const drew = statusIs(/^You drew the .+: put it in your grid, or discard it\.$/);
    await drew.waitFor();
    const drawn = /You drew the (.+): put/.exec(await drew.textContent())[1];
    await page.getByRole('img', { name: `Drawn card: ${drawn}` }).waitFor();
    await screenshot(page, 'golf-drawn');
    const place = faceDown.first();
    const where = (await place.getAttribute('aria-label')).replace(/: face down$/, '');
    await place.click();
    await grid.getByRole('button', { name: `${where}: ${drawn}`, exact: true }).waitFor();
    assert.equal(await faceDown.count(), 3);
    // The replaced card lies on the discard pile, and the turn passes.
    await page.getByRole('button', { name: /^Discard pile: / }).waitFor();
    await statusIs('Waiting for Computer 2.').waitFor();

    // Turn 2 (after the computer's): draw, discard it, turn a card up.
    await myTurn.waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: /^Stock, \d+ cards: draw a card$/ }).click();
    await drew.waitFor();
    const second = /You drew the (.+): put/.exec(await drew.textContent())[1];
    await page.getByRole('button', { name: `Discard the drawn card, ${second}` }).click();
    await statusIs('Choose a face-down card to turn up.').waitFor();
    await page.getByRole('button', { name: 'Discard without turning a card' }).waitFor();
    const flip = faceDown.first();
    const flipped = (await flip.getAttribute('aria-label')).replace(/: face down$/, '');
    await flip.click();
    await grid.getByRole('button', { name: new RegExp(`^${flipped}: (?!face down)`) }).waitFor();
    assert.equal(await faceDown.count(), 2);
    await page.getByRole('button', { name: `Discard pile: ${second}` }).waitFor();
    await statusIs('Waiting for Computer 2.').waitFor();
    await screenshot(page, 'golf-table');
  });
});
