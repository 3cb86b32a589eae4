// Tables end to end: the real binary, four real phoenix clients. A complete
// Hearts game through the lobby; every refusal with its code and no change;
// no view ever holding another seat's cards; chat; a dropped player's seat
// held, played by a bot, and reclaimed; a turn timer; a fault in one room not
// touching another.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, newSession, connectPhoenix, disconnectAll, join, metrics, push, until, sleep } from "./helpers.mjs";

const CARD = /^[2-9TJQKA][CDHS]$/;

function cardsIn(value, out = [], skipKeys = new Set()) {
  if (typeof value === "string") {
    if (CARD.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) cardsIn(v, out, skipKeys);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (!skipKeys.has(k)) cardsIn(v, out, skipKeys);
  }
  return out;
}

// A player at a table: a socket, the room channel, every view received.
async function player(server, name) {
  const s = await newSession(server.base, name);
  const socket = await connectPhoenix(server.socketUrl, s.token);
  return { name, id: s.player_id, token: s.token, socket, views: [] };
}

async function enterRoom(p, roomId, params = {}) {
  p.channel = p.socket.channel(`room:${roomId}`, params);
  p.channel.on("view", (v) => p.views.push(v));
  return join(p.channel, (r) => p.views.push(r.view));
}

const lastView = (p) => p.views[p.views.length - 1];

// A person who opens a table through the lobby and enters its room.
async function openTable(name, create) {
  const p = await player(server, name);
  const lobby = p.socket.channel("lobby", {});
  await join(lobby);
  const roomId = (await push(lobby, "create_room", create)).response.room_id;
  await enterRoom(p, roomId);
  return { p, lobby, roomId };
}

// Seat 0 for the person, easy computer players in the others, and start.
async function playWithThreeBots(p) {
  await push(p.channel, "sit", { seat: 0 });
  for (const seat of [1, 2, 3]) await push(p.channel, "add_bot", { seat, level: "easy" });
  await push(p.channel, "start");
}

let server;
before(async () => {
  server = await startServer({ args: ["--bot-delay-ms", "0", "--hand-pause-ms", "0", "--grace-ms", "1500"] });
});
after(async () => {
  disconnectAll();
  await server.stop();
});

