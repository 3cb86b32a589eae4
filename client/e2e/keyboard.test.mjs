// Hearts with the keyboard only: the person (with three computer players)
// Tabs into the hand, chooses the three cards to pass with the arrow keys
// and Enter, Shift+Tabs to the pass button, then plays two whole tricks:
// arrow keys to a raised (legal) card, Enter to play it. Focus stays in the
// hand after a play, and the last trick can be reviewed from the keyboard.
// No mouse click plays or chooses a card.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addComputers, createRoom, enterLobby, scenario, screenshot, sit, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser({ serverArgs: ['--bot-delay-ms', '100'] });

/** What has the keyboard focus: its accessible label or text, and whether it is in the hand. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
      inHand: Boolean(el?.closest('[aria-label="Your hand"]')),
      disabled: el?.getAttribute('aria-disabled') === 'true' || el?.hasAttribute('disabled'),
      pressed: el?.getAttribute('aria-pressed'),
    };
  });
}

/** Presses `key` until `want(focused)` holds (at most `max` times). */
async function pressUntil(page, key, want, max = 30) {
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (want(f)) return f;
    await page.keyboard.press(key);
  }
  throw new Error(`pressing ${key} ${max} times never focused what we wanted (now: ${JSON.stringify(await focused(page))})`);
}

test('Hearts played with the keyboard only: the pass and two tricks', { skip: env.skip, timeout: 120000 }, async () => {
  const visitors = [];
  await scenario(env, 'keyboard', visitors, async () => {
    const me = await enterLobby(env, 'Kai');
    visitors.push(me);
    const { page } = me;
    await createRoom(page, { title: 'Hearts' });
    await sit(page, 0);
    await addComputers(page, [1, 2, 3]);
    await page.getByRole('button', { name: 'Start the game' }).press('Enter');

    const hand = page.getByRole('group', { name: 'Your hand' });
    await hand.getByRole('button').nth(12).waitFor({ timeout: 15000 });

    // The pass: Tab into the hand (one tab stop), Enter selects, arrows move.
    await page.locator('body').focus();
    await pressUntil(page, 'Tab', (f) => f.inHand);
    for (let k = 0; k < 3; k++) {
      if (k > 0) await page.keyboard.press('ArrowRight');
      assert.equal((await focused(page)).pressed, 'false');
      await page.keyboard.press('Enter');
      await page.getByText(`(${k + 1} of 3 chosen)`).waitFor();
      assert.equal((await focused(page)).pressed, 'true', 'Enter selects the focused card');
    }
    await pressUntil(page, 'Shift+Tab', (f) => f.label.startsWith('Pass left to '));
    await page.keyboard.press('Enter');
    await page.getByText(/^You received .+ from /).waitFor({ timeout: 15000 });

    for (let trick = 1; trick <= 2; trick++) {
      await page.getByRole('status').filter({ hasText: /^Your turn/ }).waitFor({ timeout: 15000 });
      if (!(await focused(page)).inHand) await pressUntil(page, 'Tab', (f) => f.inHand);
      // Arrow keys to the first raised (legal) card, Enter plays it.
      await page.keyboard.press('Home');
      const card = await pressUntil(page, 'ArrowRight', (f) => f.inHand && !f.disabled, 14);
      await page.keyboard.press('Enter');
      await hand.getByRole('button', { name: card.label, exact: true }).waitFor({ state: 'detached' });
      assert.ok((await focused(page)).inHand, 'focus stays in the hand after a play');
      assert.equal(await hand.getByRole('button').count(), 13 - trick);

      // Review the trick once it is won (it holds our card), from the keyboard:
      // the button comes right after the hand.
      await page.getByRole('button', { name: /^(Review|Hide) last trick$/ }).waitFor({ timeout: 15000 });
      await pressUntil(page, 'Tab', (f) => /^(Review|Hide) last trick$/.test(f.label), 3);
      if ((await focused(page)).label === 'Review last trick') await page.keyboard.press('Enter');
      const list = page.getByRole('list').filter({ hasText: ' — won' });
      await list.getByText(`You: ${card.label}`).waitFor({ timeout: 15000 });
      assert.equal(await list.getByRole('listitem').filter({ hasText: /: / }).count(), 4, 'four cards in a trick');
      assert.equal(await list.getByText(/ — won$/).count(), 1, 'one winner');
      if (trick === 1) await screenshot(page, 'keyboard-trick');
      await page.keyboard.press('Enter'); // hide it again
      await pressUntil(page, 'Shift+Tab', (f) => f.inHand);
    }
  });
});
