#!/usr/bin/env node
// Parlor rooms benchmark: the coordinator. Real Hearts tables over real
// sockets against a running `parlor serve` (no --test-mode needed). It forks
// rooms-worker.mjs processes, paces them, and reads the server's CPU and RSS
// from /proc and its store counters from /metrics.
//
//   node rooms.mjs rooms      --url http://127.0.0.1:PORT --server-pid PID --rooms 2000 [--rate 20000]
//   node rooms.mjs rooms-bots --url ... --server-pid PID --rooms 2000
//   node rooms.mjs rooms-idle --url ... --server-pid PID --rooms 2000
//
// Also reachable as `node load.mjs rooms|rooms-bots|rooms-idle ...`.
// bench/load/run.sh --only rooms|rooms-bots|rooms-idle starts a server with
// the right flags; see RESULTS.md ("Rooms").
import { fork, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  CLK_TCK,
  fmtUs,
  histFromSparse,
  histMerge,
  histStats,
  loadAvg,
  machineCpu,
  metrics,
  newHist,
  procCpu,
  procStatus,
  sleep,
} from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const SCENARIOS = ['rooms', 'rooms-bots', 'rooms-idle'];

const USAGE = `usage: node rooms.mjs rooms|rooms-bots|rooms-idle --url http://127.0.0.1:PORT --server-pid PID [options]

common:
  --url URL            server base URL (loopback only)                     (required)
  --server-pid PID     the server process, for CPU and RSS from /proc       (required)
  --json FILE          also write the results as JSON
  --procs N            load worker processes (4; rooms-idle 2)
  --local-base N       worker w connects from 127.0.0.(N+w); 0: kernel's choice (2)
  --public             create public rooms (listed in the lobby); default private, so
                       that a seat-0 socket joining the lobby to create its room is not
                       sent a list of every other benchmark room (O(K) per join)
  --hb SEC             heartbeat per socket, like phoenix.js (30)
  --semi-space-mb N    load workers' V8 young generation semi-space, MiB (node's default)

rooms (4 sockets per table) and rooms-bots (1 socket + 3 "easy" computer players):
  --rooms K            tables (2000; rooms-bots 2000)
  --rate R[,R...]      durable moves per second to offer in total, paced per room
                       (R/K moves/s each); 0 = unpaced: every seat moves as soon as
                       its view allows (closed loop). A list measures each rate in
                       turn on the same tables. rooms: 20000; rooms-bots: 0 (the
                       person's moves only are paced; computer players move at
                       the server's --bot-delay-ms)
  --ramp-rate N        tables set up per second, in total (200)
  --concurrency N      tables being set up at once per process (20)
  --warmup SEC         play this long before each window (10)
  --duration SEC       measurement window per rate (30)
  --pick first|random  which legal move to push: the first, or a seeded random one (random)
  --seed N             seed for the random picks (1)
  --no-stagger         tables start in step and keep the same pace (default: each
                       first plays a random 0-55 moves (rooms-bots: 0-13 of the
                       person's) unpaced, before measuring,
                       and then keeps its own pace, 0.5-1.5 x the mean, so that
                       hands end and passing rounds happen at different moments)
  --end-score N        Hearts end_score option (default: the game's 100)
  --level L            rooms-bots: computer players' level (easy)
  --probe-tables N     extra tables in a process of their own, paced at --probe-rate
                       moves/s each whatever the step: latency without the load
                       processes' own delays (4; 0: none)
  --probe-rate R       moves per second per probe table (2)
  --perf SEC           record the server with \`perf record\` for SEC seconds from the
                       start of the first window (--perf-out FILE, default perf.data;
                       --perf-call-graph MODE, default dwarf,16384; about 3 MiB/s)

rooms-idle (RSS per idle room):
  --rooms N            rooms to create (2000)
  --lanes N            groups of 4 sockets per process creating rooms in turn (8)
  --steps N            create the rooms in N equal batches, RSS after each (4)
  --private            private rooms (default here: public, listed in the lobby, as a
                       waiting table is; each lane's seat-0 socket stays in the lobby)
  --stand              players stand up before leaving (default: they just leave,
                       so the seat waits the server's --grace-ms for them)
  --settle SEC         after the sockets close, wait this long before the last
                       RSS reading (the grace timers run out first if --grace-ms
                       is shorter) (10)
`;

function parseArgs(argv) {
  const a = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (!k.startsWith('--')) {
      a._.push(k);
      continue;
    }
    const name = k.slice(2);
    if (['public', 'private', 'help', 'stand', 'no-stagger'].includes(name)) a[name] = true;
    else a[name] = argv[++i];
  }
  return a;
}

let args;
let base;
let serverPid;
let workers = [];
const log = (...m) => console.log(`[rooms ${new Date().toISOString().slice(11, 19)}]`, ...m);
const num = (k, d) => (args[k] === undefined ? d : Number(args[k]));
const sum = (arr, f) => arr.reduce((a, x) => a + (f(x) || 0), 0);
const mergeCounts = (arr, f) => {
  const out = {};
  for (const x of arr) for (const [k, v] of Object.entries(f(x) || {})) out[k] = (out[k] || 0) + v;
  return out;
};
const diffCounts = (a, b) => {
  const out = {};
  for (const [k, v] of Object.entries(b)) if (v - (a[k] || 0)) out[k] = v - (a[k] || 0);
  return out;
};