test("four people create, sit, start and play a whole Hearts game; views never leak", async () => {
  const ps = await Promise.all(["Ann", "Ben", "Cat", "Dan"].map((n) => player(server, n)));
  const lobby = ps[0].socket.channel("lobby", {});
  await join(lobby);
  const created = await push(lobby, "create_room", { game: "hearts", options: { end_score: 25 } });
  assert.equal(created.status, "ok", JSON.stringify(created));
  const roomId = created.response.room_id;

  const spectator = await player(server, "Eve");
  for (const p of ps) await enterRoom(p, roomId);
  await enterRoom(spectator, roomId);
  for (let i = 0; i < 4; i++) assert.equal((await push(ps[i].channel, "sit", { seat: i })).status, "ok");
  assert.equal((await push(ps[1].channel, "start")).response.code, "not_host");
  assert.equal((await push(ps[0].channel, "start")).status, "ok");

  // Play: whoever has legal moves plays the first of them, until the game is over.
  let moves = 0;
  for (let guard = 0; guard < 3000; guard++) {
    const over = ps.some((p) => lastView(p).status === "game_over");
    if (over) break;
    let acted = false;
    for (const p of ps) {
      const v = lastView(p);
      if (!v.legal?.length) continue;
      const r = await push(p.channel, "move", { ...v.legal[0], expect_version: v.version });
      if (r.status === "ok") {
        moves++;
        acted = true;
        assert.equal(r.response.version, v.version + 1);
      } else {
        // Another seat moved first (or ended the game) since this view.
        assert.ok(["stale_version", "game_over"].includes(r.response.code), JSON.stringify(r));
      }
    }
    if (!acted) await sleep(5);
  }
  await until(() => ps.every((p) => lastView(p).status === "game_over"), "game over everywhere");
  const final = lastView(ps[0]);
  assert.ok(final.winners.length >= 1);
  assert.ok(moves > 52);

  // No view any seat received names a card that another seat held at that
  // moment. A moment is the version (moves applied) plus the hand and its
  // phase: dealing the next hand changes the cards but applies no move.
  const moment = (v) => `${v.version}/${v.hand}/${v.phase}`;
  const handAt = ps.map((p) => new Map(p.views.map((v) => [moment(v), new Set(v.cards ?? [])])));
  const own = new Set(["cards", "pass", "passed", "legal"]);
  for (const [seat, p] of ps.entries()) {
    for (const v of p.views) {
      const shown = cardsIn(v, [], own);
      for (let other = 0; other < 4; other++) {
        if (other === seat) continue;
        const theirs = handAt[other].get(moment(v));
        if (!theirs) continue;
        for (const c of shown) assert.ok(!theirs.has(c), `seat ${seat} saw ${c} of seat ${other} at v${v.version}`);
      }
    }
  }
  for (const v of spectator.views) {
    assert.equal(v.seat, null);
    assert.deepEqual(v.legal, []);
    for (let other = 0; other < 4; other++) {
      const theirs = handAt[other].get(moment(v));
      if (!theirs) continue;
      for (const c of cardsIn(v)) assert.ok(!theirs.has(c), `spectator saw ${c} at v${v.version}`);
    }
  }

  // The finished game is history: its record replays.
  const rec = await (await fetch(`${server.base}/api/games/${roomId}`)).json();
  assert.equal(rec.game, "hearts");
  assert.equal(rec.moves.length, final.version);
  assert.equal(rec.hand_seeds.length, final.hands.length);
  const stats = await (await fetch(`${server.base}/api/players/${ps[0].id}/stats`)).json();
  assert.equal(stats.games.hearts.played, 1);

  // /metrics counts the store's work: every move was a durable write, and
  // group commit carried them in no more transactions than writes.
  const m = (await metrics(server.base)).values;
  assert.ok(m.parlor_store_writes_total >= final.version, JSON.stringify(m));
  assert.ok(m.parlor_store_commits_total >= 1 && m.parlor_store_commits_total <= m.parlor_store_writes_total);
  assert.equal(m.parlor_store_failed_writes_total, 0);
  // Every commit is in the duration histogram too (one may be between the two updates).
  assert.ok(Math.abs(m.parlor_store_commit_seconds_count - m.parlor_store_commits_total) <= 1, JSON.stringify(m));
  assert.ok(m.parlor_rooms_live >= 1);
  // Every accepted move was timed from its push to its durable reply; the
  // buckets are cumulative and end at the count.
  assert.ok(m.parlor_move_seconds_count >= final.version, JSON.stringify(m));
  assert.equal(m['parlor_move_seconds_bucket{le="+Inf"}'], m.parlor_move_seconds_count);
  assert.ok(m['parlor_move_seconds_bucket{le="0.0005"}'] <= m['parlor_move_seconds_bucket{le="0.01"}']);
  assert.ok(m.parlor_move_seconds_sum > 0 && m.parlor_move_seconds_sum < m.parlor_move_seconds_count * 2.5);

  // After the end: game_over, and a rematch starts again at version 0.
  assert.equal((await push(ps[0].channel, "move", { type: "play", card: "2C" })).response.code, "game_over");
  assert.equal((await push(ps[2].channel, "rematch")).status, "ok");
  await until(() => lastView(ps[0]).version === 0 && lastView(ps[0]).status === "in_progress", "rematch view");
  for (const p of [...ps, spectator]) p.socket.disconnect();
});

