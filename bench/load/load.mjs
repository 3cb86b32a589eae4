#!/usr/bin/env node
// Parlor socket load tool: the coordinator. It forks worker processes
// (worker.mjs), drives one scenario against a running `parlor serve
// --test-mode`, reads the server's RSS and CPU from /proc, and prints and
// optionally writes (--json) the results.
//
//   node load.mjs idle   --url http://127.0.0.1:PORT --server-pid PID [options]
//   node load.mjs fanout --url http://127.0.0.1:PORT --server-pid PID [options]
//   node load.mjs rooms|rooms-bots|rooms-idle ...   (Hearts tables: rooms.mjs)
//
// Run with --help for the options. bench/load/run.sh starts a server and runs
// both scenarios; see RESULTS.md.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  allStats as statsOf,
  cpuShares,
  loopbackTarget,
  makeLog,
  mergeCounts,
  mergedLatency,
  numArg,
  onSignals,
  parseArgs,
  serverErrors,
  serverSample,
  stopAll as stopWorkers,
  sum,
  waitWithProgress,
  windowEnd,
  WorkerProcess,
} from './coordinator-lib.mjs';
import { fmtUs, loadAvg, machineCpu, metrics, newToken, procStatus, sleep, socketUrl } from './lib.mjs';
import { main as roomsMain, SCENARIOS as ROOM_SCENARIOS } from './rooms.mjs';

// The rooms scenarios have their own coordinator and workers (rooms.mjs,
// rooms-worker.mjs); see `node rooms.mjs --help`.
if (ROOM_SCENARIOS.includes(process.argv[2])) process.exit(await roomsMain(process.argv.slice(2)));

const HERE = path.dirname(fileURLToPath(import.meta.url));

const USAGE = `usage: node load.mjs idle|fanout --url http://127.0.0.1:PORT [options]
       node load.mjs rooms|rooms-bots|rooms-idle ... (see node rooms.mjs --help)

common:
  --url URL            server base URL (loopback only)               (required)
  --server-pid PID     server process, for VmRSS and CPU from /proc   (required)
  --json FILE          also write the results as JSON
  --local-base N       worker w connects from 127.0.0.(N+w); 0: kernel's choice (2)
  --deflate            offer permessage-deflate like browsers do (off: ws default on,
                       but the server declines it anyway; off keeps the client cheap)
  --concurrency N      handshakes in flight per worker (100)
  --ramp-timeout SEC   give up waiting for sockets to open/join after this (240)

idle:
  --sockets N          sockets in total (16000)
  --procs N            worker processes (4); each must stay under its fd limit
  --per-topic N        sockets per conformance:idle:* topic (1 = a topic each)
  --hold SEC           how long to hold them after the ramp (70; > idle timeout 60)
  --hb SEC             heartbeat interval per socket, like phoenix.js (30)

fanout:
  --subs N             subscriber sockets on one topic (1000)
  --procs N            subscriber worker processes (2)
  --rate N[,N...]      broadcasts per second from the publisher (100); a list runs
                       one measurement per rate on the same subscribers
  --pub-sockets N      publisher sockets, round-robin (default: rate/40 rounded up,
                       so each stays under the server's default 50 msg/s limit)
  --warmup SEC         publish this long before measuring (3)
  --duration SEC       measurement window per rate (10)
  --pad BYTES          extra payload bytes per broadcast (0)
  --hb SEC             heartbeat interval (30)
`;

// ---------------------------------------------------------------- args
const args = parseArgs(process.argv.slice(2), ['deflate', 'help']);
const scenario = args._[0];
if (args.help || !['idle', 'fanout'].includes(scenario) || !args.url) {
  process.stdout.write(USAGE);
  process.exit(args.help ? 0 : 2);
}
const num = numArg(args);
const target = loopbackTarget(args);
if (!target) process.exit(2);
const { base, serverPid } = target;
const localBase = num('local-base', 2);
const concurrency = num('concurrency', 100);
const rampTimeoutMs = num('ramp-timeout', 240) * 1000;
const runId = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

const log = makeLog('load');