// ---------------------------------------------------------------- workers
class Worker {
  constructor(id) {
    this.id = id;
    // --semi-space-mb: a larger young generation (fewer scavenges), to see
    // whether the load processes' GC pauses matter.
    this.proc = fork(path.join(HERE, 'rooms-worker.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: args['semi-space-mb'] ? [`--max-semi-space-size=${Number(args['semi-space-mb'])}`] : [],
    });
    this.waiting = new Map();
    this.events = new Map();
    this.seq = 0;
    this.proc.on('message', (m) => {
      if (m.ev === 'fatal') {
        console.error(`worker ${id}: ${m.error}`);
        this.failed = new Error(m.error);
        for (const w of this.waiting.values()) w.rej(this.failed);
        for (const e of this.events.values()) e.rej(this.failed);
        return;
      }
      if (m.id !== undefined && this.waiting.has(m.id)) {
        this.waiting.get(m.id).res(m.stats);
        this.waiting.delete(m.id);
        return;
      }
      const e = this.events.get(m.ev);
      if (e) {
        this.events.delete(m.ev);
        e.res(m.stats);
      }
    });
    this.proc.on('exit', (code) => {
      this.exited = true;
      const err = new Error(`worker ${id} exited (${code})`);
      for (const w of this.waiting.values()) w.rej(err);
      for (const e of this.events.values()) e.rej(err);
    });
  }
  once(ev) {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((res, rej) => this.events.set(ev, { res, rej }));
  }
  start(cfg) {
    this.proc.send({ cmd: 'start', cfg });
  }
  request(cmd, extra = {}, timeoutMs = 60_000) {
    const id = ++this.seq;
    return new Promise((res, rej) => {
      const t = setTimeout(() => {
        this.waiting.delete(id);
        rej(new Error(`worker ${this.id}: ${cmd} timed out`));
      }, timeoutMs);
      this.waiting.set(id, {
        res: (v) => (clearTimeout(t), res(v)),
        rej: (e) => (clearTimeout(t), rej(e)),
      });
      this.proc.send({ cmd, id, ...extra });
    });
  }
  stop() {
    if (this.exited) return Promise.resolve();
    return new Promise((res) => {
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        res();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        res();
      });
      try {
        this.proc.send({ cmd: 'stop' });
      } catch {
        this.proc.kill('SIGKILL');
      }
    });
  }
}

async function stopAll() {
  await Promise.all(workers.map((w) => w.stop()));
}
const allStats = (extra) => Promise.all(workers.map((w) => w.request('stats', extra)));

function server() {
  const s = procStatus(serverPid);
  const c = procCpu(serverPid);
  return { ...s, cpuTicks: c.total, userTicks: c.user, sysTicks: c.sys };
}

const metricDelta = (a, b, k) => (a && b && b[k] !== undefined && a[k] !== undefined ? b[k] - a[k] : null);
const serverErrors = (m) =>
  m ? Object.fromEntries(Object.entries(m).filter(([k, v]) => k.startsWith('parlor_errors_total') && v)) : null;

// Waits for every worker's `ready` (its tables set up), printing progress.
async function rampTables(expected, timeoutMs) {
  const t0 = Date.now();
  let done = false;
  const all = Promise.all(workers.map((w) => w.once('ready'))).then(() => (done = true));
  all.catch(() => {});
  for (const w of workers) w.start(w.cfg);
  while (!done && Date.now() - t0 < timeoutMs) {
    await Promise.race([all, sleep(5000)]);
    if (done) break;
    const st = await allStats().catch(() => []);
    const m = await metrics(base);
    log(
      `ramp: tables ready ${sum(st, (s) => s.roomsReady)}/${expected}, failed ${sum(st, (s) => s.roomsFailed)},` +
        ` sockets ${sum(st, (s) => s.open)}, server conns ${m ? m.parlor_connections : '?'}, rooms live ${m ? m.parlor_rooms_live : '?'},` +
        ` server RSS ${(procStatus(serverPid).rssKiB / 1024).toFixed(1)} MiB`,
    );
  }
  if (!done) throw new Error(`tables not ready after ${timeoutMs / 1000} s`);
  await all;
  return (Date.now() - t0) / 1000;
}

function splitEven(total, parts) {
  const out = [];
  for (let i = 0; i < parts; i++) out.push(Math.floor(total / parts) + (i < total % parts ? 1 : 0));
  return out;
}