test("every refusal has its code and changes nothing", async () => {
  const ps = await Promise.all(["Fay", "Gus", "Hal", "Ida"].map((n) => player(server, n)));
  const lobby = ps[0].socket.channel("lobby", {});
  await join(lobby);
  const roomId = (await push(lobby, "create_room", { game: "hearts" })).response.room_id;
  assert.equal((await push(lobby, "create_room", { game: "hearts", options: { moon: "maybe" } })).response.code, "bad_option");
  assert.equal((await push(lobby, "create_room", { game: "chess" })).response.code, "not_found");
  const unknown = ps[0].socket.channel("room:nope", {});
  await assert.rejects(join(unknown), /not_found/);

  for (const p of ps) await enterRoom(p, roomId);
  assert.equal((await push(ps[0].channel, "move", { type: "play", card: "2C" })).response.code, "not_started");
  for (let i = 0; i < 4; i++) await push(ps[i].channel, "sit", { seat: i });
  assert.equal((await push(ps[1].channel, "sit", { seat: 0 })).response.code, "seat_taken");
  await push(ps[0].channel, "start", { dealer: 0 });
  await until(() => ps.every((p) => lastView(p).legal?.length > 0), "everyone may pass");
  const v0 = lastView(ps[0]);
  // Everybody passes; then the holder of 2C must lead it.
  for (const p of ps) assert.equal((await push(p.channel, "move", lastView(p).legal[0])).status, "ok");
  await until(() => ps.some((p) => lastView(p).phase === "playing" && lastView(p).legal.length), "playing");
  const leader = ps.find((p) => lastView(p).legal.length);
  const other = ps.find((p) => p !== leader);
  const version = lastView(leader).version;
  const notLegal = lastView(leader).cards.find((c) => c !== "2C");
  const cases = [
    [other, { type: "play", card: lastView(other).cards[0] }, "not_your_turn"],
    [leader, { type: "play", card: notLegal }, "must_lead_two_of_clubs"],
    [leader, { type: "play", card: lastView(other).cards[0] }, "illegal_move"],
    [leader, { type: "play" }, "bad_payload"],
    [leader, { type: "play", card: "2C", expect_version: version - 1 }, "stale_version"],
  ];
  for (const [p, move, code] of cases) {
    const r = await push(p.channel, "move", move);
    assert.equal(r.status, "error");
    assert.equal(r.response.code, code, JSON.stringify(r.response));
    assert.ok(r.response.message.length > 0);
  }
  const r = await push(leader.channel, "move", { type: "play", card: "2C", expect_version: version });
  assert.equal(r.response.version, version + 1, "nothing changed before the legal move");
  assert.ok(v0.hand_seed_sha256.match(/^[0-9a-f]{64}$/));
  for (const p of ps) p.socket.disconnect();
});

test("chat: history with the join, limits, and text kept as text", async () => {
  const { p: a, lobby, roomId } = await openTable("Jo", { game: "golf", players: 2 });
  assert.equal((await push(a.channel, "chat", { text: "x".repeat(501) })).response.code, "too_long");
  assert.equal((await push(a.channel, "chat", { text: "<img src=x onerror=alert(1)>" })).status, "ok");
  let limited = false;
  for (let i = 0; i < 10 && !limited; i++) limited = (await push(a.channel, "chat", { text: `m${i}` })).response.code === "rate_limited";
  assert.ok(limited, "flooding chat is rate limited");
  const b = await player(server, "Kim");
  const joined = await enterRoom(b, roomId);
  assert.equal(joined.chat[0].text, "<img src=x onerror=alert(1)>");
  assert.equal(joined.chat[0].from.name, "Jo");
  assert.equal((await push(lobby, "chat", { text: "hello lobby" })).status, "ok");
  a.socket.disconnect();
  b.socket.disconnect();
});

test("a dropped player's seat waits, a bot plays it, and the player takes it back", async () => {
  const { p: a, roomId } = await openTable("Lee", { game: "hearts" });
  await playWithThreeBots(a);
  await until(() => lastView(a).legal?.length > 0, "my turn to pass");
  a.socket.disconnect();
  await sleep(500);
  // Nothing moves for the absent player during the grace period...
  const watcher = await player(server, "Mo");
  await enterRoom(watcher, roomId);
  await until(() => lastView(watcher).to_act.length === 1, "the bots have passed");
  assert.deepEqual(lastView(watcher).to_act, [0], "the absent player's pass is still awaited");
  assert.equal(lastView(watcher).seats[0].standin, false);
  assert.equal(lastView(watcher).seats[0].connected, false);
  const waiting = lastView(watcher).version;
  // ...then a bot plays the seat.
  await until(() => lastView(watcher).version > waiting + 1, "the stand-in plays", 10000);
  assert.equal(lastView(watcher).seats[0].standin, true);
  // The player comes back with the same token and has the seat again.
  const back = { ...a, socket: await connectPhoenix(server.socketUrl, a.token), views: [] };
  await enterRoom(back, roomId);
  await until(() => lastView(watcher).seats[0].standin === false, "seat reclaimed");
  assert.equal(lastView(back).seat, 0);
  // Their hand is theirs to see again. (The view at the moment of reclaiming
  // may fall in the last trick after the stand-in played seat 0's last card:
  // no cards while the others finish it; the next deal then waits for them.)
  await until(
    () => (lastView(back).cards?.length ?? 0) > 0 || lastView(back).phase === "game_over",
    "my cards in my view",
  );
  back.socket.disconnect();
  watcher.socket.disconnect();
});