// ---------------------------------------------------------------- workers
// A worker.mjs process; `ready` is its first `ready` event (sockets open
// and joined).
function newWorker(id) {
  const w = new WorkerProcess(id, path.join(HERE, 'worker.mjs'));
  w.ready = w.once('ready');
  return w;
}

let workers = [];
const stopAll = () => stopWorkers(workers);
onSignals(stopAll);
const allStats = (extra) => statsOf(workers, extra);
const server = () => serverSample(serverPid);

// Waits for every worker's `ready`, printing progress; `ok` is false on timeout.
async function ramp(label, expected) {
  const t0 = Date.now();
  const all = Promise.all(workers.map((w) => w.ready));
  const { done } = await waitWithProgress(all, {
    timeoutMs: rampTimeoutMs,
    everyMs: 2000,
    progress: async () => {
      const st = await allStats().catch(() => []);
      const m = await metrics(base);
      log(
        `${label}: opened ${sum(st, (s) => s.opened)}/${expected}, joined ${sum(st, (s) => s.joined)},` +
          ` failed ${sum(st, (s) => s.openFailed + s.joinFailed)}, server conns ${m ? m.parlor_connections : '?'},` +
          ` server RSS ${(procStatus(serverPid).rssKiB / 1024).toFixed(1)} MiB`,
      );
    },
  });
  await all;
  return { ok: done, seconds: (Date.now() - t0) / 1000 };
}

// Starts worker `w` in `role` (see worker.mjs) on its own session: `cfg`
// and the settings every role shares. Worker w connects from 127.0.0.(local-base + w).
function startWorker(w, role, token, cfg) {
  w.start({
    role,
    url: socketUrl(base, token),
    ...cfg,
    concurrency,
    deflate: !!args.deflate,
    localAddress: localBase ? `127.0.0.${localBase + w.id}` : null,
  });
}

function tokensFor(n, prefix) {
  return Promise.all(Array.from({ length: n }, (_, i) => newToken(base, `${prefix}-${i}`)));
}

