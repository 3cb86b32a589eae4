// End-to-end harness: starts the real server binary on a free port with a
// fresh data directory and the built client, drives headless Chromium through
// playwright-core, and saves screenshots in e2e/artifacts/ (gitignored).
//
// Pages are always loaded from the server's own origin: Chromium blocks
// WebSocket connections to 127.0.0.1 from about:blank.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CLIENT_DIR = path.resolve(here, '..');
export const REPO_DIR = path.resolve(CLIENT_DIR, '..');
export const ARTIFACTS = path.join(here, 'artifacts');

/**
 * The server binary: PARLOR_BIN, else the Release build of scripts/run.sh.
 * Returns null when neither exists (the tests then skip and say why).
 */
export function serverBinary() {
  if (process.env.PARLOR_BIN) {
    if (!existsSync(process.env.PARLOR_BIN)) throw new Error(`PARLOR_BIN=${process.env.PARLOR_BIN} does not exist`);
    return process.env.PARLOR_BIN;
  }
  const release = path.join(REPO_DIR, 'build/release/src/app/parlor');
  return existsSync(release) ? release : null;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `parlor serve --test-mode` and resolves once it answers HTTP.
 * `args` adds flags (e.g. `['--bot-delay-ms', '100']` for faster computer players).
 * Returns {url, port, dataDir, log(), stop()}.
 */
export async function startServer({ bin = serverBinary(), staticDir = path.join(CLIENT_DIR, 'dist'), timeoutMs = 20000, args: extra = [] } = {}) {
  if (!bin) throw new Error('no server binary: set PARLOR_BIN');
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error(`no built client in ${staticDir}: run npm run build`);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parlor-e2e-'));
  const args = ['serve', '--test-mode', '--port', String(port), '--data', dataDir, '--static', staticDir, ...extra];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before it answered:\n${output}`);
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    dataDir,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PARLOR_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh browser context (its own localStorage: a new visitor) with a page
 * that records console errors and uncaught exceptions in `page.problems`.
 */
export async function newVisitor(browser, { width = 1100, height = 900, trackSockets = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  // Remembers the page's WebSockets so that a test can cut them (dropConnection).
  if (trackSockets) {
    await context.addInitScript(() => {
      const Native = window.WebSocket;
      window.__parlorSockets = [];
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          window.__parlorSockets.push(this);
        }
      };
    });
  }
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
  });
  return { context, page };
}

/**
 * Cuts a visitor's network like a dropped Wi-Fi: the browser goes offline and
 * its open WebSockets close (offline emulation alone leaves them open), so the
 * phoenix client starts reconnecting and keeps failing until `restore()`.
 * Needs a visitor made with `trackSockets: true`.
 */
export async function dropConnection({ context, page }) {
  await context.setOffline(true);
  const closed = await page.evaluate(() => {
    let n = 0;
    for (const ws of window.__parlorSockets ?? []) {
      if (ws.readyState <= 1) {
        ws.close(4000, 'network lost (test)');
        n++;
      }
    }
    return n;
  });
  if (closed === 0) throw new Error('no open WebSocket to cut (visitor made without trackSockets?)');
  return { restore: () => context.setOffline(false) };
}

/** Saves a full-page screenshot as e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // Finished CSS animations (a card sliding in) are drawn at their end state.
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** The name step: type a display name and enter. */
export async function chooseName(page, name) {
  await page.getByLabel('Choose a display name').fill(name);
  await page.getByRole('button', { name: 'Enter' }).click();
}

// The usual frame of an end-to-end test file: one real server and one browser
// for the whole file, started in before() and stopped in after(). Returns an
// object whose `server` and `browser` are set once before() has run, and
// `skip`: false, or why the file's tests cannot run here. `serverArgs` are
// extra `parlor serve` flags.
export function useServerAndBrowser({ serverArgs = [] } = {}) {
  const bin = serverBinary();
  const env = { server: undefined, browser: undefined, skip: bin ? false : 'no server binary (set PARLOR_BIN)' };
  before(async () => {
    if (!bin) return;
    env.server = await startServer({ bin, args: serverArgs });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Opens the site as a new visitor, chooses `name` and waits for the lobby. */
export async function enterLobby(env, name, size) {
  const visitor = await newVisitor(env.browser, size);
  await visitor.page.goto(`${env.server.url}/`);
  await chooseName(visitor.page, name);
  await visitor.page.getByRole('heading', { name: 'Quick play' }).waitFor();
  return visitor;
}

/**
 * Creates a room from the lobby's create-room form and waits for its page.
 * Returns the room id (the page's URL then holds the invite of a private room).
 */
export async function createRoom(page, { game, title, isPrivate = false, players } = {}) {
  const form = page.getByRole('form', { name: 'Create a room' });
  await form.getByRole('radio', { name: new RegExp(`^${title}\\b`) }).check();
  if (players !== undefined) await form.getByLabel('Players', { exact: true }).selectOption(String(players));
  if (isPrivate) await form.getByLabel(/^Private/).check();
  await form.getByRole('button', { name: `Create ${title} room` }).click();
  await page.waitForURL(/\/room\//);
  await page.getByRole('heading', { name: 'Seats' }).waitFor();
  return roomIdOf(page);
}

/** The room id in the page's URL. */
export function roomIdOf(page) {
  const m = /\/room\/([^/?#]+)/.exec(page.url());
  if (!m) throw new Error(`not at a room: ${page.url()}`);
  return decodeURIComponent(m[1]);
}

/** Sits in `seat` (0-based) before the start and waits until the seat is ours. */
export async function sit(page, seat) {
  await page.getByRole('button', { name: `Sit here (seat ${seat + 1})` }).click();
  await page.getByRole('button', { name: 'Stand up' }).waitFor();
}

/** The host fills the given seats (0-based) with computer players. */
export async function addComputers(page, seats) {
  for (const seat of seats) {
    await page.getByRole('button', { name: `Add computer to seat ${seat + 1}` }).click();
    await page.getByRole('button', { name: `Remove computer from seat ${seat + 1}` }).waitFor();
  }
}

/**
 * Sends one event on `room:<id>` over a second, raw Phoenix V2 socket opened
 * in the page with the page's own session, and resolves with the reply's
 * payload (rejects on an error reply). The client has no control for the
 * test-mode-only parts of some pushes (the host's `start` with fixed `deals`
 * and `dealer`): this is how the tests send them. The socket is closed again
 * before it resolves.
 */
export async function roomPush(page, roomId, event, payload = {}, joinParams = {}) {
  const reply = await page.evaluate(
    ({ topic, event, payload, joinParams }) =>
      new Promise((resolve) => {
        const { token } = JSON.parse(localStorage.getItem('parlor.session') ?? '{}');
        const url = `${location.origin.replace(/^http/, 'ws')}/socket/websocket?vsn=2.0.0&token=${encodeURIComponent(token)}`;
        const ws = new WebSocket(url);
        const done = (r) => {
          ws.close();
          resolve(r);
        };
        const timer = setTimeout(() => done({ status: 'timeout', response: {} }), 10000);
        ws.onerror = () => done({ status: 'socket_error', response: {} });
        ws.onopen = () => ws.send(JSON.stringify(['1', '1', topic, 'phx_join', joinParams]));
        ws.onmessage = (e) => {
          const [, ref, , ev, body] = JSON.parse(e.data);
          if (ev !== 'phx_reply') return;
          if (ref === '1') {
            if (body.status !== 'ok') {
              clearTimeout(timer);
              done(body);
            } else {
              ws.send(JSON.stringify(['1', '2', topic, event, payload]));
            }
          } else if (ref === '2') {
            clearTimeout(timer);
            done(body);
          }
        };
      }),
    { topic: `room:${roomId}`, event, payload, joinParams },
  );
  if (reply.status !== 'ok') throw new Error(`${event} refused: ${JSON.stringify(reply)}`);
  return reply.response;
}

/**
 * Runs `fn`; on failure saves a screenshot of every page and adds the
 * server's log to the error. Always closes the contexts, and checks that
 * no page logged a browser error (but those matching `allowProblems`).
 * `visitors` is filled by `fn` as it opens pages.
 */
export async function scenario(env, name, visitors, fn, { allowProblems = [] } = {}) {
  try {
    await fn();
    for (const v of visitors) {
      const problems = v.page.problems.filter((p) => !allowProblems.some((re) => re.test(p)));
      assert.deepEqual(problems, [], `browser errors:\n${problems.join('\n')}`);
    }
  } catch (err) {
    for (const [i, v] of visitors.entries()) await screenshot(v.page, `${name}-failure-${i}`).catch(() => {});
    err.message = `${err.message}\n--- server log ---\n${env.server.log().slice(-4000)}`;
    throw err;
  } finally {
    for (const v of visitors) await v.context.close().catch(() => {});
  }
}

/** The display numbers of a table row's cells ("+3" -> 3, "−10" -> -10). */
export function cellNumber(text) {
  return Number(text.trim().replace('−', '-').replace(/^\+/, ''));
}
