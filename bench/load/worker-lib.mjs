// Shared by the load processes, worker.mjs (idle, fanout) and rooms-worker.mjs
// (the rooms scenarios): the IPC loop with the coordinator, opening a socket,
// work spread over a few concurrent lanes, heartbeats like phoenix.js, the
// process's own CPU and memory, and stopping.
import WebSocket from 'ws';

import { heartbeatFrame, nowUs } from './lib.mjs';

// ---------------------------------------------------------------- IPC
export const send = (m) => process.send && process.send(m);
export const bump = (o, k) => (o[k] = (o[k] || 0) + 1);

// Runs `handle` on every message from the coordinator; a failure is sent
// back as {ev: 'fatal'}. The process ends when the coordinator goes away.
export function serveCoordinator(handle) {
  process.on('message', (m) => {
    handle(m).catch((e) => send({ ev: 'fatal', error: String(e && e.stack ? e.stack : e) }));
  });
  process.on('disconnect', () => process.exit(0));
}

// This process's open sockets (of `socks`, each with a `ws`), CPU time in
// microseconds (total and kernel) and RSS.
export function processStats(socks) {
  const cpu = process.cpuUsage();
  return {
    open: socks.filter((s) => s.ws.readyState === WebSocket.OPEN).length,
    cpuUs: cpu.user + cpu.system,
    cpuSysUs: cpu.system,
    rssKiB: Math.round(process.memoryUsage().rss / 1024),
  };
}

// `stop`: drop every socket at once and exit.
export function terminateAndExit(socks) {
  for (const s of socks) s.ws.terminate();
  setTimeout(() => process.exit(0), 50);
}

// ---------------------------------------------------------------- sockets
// A client socket as the load processes open them: no UTF-8 validation (the
// hot paths scan bytes), no compression unless asked for.
export const newWebSocket = (url, { deflate = false, localAddress = null, maxPayload }) =>
  new WebSocket(url, {
    perMessageDeflate: deflate,
    localAddress: localAddress || undefined,
    handshakeTimeout: 30_000,
    skipUTF8Validation: true,
    maxPayload,
  });

// Runs `fn(i)` for i = 0..n-1, at most `lanes` at a time, in order of i;
// a lane takes no new i once `more()` is false.
export async function inLanes(n, lanes, fn, more = () => true) {
  let next = 0;
  const lane = async () => {
    while (next < n && more()) {
      const i = next++;
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, n) }, lane));
}

// ---------------------------------------------------------------- heartbeats
// phoenix.js sends a heartbeat 30 s after open and 30 s after each reply.
// Here one 1 s tick walks 1/hbSec of `socks`, so every socket gets one
// heartbeat per hbSec and the load is spread evenly, with no timer per
// socket. A socket's `hbRef` is the heartbeat awaiting its reply (the reply
// handler clears it) and `hbSent` when it went out; `st` counts hbSent and
// hbMissed (still unanswered when the next one was due).
export function startHeartbeats(socks, hbSec, st, newRef) {
  if (!hbSec) return;
  let tick = 0;
  const t = setInterval(() => {
    const slot = tick++ % hbSec;
    for (let i = slot; i < socks.length; i += hbSec) {
      const s = socks[i];
      if (s.ws.readyState !== WebSocket.OPEN) continue;
      if (s.hbRef !== null) st.hbMissed++; // phoenix.js would drop the socket here
      s.hbRef = newRef();
      s.hbSent = nowUs();
      st.hbSent++;
      s.ws.send(heartbeatFrame(s.hbRef));
    }
  }, 1000);
  t.unref();
}
