// One load process for the rooms scenarios, forked by rooms.mjs. It plays
// Hearts at real tables over real sockets and talks to the coordinator over
// IPC. Every room it owns lives entirely in this process (all of its seats),
// so "the move's view reached all four seats" is decided here, with one clock.
//
// Modes:
//   play   `rooms` tables, each with 4 seated sockets (one session each). Seat
//          0's player joins the lobby, creates the room (private by default,
//          see rooms.mjs), leaves the lobby; all four join room:<id>, sit,
//          seat 0 starts. From then on every seat whose latest view has a
//          non-empty `legal` pushes one of those moves with `expect_version`;
//          at game over seat 0 asks for a rematch, so tables play on.
//   bots   `rooms` tables, each with ONE socket at seat 0 and computer players
//          ("easy") at seats 1-3. The person moves like a seat in `play`.
//   idle   `lanes` groups of 4 sockets; each group creates `rooms` rooms in
//          turn: create, all 4 join and sit, all 4 leave. The sockets close at
//          the end, leaving rooms that had players sit and leave, and nobody in
//          them.
//
// Hot path: views are never JSON-parsed. The view's `version`, whether its
// `legal` is empty, the game's status and (only for the seat that acts) the
// chosen legal move are found by scanning the bytes. Replies are parsed.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

import WebSocket from 'ws';

import { heartbeatFrame, histAdd, histStats, histToSparse, httpJson, newHist, nowUs, sleep } from './lib.mjs';

let cfg = null;
const rooms = []; // play/bots: one per table
const socks = []; // every socket this process opened
let nextRef = 1;
let stopping = false;
let paused = true; // no moves before the coordinator says `go`
let interval = 0; // ms between moves of one room (0: as fast as answered)

const st = {
  sessions: 0,
  opened: 0,
  openFailed: 0,
  joined: 0,
  joinFailed: 0,
  closed: 0,
  closeCodes: {},
  errors: {}, // client-side socket errors and unexpected refusals, by code
  roomsReady: 0, // tables set up and started (play/bots) or created and left (idle)
  roomsFailed: 0,
  prerolled: 0, // tables that finished their pre-roll
  framesIn: 0,
  bytesIn: 0,
  views: 0,
  viewBytes: 0,
  otherFrames: 0, // room, presence_*, chat...
  pushes: 0, // move pushes sent
  movesOk: 0, // ok replies to move pushes: durable moves
  movesRefused: {}, // error replies to move pushes, by code
  versionGaps: 0, // a view whose version skipped one (a missed view)
  versionAdvance: 0, // bots mode: sum of version increments seen by the one seat
  rematches: 0,
  gamesOver: 0,
  hbSent: 0,
  hbOk: 0,
  hbMissed: 0,
  lateReplies: 0,
  roomClosedPushes: 0,
};
// Latency histograms for the current window.
let histAll = newHist(); // move push -> its view received at all 4 seats (play)
let histAck = newHist(); // move push -> ok reply (durable)
let histFirstView = newHist(); // move push -> its view at the first of the 4 seats (play)
// Per second of the window: samples, samples over 10 ms, the worst (play:
// all-views latency; bots: ack latency). Shows whether slow moves come in
// bursts (a stall somewhere) or spread evenly (queueing).
let windowStart = nowUs();
let series = [];
function seriesAdd(at, us) {
  const i = Math.floor((at - windowStart) / 1e6);
  if (i < 0 || i > 3600) return;
  const e = series[i] || (series[i] = [0, 0, 0]);
  e[0]++;
  if (us > 10_000) e[1]++;
  if (us > e[2]) e[2] = us;
}

// This process's own stalls, which land in the latencies it measures: event
// loop delay (1 ms resolution) and garbage collection pauses, per window.
let loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    if (e.duration > gc.maxMs) gc.maxMs = e.duration;
  }
}).observe({ entryTypes: ['gc'] });

const send = (m) => process.send && process.send(m);
const bump = (o, k) => (o[k] = (o[k] || 0) + 1);

process.on('message', (m) => {
  handle(m).catch((e) => send({ ev: 'fatal', error: String(e && e.stack ? e.stack : e) }));
});
process.on('disconnect', () => process.exit(0));

