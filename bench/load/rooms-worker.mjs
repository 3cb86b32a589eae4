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
//
// This file: the IPC commands. The rest: rooms-worker-state.mjs (counters,
// latencies, the snapshot), rooms-worker-socket.mjs (one socket),
// rooms-worker-play.mjs (tables in play, pacing), rooms-worker-setup.mjs
// (setting up tables, idle lanes); worker-lib.mjs (shared with worker.mjs).
import WebSocket from 'ws';

import { sleep } from './lib.mjs';
import { go } from './rooms-worker-play.mjs';
import { runIdleLanes, setUpTables } from './rooms-worker-setup.mjs';
import { newRef, resetWindow, run, snapshot, socks, st } from './rooms-worker-state.mjs';
import { send, serveCoordinator, startHeartbeats, terminateAndExit } from './worker-lib.mjs';

serveCoordinator(handle);

async function handle(m) {
  switch (m.cmd) {
    case 'start':
      run.cfg = m.cfg;
      // As phoenix.js: one heartbeat per socket every hbSec, spread by a 1 s tick.
      startHeartbeats(socks, run.cfg.hbSec, st, newRef);
      if (run.cfg.mode === 'idle') await runIdleLanes();
      else await setUpTables();
      send({ ev: 'ready', stats: snapshot() });
      break;
    case 'go': // start or change the pace: m.roomRate moves per second per room (0: unpaced)
      go(m.roomRate);
      send({ ev: 'go', id: m.id, stats: snapshot() });
      break;
    case 'stats':
      send({ ev: 'stats', id: m.id, stats: snapshot(m.withHist) });
      break;
    case 'reset':
      resetWindow();
      send({ ev: 'reset', id: m.id, stats: snapshot() });
      break;
    case 'close': // close every socket (idle mode measures the server after this)
      run.stopping = true;
      for (const s of socks) s.ws.close(1001);
      await sleep(500);
      for (const s of socks) if (s.ws.readyState !== WebSocket.CLOSED) s.ws.terminate();
      send({ ev: 'closed', id: m.id, stats: snapshot() });
      break;
    case 'stop':
      run.stopping = true;
      terminateAndExit(socks);
      break;
  }
}
