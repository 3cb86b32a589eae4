// Rooms benchmark coordinator (see rooms.mjs): the rooms and rooms-bots
// scenarios. Sets up K Hearts tables over the load processes (4 sockets a
// table, or 1 socket and 3 computer players with rooms-bots) plus the probe
// tables, runs one measurement step per --rate (rooms-step.mjs) on the same
// tables, and adds up the totals.
import { mergeCounts, splitEven, sum, totalsOf, waitWithProgress } from './coordinator-lib.mjs';
import { loadAvg, metrics, procStatus } from './lib.mjs';
import { tableStep } from './rooms-step.mjs';

export async function runTables(ctx, mode) {
  const { args, num, base, log } = ctx;
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

  const s0 = ctx.server();
  const m0 = await metrics(base);
  log(
    `${bots ? 'rooms-bots' : 'rooms'}: ${K} Hearts tables (${perRoomSockets} socket(s) each${bots ? ' + 3 computer players' : ''}) over ${procs} processes;` +
      ` rates ${rates.map((r) => (r ? r + '/s' : 'unpaced')).join(', ')}; warmup ${warmupMs / 1000} s, window ${durationMs / 1000} s`,
  );
  log(`server before: RSS ${(s0.rssKiB / 1024).toFixed(1)} MiB, threads ${s0.threads}; store metrics ${m0 && m0.parlor_store_commits_total !== undefined ? 'present' : 'ABSENT'}`);

  let roomBase = 0;
  ctx.workers = counts.map((n, w) => {
    const wk = ctx.newWorker(w);
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
    const pw = ctx.newWorker(procs);
    pw.cfg = { ...ctx.workers[0].cfg, rooms: probeTables, roomBase, namePrefix: `b${process.pid % 1000}p`, rampRate: 0, localAddress: localBase ? `127.0.0.${localBase + procs}` : null };
    pw.probe = true;
    ctx.workers.push(pw);
  }
  const rampSeconds = await rampTables(ctx, K + probeTables, Math.max(300_000, (K / rampRate) * 3000));
  const afterRamp = await ctx.allStats();
  const ready = sum(afterRamp, (s) => s.roomsReady);
  const sRamp = ctx.server();
  const mRamp = await metrics(base);
  log(
    `ramp done in ${rampSeconds.toFixed(1)} s: ${ready} tables started, ${sum(afterRamp, (s) => s.roomsFailed)} failed;` +
      ` ${sum(afterRamp, (s) => s.open)} sockets; server RSS ${(sRamp.rssKiB / 1024).toFixed(1)} MiB, conns ${mRamp ? mRamp.parlor_connections : '?'}`,
  );
  if (!ready) throw new Error(`no table started: ${JSON.stringify(mergeCounts(afterRamp, (s) => s.errors))}`);

  const steps = [];
  for (const rate of rates) steps.push(await tableStep(ctx, { mode, rate, rooms: ready - probeTables, warmupMs, durationMs }));
  const fin = await ctx.allStats();
  const sEnd = ctx.server();
  await ctx.stopAll();

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
    totals: totalsOf(fin, [
      'movesOk',
      'pushes',
      'movesRefused',
      'versionGaps',
      'gamesOver',
      'rematches',
      'closed',
      'closeCodes',
      'errors',
      'lateReplies',
      'hbOk',
      'hbSent',
    ]),
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

// Starts every load process and waits for its `ready` (its tables set up),
// printing progress.
async function rampTables(ctx, expected, timeoutMs) {
  const { log, serverPid, base } = ctx;
  const all = Promise.all(ctx.workers.map((w) => w.once('ready')));
  for (const w of ctx.workers) w.start(w.cfg);
  const { done, seconds } = await waitWithProgress(all, {
    timeoutMs,
    everyMs: 5000,
    progress: async () => {
      const st = await ctx.allStats().catch(() => []);
      const m = await metrics(base);
      log(
        `ramp: tables ready ${sum(st, (s) => s.roomsReady)}/${expected}, failed ${sum(st, (s) => s.roomsFailed)},` +
          ` sockets ${sum(st, (s) => s.open)}, server conns ${m ? m.parlor_connections : '?'}, rooms live ${m ? m.parlor_rooms_live : '?'},` +
          ` server RSS ${(procStatus(serverPid).rssKiB / 1024).toFixed(1)} MiB`,
      );
    },
  });
  if (!done) throw new Error(`tables not ready after ${timeoutMs / 1000} s`);
  await all;
  return seconds;
}

function printTables(r) {
  console.log(`
${r.scenario} result: ${r.tablesStarted} tables started (${r.params.probeTables} of them probe tables; ${r.tablesFailed} failed) in ${r.rampSeconds.toFixed(1)} s, ${r.socketsOpen} sockets
  totals                         ${r.totals.movesOk} ok moves, ${r.totals.pushes} pushes, refused ${JSON.stringify(r.totals.movesRefused)}, version gaps ${r.totals.versionGaps}, games over ${r.totals.gamesOver}, rematches ${r.totals.rematches}
  sockets closed                 ${r.totals.closed} ${JSON.stringify(r.totals.closeCodes)}; client errors ${JSON.stringify(r.totals.errors)}; late replies ${r.totals.lateReplies}; heartbeats ${r.totals.hbOk}/${r.totals.hbSent}
  server RSS                     ${(r.server.rssBeforeKiB / 1024).toFixed(1)} MiB before, ${(r.server.rssAfterRampKiB / 1024).toFixed(1)} after the ramp, ${(r.server.rssEndKiB / 1024).toFixed(1)} at the end (peak ${(r.server.rssPeakKiB / 1024).toFixed(1)}), ${r.server.threads} threads
`);
}