test("a turn timer plays for a person whose time runs out; a move in time stops it", async () => {
  const { p: a } = await openTable("Kit", { game: "hearts", turn_seconds: 5 });
  await playWithThreeBots(a);
  await until(() => lastView(a).legal?.length > 0 && lastView(a).to_act.length === 1, "only my pass is awaited");
  const first = lastView(a);
  const d1 = first.seats[0].turn_deadline_ms;
  assert.ok(Number.isInteger(d1), "the view shows when my time runs out");
  assert.ok(d1 - Date.now() > 3000 && d1 - Date.now() <= 5000, `deadline in ${d1 - Date.now()} ms`);
  // I pass halfway through my time.
  await sleep(2500);
  assert.equal(lastView(a).version, first.version, "nothing is played for me before the deadline");
  const passed = await push(a.channel, "move", { ...first.legal[0], expect_version: first.version });
  assert.equal(passed.status, "ok");
  // My next turn has its own deadline; the first one, stopped by my pass,
  // must not play for me when it comes.
  await until(() => lastView(a).phase === "playing" && lastView(a).legal?.length > 0, "my turn to play");
  const second = lastView(a);
  const d2 = second.seats[0].turn_deadline_ms;
  assert.ok(d2 >= d1 + 2000, `a new deadline (${d2 - d1} ms after the first)`);
  await until(() => lastView(a).version > second.version, "my card played for me", 9000);
  assert.ok(Date.now() >= d2 - 50, `played ${d2 - Date.now()} ms before my deadline`);
  assert.equal(lastView(a).seats[0].standin, false, "I keep my seat");
  assert.equal(lastView(a).cards.length, 12, "one of my cards was played");
  a.socket.disconnect();
});

test("a fault in one room restarts that room only", async () => {
  const a = await player(server, "Ned");
  const lobby = a.socket.channel("lobby", {});
  await join(lobby);
  const broken = (await push(lobby, "create_room", { game: "klondike" })).response.room_id;
  const healthy = (await push(lobby, "create_room", { game: "klondike" })).response.room_id;
  const b = { ...a, views: [] };
  await enterRoom(a, broken);
  b.channel = a.socket.channel(`room:${healthy}`, {});
  b.channel.on("view", (v) => b.views.push(v));
  b.views.push((await join(b.channel)).view);
  for (const p of [a, b]) {
    await push(p.channel, "sit", { seat: 0 });
    await push(p.channel, "start");
    await until(() => lastView(p).legal?.length > 0, "klondike dealt");
    const draw = lastView(p).legal.find((m) => m.type === "draw");
    assert.equal((await push(p.channel, "move", draw)).status, "ok");
  }
  const crash = await push(a.channel, "crash");
  assert.notEqual(crash.status, "ok");
  await until(() => lastView(a).restarted === true, "restarted view");
  assert.equal(lastView(a).version, 1, "the restarted room is where its log says");
  // The other room never noticed.
  const draw = lastView(b).legal.find((m) => m.type === "draw");
  assert.equal((await push(b.channel, "move", draw)).response.version, 2);
  // And the restarted room plays on.
  const again = lastView(a).legal.find((m) => m.type === "draw");
  assert.equal((await push(a.channel, "move", again)).response.version, 2);
  a.socket.disconnect();
});