// ================================================================ idle
async function runIdle() {
  const total = num('sockets', 16000);
  const procs = num('procs', 4);
  const perTopic = Math.max(1, num('per-topic', 1));
  const holdS = num('hold', 70);
  const hbSec = num('hb', 30);
  const perProc = Math.ceil(total / procs);
  if (perProc > 19000) throw new Error(`${perProc} sockets per process is over the 20,000 fd limit; add --procs`);

  const m0 = await metrics(base);
  const s0 = server();
  const l0 = loadAvg();
  log(`idle: ${total} sockets over ${procs} processes, ${perTopic} per topic, hold ${holdS} s, heartbeat ${hbSec} s`);
  log(`server before: RSS ${s0.rssKiB} KiB, threads ${s0.threads}, conns ${m0 ? m0.parlor_connections : '?'}`);

  const tokens = await tokensFor(procs, 'idle');
  workers = Array.from({ length: procs }, (_, w) => newWorker(w));
  workers.forEach((w, i) =>
    startWorker(w, 'idle', tokens[i], {
      count: Math.min(perProc, total - i * perProc),
      base: i * perProc,
      topicPrefix: `conformance:idle:${runId}`,
      perTopic,
      hbSec,
    }),
  );
  const r = await ramp('idle ramp', total);
  const afterRamp = server();
  const rampStats = await allStats();
  const joined = sum(rampStats, (s) => s.joined);
  log(`ramp ${r.ok ? 'done' : 'TIMED OUT'} in ${r.seconds.toFixed(1)} s: ${joined} joined; server RSS ${afterRamp.rssKiB} KiB`);

  // Hold: heartbeats run in the workers; sample the server every 5 s.
  // Heartbeat round trips are counted from here (not during the ramp).
  await Promise.all(workers.map((w) => w.request('reset')));
  const samples = [];
  const tHold = Date.now();
  while (Date.now() - tHold < holdS * 1000) {
    await sleep(Math.min(5000, holdS * 1000 - (Date.now() - tHold)));
    const s = server();
    const m = await metrics(base);
    const st = await allStats();
    const smp = {
      t: Math.round((Date.now() - tHold) / 1000),
      rssKiB: s.rssKiB,
      serverConns: m ? m.parlor_connections : null,
      clientOpen: sum(st, (x) => x.open),
      closed: sum(st, (x) => x.closed),
      hbSent: sum(st, (x) => x.hbSent),
      hbOk: sum(st, (x) => x.hbOk),
    };
    samples.push(smp);
    log(
      `hold ${smp.t}s: server conns ${smp.serverConns}, client open ${smp.clientOpen}, closed ${smp.closed},` +
        ` heartbeats ${smp.hbOk}/${smp.hbSent}, RSS ${(smp.rssKiB / 1024).toFixed(1)} MiB`,
    );
  }
  const s1 = server();
  const m1 = await metrics(base);
  const st1 = await allStats();
  const held = m1 ? m1.parlor_connections - (m0 ? m0.parlor_connections : 0) : sum(st1, (x) => x.open);
  const deltaKiB = s1.rssKiB - s0.rssKiB;
  const hb = st1.map((x) => x.hb);

  // Close everything and see how much the server gives back.
  await stopAll();
  await sleep(3000);
  const s2 = server();
  const m2 = await metrics(base);

  const res = {
    scenario: 'idle',
    when: new Date().toISOString(),
    params: { sockets: total, procs, perTopic, holdS, hbSec, concurrency, deflate: !!args.deflate },
    rampSeconds: r.seconds,
    rampComplete: r.ok,
    joined,
    openFailed: sum(st1, (x) => x.openFailed),
    joinFailed: sum(st1, (x) => x.joinFailed),
    closedDuringHold: sum(st1, (x) => x.closed),
    closeCodes: mergeCounts(st1, (x) => x.closeCodes),
    clientErrors: mergeCounts(st1, (x) => x.errors),
    deflateNegotiated: sum(st1, (x) => x.deflate),
    heldByServer: held,
    clientOpenAtEnd: sum(st1, (x) => x.open),
    heartbeats: {
      sent: sum(st1, (x) => x.hbSent),
      ok: sum(st1, (x) => x.hbOk),
      missed: sum(st1, (x) => x.hbMissed),
      worstP99Us: Math.max(...hb.map((h) => h.p99 || 0)),
      maxUs: Math.max(...hb.map((h) => h.max || 0)),
    },
    server: {
      rssBeforeKiB: s0.rssKiB,
      rssAfterRampKiB: afterRamp.rssKiB,
      rssAfterHoldKiB: s1.rssKiB,
      rssPeakKiB: s1.hwmKiB,
      rssAfterCloseKiB: s2.rssKiB,
      connsAfterClose: m2 ? m2.parlor_connections : null,
      threads: s1.threads,
      rssDeltaKiB: deltaKiB,
      rssPerSocketKiB: held > 0 ? deltaKiB / held : null,
      errors: serverErrors(m1),
    },
    clientRssKiB: st1.map((x) => x.rssKiB),
    samples,
    loadAvg: { before: l0, after: loadAvg() },
  };
  res.targets = {
    sockets15000: held >= 15000,
    rssPerSocketUnder10KiB: res.server.rssPerSocketKiB !== null && res.server.rssPerSocketKiB <= 10,
  };
  printIdle(res);
  return res;
}

function printIdle(r) {
  const s = r.server;
  console.log(`
idle result
  sockets held by the server     ${r.heldByServer} (asked ${r.params.sockets}; joined ${r.joined}; failed ${r.openFailed + r.joinFailed}; closed during hold ${r.closedDuringHold})
  ramp                           ${r.rampSeconds.toFixed(1)} s (${(r.joined / r.rampSeconds).toFixed(0)} sockets/s)
  server RSS before/after        ${(s.rssBeforeKiB / 1024).toFixed(1)} MiB -> ${(s.rssAfterHoldKiB / 1024).toFixed(1)} MiB (peak ${(s.rssPeakKiB / 1024).toFixed(1)} MiB; 3 s after all closed: ${(s.rssAfterCloseKiB / 1024).toFixed(1)} MiB, ${s.connsAfterClose} conns)
  server RSS per idle socket     ${s.rssPerSocketKiB === null ? 'n/a' : s.rssPerSocketKiB.toFixed(2) + ' KiB'}
  heartbeats                     ${r.heartbeats.ok}/${r.heartbeats.sent} answered, ${r.heartbeats.missed} missed; round trip in the hold: worst p99 ${fmtUs(r.heartbeats.worstP99Us)}, max ${fmtUs(r.heartbeats.maxUs)}
  client RSS per worker          ${r.clientRssKiB.map((k) => (k / 1024).toFixed(0) + ' MiB').join(', ')}
  targets                        >=15000 sockets: ${r.targets.sockets15000 ? 'MET' : 'NOT MET'}; <=10 KiB/socket: ${r.targets.rssPerSocketUnder10KiB ? 'MET' : 'NOT MET'}
`);
}

