// How fast the lobby becomes usable on localhost (issue: "the lobby
// interactive in under a second"). Starts the real server and headless
// Chromium through the e2e harness, then for each run opens a fresh browser
// context (empty HTTP cache, a returning visitor's session in localStorage)
// and records, in the page's own clock (ms since navigation start):
//   dcl        DOMContentLoaded
//   lobby      the lobby's "Quick play" heading is in the DOM
//   connected  the lobby topic is joined: the status says Connected and the
//              visitor is listed online (the page is fully interactive)
// A second pass reloads an already open page (warm HTTP cache).
//
// Usage: node bench/client/lobby-timing.mjs [--runs N]
// Needs a built client (client/dist) and a server binary: PARLOR_BIN, else
// build/release/src/app/parlor (scripts/run.sh builds it).
import { launchBrowser, startServer, serverBinary } from '../../client/e2e/harness.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 20);

// Runs in the page before any of its scripts: marks the moments above.
function markMoments() {
  window.__marks = {};
  const mark = (name) => {
    if (window.__marks[name] === undefined) window.__marks[name] = performance.now();
  };
  document.addEventListener('DOMContentLoaded', () => mark('dcl'));
  const check = () => {
    if ([...document.querySelectorAll('h2')].some((h) => h.textContent.trim() === 'Quick play')) mark('lobby');
    const status = [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes('Connected'));
    const online = document.querySelector('.online-list li');
    if (status && online) mark('connected');
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

async function session(url, name) {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return res.json();
}

async function waitForMarks(page) {
  await page.waitForFunction(() => window.__marks?.connected !== undefined, null, { timeout: 15000 });
  return page.evaluate(() => window.__marks);
}

function summary(rows, key) {
  const xs = rows.map((r) => r[key]).sort((a, b) => a - b);
  const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  return `${key.padEnd(10)} p50 ${at(0.5).toFixed(0).padStart(5)} ms   p90 ${at(0.9).toFixed(0).padStart(5)} ms   max ${xs[xs.length - 1].toFixed(0).padStart(5)} ms`;
}

const bin = serverBinary();
if (!bin) {
  console.error('no server binary: build with scripts/run.sh or set PARLOR_BIN');
  process.exit(2);
}
const server = await startServer({ bin });
const browser = await launchBrowser();
try {
  const s = await session(server.url, 'Timer');
  const stored = JSON.stringify({ token: s.token, name: s.name, player_id: s.player_id });
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.addInitScript(`localStorage.setItem('parlor.session', ${JSON.stringify(stored)});`);
    await context.addInitScript(markMoments);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    cold.push(await waitForMarks(page));
    await page.reload();
    warm.push(await waitForMarks(page));
    await context.close();
  }
  console.log(`lobby timing over ${runs} runs (ms since navigation start, headless Chromium, localhost)`);
  console.log('cold (new context, empty cache):');
  for (const k of ['dcl', 'lobby', 'connected']) console.log('  ' + summary(cold, k));
  console.log('warm (reload):');
  for (const k of ['dcl', 'lobby', 'connected']) console.log('  ' + summary(warm, k));
} finally {
  await browser.close();
  await server.stop();
}
