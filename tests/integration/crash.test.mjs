// Crash test: a Hearts game played by a person (seat 0) and three computer
// players while the server is killed with SIGKILL at random moments and
// restarted on the same data directory. Every move the server acknowledged
// must be in the game's record at its place, and the game must finish.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, newSession, connectPhoenix, disconnectAll, join, push, sleep, parlorBin } from "./helpers.mjs";

const KILLS = Number(process.env.PARLOR_CRASH_KILLS ?? 6);
const ARGS = ["--bot-delay-ms", "20", "--hand-pause-ms", "0", "--grace-ms", "60000"];

test(`kill -9 at random moments (${KILLS} times) loses no acknowledged move`, { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "parlor-crash-"));
  let server = await startServer({ args: ARGS, dataDir });
  t.after(async () => {
    // Also when an assertion failed: no socket or server may outlive the test.
    disconnectAll();
    if (server.proc.exitCode === null && server.proc.signalCode === null) await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const session = await newSession(server.base, "Vera");
  // Close codes of the test's sockets: the kills' (1006) and any other, which
  // phoenix follows with a rejoin whose reply carries the view.
  const closes = [];
  const connect = async () => {
    const s = await connectPhoenix(server.socketUrl, session.token);
    s.onClose((e) => closes.push(e.code));
    return s;
  };
  let socket = await connect();
  const lobby = socket.channel("lobby", {});
  await join(lobby);
  const roomId = (await push(lobby, "create_room", { game: "hearts", options: { end_score: 100 } })).response.room_id;

  let room, view;
  const enter = async () => {
    room = socket.channel(`room:${roomId}`, {});
    room.on("view", (v) => { if (!view || v.version >= view.version) view = v; });
    await join(room, (r) => { view = r.view; });
  };
  await enter();
  await push(room, "sit", { seat: 0 });
  for (const seat of [1, 2, 3]) await push(room, "add_bot", { seat, level: "easy" });
  assert.equal((await push(room, "start")).status, "ok");

  const acked = new Map();  // version -> the move the server acknowledged
  let kills = 0;
  let nextKill = Date.now() + 100 + Math.random() * 400;
  for (let guard = 0; guard < 100000 && view.status !== "game_over"; guard++) {
    if (kills < KILLS && Date.now() >= nextKill) {
      await server.kill();
      kills++;
      socket.disconnect();
      server = await startServer({ args: ARGS, dataDir });
      socket = await connect();
      view = undefined;
      await enter();
      const best = Math.max(0, ...acked.keys());
      assert.ok(view.version >= best, `after restart ${kills}: version ${view.version} < acknowledged ${best}`);
      nextKill = Date.now() + 100 + Math.random() * 400;
      continue;
    }
    if (!view.legal?.length) {
      await sleep(2);
      continue;
    }
    const move = view.legal[0];
    const r = await push(room, "move", { ...move, expect_version: view.version });
    if (r.status === "ok") acked.set(r.response.version, move);
  }
  assert.equal(kills, KILLS);
  // When the game stalls, say where and what the server last wrote (it may
  // have stopped on a broken invariant), so a rare failure can be diagnosed.
  const server_exit = server.proc.exitCode ?? server.proc.signalCode;
  assert.equal(view.status, "game_over",
    `the game stalled at version ${view.version} (to_act ${JSON.stringify(view.to_act)}, ` +
    `seats ${JSON.stringify(view.seats?.map((s) => s.connected))}); socket closes ${JSON.stringify(closes)}; ` +
    `server exit ${server_exit}; ` +
    `server stderr (last 3000 characters):\n${server.stderr().slice(-3000)}`);

  // Every acknowledged move is in the record, at its place.
  const res = await fetch(`${server.base}/api/games/${roomId}`);
  assert.equal(res.status, 200);
  const record = await res.json();
  for (const [version, move] of acked) {
    assert.deepEqual(record.moves[version - 1], { ...move, seat: 0 }, `move ${version}`);
  }
  // And the record replays to the same result with the engine.
  const file = path.join(dataDir, "record.json");
  writeFileSync(file, JSON.stringify(record));
  const out = spawnSync(parlorBin(), ["engine", file], { encoding: "utf8" });
  const result = JSON.parse(out.stdout);
  assert.equal(result.error, null);
  assert.equal(result.status, "game_over");
  assert.deepEqual(result.totals, record.result.totals);

  socket.disconnect();
  await server.stop();
});
