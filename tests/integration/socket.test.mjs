// The real phoenix client against the real server: reconnect and rejoin
// after the server drops the socket, two tabs of one player in Presence,
// heartbeats, and the idle timeout.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { Presence } from "phoenix";
import { connectPhoenix, join, newSession, push, rawSocket, sleep, startServer, until } from "./helpers.mjs";

let server;
before(async () => {
  // A short idle timeout so that "the server drops the socket" happens fast.
  server = await startServer({ args: ["--idle-timeout", "1.5"] });
});
after(async () => {
  await server.stop();
});

test("reconnects and rejoins after the server drops an idle socket", async () => {
  const { token, player_id } = await newSession(server.base, "Idle");
  // Heartbeats every 10 s: the server's 1.5 s idle timeout closes the socket first.
  const socket = await connectPhoenix(server.socketUrl, token, { heartbeatIntervalMs: 10000 });
  const closes = [];
  socket.onClose((e) => closes.push(e.code));
  let opens = 0;
  socket.onOpen(() => opens++);
  const channel = socket.channel("conformance:it:idle", { presence_key: player_id });
  const states = [];
  channel.on("presence_state", () => states.push(channel.joinRef()));
  await join(channel);
  const firstJoinRef = channel.joinRef();
  await until(() => closes.length > 0, "the idle close", 6000);
  assert.equal(closes[0], 1001, "idle timeout closes with 1001");
  await until(() => opens >= 1 && channel.state === "joined" && channel.joinRef() !== firstJoinRef, "rejoin", 6000);
  await until(() => states.includes(channel.joinRef()), "presence_state for the new join");
  const r = await push(channel, "echo", { after: "rejoin" });
  assert.deepEqual(r, { status: "ok", response: { after: "rejoin" } });
  socket.disconnect();
});

test("a client heartbeating keeps its socket past the idle timeout", async () => {
  const { token } = await newSession(server.base, "Beat");
  const socket = await connectPhoenix(server.socketUrl, token, { heartbeatIntervalMs: 400 });
  const closes = [];
  socket.onClose((e) => closes.push(e.code));
  await sleep(3000);
  assert.deepEqual(closes, []);
  socket.disconnect();
});

test("two tabs of one player: one key, two metas; closing a tab removes only its meta", async () => {
  const { token, player_id } = await newSession(server.base, "Two Tabs");
  const watcherSession = await newSession(server.base, "Watcher");
  const topic = "conformance:it:tabs";
  const tabs = [];
  for (const tab of ["A", "B"]) {
    const socket = await connectPhoenix(server.socketUrl, token, { heartbeatIntervalMs: 500 });
    const channel = socket.channel(topic, { presence_key: player_id, meta: { tab } });
    await join(channel);
    tabs.push({ socket, channel });
  }
  const wsock = await connectPhoenix(server.socketUrl, watcherSession.token, { heartbeatIntervalMs: 500 });
  const wch = wsock.channel(topic, { presence_key: watcherSession.player_id });
  const presence = new Presence(wch);
  await join(wch);
  const metas = () => (presence.list((k, p) => (k === player_id ? p.metas : null)).find(Boolean) || []);
  await until(() => metas().length === 2, "two metas under the player's key");
  assert.deepEqual(metas().map((m) => m.tab).sort(), ["A", "B"]);
  tabs[1].socket.disconnect();
  await until(() => metas().length === 1, "one meta after tab B closed");
  assert.equal(metas()[0].tab, "A");
  tabs[0].socket.disconnect();
  await until(() => metas().length === 0, "the key gone after the last tab");
  wsock.disconnect();
});

test("tokens: refused without or with a bad token, accepted via the subprotocol", async () => {
  const noToken = rawSocket(server.socketUrl, "");
  await assert.rejects(noToken.opened, /HTTP 403/);
  const bad = rawSocket(server.socketUrl, "v1.bad.token");
  await assert.rejects(bad.opened, /HTTP 403/);
  const { token } = await newSession(server.base, "Proto");
  const socket = await connectPhoenix(server.socketUrl, token, { params: {}, authToken: token });
  assert.equal(socket.conn.protocol, "phoenix");
  socket.disconnect();
});
