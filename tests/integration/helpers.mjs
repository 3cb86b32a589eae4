// Shared helpers for the integration tests: start the real `parlor` binary
// (PARLOR_BIN) on a free loopback port with a temporary data directory, get
// session tokens, and connect the real phoenix client over `ws`.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { Socket } from "phoenix";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..", "..");
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function parlorBin() {
  const bin = process.env.PARLOR_BIN;
  if (!bin) throw new Error("set PARLOR_BIN to the parlor binary (e.g. build-server/src/app/parlor)");
  return path.resolve(process.cwd(), bin);
}

// Starts `parlor serve --test-mode` and resolves once it listens.
// `dataDir` reuses a data directory (a restart after a crash); the caller
// then owns it and stop() leaves it in place.
export async function startServer({ args = [], env = {}, dataDir: reuse } = {}) {
  const dataDir = reuse ?? mkdtempSync(path.join(tmpdir(), "parlor-it-"));
  const proc = spawn(
    parlorBin(),
    ["serve", "--host", "127.0.0.1", "--port", "0", "--data", dataDir, "--test-mode", ...args],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d.toString()));
  const exited = new Promise((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`parlor did not start: ${stderr}`)), 20000);
    proc.stdout.on("data", (d) => {
      out += d.toString();
      const m = /listening on http:\/\/[\d.]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    exited.then(({ code }) => reject(new Error(`parlor exited early (${code}): ${stderr}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    base,
    socketUrl: `ws://127.0.0.1:${port}/socket`,
    proc,
    exited,
    dataDir,
    stderr: () => stderr,
    // SIGKILL: no shutdown, no flush; resolves once the process is gone.
    async kill() {
      proc.kill("SIGKILL");
      await exited;
    },
    // SIGTERM, and insist on a clean exit: 0 (sanitizer builds fail here
    // on leaks or undefined behaviour seen during the test).
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      const r = await Promise.race([exited, sleep(15000).then(() => null)]);
      if (!r) proc.kill("SIGKILL");
      if (!reuse) rmSync(dataDir, { recursive: true, force: true });
      if (!r || r.code !== 0) throw new Error(`parlor did not exit cleanly (${JSON.stringify(r)}):\n${stderr}`);
      return r;
    },
  };
}

export async function newSession(base, name = "Tester") {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 200) throw new Error(`session: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

// Every socket connectPhoenix opened, so that a test file can close them all
// in its after() hook even when a test failed half-way (an open phoenix socket
// reconnects forever and keeps the test process alive).
const openSockets = new Set();
export function disconnectAll() {
  for (const s of openSockets) s.disconnect();
  openSockets.clear();
}

// A phoenix Socket over `ws`, connected. Resolves with the socket.
export function connectPhoenix(socketUrl, token, opts = {}) {
  const socket = new Socket(socketUrl, {
    transport: WebSocket,
    params: { token },
    reconnectAfterMs: () => 100,
    rejoinAfterMs: () => 100,
    ...opts,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket did not open")), 5000);
    const ref = socket.onOpen(() => {
      clearTimeout(timer);
      socket.off([ref]);
      resolve(socket);
    });
    openSockets.add(socket);
    socket.connect();
  });
}

// Joins and resolves with the ok response (rejects on error/timeout).
// Joins and resolves with the first reply. `onReply`, when given, sees every
// "ok" reply: the first and those to the rejoins phoenix makes by itself after
// its socket dropped (a reader too slow for a burst of moves is closed with
// 1013). Each carries the current view; the web client reads them the same way.
export function join(channel, onReply = () => {}) {
  return new Promise((resolve, reject) => {
    channel
      .join(5000)
      .receive("ok", (r) => {
        onReply(r);
        resolve(r);
      })
      .receive("error", (e) => reject(new Error(`join error ${JSON.stringify(e)}`)))
      .receive("timeout", () => reject(new Error("join timeout")));
  });
}

export function push(channel, event, payload = {}) {
  return new Promise((resolve) => {
    channel
      .push(event, payload, 5000)
      .receive("ok", (r) => resolve({ status: "ok", response: r }))
      .receive("error", (r) => resolve({ status: "error", response: r }))
      .receive("timeout", () => resolve({ status: "timeout" }));
  });
}

// A raw `ws` connection to the socket endpoint, for frames phoenix never sends.
export function rawSocket(socketUrl, token) {
  const ws = new WebSocket(`${socketUrl}/websocket?vsn=2.0.0&token=${encodeURIComponent(token)}`);
  const messages = [];
  const closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on("message", (data, isBinary) => messages.push(isBinary ? data : JSON.parse(data.toString())));
  ws.on("error", () => {});
  const opened = new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
  return { ws, messages, closed, opened };
}

export async function until(cond, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function metrics(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const values = {};
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const i = line.lastIndexOf(" ");
    values[line.slice(0, i)] = Number(line.slice(i + 1));
  }
  return { text, values, error: (code) => values[`parlor_errors_total{code="${code}"}`] || 0 };
}