async function handle(m) {
  switch (m.cmd) {
    case 'start':
      cfg = m.cfg;
      startHeartbeats();
      if (cfg.mode === 'idle') await runIdleLanes();
      else await setUpTables();
      send({ ev: 'ready', stats: snapshot() });
      break;
    case 'go': // start or change the pace: m.roomRate moves per second per room (0: unpaced)
      interval = m.roomRate > 0 ? 1000 / m.roomRate : 0;
      if (paused) {
        paused = false;
        // Tables set up together would stay in step (every hand ending and
        // every passing round at the same moment everywhere). So each table
        // first plays a random number of moves, up to one hand, unpaced
        // (the pre-roll, before any window), and then keeps its own pace,
        // uniform in [0.5, 1.5] x the mean: the tables drift apart as real
        // ones do. --no-stagger turns both off.
        const pick = rng(cfg.seed ^ 0x5eed);
        for (const r of rooms) {
          r.prerollLeft = cfg.stagger ? Math.floor(pick() * cfg.prerollMoves) : 0;
          if (r.prerollLeft === 0) st.prerolled++;
          r.paceFactor = cfg.stagger ? 0.5 + pick() : 1;
          r.nextAt = nowUs() / 1000 + Math.random() * interval;
        }
        for (const r of rooms) for (const s of r.seats) maybeSchedule(s);
      }
      send({ ev: 'go', id: m.id, stats: snapshot() });
      break;
    case 'stats':
      send({ ev: 'stats', id: m.id, stats: snapshot(m.withHist) });
      break;
    case 'reset':
      loopDelay.reset();
      gc.count = gc.totalMs = gc.maxMs = 0;
      histAll = newHist();
      histAck = newHist();
      histFirstView = newHist();
      windowStart = nowUs();
      series = [];
      send({ ev: 'reset', id: m.id, stats: snapshot() });
      break;
    case 'close': // close every socket (idle mode measures the server after this)
      stopping = true;
      for (const s of socks) s.ws.close(1001);
      await sleep(500);
      for (const s of socks) if (s.ws.readyState !== WebSocket.CLOSED) s.ws.terminate();
      send({ ev: 'closed', id: m.id, stats: snapshot() });
      break;
    case 'stop':
      stopping = true;
      for (const s of socks) s.ws.terminate();
      setTimeout(() => process.exit(0), 50);
      break;
  }
}

function snapshot(withHist = false) {
  const cpu = process.cpuUsage();
  const out = {
    ...st,
    open: socks.filter((s) => s.ws.readyState === WebSocket.OPEN).length,
    rooms: rooms.length,
    cpuUs: cpu.user + cpu.system,
    cpuSysUs: cpu.system,
    rssKiB: Math.round(process.memoryUsage().rss / 1024),
    loopDelayMs: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    gc: { ...gc },
  };
  if (withHist) {
    out.histAll = histToSparse(histAll);
    out.histAck = histToSparse(histAck);
    out.histFirstView = histToSparse(histFirstView);
    out.series = Array.from(series, (e) => e || [0, 0, 0]);
  } else {
    out.all = histStats(histAll);
  }
  return out;
}

// ---------------------------------------------------------------- sockets

// A socket with its own session. Requests (joins and pushes) get a ref and a
// promise; `onView` is set by the seat logic.
class Sock {
  constructor(token, label) {
    this.token = token;
    this.label = label;
    this.ws = null;
    this.pending = new Map(); // ref -> {resolve, kind, ...}
    this.joinRefs = new Map(); // topic -> join ref
    this.hbRef = null;
    this.seat = null; // play/bots: the Seat using this socket
  }