// ================================================================ fanout
async function runFanout() {
  const subs = num('subs', 1000);
  const procs = num('procs', 2);
  // One rate, or a comma-separated list of steps run one after another on
  // the same subscribers (one ramp and presence storm for all of them).
  const rates = String(args.rate ?? '100').split(',').map(Number).filter((x) => x > 0);
  if (!rates.length) throw new Error('--rate: expected N or N,N,...');
  const maxRate = Math.max(...rates);
  const pubSockets = num('pub-sockets', Math.max(1, Math.ceil(maxRate / 40)));
  const warmupMs = num('warmup', 3) * 1000;
  const durationMs = num('duration', 10) * 1000;
  const padBytes = num('pad', 0);
  const hbSec = num('hb', 30);
  const perProc = Math.ceil(subs / procs);
  const topic = `conformance:fanout:${runId}`;

  const s0 = server();
  log(`fanout: ${subs} subscribers over ${procs} processes on ${topic}; ${rates.join(', ')} broadcasts/s from ${pubSockets} publisher socket(s)`);
  log(`offered ${rates.map((x) => x * subs).join(', ')} msgs/s; warmup ${warmupMs / 1000} s, window ${durationMs / 1000} s per step`);

  const tokens = await tokensFor(procs + 1, 'fanout');
  const subW = Array.from({ length: procs }, (_, w) => newWorker(w));
  workers = [...subW];
  subW.forEach((w, i) => startWorker(w, 'sub', tokens[i], { count: Math.min(perProc, subs - i * perProc), base: i * perProc, topic, hbSec }));
  const r = await ramp('subscribers', subs);
  // Each join broadcasts a presence_diff to every member already there
  // (the conformance topic always tracks presence), so S joins cost about
  // S^2/2 frames. Wait for that storm to drain before measuring.
  const storm0 = Date.now();
  await quiesce('presence storm');
  const stormSeconds = (Date.now() - storm0) / 1000;

  const pub = newWorker(procs);
  workers.push(pub);
  startWorker(pub, 'pub', tokens[procs], { count: pubSockets, base: 0, topic, hbSec });
  await pub.ready;
  await quiesce('publisher joins');
  const joined = sum(await Promise.all(subW.map((w) => w.request('stats'))), (s) => s.joined);
  log(`${joined} subscribers joined (ramp ${r.seconds.toFixed(1)} s, presence storm ${stormSeconds.toFixed(1)} s)`);

  const steps = [];
  for (const rate of rates) {
    steps.push(await fanoutStep({ rate, procs, pub, warmupMs, durationMs, padBytes }));
  }
  const sBefore = server();
  const res = {
    scenario: 'fanout',
    when: new Date().toISOString(),
    params: { subs, procs, rates, pubSockets, warmupS: warmupMs / 1000, durationS: durationMs / 1000, padBytes, concurrency },
    subscribersJoined: joined,
    rampSeconds: r.seconds,
    presenceStormSeconds: stormSeconds,
    steps,
    server: {
      rssBeforeKiB: s0.rssKiB,
      rssAfterKiB: sBefore.rssKiB,
      threads: sBefore.threads,
    },
    loadAvg: loadAvg(),
  };
  const best = steps.filter((x) => x.targets.p99Under5ms).sort((x, y) => y.deliveredPerSec - x.deliveredPerSec)[0];
  res.summary = {
    maxDeliveredPerSec: Math.max(...steps.map((x) => x.deliveredPerSec)),
    bestUnder5msP99: best ? { rate: best.rate, deliveredPerSec: best.deliveredPerSec, p99Us: best.latencyUs.p99 } : null,
  };
  res.targets = {
    msgs200k: steps.some((x) => x.targets.msgs200k && x.targets.p99Under5ms),
    p99Under5ms: !!best,
  };
  await stopAll();
  console.log(`\nfanout result: ${joined} subscribers (ramp ${r.seconds.toFixed(1)} s, presence storm ${stormSeconds.toFixed(1)} s) + ${pubSockets} publisher socket(s)`);
  for (const st of steps) printFanoutStep(st);
  return res;
}

