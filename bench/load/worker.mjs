// One load-generating process, forked by load.mjs. It holds up to a few
// thousand sockets (each process stays well under the 20,000 fd limit) and
// talks to the coordinator over IPC.
//
// Roles:
//   idle  open `count` sockets, join one conformance topic each (or share a
//         topic between `perTopic` sockets), heartbeat every `hbSec` like
//         phoenix.js, hold.
//   sub   open `count` sockets on one topic; time-stamp every `shout`
//         broadcast on receipt and keep a latency histogram.
//   pub   open `count` sockets on the same topic; on `go`, push `shout`
//         events at a steady total rate, round-robin over its sockets (each
//         socket stays under the server's per-socket rate limit).
//
// Everything is raw V2 text frames over `ws` (channels-protocol.md 2.1): no
// phoenix client, no per-socket timers, and the fan-out hot path never
// JSON-parses a broadcast.
import WebSocket from 'ws';

import { histAdd, histStats, histToSparse, joinFrame, newHist, nowUs, parseFrame, pushFrame } from './lib.mjs';
import {
  bump,
  inLanes,
  newWebSocket,
  processStats,
  send,
  serveCoordinator,
  startHeartbeats,
  terminateAndExit,
} from './worker-lib.mjs';

let cfg = null;
const socks = [];
const st = {
  opened: 0,
  joined: 0,
  openFailed: 0,
  joinFailed: 0,
  closed: 0,
  closeCodes: {},
  errors: {},
  framesIn: 0,
  // heartbeats
  hbSent: 0,
  hbOk: 0,
  hbMissed: 0, // still unanswered when the next one was due
  // fan-out
  shouts: 0, // shouts received in the current window
  shoutsTotal: 0, // since the start
  presence: 0,
  otherFrames: 0,
  // publisher
  published: 0,
  pubOk: 0,
  pubErr: 0,
  pubErrReasons: {},
  deflate: 0,
};
let hist = newHist(); // shout latency, current window
// Latency of the first copy of each broadcast to reach this process: the
// server's and the network's share, before this process works through the
// other sockets' copies.
let histFirst = newHist();
const seenSeq = new Int32Array(1 << 16).fill(-1);
let hbHist = newHist(); // heartbeat round trip, since the last reset
let nextRef = 1000;
let nextSeq = 0; // broadcast sequence numbers, unique across rate steps

serveCoordinator(handle);

async function handle(m) {
  switch (m.cmd) {
    case 'start':
      cfg = m.cfg;
      // Heartbeats run from the start: a socket that joined early must not
      // sit silent through a long ramp (the server's idle timeout is 60 s).
      startHeartbeats(socks, cfg.hbSec, st, () => String(nextRef++));
      await openAll();
      send({ ev: 'ready', stats: snapshot() });
      break;
    case 'stats':
      send({ ev: 'stats', id: m.id, stats: snapshot(m.withHist) });
      break;
    case 'reset': // start of a measurement window
      hist = newHist();
      histFirst = newHist();
      hbHist = newHist();
      st.shouts = 0;
      send({ ev: 'reset', id: m.id, stats: snapshot() });
      break;
    case 'go':
      await publish(m.rate, m.durationMs, m.padBytes);
      send({ ev: 'published', stats: snapshot() });
      break;
    case 'stop':
      terminateAndExit(socks);
      break;
  }
}

function snapshot(withHist = false) {
  const out = { ...st, ...processStats(socks), hb: histStats(hbHist) };
  if (withHist) {
    out.hist = histToSparse(hist);
    out.histFirst = histToSparse(histFirst);
  }
  return out;
}

// ---------------------------------------------------------------- sockets

function topicFor(globalIndex) {
  if (cfg.topic) return cfg.topic;
  return `${cfg.topicPrefix}:${Math.floor(globalIndex / cfg.perTopic)}`;
}

const openAll = () => inLanes(cfg.count, cfg.concurrency, (i) => openOne(cfg.base + i));

