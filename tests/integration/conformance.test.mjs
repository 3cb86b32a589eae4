// Runs the shared conformance script (channels-protocol.md section 11)
// against the real server: every check must pass.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { newSession, repoRoot, startServer } from "./helpers.mjs";

// The shared folder is read-only and has no node_modules: copy the script
// next to ours (tests/artifacts is ignored by git) so that `phoenix` and `ws`
// resolve from tests/node_modules.
const SHARED =
  process.env.PARLOR_CONFORMANCE_DIR ||
  path.resolve(repoRoot, "..", "shared", "design", "channels-conformance");

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

test("the shared conformance script passes every check", async (t) => {
  const source = path.join(SHARED, "conformance.mjs");
  assert.ok(existsSync(source), `conformance script not found at ${source} (set PARLOR_CONFORMANCE_DIR)`);
  const dir = path.join(repoRoot, "tests", "artifacts", "conformance");
  mkdirSync(dir, { recursive: true });
  const script = path.join(dir, "conformance.mjs");
  copyFileSync(source, script);

  const { token } = await newSession(server.base, "Conformance");
  const child = spawn(process.execPath, [script, server.socketUrl, "--token", token, "--bad-token", "v1.forged.token"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  const summary = out.trim().split("\n").filter((l) => /^\d+ passed, \d+ failed$/.test(l)).pop();
  t.diagnostic(`conformance: ${summary}`);
  const failures = out.split("\n").filter((l) => l.startsWith("FAIL") || l.startsWith("SKIP"));
  assert.deepEqual(failures, [], out);
  assert.equal(code, 0, out);
  assert.match(summary, /^\d+ passed, 0 failed$/);
});
