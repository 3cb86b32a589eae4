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
 * Returns {url, port, dataDir, log(), stop()}.
 */
export async function startServer({ bin = serverBinary(), staticDir = path.join(CLIENT_DIR, 'dist'), timeoutMs = 20000 } = {}) {
  if (!bin) throw new Error('no server binary: set PARLOR_BIN');
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error(`no built client in ${staticDir}: run npm run build`);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parlor-e2e-'));
  const args = ['serve', '--test-mode', '--port', String(port), '--data', dataDir, '--static', staticDir];
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
export async function newVisitor(browser, { width = 1100, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
  });
  return { context, page };
}

/** Saves a full-page screenshot as e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
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
// `skip`: false, or why the file's tests cannot run here.
export function useServerAndBrowser() {
  const bin = serverBinary();
  const env = { server: undefined, browser: undefined, skip: bin ? false : 'no server binary (set PARLOR_BIN)' };
  before(async () => {
    if (!bin) return;
    env.server = await startServer({ bin });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
