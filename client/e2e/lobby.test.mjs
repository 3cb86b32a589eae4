// First visit: open the page, choose a name, see the lobby (the `lobby` topic
// joined: presence lists us, the page says Connected). Then a reload keeps
// the session (token renewal) and lands in the lobby again without the name
// step. Needs the real server binary (PARLOR_BIN) and a built client.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseName, newVisitor, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

test('a new visitor chooses a name and lands in the lobby', { skip: env.skip }, async () => {
  const { context, page } = await newVisitor(env.browser);
  try {
    await page.goto(`${env.server.url}/`);
    await page.getByLabel('Choose a display name').waitFor();
    await screenshot(page, 'name-step');

    await chooseName(page, 'Ada');
    await page.getByRole('heading', { name: 'Quick play' }).waitFor();
    await page.getByRole('heading', { name: 'Open rooms' }).waitFor();
    // Joined the lobby topic: presence lists us and the socket is open.
    await page.locator('.online-list li', { hasText: 'Ada' }).waitFor({ timeout: 10000 });
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await screenshot(page, 'lobby');

    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('parlor.session') ?? 'null'));
    assert.equal(stored?.name, 'Ada');
    assert.ok(stored?.token, 'the token is remembered');

    await page.reload();
    await page.getByRole('heading', { name: 'Quick play' }).waitFor();
    assert.equal(await page.getByLabel('Choose a display name').count(), 0, 'no name step after a reload');
    assert.deepEqual(page.problems, [], `browser errors:\n${page.problems.join('\n')}`);
  } catch (err) {
    await screenshot(page, 'lobby-failure').catch(() => {});
    throw new Error(`${err.message}\n--- server log ---\n${env.server.log().slice(-4000)}`);
  } finally {
    await context.close();
  }
});