// ================================================================ rooms / rooms-bots
async function runTables(mode) {
  const bots = mode === 'bots';
  const K = num('rooms', 2000);
  const procs = num('procs', 4);
  const perRoomSockets = bots ? 1 : 4;
  const rates = String(args.rate ?? (bots ? '0' : '20000')).split(',').map(Number);
  const warmupMs = num('warmup', 10) * 1000;
  const durationMs = num('duration', 30) * 1000;
  const rampRate = num('ramp-rate', 200);
  const localBase = num('local-base', 2);
  const counts = splitEven(K, procs);
  if (Math.max(...counts) * perRoomSockets > 19000)
    throw new Error(`${Math.max(...counts) * perRoomSockets} sockets in one process is over the fd limit; add --procs`);
  const options = {};
  if (args['end-score']) options.end_score = Number(args['end-score']);

  const s0 = server();
  const m0 = await metrics(base);
  log(
    `${bots ? 'rooms-bots' : 'rooms'}: ${K} Hearts tables (${perRoomSockets} socket(s) each${bots ? ' + 3 computer players' : ''}) over ${procs} processes;` +
      ` rates ${rates.map((r) => (r ? r + '/s' : 'unpaced')).join(', ')}; warmup ${warmupMs / 1000} s, window ${durationMs / 1000} s`,
  );
  log(`server before: RSS ${(s0.rssKiB / 1024).toFixed(1)} MiB, threads ${s0.threads}; store metrics ${m0 && m0.parlor_store_commits_total !== undefined ? 'present' : 'ABSENT'}`);

  let roomBase = 0;
  workers = counts.map((n, w) => {
    const wk = new Worker(w);
    wk.cfg = {
      mode: bots ? 'bots' : 'play',
      base,
      rooms: n,
      roomBase,
      namePrefix: `b${process.pid % 1000}w${w}`,
      localAddress: localBase ? `127.0.0.${localBase + w}` : null,
      rampRate: rampRate / procs,
      concurrency: num('concurrency', 20),
      pick: args.pick || 'random',
      seed: num('seed', 1),
      public: !!args.public,
      options,
      botLevel: args.level || 'easy',
      stagger: !args['no-stagger'],
      // One Hearts hand is 56 moves (4 passes + 52 cards); with computer
      // players the person makes a quarter of them.
      prerollMoves: bots ? 14 : 56,
      hbSec: num('hb', 30),
    };
    roomBase += n;
    return wk;
  });
  // The probe: a few more tables in a process of their own, played at a
  // gentle fixed pace whatever the step. That process is nearly idle, so its
  // latencies are the server's and the kernel's, without the load workers'
  // own queueing and GC pauses.
  const probeTables = num('probe-tables', 4);
  if (probeTables > 0) {
    const pw = new Worker(procs);
    pw.cfg = { ...workers[0].cfg, rooms: probeTables, roomBase, namePrefix: `b${process.pid % 1000}p`, rampRate: 0, localAddress: localBase ? `127.0.0.${localBase + procs}` : null };
    pw.probe = true;
    workers.push(pw);
  }
  const rampSeconds = await rampTables(K + probeTables, Math.max(300_000, (K / rampRate) * 3000));
  const afterRamp = await allStats();
  const ready = sum(afterRamp, (s) => s.roomsReady);
  const sRamp = server();
  const mRamp = await metrics(base);
  log(
    `ramp done in ${rampSeconds.toFixed(1)} s: ${ready} tables started, ${sum(afterRamp, (s) => s.roomsFailed)} failed;` +
      ` ${sum(afterRamp, (s) => s.open)} sockets; server RSS ${(sRamp.rssKiB / 1024).toFixed(1)} MiB, conns ${mRamp ? mRamp.parlor_connections : '?'}`,
  );
  if (!ready) throw new Error(`no table started: ${JSON.stringify(mergeCounts(afterRamp, (s) => s.errors))}`);

  const steps = [];
  for (const rate of rates) steps.push(await tableStep({ mode, rate, rooms: ready - probeTables, warmupMs, durationMs }));
  const fin = await allStats();
  const sEnd = server();
  await stopAll();

  const res = {
    scenario: bots ? 'rooms-bots' : 'rooms',
    when: new Date().toISOString(),
    params: {
      rooms: K,
      procs,
      rates,
      warmupS: warmupMs / 1000,
      durationS: durationMs / 1000,
      rampRate,
      pick: args.pick || 'random',
      public: !!args.public,
      options,
      probeTables,
    },
    tablesStarted: ready, // including the probe tables
    tablesFailed: sum(afterRamp, (s) => s.roomsFailed),
    rampSeconds,
    socketsOpen: sum(afterRamp, (s) => s.open),
    steps,
    totals: {
      movesOk: sum(fin, (s) => s.movesOk),
      pushes: sum(fin, (s) => s.pushes),
      movesRefused: mergeCounts(fin, (s) => s.movesRefused),
      versionGaps: sum(fin, (s) => s.versionGaps),
      gamesOver: sum(fin, (s) => s.gamesOver),
      rematches: sum(fin, (s) => s.rematches),
      closed: sum(fin, (s) => s.closed),
      closeCodes: mergeCounts(fin, (s) => s.closeCodes),
      errors: mergeCounts(fin, (s) => s.errors),
      lateReplies: sum(fin, (s) => s.lateReplies),
      hbOk: sum(fin, (s) => s.hbOk),
      hbSent: sum(fin, (s) => s.hbSent),
    },
    server: {
      rssBeforeKiB: s0.rssKiB,
      rssAfterRampKiB: sRamp.rssKiB,
      rssEndKiB: sEnd.rssKiB,
      rssPeakKiB: sEnd.hwmKiB,
      threads: sEnd.threads,
    },
    clientRssKiB: fin.map((s) => s.rssKiB),
    loadAvg: loadAvg(),
  };
  printTables(res);
  return res;
}