// One measurement: publish at `rate` for warmup + window, measure in the
// window, then wait for the tail so that losses can be counted.
async function fanoutStep({ rate, procs, pub, warmupMs, durationMs, padBytes }) {
  const subW = workers.slice(0, procs);
  const before = await Promise.all(workers.map((w) => w.request('stats')));
  const published = pub.once('published');
  log(`step ${rate} broadcasts/s: publishing`);
  pub.proc.send({ cmd: 'go', rate, durationMs: warmupMs + durationMs + 500, padBytes });
  await sleep(warmupMs);

  // Window start.
  const a = {
    srv: server(),
    mach: machineCpu(),
    m: await metrics(base),
    w: await Promise.all(workers.map((w) => w.request('reset'))),
    t: process.hrtime.bigint(),
  };
  await sleep(durationMs);
  // Window end.
  const b = await windowEnd(workers, serverPid, base);
  await published;
  // Let the tail arrive before counting losses (a backlog drains here).
  const drain0 = Date.now();
  await quiesce('drain', 60_000);
  const drainSeconds = (Date.now() - drain0) / 1000;
  const fin = await allStats();

  const secs = Number(b.t - a.t) / 1e9;
  const subB = b.w.slice(0, procs);
  const delivered = sum(subB, (s) => s.shouts);
  const lat = mergedLatency(subB, 'hist');
  const latFirst = mergedLatency(subB, 'histFirst');
  const cpu = cpuShares(a, b, secs);
  const srvCpuPct = cpu.serverPct;
  const clientTotalPct = cpu.clientTotalPct;
  const framesOut = b.m && a.m ? b.m.parlor_frames_out_total - a.m.parlor_frames_out_total : null;

  const pubBefore = before[procs];
  const pubAfter = fin[procs];
  const nPublished = pubAfter.published - pubBefore.published;
  const subsJoined = sum(subW.map((_, i) => fin[i]), (s) => s.joined);
  const received = sum(fin.slice(0, procs), (s) => s.shoutsTotal) - sum(before.slice(0, procs), (s) => s.shoutsTotal);
  const st = {
    rate,
    windowSeconds: secs,
    deliveredMsgs: delivered,
    deliveredPerSec: delivered / secs,
    offeredPerSec: rate * subsJoined,
    serverFramesOutPerSec: framesOut === null ? null : framesOut / secs,
    latencyUs: lat,
    firstCopyLatencyUs: latFirst,
    published: nPublished,
    publishOk: pubAfter.pubOk - pubBefore.pubOk,
    publishErrors: pubAfter.pubErr - pubBefore.pubErr,
    publishErrorReasons: pubAfter.pubErrReasons,
    expectedDeliveries: nPublished * subsJoined,
    receivedDeliveries: received,
    lost: nPublished * subsJoined - received,
    drainSeconds,
    closedSockets: sum(fin, (s) => s.closed),
    closeCodes: mergeCounts(fin, (s) => s.closeCodes),
    cpu: {
      ...cpu, // serverPct, serverUserPct, serverSysPct, machineBusyPct, clientPct, clientTotalPct, clientSysPct
      // CPU time per delivered message: server (its kernel time includes
      // most of the receiver's loopback TCP work) and the load workers.
      serverUsPerMsg: delivered ? ((srvCpuPct / 100) * secs * 1e6) / delivered : null,
      clientUsPerMsg: delivered ? ((clientTotalPct / 100) * secs * 1e6) / delivered : null,
      othersPct: Math.max(0, cpu.machineBusyPct - srvCpuPct - clientTotalPct),
      note: 'percent of one core; the machine has 2 cores (200%)',
    },
    serverRssKiB: b.srv.rssKiB,
    serverErrors: serverErrors(b.m),
    loadAvg: loadAvg(),
  };
  st.targets = {
    msgs200k: st.deliveredPerSec >= 200_000,
    p99Under5ms: lat.p99 < 5000,
  };
  return st;
}

