// Rooms benchmark coordinator (see rooms.mjs): one rate step of the rooms
// and rooms-bots scenarios. Sets the pace, waits out the pre-roll and the
// warm-up, measures one window (moves, latencies, views, server and store,
// load processes, machine) and prints it.
import {
  cpuShares,
  diffCounts,
  mergeCounts,
  mergedLatency,
  serverErrors,
  sum,
  windowEnd,
} from './coordinator-lib.mjs';
import { fmtUs, loadAvg, machineCpu, metrics, procStatus, sleep } from './lib.mjs';
import { sampleStore, startPerf } from './rooms-server-watch.mjs';

const metricDelta = (a, b, k) => (a && b && b[k] !== undefined && a[k] !== undefined ? b[k] - a[k] : null);

// Quantiles of the server's own parlor_move_seconds histogram over the
// window (push reaching its room -> durable reply): the upper bound of the
// bucket each quantile falls in, in microseconds (Infinity past the last).
// null when the server has no such histogram.
function serverMoveQuantiles(a, b, qs = [0.5, 0.99]) {
  const bounds = Object.keys(b || {})
    .map((k) => k.match(/^parlor_move_seconds_bucket\{le="([^"]+)"\}$/))
    .filter(Boolean)
    .map((m) => [m[0], m[1] === '+Inf' ? Infinity : Number(m[1])])
    .sort((x, y) => x[1] - y[1]);
  const total = metricDelta(a, b, 'parlor_move_seconds_count');
  if (!bounds.length || !total) return null;
  return qs.map((q) => {
    const hit = bounds.find(([k]) => metricDelta(a, b, k) >= q * total);
    return hit ? hit[1] * 1e6 : Infinity;
  });
}

// One rate step on the tables already set up: `go` at `rate` moves/s in
// total (the probe tables at --probe-rate each), the pre-roll before the
// first step, the warm-up, then the window, sampled and printed.
export async function tableStep(ctx, { mode, rate, rooms, warmupMs, durationMs }) {
  const { args, num, base, log, serverPid, workers } = ctx;
  const roomRate = rate > 0 ? rate / rooms : 0;
  log(`step ${rate ? rate + ' moves/s offered (' + roomRate.toFixed(2) + '/s per table)' : 'unpaced'}: warming up ${warmupMs / 1000} s`);
  const probeRate = num('probe-rate', 2);
  await Promise.all(workers.map((w) => w.request('go', { roomRate: w.probe ? probeRate : roomRate })));
  if (!args['no-stagger'] && !ctx.prerollDone) {
    // Wait for the pre-roll (each table's random 0-55 unpaced moves).
    const t0 = Date.now();
    for (;;) {
      await sleep(1000);
      const st = await ctx.allStats();
      const pending = sum(st, (s) => s.rooms) - sum(st, (s) => s.prerolled);
      if (pending <= 0 || Date.now() - t0 > 120_000) {
        log(`pre-roll done in ${((Date.now() - t0) / 1000).toFixed(1)} s (${sum(st, (s) => s.movesOk)} moves so far)`);
        break;
      }
    }
    ctx.prerollDone = true;
  }
  await sleep(warmupMs);
  const perf = startPerf(ctx);
  const a = {
    w: await Promise.all(workers.map((w) => w.request('reset'))),
    srv: ctx.server(),
    mach: machineCpu(),
    m: await metrics(base),
    t: process.hrtime.bigint(),
  };
  // The store's commits, sampled every 100 ms: the longest gap with no
  // commit and the longest time spent committing in one 100 ms slice show
  // stalls of the writer (a WAL checkpoint, a slow fsync).
  const sampler = sampleStore(ctx, durationMs);
  // A progress line every 10 s.
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    await sleep(Math.min(10_000, end - Date.now()));
    const st = await ctx.allStats();
    const secs = Number(process.hrtime.bigint() - a.t) / 1e9;
    log(
      `  ${secs.toFixed(0)} s: ${Math.round((sum(st, (s) => s.movesOk) - sum(a.w, (s) => s.movesOk)) / secs)} ok moves/s,` +
        ` views ${Math.round((sum(st, (s) => s.views) - sum(a.w, (s) => s.views)) / secs)}/s, all-views p99 so far (worst process) ${fmtUs(Math.max(...st.map((s) => s.all.p99 || 0)))},` +
        ` server RSS ${(procStatus(serverPid).rssKiB / 1024).toFixed(1)} MiB, machine load ${loadAvg()[0]}`,
    );
  }
  const b = await windowEnd(workers, serverPid, base);
  const secs = Number(b.t - a.t) / 1e9;
  if (perf) await perf;
  const storeSamples = await sampler;
  const d = (f) => sum(b.w, f) - sum(a.w, f);
  // Latencies: the load processes', and the probe's apart.
  const isProbe = workers.map((w) => !!w.probe);
  const hist = (k, probe = false) => mergedLatency(b.w, k, (s, i) => isProbe[i] === probe);
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
  const cpu = cpuShares(a, b, secs);
  const srvPct = cpu.serverPct;
  const clientTotalPct = cpu.clientTotalPct;
  const machPct = cpu.machineBusyPct;
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
    serverMoveUs: serverMoveQuantiles(a.m, b.m),
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
      userPct: cpu.serverUserPct,
      sysPct: cpu.serverSysPct,
      cpuUsPerMove: durable ? ((srvPct / 100) * secs * 1e6) / durable : null,
      rssKiB: b.srv.rssKiB,
      framesOutPerSec: metricDelta(a.m, b.m, 'parlor_frames_out_total') / secs,
      bytesOutPerSec: metricDelta(a.m, b.m, 'parlor_bytes_out_total') / secs,
      framesInPerSec: metricDelta(a.m, b.m, 'parlor_frames_in_total') / secs,
      connections: b.m ? b.m.parlor_connections : null,
      roomsLive: b.m ? b.m.parlor_rooms_live : null,
      errors: serverErrors(b.m, true),
    },
    client: {
      cpuPct: cpu.clientPct,
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
  }${
    r.serverMoveUs
      ? `
  in the server (its histogram)  push at the room -> durable reply: p50 <= ${fmtUs(r.serverMoveUs[0])}, p99 <= ${fmtUs(r.serverMoveUs[1])} (bucket bounds)`
      : ''
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
