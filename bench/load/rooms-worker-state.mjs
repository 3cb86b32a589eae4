// Rooms load process (see rooms-worker.mjs): the state its modules share.
// The run's config and flags, its tables and sockets, the counters and the
// latency histograms of the current window, this process's own stalls, and
// the snapshot of all that sent to the coordinator.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

import { histAdd, histStats, histToSparse, newHist, nowUs } from './lib.mjs';
import { processStats } from './worker-lib.mjs';

export const run = {
  cfg: null, // from the coordinator's `start`
  stopping: false,
  paused: true, // no moves before the coordinator says `go`
  interval: 0, // ms between moves of one room (0: as fast as answered)
};
export const rooms = []; // play/bots: one per table
export const socks = []; // every socket this process opened

let nextRef = 1;
export const newRef = () => String(nextRef++);

export const st = {
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

// ---------------------------------------------------------------- latencies
// Latency histograms for the current window.
export const lat = {
  all: newHist(), // move push -> its view received at all 4 seats (play)
  ack: newHist(), // move push -> ok reply (durable)
  firstView: newHist(), // move push -> its view at the first of the 4 seats (play)
};
// Per second of the window: samples, samples over 10 ms, the worst (play:
// all-views latency; bots: ack latency). Shows whether slow moves come in
// bursts (a stall somewhere) or spread evenly (queueing).
let windowStart = nowUs();
let series = [];
export function seriesAdd(at, us) {
  const i = Math.floor((at - windowStart) / 1e6);
  if (i < 0 || i > 3600) return;
  const e = series[i] || (series[i] = [0, 0, 0]);
  e[0]++;
  if (us > 10_000) e[1]++;
  if (us > e[2]) e[2] = us;
}

// A move pushed at `t0` whose view every seat of its table has now seen:
// `e.firstAt` when the first seat saw it, `e.allAt` the last.
export function sampleAllViews(e, t0) {
  histAdd(lat.all, e.allAt - t0);
  seriesAdd(e.allAt, e.allAt - t0);
  histAdd(lat.firstView, e.firstAt - t0);
}

// This process's own stalls, which land in the latencies it measures: event
// loop delay (1 ms resolution) and garbage collection pauses, per window.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    if (e.duration > gc.maxMs) gc.maxMs = e.duration;
  }
}).observe({ entryTypes: ['gc'] });

// The start of a measurement window.
export function resetWindow() {
  loopDelay.reset();
  gc.count = gc.totalMs = gc.maxMs = 0;
  lat.all = newHist();
  lat.ack = newHist();
  lat.firstView = newHist();
  windowStart = nowUs();
  series = [];
}

// ---------------------------------------------------------------- snapshot
export function snapshot(withHist = false) {
  const out = {
    ...st,
    ...processStats(socks),
    rooms: rooms.length,
    loopDelayMs: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    gc: { ...gc },
  };
  if (withHist) {
    out.histAll = histToSparse(lat.all);
    out.histAck = histToSparse(lat.ack);
    out.histFirstView = histToSparse(lat.firstView);
    out.series = Array.from(series, (e) => e || [0, 0, 0]);
  } else {
    out.all = histStats(lat.all);
  }
  return out;
}
