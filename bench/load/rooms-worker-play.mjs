// Rooms load process (see rooms-worker.mjs): the tables in play. A Room is
// one table; a Seat is one seated socket, which reads each view it gets
// (without parsing it), pushes one of its legal moves when it has any, at
// the table's pace, and times the move until its view has reached every
// seat (play) or until its ok reply (bots). Seat 0 asks for a rematch at game
// over, so tables play on.
import { histAdd, nowUs, sleep } from './lib.mjs';
import { lat, rooms, run, sampleAllViews, seriesAdd, st } from './rooms-worker-state.mjs';
import { bump } from './worker-lib.mjs';

// In a view.
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
export function rng(seed) {
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

export class Room {
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

export class Seat {
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
      if (run.cfg.mode === 'bots' && this.lastVersion >= 0) st.versionAdvance += version - this.lastVersion;
      this.lastVersion = version;
      if (run.cfg.mode === 'play') this.countSeen(KEY(this.gameNo, version), now);
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
        if (!run.paused) sampleAllViews(e, e.t0);
        room.seen.delete(key);
      }
    }
  }

  async askRematch() {
    for (let tries = 0; tries < 50 && !run.stopping; tries++) {
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
    if (run.cfg.pick === 'first') {
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
    if (run.stopping || this.inflight || !this.buf || this.pushedSeq === this.viewSeq) return;
    const open = this.chooseMove(); // '{"type":"play","card":"QS"' without the closing brace
    const expect = this.version;
    const gameNo = this.gameNo;
    this.pushedSeq = this.viewSeq;
    this.inflight = true;
    st.pushes++;
    const t0 = nowUs();
    const counted = !run.paused;
    this.sock.request(this.room.topic, 'move', `${open},"expect_version":${expect}}`).then((r) => {
      const now = nowUs();
      this.inflight = false;
      if (r.status === 'ok') {
        st.movesOk++;
        if (this.room.prerollLeft > 0 && --this.room.prerollLeft === 0) st.prerolled++;
        if (counted) {
          histAdd(lat.ack, now - t0);
          if (run.cfg.mode === 'bots') seriesAdd(now, now - t0);
        }
        if (run.cfg.mode === 'play') {
          const v = r.response && r.response.version;
          if (v !== expect + 1) bump(st.errors, 'ok_version_mismatch');
          const key = KEY(gameNo, v);
          const room = this.room;
          let e = room.seen.get(key);
          if (e && e.count === 4) {
            // Every seat saw it before this reply was read here.
            if (counted) sampleAllViews(e, t0);
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
export function maybeSchedule(s) {
  if (run.paused || run.stopping || s.scheduled || s.inflight || !s.buf || s.pushedSeq === s.viewSeq) return;
  s.scheduled = true;
  const room = s.room;
  if (!run.interval || room.prerollLeft > 0) {
    s.push();
    return;
  }
  const now = nowUs() / 1000;
  const at = Math.max(now, room.nextAt);
  room.nextAt = at + run.interval / room.paceFactor;
  if (at - now < 0.5) s.push();
  else setTimeout(() => s.push(), at - now);
}

// `go`: start or change the pace, `roomRate` moves per second per room (0:
// unpaced).
export function go(roomRate) {
  run.interval = roomRate > 0 ? 1000 / roomRate : 0;
  if (!run.paused) return;
  run.paused = false;
  // Tables set up together would stay in step (every hand ending and
  // every passing round at the same moment everywhere). So each table
  // first plays a random number of moves, up to one hand, unpaced
  // (the pre-roll, before any window), and then keeps its own pace,
  // uniform in [0.5, 1.5] x the mean: the tables drift apart as real
  // ones do. --no-stagger turns both off.
  const { cfg } = run;
  const pick = rng(cfg.seed ^ 0x5eed);
  for (const r of rooms) {
    r.prerollLeft = cfg.stagger ? Math.floor(pick() * cfg.prerollMoves) : 0;
    if (r.prerollLeft === 0) st.prerolled++;
    r.paceFactor = cfg.stagger ? 0.5 + pick() : 1;
    r.nextAt = nowUs() / 1000 + Math.random() * run.interval;
  }
  for (const r of rooms) for (const s of r.seats) maybeSchedule(s);
}