async function tableStep({ mode, rate, rooms, warmupMs, durationMs }) {
  const roomRate = rate > 0 ? rate / rooms : 0;
  log(`step ${rate ? rate + ' moves/s offered (' + roomRate.toFixed(2) + '/s per table)' : 'unpaced'}: warming up ${warmupMs / 1000} s`);
  const probeRate = num('probe-rate', 2);
  await Promise.all(workers.map((w) => w.request('go', { roomRate: w.probe ? probeRate : roomRate })));
  if (!args['no-stagger'] && !prerollDone) {
    // Wait for the pre-roll (each table's random 0-55 unpaced moves).
    const t0 = Date.now();
    for (;;) {
      await sleep(1000);
      const st = await allStats();
      const pending = sum(st, (s) => s.rooms) - sum(st, (s) => s.prerolled);
      if (pending <= 0 || Date.now() - t0 > 120_000) {
        log(`pre-roll done in ${((Date.now() - t0) / 1000).toFixed(1)} s (${sum(st, (s) => s.movesOk)} moves so far)`);
        break;
      }
    }
    prerollDone = true;
  }
  await sleep(warmupMs);
  const perf = startPerf();
  const a = {
    w: await Promise.all(workers.map((w) => w.request('reset'))),
    srv: server(),
    mach: machineCpu(),
    m: await metrics(base),
    t: process.hrtime.bigint(),
  };
  // The store's commits, sampled every 100 ms: the longest gap with no
  // commit and the longest time spent committing in one 100 ms slice show
  // stalls of the writer (a WAL checkpoint, a slow fsync).
  const sampler = sampleStore(durationMs);
  // A progress line every 10 s.
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    await sleep(Math.min(10_000, end - Date.now()));
    const st = await allStats();
    const secs = Number(process.hrtime.bigint() - a.t) / 1e9;
    log(
      `  ${secs.toFixed(0)} s: ${Math.round((sum(st, (s) => s.movesOk) - sum(a.w, (s) => s.movesOk)) / secs)} ok moves/s,` +
        ` views ${Math.round((sum(st, (s) => s.views) - sum(a.w, (s) => s.views)) / secs)}/s, all-views p99 so far (worst process) ${fmtUs(Math.max(...st.map((s) => s.all.p99 || 0)))},` +
        ` server RSS ${(procStatus(serverPid).rssKiB / 1024).toFixed(1)} MiB, machine load ${loadAvg()[0]}`,
    );
  }
  const b = {
    t: process.hrtime.bigint(),
    srv: server(),
    mach: machineCpu(),
    w: await Promise.all(workers.map((w) => w.request('stats', { withHist: true }))),
    m: await metrics(base),
  };
  const secs = Number(b.t - a.t) / 1e9;
  if (perf) await perf;
  const storeSamples = await sampler;
  const d = (f) => sum(b.w, f) - sum(a.w, f);
  // Latencies: the load processes', and the probe's apart.
  const isProbe = workers.map((w) => !!w.probe);
  const hist = (k, probe = false) => {
    const h = newHist();
    b.w.forEach((s, i) => isProbe[i] === probe && histMerge(h, histFromSparse(s[k])));
    return histStats(h);
  };
  const movesOk = d((s) => s.movesOk);
  // Per second: [samples, samples over 10 ms, worst us], all processes.
  const series = [];
  for (const w of b.w.filter((_, i) => !isProbe[i]))
    (w.series || []).forEach((e, i) => {
      const x = series[i] || (series[i] = [0, 0, 0]);
      x[0] += e[0];
      x[1] += e[1];
      x[2] = Math.max(x[2], e[2]);
    });
  const writes = metricDelta(a.m, b.m, 'parlor_store_writes_total');
  const commits = metricDelta(a.m, b.m, 'parlor_store_commits_total');
  const commitUs = metricDelta(a.m, b.m, 'parlor_store_commit_microseconds_total');
  const srvPct = ((b.srv.cpuTicks - a.srv.cpuTicks) / CLK_TCK / secs) * 100;
  const clientPct = b.w.map((s, i) => ((s.cpuUs - a.w[i].cpuUs) / 1e6 / secs) * 100);
  const clientTotalPct = clientPct.reduce((x, y) => x + y, 0);
  const machPct = ((b.mach.busy - a.mach.busy) / (b.mach.total - a.mach.total)) * 100 * 2;
  const versionAdvance = d((s) => s.versionAdvance);
  // Durable moves: in `rooms` every move is a seat's push, answered ok once
  // durable. In `rooms-bots` the person's ok replies are a quarter; the
  // versions the one socket saw advance count every durable move (a view is
  // sent only after its move is durable).
  const durable = mode === 'bots' ? versionAdvance : movesOk;
  const st = {
    rate,
    roomRate,
    windowSeconds: secs,
    durableMoves: durable,
    durableMovesPerSec: durable / secs,
    okRepliesPerSec: movesOk / secs,
    pushesPerSec: d((s) => s.pushes) / secs,
    refused: diffCounts(mergeCounts(a.w, (s) => s.movesRefused), mergeCounts(b.w, (s) => s.movesRefused)),
    viewsPerSec: d((s) => s.views) / secs,
    viewKiBAvg: d((s) => s.viewBytes) / Math.max(1, d((s) => s.views)) / 1024,
    framesInPerSec: d((s) => s.framesIn) / secs,
    latencyAllViewsUs: hist('histAll'),
    latencyFirstViewUs: hist('histFirstView'),
    latencyAckUs: hist('histAck'),
    probe: isProbe.some((x) => x)
      ? {
          tables: num('probe-tables', 4),
          movesPerSecPerTable: probeRate,
          latencyAllViewsUs: hist('histAll', true),
          latencyAckUs: hist('histAck', true),
        }
      : null,
    series,
    versionGaps: d((s) => s.versionGaps),
    gamesOver: d((s) => s.gamesOver),
    rematches: d((s) => s.rematches),
    closed: d((s) => s.closed),
    closeCodes: mergeCounts(b.w, (s) => s.closeCodes),
    clientErrors: diffCounts(mergeCounts(a.w, (s) => s.errors), mergeCounts(b.w, (s) => s.errors)),
    store: {
      commitsPerSec: commits === null ? null : commits / secs,
      writesPerSec: writes === null ? null : writes / secs,
      writesPerCommit: commits ? writes / commits : null,
      commitBusyPct: commitUs === null ? null : (commitUs / 1e6 / secs) * 100,
      ...storeSamples,
    },
    server: {
      cpuPct: srvPct,
      userPct: ((b.srv.userTicks - a.srv.userTicks) / CLK_TCK / secs) * 100,
      sysPct: ((b.srv.sysTicks - a.srv.sysTicks) / CLK_TCK / secs) * 100,
      cpuUsPerMove: durable ? ((srvPct / 100) * secs * 1e6) / durable : null,
      rssKiB: b.srv.rssKiB,
      framesOutPerSec: metricDelta(a.m, b.m, 'parlor_frames_out_total') / secs,
      bytesOutPerSec: metricDelta(a.m, b.m, 'parlor_bytes_out_total') / secs,
      framesInPerSec: metricDelta(a.m, b.m, 'parlor_frames_in_total') / secs,
      connections: b.m ? b.m.parlor_connections : null,
      roomsLive: b.m ? b.m.parlor_rooms_live : null,
      errors: serverErrors(b.m),
    },
    client: {
      cpuPct: clientPct,
      totalPct: clientTotalPct,
      rssKiB: b.w.map((s) => s.rssKiB),
      // Each load process's own stalls in the window (they add to the latencies it measures).
      loopDelayP99Ms: Math.max(...b.w.map((s) => s.loopDelayMs.p99)),
      loopDelayMaxMs: Math.max(...b.w.map((s) => s.loopDelayMs.max)),
      gcMaxPauseMs: Math.max(...b.w.map((s) => s.gc.maxMs)),
      gcTotalMs: b.w.map((s) => s.gc.totalMs),
    },
    machine: { busyPct: machPct, othersPct: Math.max(0, machPct - srvPct - clientTotalPct) },
    loadAvg: loadAvg(),
  };
  st.targets = {
    moves20k: st.durableMovesPerSec >= 20_000,
    p99Under10ms: mode === 'bots' ? null : st.latencyAllViewsUs.p99 < 10_000,
  };
  printStep(mode, st);
  return st;
}

