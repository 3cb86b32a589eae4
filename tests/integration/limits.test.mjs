// Bad input and limits: each malformed frame, oversized frame and flood gets
// the answer channels-protocol.md prescribes, is counted in /metrics, and
// another connection keeps working throughout.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { connectPhoenix, join, metrics, newSession, push, rawSocket, startServer, until } from "./helpers.mjs";

let server, bystander, channel, token;
before(async () => {
  // A low rate, so that the flood test floods even on a slow (sanitizer) build.
  server = await startServer({ args: ["--max-frame", "4096", "--rate", "5", "--burst", "50"] });
  ({ token } = await newSession(server.base, "Limits"));
  bystander = await connectPhoenix(server.socketUrl, token, { heartbeatIntervalMs: 1000 });
  channel = bystander.channel("conformance:it:bystander", {});
  await join(channel);
});
after(async () => {
  bystander.disconnect();
  await server.stop();
});

async function bystanderStillWorks(tag) {
  const r = await push(channel, "echo", { tag });
  assert.deepEqual(r, { status: "ok", response: { tag } }, `bystander after ${tag}`);
}

async function expectClose(send, code, tag) {
  const s = rawSocket(server.socketUrl, token);
  await s.opened;
  send(s.ws);
  const closed = await s.closed;
  assert.equal(closed.code, code, `${tag}: close code`);
  await bystanderStillWorks(tag);
}

test("malformed JSON closes with 1007", () => expectClose((ws) => ws.send("[not json"), 1007, "bad json"));
test("invalid UTF-8 closes with 1007", () =>
  expectClose((ws) => ws.send(Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]), { binary: false }), 1007, "bad utf8"));
test("a wrong array shape closes with 1008", () =>
  expectClose((ws) => ws.send(JSON.stringify(["1", "2", "t", "e"])), 1008, "four elements"));
test("a non-object payload closes with 1008", () =>
  expectClose((ws) => ws.send(JSON.stringify([null, "1", "t", "e", [1, 2]])), 1008, "array payload"));
test("an object instead of an array closes with 1008", () =>
  expectClose((ws) => ws.send(JSON.stringify({ topic: "x" })), 1008, "object frame"));
test("a binary frame of an unknown kind closes with 1003", () =>
  expectClose((ws) => ws.send(Buffer.from([7, 1, 2, 3])), 1003, "binary kind 7"));
test("a truncated binary header closes with 1008", () =>
  expectClose((ws) => ws.send(Buffer.from([0, 9, 9])), 1008, "truncated binary"));
test("a frame over --max-frame closes with 1009", () =>
  expectClose((ws) => ws.send(JSON.stringify([null, "1", "t", "e", { pad: "x".repeat(5000) }])), 1009, "oversized"));

test("events before join, unknown topics and stale join_refs get their answers", async () => {
  const s = rawSocket(server.socketUrl, token);
  await s.opened;
  s.ws.send(JSON.stringify([null, "1", "conformance:it:x", "echo", {}]));
  s.ws.send(JSON.stringify(["1", "2", "nobody:here", "phx_join", {}]));
  s.ws.send(JSON.stringify(["3", "3", "conformance:it:x", "phx_join", {}]));
  s.ws.send(JSON.stringify(["old", "4", "conformance:it:x", "echo", { stale: true }]));
  s.ws.send(JSON.stringify(["3", "5", "conformance:it:x", "echo", { fresh: true }]));
  await until(() => s.messages.some((m) => m[1] === "5"), "the reply to ref 5");
  const byRef = (r) => s.messages.find((m) => m[1] === r && m[3] === "phx_reply");
  assert.deepEqual(byRef("1"), [null, "1", "conformance:it:x", "phx_reply", { status: "error", response: { reason: "unmatched topic" } }]);
  assert.deepEqual(byRef("2"), [null, "2", "nobody:here", "phx_reply", { status: "error", response: { reason: "unmatched topic" } }]);
  assert.equal(byRef("3")[4].status, "ok");
  assert.equal(byRef("4"), undefined, "a stale join_ref gets no reply");
  assert.deepEqual(byRef("5")[4], { status: "ok", response: { fresh: true } });
  s.ws.close();
});

