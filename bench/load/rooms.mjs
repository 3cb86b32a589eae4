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
//
// This file: the options, the run's shared context and main. The scenarios:
// rooms-tables.mjs (rooms, rooms-bots: set-up and totals), rooms-step.mjs
// (one rate step's window and its printout), rooms-server-watch.mjs (store
// commits, disk write bursts and perf during a window), rooms-idle.mjs
// (rooms-idle).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  allStats,
  loopbackTarget,
  makeLog,
  numArg,
  onSignals,
  parseArgs,
  serverSample,
  stopAll,
  WorkerProcess,
} from './coordinator-lib.mjs';
import { runIdleRooms } from './rooms-idle.mjs';
import { stopPerf } from './rooms-server-watch.mjs';
import { runTables } from './rooms-tables.mjs';

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

// What the scenario modules share for one run: the options, the server, the
// load processes (rooms-worker.mjs) and helpers over all of them.
function runContext(args, { base, serverPid }) {
  const ctx = {
    args,
    num: numArg(args),
    base,
    serverPid,
    log: makeLog('rooms'),
    workers: [],
    prerollDone: false, // the tables' pre-roll runs once, before the first window
    // --semi-space-mb: a larger young generation (fewer scavenges), to see
    // whether the load processes' GC pauses matter.
    newWorker: (id) =>
      new WorkerProcess(id, path.join(HERE, 'rooms-worker.mjs'), {
        execArgv: args['semi-space-mb'] ? [`--max-semi-space-size=${Number(args['semi-space-mb'])}`] : [],
        requestTimeoutMs: 60_000,
      }),
    allStats: (extra) => allStats(ctx.workers, extra),
    stopAll: () => stopAll(ctx.workers),
    server: () => serverSample(serverPid),
  };
  return ctx;
}

// ================================================================ main
export async function main(argv) {
  const args = parseArgs(argv, ['public', 'private', 'help', 'stand', 'no-stagger']);
  const scenario = args._[0];
  if (args.help || !SCENARIOS.includes(scenario) || !args.url) {
    process.stdout.write(USAGE);
    return args.help ? 0 : 2;
  }
  const target = loopbackTarget(args);
  if (!target) return 2;
  const ctx = runContext(args, target);
  onSignals(async () => {
    stopPerf();
    await ctx.stopAll();
  });
  try {
    const res = scenario === 'rooms-idle' ? await runIdleRooms(ctx) : await runTables(ctx, scenario === 'rooms-bots' ? 'bots' : 'play');
    if (args.json) writeFileSync(args.json, JSON.stringify(res, null, 2) + '\n');
    return 0;
  } catch (e) {
    console.error(`rooms ${scenario}: ${e && e.stack ? e.stack : e}`);
    await ctx.stopAll();
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main(process.argv.slice(2)));
}