  open() {
    const url = new URL('/socket/websocket', cfg.base);
    url.protocol = 'ws:';
    url.searchParams.set('token', this.token);
    url.searchParams.set('vsn', '2.0.0');
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url.toString(), {
        perMessageDeflate: false,
        localAddress: cfg.localAddress || undefined,
        handshakeTimeout: 30_000,
        skipUTF8Validation: true,
        maxPayload: 8 << 20,
      });
      this.ws = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        st.opened++;
        socks.push(this);
        resolve();
      });
      ws.on('message', (data) => this.onMessage(data));
      ws.on('error', (e) => {
        bump(st.errors, `ws_${e.code || e.message.slice(0, 40)}`);
        if (!opened) {
          st.openFailed++;
          reject(e);
        }
      });
      ws.on('close', (code) => {
        if (opened) {
          st.closed++;
          bump(st.closeCodes, code);
        }
        for (const p of this.pending.values()) p.resolve({ status: 'error', response: { code: 'socket_closed' } });
        this.pending.clear();
      });
    });
  }

  request(topic, event, payload, extra = {}) {
    const ref = String(nextRef++);
    const joinRef = event === 'phx_join' ? ref : this.joinRefs.get(topic) || null;
    if (event === 'phx_join') this.joinRefs.set(topic, ref);
    const jr = joinRef === null ? 'null' : `"${joinRef}"`;
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return new Promise((resolve) => {
      this.pending.set(ref, { resolve, event, ...extra });
      if (this.ws.readyState !== WebSocket.OPEN) {
        this.pending.delete(ref);
        resolve({ status: 'error', response: { code: 'socket_closed' } });
        return;
      }
      this.ws.send(`[${jr},"${ref}",${JSON.stringify(topic)},"${event}",${body}]`);
    });
  }

  async join(topic, payload = {}) {
    const r = await this.request(topic, 'phx_join', payload);
    if (r.status === 'ok') st.joined++;
    else {
      st.joinFailed++;
      bump(st.errors, `join_${(r.response && (r.response.code || r.response.reason)) || 'error'}`);
    }
    return r;
  }

  onMessage(buf) {
    st.framesIn++;
    st.bytesIn += buf.length;
    // The header ([join_ref, ref, topic, event, ...) is in the first bytes.
    const head = buf.subarray(0, 96);
    if (head.indexOf(VIEW) >= 0) {
      st.views++;
      st.viewBytes += buf.length;
      if (this.seat) this.seat.onView(buf);
      return;
    }
    if (head.indexOf(REPLY) >= 0) {
      const [, ref, topic, , payload] = JSON.parse(buf.toString('utf8'));
      if (topic === 'phoenix') {
        if (ref === this.hbRef) {
          this.hbRef = null;
          st.hbOk++;
        }
        return;
      }
      const p = this.pending.get(ref);
      if (!p) {
        st.lateReplies++;
        return;
      }
      this.pending.delete(ref);
      p.resolve(payload, p);
      return;
    }
    if (head.indexOf(ROOM_CLOSED) >= 0 || head.indexOf(ROOM_BROKEN) >= 0) {
      st.roomClosedPushes++;
      bump(st.errors, head.indexOf(ROOM_CLOSED) >= 0 ? 'room_closed' : 'room_broken');
      return;
    }
    st.otherFrames++;
  }
}

const VIEW = Buffer.from('"view",{');
const REPLY = Buffer.from('"phx_reply",{');
const ROOM_CLOSED = Buffer.from('"room_closed",');
const ROOM_BROKEN = Buffer.from('"room_broken",');
const K_VERSION = Buffer.from('"version":');
const K_LEGAL = Buffer.from('"legal":[');
const K_GAME_OVER = Buffer.from('"status":"game_over"');

function readInt(buf, i) {
  let n = 0;
  for (let c = buf[i]; c >= 48 && c <= 57; c = buf[++i]) n = n * 10 + (c - 48);
  return n;
}

// ---------------------------------------------------------------- RNG
// Seeded (mulberry32), so a run's choices are reproducible per seat.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- tables

class Room {
  constructor(index) {
    this.index = index;
    this.id = null;
    this.invite = null;
    this.topic = null;
    this.seats = [];
    this.nextAt = 0; // ms (monotonic) before which this room pushes no move
    this.prerollLeft = 0; // moves to play unpaced before the pace applies
    this.paceFactor = 1; // this table's pace relative to the mean
    // Per (game, version): how many seats have seen it, when the last one
    // did, and the push that made it (once its ok reply is in).
    this.seen = new Map();
    this.gameOverAsked = -1; // gameNo for which seat 0 asked for a rematch
  }
}

const KEY = (gameNo, version) => gameNo * 1_000_000 + version;

class Seat {
  constructor(room, index, sock, seed) {
    this.room = room;
    this.index = index;
    this.sock = sock;
    sock.seat = this;
    this.rand = rng(seed);
    this.gameNo = 0;
    this.lastVersion = -1; // highest version seen in this game
    this.viewSeq = 0; // views received
    this.buf = null; // the latest view, kept only while its legal is non-empty
    this.legalAt = -1;
    this.version = -1;
    this.inflight = false;
    this.scheduled = false;
    this.pushedSeq = -1; // the view the last push was chosen from
  }