test("a flood gets rate_limited replies, then a 1008 close", async () => {
  const s = rawSocket(server.socketUrl, token);
  await s.opened;
  for (let i = 0; i < 400; i++) s.ws.send(JSON.stringify([null, String(i), "phoenix", "other", {}]));
  const closed = await s.closed;
  assert.equal(closed.code, 1008);
  const limited = s.messages.filter((m) => m[4] && m[4].response && m[4].response.reason === "rate_limited");
  assert.ok(limited.length > 0, "rate_limited replies before the close");
  assert.equal(limited[0][4].status, "error");
  assert.equal(limited[0][4].response.code, "rate_limited");
  await bystanderStillWorks("flood");
});

test("/metrics counts every refusal by code", async () => {
  const m = await metrics(server.base);
  for (const code of ["bad_json", "bad_utf8", "bad_shape", "bad_binary_kind", "bad_binary", "frame_too_big",
                      "unmatched_topic", "stale_join_ref", "rate_limited", "flood"]) {
    assert.ok(m.error(code) >= 1, `parlor_errors_total{code="${code}"} in\n${m.text}`);
  }
  assert.ok(m.values["parlor_connections"] >= 1);
  assert.ok(m.values['parlor_channels_joined{prefix="conformance"}'] >= 1);
  assert.ok(m.values["parlor_frames_in_total"] > 0 && m.values["parlor_frames_out_total"] > 0);
  assert.ok(m.values["parlor_bytes_in_total"] > 0 && m.values["parlor_bytes_out_total"] > 0);
  assert.ok(m.values["parlor_process_resident_memory_bytes"] > 0);
  assert.match(m.text, /# TYPE parlor_errors_total counter/);
});

test("a client that does not read is dropped with 1013; memory stays bounded", async (t) => {
  const fast = await startServer({
    args: ["--max-queue", "65536", "--rate", "100000", "--burst", "100000", "--max-frame", "65536"],
  });
  try {
    const slowToken = (await newSession(fast.base, "Slow")).token;
    const topic = "conformance:it:slow";
    const slow = rawSocket(fast.socketUrl, slowToken);
    await slow.opened;
    slow.ws.send(JSON.stringify(["1", "1", topic, "phx_join", {}]));
    await until(() => slow.messages.some((m) => m[1] === "1"), "slow joined");
    // Stop reading, but keep asking for 60 KB pushes to ourselves: the
    // server's writes back up and only this socket's queue grows.
    slow.ws._socket.pause();
    const big = "x".repeat(60000);
    for (let i = 0; i < 400; i++) slow.ws.send(JSON.stringify(["1", String(100 + i), topic, "push_me", { big, i }]));
    await until(async () => (await metrics(fast.base)).error("slow_consumer") >= 1, "slow_consumer counted", 30000);
    const other = await connectPhoenix(fast.socketUrl, slowToken);
    const ch = other.channel("conformance:it:other", {});
    await join(ch);
    assert.equal((await push(ch, "echo", { ok: 1 })).status, "ok");
    other.disconnect();
    slow.ws._socket.resume();
    const closed = await slow.closed;
    t.diagnostic(`slow consumer closed with ${closed.code}`);
    // 1013 once the frames already in flight drain; 1006 if the server had
    // to cut the TCP connection (stuck closing for 5 s).
    assert.ok(closed.code === 1013 || closed.code === 1006, `slow consumer closed with ${closed.code}`);
    const m = await metrics(fast.base);
    assert.ok(m.values["parlor_process_resident_memory_bytes"] < 512 * 1024 * 1024, "RSS stays bounded");
  } finally {
    await fast.stop();
  }
});