function printFanoutStep(r) {
  const l = r.latencyUs;
  console.log(`
  step: ${r.rate} broadcasts/s
  broadcasts                     ${r.published} published, ${r.publishOk} ok, ${r.publishErrors} refused ${JSON.stringify(r.publishErrorReasons)}
  delivered to subscribers       ${Math.round(r.deliveredPerSec)} msgs/s over ${r.windowSeconds.toFixed(1)} s (offered ${r.offeredPerSec}/s; server frames out ${r.serverFramesOutPerSec === null ? '?' : Math.round(r.serverFramesOutPerSec)}/s)
  latency send -> receipt        p50 ${fmtUs(l.p50)}, p90 ${fmtUs(l.p90)}, p99 ${fmtUs(l.p99)}, p99.9 ${fmtUs(l.p999)}, max ${fmtUs(l.max)} (${l.count} samples)
  first copy per worker process  p50 ${fmtUs(r.firstCopyLatencyUs.p50)}, p99 ${fmtUs(r.firstCopyLatencyUs.p99)} (before that process works through its other sockets)
  lost / closed                  ${r.lost} of ${r.expectedDeliveries} deliveries missing (drained in ${r.drainSeconds.toFixed(1)} s); ${r.closedSockets} sockets closed ${JSON.stringify(r.closeCodes)}
  CPU (100% = one core)          server ${r.cpu.serverPct.toFixed(0)}% (user ${r.cpu.serverUserPct.toFixed(0)}%, kernel ${r.cpu.serverSysPct.toFixed(0)}%), load workers ${r.cpu.clientPct.map((x) => x.toFixed(0) + '%').join(' + ')} (kernel ${r.cpu.clientSysPct.toFixed(0)}%), whole machine ${r.cpu.machineBusyPct.toFixed(0)}% of 200% (other users ~${r.cpu.othersPct.toFixed(0)}%)
  CPU per delivered message      server ${r.cpu.serverUsPerMsg === null ? '?' : r.cpu.serverUsPerMsg.toFixed(2)} us, load workers ${r.cpu.clientUsPerMsg === null ? '?' : r.cpu.clientUsPerMsg.toFixed(2)} us
  targets                        >=200000 msgs/s: ${r.targets.msgs200k ? 'MET' : 'NOT MET'}; p99 < 5 ms: ${r.targets.p99Under5ms ? 'MET' : 'NOT MET'}`);
}

// Waits until no worker has received a frame (other than heartbeat
// replies) for 1.5 s, or maxMs.
async function quiesce(label, maxMs = rampTimeoutMs) {
  const t0 = Date.now();
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - t0 < maxMs) {
    // Heartbeat replies trickle in all the time; they do not count.
    const n = sum(await allStats(), (s) => s.framesIn - s.hbOk);
    if (process.env.LOAD_DEBUG) log(`${label}: ${n} frames`);
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 1500) {
      log(`${label}: quiet after ${((Date.now() - t0) / 1000).toFixed(1)} s (${n} frames received so far)`);
      return;
    }
    await sleep(250);
  }
  log(`${label}: still busy after ${maxMs / 1000} s; going on`);
}

// ---------------------------------------------------------------- main
try {
  const res = scenario === 'idle' ? await runIdle() : await runFanout();
  if (args.json) writeFileSync(args.json, JSON.stringify(res, null, 2) + '\n');
  process.exit(0);
} catch (e) {
  console.error(`load ${scenario}: ${e && e.stack ? e.stack : e}`);
  await stopAll();
  process.exit(1);
}
