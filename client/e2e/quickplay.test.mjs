// Quick play Hearts: a table with computer players starts for us, the hand
// shows 13 cards, and selecting three enables a legal pass that the server
// accepts. Needs rooms wired into the server (the `room:<id>` topic and
// computer players).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseName, newVisitor, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

test('quick play Hearts opens a table and a legal pass is accepted', { skip: env.skip }, async () => {
  const { context, page } = await newVisitor(env.browser, { width: 1000 });
  try {
    await page.goto(`${env.server.url}/`);
    await chooseName(page, 'Bea');
    await page.getByRole('button', { name: 'Hearts', exact: true }).click();
    await page.waitForURL(/\/room\//);
    const hand = page.getByRole('group', { name: 'Your hand' });
    await hand.locator('button.card').first().waitFor({ timeout: 15000 });
    assert.equal(await hand.locator('button.card').count(), 13);
    await screenshot(page, 'hearts-table');

    // First hand: pass 3 cards (the confirm button enables on a legal pass).
    const confirm = page.getByRole('button', { name: /^Pass / });
    if (await confirm.count()) {
      const cards = hand.locator('button.card');
      for (const i of [0, 1, 2]) await cards.nth(i).click({ position: { x: 8, y: 30 } });
      assert.ok(await confirm.isEnabled(), 'three cards make a legal pass');
      await confirm.click();
      await page.getByText(/Waiting for the others to pass|Your turn|Waiting for/).first().waitFor({ timeout: 15000 });
    }
    await screenshot(page, 'hearts-after-pass');
    assert.deepEqual(page.problems, [], `browser errors:\n${page.problems.join('\n')}`);
  } catch (err) {
    await screenshot(page, 'quickplay-failure').catch(() => {});
    throw new Error(`${err.message}\n--- server log ---\n${env.server.log().slice(-4000)}`);
  } finally {
    await context.close();
  }
});