  onView(buf) {
    const now = nowUs();
    this.viewSeq++;
    const vi = buf.lastIndexOf(K_VERSION);
    const version = vi >= 0 ? readInt(buf, vi + K_VERSION.length) : -1;
    const room = this.room;
    if (version < this.lastVersion) {
      // A rematch: a new game starts at version 0.
      this.gameNo++;
      this.lastVersion = version;
    } else if (version > this.lastVersion) {
      if (this.lastVersion >= 0 && version > this.lastVersion + 1) st.versionGaps++;
      if (cfg.mode === 'bots' && this.lastVersion >= 0) st.versionAdvance += version - this.lastVersion;
      this.lastVersion = version;
      if (cfg.mode === 'play') this.countSeen(KEY(this.gameNo, version), now);
    }
    this.version = version;
    const li = buf.indexOf(K_LEGAL);
    if (li >= 0 && buf[li + K_LEGAL.length] !== 93 /* ] */) {
      this.buf = buf;
      this.legalAt = li + K_LEGAL.length;
    } else {
      this.buf = null;
      this.legalAt = -1;
    }
    if (this.index === 0 && room.gameOverAsked !== this.gameNo && buf.indexOf(K_GAME_OVER) >= 0) {
      room.gameOverAsked = this.gameNo;
      st.gamesOver++;
      this.askRematch();
      return;
    }
    maybeSchedule(this);
  }

  // One more seat has the view of version `key`; at four, the move that made
  // it (if its ok reply is in) gets a latency sample.
  countSeen(key, now) {
    const room = this.room;
    let e = room.seen.get(key);
    if (!e) {
      e = { count: 0, firstAt: 0, allAt: 0, t0: 0 };
      room.seen.set(key, e);
      if (room.seen.size > 64) {
        // Versions that will never complete (a gap, a refused push): forget them.
        for (const k of room.seen.keys()) {
          if (k < key - 32) room.seen.delete(k);
        }
      }
    }
    e.count++;
    if (e.count === 1) e.firstAt = now;
    if (e.count === 4) {
      e.allAt = now;
      if (e.t0) {
        if (!paused) {
          histAdd(histAll, e.allAt - e.t0);
          seriesAdd(e.allAt, e.allAt - e.t0);
          histAdd(histFirstView, e.firstAt - e.t0);
        }
        room.seen.delete(key);
      }
    }
  }

  async askRematch() {
    for (let tries = 0; tries < 50 && !stopping; tries++) {
      const r = await this.sock.request(this.room.topic, 'rematch', '{}');
      if (r.status === 'ok') {
        st.rematches++;
        return;
      }
      const code = r.response && r.response.code;
      if (code === 'socket_closed') return;
      bump(st.errors, `rematch_${code}`);
      await sleep(50);
    }
  }

  // Picks a move from the latest view's legal list: the first, or a seeded
  // random one. Moves are flat objects (no object inside), so the elements
  // are the {...} spans at brace depth 1.
  chooseMove() {
    const buf = this.buf;
    let i = this.legalAt;
    if (cfg.pick === 'first') {
      const end = buf.indexOf(125 /* } */, i);
      return buf.toString('utf8', i, end);
    }
    const starts = [];
    const ends = [];
    for (; i < buf.length; i++) {
      const c = buf[i];
      if (c === 123) starts.push(i);
      else if (c === 125) ends.push(i);
      else if (c === 93 && starts.length === ends.length) {
        // ']' outside any move: the end of legal (the ones inside a move's
        // "cards" array come while a brace is open).
        break;
      }
    }
    const k = Math.floor(this.rand() * starts.length);
    return buf.toString('utf8', starts[k], ends[k]);
  }

