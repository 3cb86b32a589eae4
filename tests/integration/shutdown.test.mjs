// SIGTERM: stop accepting, close every socket with 1001 (so clients
// reconnect elsewhere), flush, exit 0.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connectPhoenix, join, newSession, rawSocket, startServer } from "./helpers.mjs";

test("SIGTERM closes sockets with 1001 and exits 0", async () => {
  const server = await startServer();
  try {
    const { token } = await newSession(server.base, "Bye");
    const raws = [];
    for (let i = 0; i < 3; i++) {
      const s = rawSocket(server.socketUrl, token);
      await s.opened;
      s.ws.send(JSON.stringify(["1", "1", `conformance:it:bye${i}`, "phx_join", {}]));
      raws.push(s);
    }
    const socket = await connectPhoenix(server.socketUrl, token, { reconnectAfterMs: () => 60000 });
    const closes = [];
    socket.onClose((e) => closes.push(e.code));
    await join(socket.channel("conformance:it:bye", {}));

    const started = Date.now();
    server.proc.kill("SIGTERM");
    const codes = await Promise.all(raws.map((s) => s.closed.then((c) => c.code)));
    assert.deepEqual(codes, [1001, 1001, 1001]);
    const exit = await server.exited;
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    assert.ok(Date.now() - started < 10000, "shutdown took too long");
    assert.deepEqual(closes, [1001]);
    socket.disconnect();
  } finally {
    await server.stop();
  }
});