function openOne(globalIndex) {
  return new Promise((resolve) => {
    const ws = newWebSocket(cfg.url, { deflate: cfg.deflate, localAddress: cfg.localAddress, maxPayload: 1 << 20 });
    const s = { ws, topic: topicFor(globalIndex), joinRef: null, hbRef: null, hbSent: 0, joined: false };
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    const joinTimer = setTimeout(() => {
      if (!s.joined) {
        st.joinFailed++;
        bump(st.errors, 'join_timeout');
        done();
      }
    }, 30_000);
    ws.on('open', () => {
      st.opened++;
      if (ws.extensions) st.deflate++;
      socks.push(s);
      s.listed = true;
      s.joinRef = String(nextRef++);
      ws.send(joinFrame(s.joinRef, s.topic, cfg.joinPayload || '{}'));
    });
    ws.on('message', (data, isBinary) => {
      st.framesIn++;
      if (isBinary) return;
      onFrame(s, data);
      if (s.joined || s.joinFailedFlag) {
        clearTimeout(joinTimer);
        done();
      }
    });
    ws.on('error', (e) => {
      bump(st.errors, e.code || e.message.slice(0, 60));
    });
    ws.on('close', (code) => {
      clearTimeout(joinTimer);
      if (s.listed) {
        st.closed++;
        bump(st.closeCodes, code);
      } else {
        st.openFailed++;
      }
      done();
    });
  });
}

// Markers for the hot path. The server encodes broadcasts as
// [null,null,"<topic>","shout",{"t":<us>,...}] (boost.json keeps key order
// and writes integers as integers).
const SHOUT = Buffer.from('"shout",{"t":');
const PRESENCE = Buffer.from('"presence_');
const REPLY = Buffer.from('"phx_reply"');

function onFrame(s, buf) {
  let i = buf.indexOf(SHOUT);
  if (i >= 0) {
    const now = nowUs();
    i += SHOUT.length;
    let t = 0;
    for (let c = buf[i]; c >= 48 && c <= 57; c = buf[++i]) t = t * 10 + (c - 48);
    st.shouts++;
    st.shoutsTotal++;
    histAdd(hist, now - t);
    // ,"seq":N follows the stamp.
    if (buf[i] === 44) {
      i += 7;
      let seq = 0;
      for (let c = buf[i]; c >= 48 && c <= 57; c = buf[++i]) seq = seq * 10 + (c - 48);
      const slot = seq & 0xffff;
      if (seenSeq[slot] !== seq) {
        seenSeq[slot] = seq;
        histAdd(histFirst, now - t);
      }
    }
    return;
  }
  if (buf.indexOf(PRESENCE) >= 0 && buf.indexOf(REPLY) < 0) {
    st.presence++;
    return;
  }
  if (buf.indexOf(REPLY) < 0) {
    st.otherFrames++;
    return;
  }
  // Replies: rare enough to parse properly.
  const [jr, ref, topic, , payload] = parseFrame(buf);
  const ok = payload && payload.status === 'ok';
  if (topic === 'phoenix') {
    if (ref === s.hbRef) {
      s.hbRef = null;
      st.hbOk++;
      histAdd(hbHist, nowUs() - s.hbSent);
    }
    return;
  }
  if (ref === s.joinRef && jr === s.joinRef && !s.joined && !s.joinFailedFlag) {
    if (ok) {
      s.joined = true;
      st.joined++;
    } else {
      s.joinFailedFlag = true;
      st.joinFailed++;
      bump(st.errors, `join_${(payload && payload.response && payload.response.reason) || 'error'}`);
    }
    return;
  }
  if (cfg.role === 'pub') {
    if (ok) st.pubOk++;
    else {
      st.pubErr++;
      bump(st.pubErrReasons, (payload && payload.response && payload.response.reason) || 'error');
    }
  }
}

// ---------------------------------------------------------------- publisher
// `rate` shouts per second in total for `durationMs`, paced on a 1 ms tick
// against the start time (a late tick catches up, so the average rate holds).
function publish(rate, durationMs, padBytes) {
  const open = socks.filter((s) => s.joined && s.ws.readyState === WebSocket.OPEN);
  if (!open.length) throw new Error('publisher: no joined socket');
  const pad = padBytes > 0 ? `,"pad":"${'x'.repeat(padBytes)}"` : '';
  const t0 = nowUs();
  const end = t0 + durationMs * 1000;
  let sent = 0;
  let rr = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = nowUs();
      const due = Math.min(Math.floor(((Math.min(now, end) - t0) * rate) / 1e6), Math.ceil((durationMs * rate) / 1000));
      while (sent < due) {
        const s = open[rr++ % open.length];
        const ref = String(nextRef++);
        // The stamp is taken just before the frame is handed to the socket.
        s.ws.send(pushFrame(s.joinRef, ref, s.topic, 'shout', `{"t":${nowUs()},"seq":${nextSeq++}${pad}}`));
        sent++;
        st.published++;
      }
      if (now >= end) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 1);
  });
}