  push() {
    this.scheduled = false;
    if (stopping || this.inflight || !this.buf || this.pushedSeq === this.viewSeq) return;
    const open = this.chooseMove(); // '{"type":"play","card":"QS"' without the closing brace
    const expect = this.version;
    const gameNo = this.gameNo;
    this.pushedSeq = this.viewSeq;
    this.inflight = true;
    st.pushes++;
    const t0 = nowUs();
    const counted = !paused;
    this.sock.request(this.room.topic, 'move', `${open},"expect_version":${expect}}`).then((r) => {
      const now = nowUs();
      this.inflight = false;
      if (r.status === 'ok') {
        st.movesOk++;
        if (this.room.prerollLeft > 0 && --this.room.prerollLeft === 0) st.prerolled++;
        if (counted) {
          histAdd(histAck, now - t0);
          if (cfg.mode === 'bots') seriesAdd(now, now - t0);
        }
        if (cfg.mode === 'play') {
          const v = r.response && r.response.version;
          if (v !== expect + 1) bump(st.errors, 'ok_version_mismatch');
          const key = KEY(gameNo, v);
          const room = this.room;
          let e = room.seen.get(key);
          if (e && e.count === 4) {
            // Every seat saw it before this reply was read here.
            if (counted) {
              histAdd(histAll, e.allAt - t0);
              seriesAdd(e.allAt, e.allAt - t0);
              histAdd(histFirstView, e.firstAt - t0);
            }
            room.seen.delete(key);
          } else {
            if (!e) {
              e = { count: 0, firstAt: 0, allAt: 0, t0: 0 };
              room.seen.set(key, e);
            }
            e.t0 = counted ? t0 : 0;
            if (!counted) room.seen.delete(key);
          }
        }
      } else {
        const code = (r.response && r.response.code) || 'error';
        bump(st.movesRefused, code);
        if (code === 'rate_limited') {
          // The server's per-socket limit (--rate/--burst): try the same view again shortly.
          setTimeout(() => {
            if (this.pushedSeq === this.viewSeq) this.pushedSeq = -1;
            maybeSchedule(this);
          }, 100);
          return;
        }
        // stale_version and the like: a newer view is on its way.
      }
      maybeSchedule(this);
    });
  }
}

// Schedules this seat's next push if its latest view asks for one: at once,
// or at the room's next slot when the run is paced.
function maybeSchedule(s) {
  if (paused || stopping || s.scheduled || s.inflight || !s.buf || s.pushedSeq === s.viewSeq) return;
  s.scheduled = true;
  const room = s.room;
  if (!interval || room.prerollLeft > 0) {
    s.push();
    return;
  }
  const now = nowUs() / 1000;
  const at = Math.max(now, room.nextAt);
  room.nextAt = at + interval / room.paceFactor;
  if (at - now < 0.5) s.push();
  else setTimeout(() => s.push(), at - now);
}

// ---------------------------------------------------------------- set-up

async function sessions(n, prefix) {
  const out = new Array(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      for (let tries = 0; ; tries++) {
        try {
          const r = await httpJson(cfg.base, 'POST', '/api/session', { name: `${prefix}${i}` });
          if (r.status !== 200 || !r.json) throw new Error(`HTTP ${r.status} ${r.text.slice(0, 120)}`);
          out[i] = r.json.token;
          st.sessions++;
          break;
        } catch (e) {
          if (tries >= 5) throw e;
          await sleep(200 * (tries + 1));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, n) }, lane));
  return out;
}

const ok = (r, what) => {
  if (r.status !== 'ok') {
    const code = (r.response && (r.response.code || r.response.reason)) || 'error';
    bump(st.errors, `${what}_${code}`);
    throw new Error(`${what}: ${JSON.stringify(r.response)}`);
  }
  return r.response;
};

// Creates a room as `host`, which joins the lobby for that and leaves it
// again, unless `stay` (the idle lanes create many rooms each).
async function createRoom(host, stay = false) {
  if (!host.inLobby) {
    ok(await host.join('lobby'), 'lobby_join');
    host.inLobby = true;
  }
  const created = ok(
    await host.request('lobby', 'create_room', { game: 'hearts', options: cfg.options || {}, private: !cfg.public }),
    'create_room',
  );
  if (!stay) {
    await host.request('lobby', 'phx_leave', '{}');
    host.inLobby = false;
  }
  return created;
}

async function setUpTable(room, tokens) {
  const n = cfg.mode === 'bots' ? 1 : 4;
  const ss = [];
  for (let i = 0; i < n; i++) {
    const s = new Sock(tokens[i], `r${room.index}s${i}`);
    await s.open();
    ss.push(s);
  }
  const created = await createRoom(ss[0]);
  room.id = created.room_id;
  room.invite = created.invite || null;
  room.topic = `room:${room.id}`;
  const joinPayload = room.invite ? { invite: room.invite } : {};
  for (let i = 0; i < n; i++) {
    room.seats.push(new Seat(room, i, ss[i], (cfg.seed + room.index * 4 + i) >>> 0));
  }
  await Promise.all(ss.map(async (s) => ok(await s.join(room.topic, joinPayload), 'room_join')));
  await Promise.all(ss.map(async (s, i) => ok(await s.request(room.topic, 'sit', { seat: i }), 'sit')));
  if (cfg.mode === 'bots') {
    for (const seat of [1, 2, 3]) ok(await ss[0].request(room.topic, 'add_bot', { seat, level: cfg.botLevel }), 'add_bot');
  }
  ok(await ss[0].request(room.topic, 'start', '{}'), 'start');
  st.roomsReady++;
}