function printStep(mode, r) {
  const l = r.latencyAllViewsUs;
  const f = r.latencyFirstViewUs;
  const k = r.latencyAckUs;
  const s = r.store;
  console.log(`
  step: ${r.rate ? r.rate + ' moves/s offered' : 'unpaced (closed loop)'}
  durable moves                  ${Math.round(r.durableMovesPerSec)}/s over ${r.windowSeconds.toFixed(1)} s${mode === 'bots' ? ` (person's ok replies ${Math.round(r.okRepliesPerSec)}/s)` : ''}; pushes ${Math.round(r.pushesPerSec)}/s, refused ${JSON.stringify(r.refused)}
  store                          ${s.commitsPerSec === null ? 'no store metrics' : `${Math.round(s.commitsPerSec)} commits/s, ${Math.round(s.writesPerSec)} writes/s (${s.writesPerCommit?.toFixed(1)} per commit), committing ${s.commitBusyPct.toFixed(0)}% of the time`}
  ${mode === 'bots' ? 'push -> ok reply (durable)    ' : 'push -> view at all 4 seats   '} p50 ${fmtUs(mode === 'bots' ? k.p50 : l.p50)}, p90 ${fmtUs(mode === 'bots' ? k.p90 : l.p90)}, p99 ${fmtUs(mode === 'bots' ? k.p99 : l.p99)}, p99.9 ${fmtUs(mode === 'bots' ? k.p999 : l.p999)}, max ${fmtUs(mode === 'bots' ? k.max : l.max)} (${mode === 'bots' ? k.count : l.count} samples)${
    mode === 'bots'
      ? ''
      : `
  push -> view at the first seat  p50 ${fmtUs(f.p50)}, p99 ${fmtUs(f.p99)}
  push -> ok reply (durable)     p50 ${fmtUs(k.p50)}, p99 ${fmtUs(k.p99)}, max ${fmtUs(k.max)}`
  }
${
    r.probe
      ? `  probe tables (${r.probe.tables}, ${r.probe.movesPerSecPerTable}/s each, own process)  ${mode === 'bots' ? 'push -> ok' : 'push -> all 4 views'} p50 ${fmtUs(mode === 'bots' ? r.probe.latencyAckUs.p50 : r.probe.latencyAllViewsUs.p50)}, p99 ${fmtUs(mode === 'bots' ? r.probe.latencyAckUs.p99 : r.probe.latencyAllViewsUs.p99)}, max ${fmtUs(mode === 'bots' ? r.probe.latencyAckUs.max : r.probe.latencyAllViewsUs.max)} (${(mode === 'bots' ? r.probe.latencyAckUs : r.probe.latencyAllViewsUs).count} samples)
`
      : ''
  }  views received                 ${Math.round(r.viewsPerSec)}/s, ${r.viewKiBAvg.toFixed(2)} KiB each; version gaps ${r.versionGaps}; games over ${r.gamesOver}, rematches ${r.rematches}
  server                         CPU ${r.server.cpuPct.toFixed(0)}% (user ${r.server.userPct.toFixed(0)}%, kernel ${r.server.sysPct.toFixed(0)}%), ${r.server.cpuUsPerMove?.toFixed(1)} us per durable move; RSS ${(r.server.rssKiB / 1024).toFixed(1)} MiB; frames out ${Math.round(r.server.framesOutPerSec)}/s (${(r.server.bytesOutPerSec / 1048576).toFixed(1)} MiB/s), in ${Math.round(r.server.framesInPerSec)}/s; conns ${r.server.connections}, rooms live ${r.server.roomsLive}
  slow moves per second          ${r.series.map((e) => (e[0] ? Math.round((100 * e[1]) / e[0]) : '-')).join(' ')} (% over 10 ms, each second of the window)
  worst per second               ${r.series.map((e) => (e[2] / 1000).toFixed(0)).join(' ')} (ms)
  write bursts (checkpoints)     ${r.store.writeBursts ? `seconds ${r.store.writeBursts.join(', ')} of the window (> 8 MiB written in 100 ms)${burstEffect(r)}` : '?'}
  store stalls (100 ms samples)  longest run without a commit ${r.store.longestNoCommitMs ?? '?'} ms; most commit time in one 100 ms slice ${r.store.maxCommitMsPerSlice?.toFixed(1) ?? '?'} ms
  load workers                   ${r.client.cpuPct.map((x) => x.toFixed(0) + '%').join(' + ')} = ${r.client.totalPct.toFixed(0)}%; event loop delay p99 ${r.client.loopDelayP99Ms.toFixed(1)} ms, max ${r.client.loopDelayMaxMs.toFixed(1)} ms; GC pause max ${r.client.gcMaxPauseMs.toFixed(1)} ms; machine ${r.machine.busyPct.toFixed(0)}% of 200% (others ~${r.machine.othersPct.toFixed(0)}%)
  sockets closed / errors        ${r.closed} closed ${JSON.stringify(r.closeCodes)}; client ${JSON.stringify(r.clientErrors)}; server ${JSON.stringify(r.server.errors)}
  targets                        >= 20000 durable moves/s: ${r.targets.moves20k ? 'MET' : 'NOT MET'}${r.targets.p99Under10ms === null ? '' : `; p99 move -> all views < 10 ms: ${r.targets.p99Under10ms ? 'MET' : 'NOT MET'}`}`);
}

// Worst latency in the seconds with a write burst (or the second after)
// against the others.
function burstEffect(r) {
  const b = new Set();
  for (const x of r.store.writeBursts || []) (b.add(x), b.add(x + 1));
  const inB = r.series.filter((e, i) => b.has(i) && e[0]).map((e) => e[2]);
  const outB = r.series.filter((e, i) => !b.has(i) && e[0]).map((e) => e[2]);
  const avg = (a) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length / 1000 : NaN);
  return `; worst per second averages ${avg(inB).toFixed(0)} ms in those seconds (and the next), ${avg(outB).toFixed(0)} ms in the others`;
}

function printTables(r) {
  console.log(`
${r.scenario} result: ${r.tablesStarted} tables started (${r.params.probeTables} of them probe tables; ${r.tablesFailed} failed) in ${r.rampSeconds.toFixed(1)} s, ${r.socketsOpen} sockets
  totals                         ${r.totals.movesOk} ok moves, ${r.totals.pushes} pushes, refused ${JSON.stringify(r.totals.movesRefused)}, version gaps ${r.totals.versionGaps}, games over ${r.totals.gamesOver}, rematches ${r.totals.rematches}
  sockets closed                 ${r.totals.closed} ${JSON.stringify(r.totals.closeCodes)}; client errors ${JSON.stringify(r.totals.errors)}; late replies ${r.totals.lateReplies}; heartbeats ${r.totals.hbOk}/${r.totals.hbSent}
  server RSS                     ${(r.server.rssBeforeKiB / 1024).toFixed(1)} MiB before, ${(r.server.rssAfterRampKiB / 1024).toFixed(1)} after the ramp, ${(r.server.rssEndKiB / 1024).toFixed(1)} at the end (peak ${(r.server.rssPeakKiB / 1024).toFixed(1)}), ${r.server.threads} threads
`);
}

// Bytes the server process has caused to be written to disk (write_bytes in
// /proc/<pid>/io). In synchronous=NORMAL the WAL is synced only at a
// checkpoint, which then writes back the WAL and copies its pages into the
// database file: a burst of tens of MiB. Socket traffic is not counted.
function wchar() {
  try {
    const m = readFileSync(`/proc/${serverPid}/io`, 'utf8').match(/^write_bytes:\s+(\d+)/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null; // needs the same user as the server (or root)
  }
}

async function sampleStore(durationMs) {
  const t0 = Date.now();
  const end = t0 + durationMs;
  let prev = await metrics(base);
  let prevT = Date.now();
  let prevW = wchar();
  // Seconds of the window in which the server wrote more than 8 MiB to disk
  // within 100 ms: checkpoints.
  const writeBursts = [];
  if (!prev || prev.parlor_store_commits_total === undefined) return {};
  let lastCommitAt = Date.now();
  let longestNoCommitMs = 0;
  let maxCommitMsPerSlice = 0;
  while (Date.now() < end) {
    await sleep(100);
    const m = await metrics(base);
    const now = Date.now();
    const w = wchar();
    if (w !== null && prevW !== null && w - prevW > 8 * 1048576) {
      const sec = Math.floor((now - t0) / 1000);
      if (writeBursts[writeBursts.length - 1] !== sec) writeBursts.push(sec);
    }
    prevW = w;
    if (!m) continue;
    if (m.parlor_store_commits_total > prev.parlor_store_commits_total) lastCommitAt = now;
    longestNoCommitMs = Math.max(longestNoCommitMs, now - lastCommitAt);
    maxCommitMsPerSlice = Math.max(
      maxCommitMsPerSlice,
      ((m.parlor_store_commit_microseconds_total - prev.parlor_store_commit_microseconds_total) / 1000) * (100 / Math.max(1, now - prevT)),
    );
    prev = m;
    prevT = now;
  }
  return { longestNoCommitMs, maxCommitMsPerSlice, writeBursts };
}

// `perf record -g` on the server for --perf seconds, once (the first window).
let perfChild = null;
let prerollDone = false;
let perfDone = false;
function startPerf() {
  const secs = num('perf', 0);
  if (!secs || perfDone) return null;
  perfDone = true;
  const out = args['perf-out'] || 'perf.data';
  log(`perf: recording the server for ${secs} s into ${out}`);
  // DWARF call graphs: the Release build has no frame pointers, so -g alone
  // gives broken stacks (and callers' inclusive shares would be wrong).
  const cg = args['perf-call-graph'] || 'dwarf,16384';
  perfChild = spawn('perf', ['record', '-F', cg.startsWith('dwarf') ? '199' : '499', '--call-graph', cg, '-p', String(serverPid), '-o', out, '--', 'sleep', String(secs)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((res) => {
    perfChild.on('exit', () => ((perfChild = null), res()));
    perfChild.on('error', (e) => (log(`perf: ${e.message}`), (perfChild = null), res()));
  });
}

// ================================================================ rooms-idle
async function runIdleRooms() {
  const N = num('rooms', 2000);
  const procs = num('procs', 2);
  const lanes = num('lanes', 8);
  const stepsN = Math.max(1, num('steps', 4));
  const settleS = num('settle', 10);
  const localBase = num('local-base', 2);
  const counts = splitEven(N, procs);

  log(`rooms-idle: ${N} rooms by ${procs} processes x ${lanes} lanes of 4 sockets; ${stepsN} batches; players ${args.stand ? 'stand, then leave' : 'leave without standing'}`);
  workers = counts.map((n, w) => {
    const wk = new Worker(w);
    wk.cfg = {
      mode: 'idle',
      base,
      rooms: n,
      lanes,
      namePrefix: `i${process.pid % 1000}w${w}`,
      localAddress: localBase ? `127.0.0.${localBase + w}` : null,
      public: !args.private,
      stand: !!args.stand,
      options: {},
      hbSec: num('hb', 30),
    };
    return wk;
  });
  // Sessions and sockets first; the baseline is taken with them open.
  const lanesOpen = workers.map((w) => w.once('lanes_open'));
  const ready = workers.map((w) => w.once('ready'));
  ready.forEach((p) => p.catch(() => {}));
  for (const w of workers) w.start(w.cfg);
  await Promise.all(lanesOpen);
  await sleep(2000);
  const m0 = await metrics(base);
  const s0 = server();
  log(`sockets open (${procs * lanes * 4}); baseline RSS ${(s0.rssKiB / 1024).toFixed(1)} MiB, rooms live ${m0 ? m0.parlor_rooms_live : '?'}`);

  const checkpoints = [];
  const t0 = Date.now();
  for (let k = 1; k <= stepsN; k++) {
    const per = workers.map((w, i) => Math.ceil((counts[i] * k) / stepsN) - Math.ceil((counts[i] * (k - 1)) / stepsN));
    await Promise.all(workers.map((w, i) => w.request('batch', { count: per[i] }, 600_000)));
    await sleep(2000);
    const s = server();
    const m = await metrics(base);
    const st = await allStats();
    const cp = {
      afterSeconds: (Date.now() - t0) / 1000,
      roomsCreated: sum(st, (x) => x.roomsReady),
      roomsFailed: sum(st, (x) => x.roomsFailed),
      roomsLive: m ? m.parlor_rooms_live : null,
      rssKiB: s.rssKiB,
    };
    checkpoints.push(cp);
    log(`batch ${k}/${stepsN}: ${cp.roomsCreated} rooms created (${cp.roomsFailed} failed), rooms live ${cp.roomsLive}, RSS ${(cp.rssKiB / 1024).toFixed(1)} MiB`);
  }
  await Promise.all(ready);
  const createSeconds = (Date.now() - t0) / 1000;
  const stBefore = await allStats();
  const sOpen = server();
  await Promise.all(workers.map((w) => w.request('close')));
  await sleep(3000);
  const sClosed = server();
  const mClosed = await metrics(base);
  log(`sockets closed: RSS ${(sClosed.rssKiB / 1024).toFixed(1)} MiB, conns ${mClosed ? mClosed.parlor_connections : '?'}, rooms live ${mClosed ? mClosed.parlor_rooms_live : '?'}; settling ${settleS} s`);
  await sleep(settleS * 1000);
  const sSettled = server();
  const mSettled = await metrics(base);
  const stFin = await allStats();
  await stopAll();

  const created = sum(stFin, (x) => x.roomsReady);
  const perRoom = (kib) => (created ? (kib - s0.rssKiB) / created : null);
  // The slope between the first and last checkpoint leaves out what the
  // first rooms cost once (caches, the lobby's and the store's first pages).
  const first = checkpoints[0];
  const last = checkpoints[checkpoints.length - 1];
  const slope = checkpoints.length > 1 && last.roomsCreated > first.roomsCreated ? (last.rssKiB - first.rssKiB) / (last.roomsCreated - first.roomsCreated) : null;
  const res = {
    scenario: 'rooms-idle',
    when: new Date().toISOString(),
    params: { rooms: N, procs, lanes, steps: stepsN, stand: !!args.stand, public: !args.private, settleS },
    roomsCreated: created,
    roomsFailed: sum(stFin, (x) => x.roomsFailed),
    createSeconds,
    sockets: procs * lanes * 4,
    checkpoints,
    errors: mergeCounts(stFin, (x) => x.errors),
    closedBeforeEnd: sum(stBefore, (x) => x.closed),
    server: {
      rssBaselineKiB: s0.rssKiB,
      rssWithSocketsKiB: sOpen.rssKiB,
      rssAfterCloseKiB: sClosed.rssKiB,
      rssSettledKiB: sSettled.rssKiB,
      rssPeakKiB: sSettled.hwmKiB,
      roomsLiveBaseline: m0 ? m0.parlor_rooms_live : null,
      roomsLiveAfterClose: mClosed ? mClosed.parlor_rooms_live : null,
      roomsLiveSettled: mSettled ? mSettled.parlor_rooms_live : null,
      connsAfterClose: mClosed ? mClosed.parlor_connections : null,
      perRoomAfterCloseKiB: perRoom(sClosed.rssKiB),
      perRoomSettledKiB: perRoom(sSettled.rssKiB),
      perRoomSlopeKiB: slope,
    },
    loadAvg: loadAvg(),
  };
  res.targets = { perRoomUnder32KiB: res.server.perRoomSettledKiB !== null && res.server.perRoomSettledKiB <= 32 };
  const sv = res.server;
  console.log(`
rooms-idle result: ${created} rooms created (${res.roomsFailed} failed) in ${createSeconds.toFixed(1)} s by ${res.sockets} sockets
  server RSS                     baseline ${(sv.rssBaselineKiB / 1024).toFixed(1)} MiB (sockets open, no rooms) -> ${(sv.rssWithSocketsKiB / 1024).toFixed(1)} with the rooms -> ${(sv.rssAfterCloseKiB / 1024).toFixed(1)} 3 s after the sockets closed -> ${(sv.rssSettledKiB / 1024).toFixed(1)} ${settleS} s later (peak ${(sv.rssPeakKiB / 1024).toFixed(1)})
  rooms in memory                ${sv.roomsLiveBaseline} before, ${sv.roomsLiveAfterClose} after close, ${sv.roomsLiveSettled} at the end; connections after close ${sv.connsAfterClose}
  RSS per idle room              ${sv.perRoomSettledKiB?.toFixed(2)} KiB at the end (${sv.perRoomAfterCloseKiB?.toFixed(2)} KiB 3 s after close); slope over the batches ${sv.perRoomSlopeKiB === null ? 'n/a' : sv.perRoomSlopeKiB.toFixed(2) + ' KiB'}
  checkpoints                    ${checkpoints.map((c) => `${c.roomsCreated}: ${(c.rssKiB / 1024).toFixed(1)} MiB`).join(', ')}
  errors                         ${JSON.stringify(res.errors)}
  target                         <= 32 KiB per idle room: ${res.targets.perRoomUnder32KiB ? 'MET' : 'NOT MET'}
`);
  return res;
}

// ================================================================ main
export async function main(argv) {
  args = parseArgs(argv);
  const scenario = args._[0];
  if (args.help || !SCENARIOS.includes(scenario) || !args.url) {
    process.stdout.write(USAGE);
    return args.help ? 0 : 2;
  }
  base = args.url;
  const h = new URL(base).hostname;
  if (!(h.startsWith('127.') || h === 'localhost' || h === '[::1]')) {
    console.error(`refusing ${base}: this tool only targets loopback addresses`);
    return 2;
  }
  serverPid = Number(args['server-pid']);
  if (!serverPid) {
    console.error('--server-pid is required (RSS and CPU come from /proc/<pid>)');
    return 2;
  }
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => {
      if (perfChild) perfChild.kill('SIGINT');
      await stopAll();
      process.exit(130);
    });
  }
  try {
    const res = scenario === 'rooms-idle' ? await runIdleRooms() : await runTables(scenario === 'rooms-bots' ? 'bots' : 'play');
    if (args.json) writeFileSync(args.json, JSON.stringify(res, null, 2) + '\n');
    return 0;
  } catch (e) {
    console.error(`rooms ${scenario}: ${e && e.stack ? e.stack : e}`);
    await stopAll();
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main(process.argv.slice(2)));
}