// Sets up this process's tables, `concurrency` at a time and at most
// `rampRate` per second (the coordinator's ramp share for this process).
async function setUpTables() {
  const perRoom = cfg.mode === 'bots' ? 1 : 4;
  const tokens = await sessions(cfg.rooms * perRoom, `${cfg.namePrefix}-`);
  for (let i = 0; i < cfg.rooms; i++) rooms.push(new Room(cfg.roomBase + i));
  let next = 0;
  const t0 = Date.now();
  const lane = async () => {
    while (next < rooms.length && !stopping) {
      const i = next++;
      if (cfg.rampRate > 0) {
        const due = t0 + (i / cfg.rampRate) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      try {
        await setUpTable(rooms[i], tokens.slice(i * perRoom, (i + 1) * perRoom));
      } catch (e) {
        st.roomsFailed++;
        bump(st.errors, `setup: ${String(e.message).slice(0, 80)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(cfg.concurrency, rooms.length) }, lane));
}

// ---------------------------------------------------------------- idle rooms

async function runIdleLanes() {
  const tokens = await sessions(cfg.lanes * 4, `${cfg.namePrefix}-`);
  const lanes = [];
  for (let l = 0; l < cfg.lanes; l++) {
    const ss = [];
    for (let i = 0; i < 4; i++) {
      const s = new Sock(tokens[l * 4 + i], `l${l}s${i}`);
      await s.open();
      ss.push(s);
    }
    lanes.push(ss);
  }
  // Sockets are open: the coordinator measures the baseline now, then says
  // `go` (the first one) to create the rooms in batches.
  send({ ev: 'lanes_open', stats: snapshot() });
  let created = 0;
  for (;;) {
    const m = await nextBatch();
    if (!m || stopping) break;
    const target = Math.min(cfg.rooms, created + m.count);
    let next = created;
    await Promise.all(
      lanes.map(async (ss) => {
        while (next < target && !stopping) {
          next++;
          // Seat 0's socket sends 4-5 messages per room: at most one room per
          // 150 ms per lane keeps it under the server's 50 messages/s limit.
          const slot = sleep(150);
          try {
            await idleRoom(ss);
            await slot;
            st.roomsReady++;
          } catch (e) {
            st.roomsFailed++;
            bump(st.errors, `idle: ${String(e.message).slice(0, 80)}`);
          }
        }
      }),
    );
    created = target;
    send({ ev: 'batch_done', id: m.id, stats: snapshot() });
    if (created >= cfg.rooms) break;
  }
}

let batchWaiter = null;
const batchQueue = [];
process.on('message', (m) => {
  if (m.cmd !== 'batch') return;
  if (batchWaiter) {
    const w = batchWaiter;
    batchWaiter = null;
    w(m);
  } else batchQueue.push(m);
});
function nextBatch() {
  if (batchQueue.length) return Promise.resolve(batchQueue.shift());
  return new Promise((res) => (batchWaiter = res));
}

async function idleRoom(ss) {
  const created = await createRoom(ss[0], true);
  const topic = `room:${created.room_id}`;
  const payload = created.invite ? { invite: created.invite } : {};
  await Promise.all(ss.map(async (s) => ok(await s.join(topic, payload), 'room_join')));
  await Promise.all(ss.map(async (s, i) => ok(await s.request(topic, 'sit', { seat: i }), 'sit')));
  if (cfg.stand) await Promise.all(ss.map(async (s) => ok(await s.request(topic, 'stand', '{}'), 'stand')));
  await Promise.all(ss.map((s) => s.request(topic, 'phx_leave', '{}')));
  for (const s of ss) s.joinRefs.delete(topic);
}

// ---------------------------------------------------------------- heartbeats
// As phoenix.js: one heartbeat per socket every hbSec, spread by a 1 s tick.
function startHeartbeats() {
  if (!cfg.hbSec) return;
  let tick = 0;
  const t = setInterval(() => {
    const slot = tick++ % cfg.hbSec;
    for (let i = slot; i < socks.length; i += cfg.hbSec) {
      const s = socks[i];
      if (s.ws.readyState !== WebSocket.OPEN) continue;
      if (s.hbRef !== null) st.hbMissed++;
      s.hbRef = String(nextRef++);
      st.hbSent++;
      s.ws.send(heartbeatFrame(s.hbRef));
    }
  }, 1000);
  t.unref();
}
