// HTTP: static files (content types, ETag/304, caching, SPA fallback, 404,
// no traversal), /healthz, and the session API.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "./helpers.mjs";

let server, root;
before(async () => {
  const parent = mkdtempSync(path.join(tmpdir(), "parlor-static-"));
  root = path.join(parent, "dist");
  mkdirSync(path.join(root, "assets"), { recursive: true });
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Parlor</title>");
  writeFileSync(path.join(root, "assets", "index-4f3a9c.js"), "console.log('parlor')");
  writeFileSync(path.join(root, "assets", "index-4f3a9c.css"), "body{}");
  writeFileSync(path.join(root, "favicon.svg"), "<svg/>");
  writeFileSync(path.join(parent, "outside.txt"), "TOP-SECRET");
  server = await startServer({ args: ["--static", root] });
});
after(async () => {
  await server.stop();
  rmSync(path.dirname(root), { recursive: true, force: true });
});

// Raw request: fetch() would normalise "..", which is exactly what we test.
function rawGet(rawPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path: rawPath, headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("static files have content types, ETags and cache headers", async () => {
  const index = await rawGet("/");
  assert.equal(index.status, 200);
  assert.equal(index.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(index.headers["cache-control"], "no-cache");
  assert.ok(index.headers.etag);
  const js = await rawGet("/assets/index-4f3a9c.js");
  assert.equal(js.headers["content-type"], "text/javascript; charset=utf-8");
  assert.equal(js.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.equal(js.body, "console.log('parlor')");
  assert.equal((await rawGet("/assets/index-4f3a9c.css")).headers["content-type"], "text/css; charset=utf-8");
  assert.equal((await rawGet("/favicon.svg")).headers["content-type"], "image/svg+xml");
  const again = await rawGet("/assets/index-4f3a9c.js", { "if-none-match": js.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body, "");
  assert.equal((await rawGet("/assets/index-4f3a9c.js", { "if-none-match": '"nope"' })).status, 200);
});

test("SPA routes fall back to index.html; missing files get the 404 page", async () => {
  const route = await rawGet("/room/abc123");
  assert.equal(route.status, 200);
  assert.match(route.body, /<title>Parlor<\/title>/);
  assert.equal(route.headers["cache-control"], "no-cache");
  const missing = await rawGet("/assets/missing-123.js");
  assert.equal(missing.status, 404);
  assert.match(missing.headers["content-type"], /text\/html/);
  assert.match(missing.body, /404/);
  assert.equal((await rawGet("/nothing.png")).status, 404);
});

test("path traversal is refused", async () => {
  for (const p of ["/../outside.txt", "/%2e%2e/outside.txt", "/assets/../../outside.txt",
                   "/%2E%2E%2Foutside.txt", "/..%5coutside.txt", "/assets/%2e%2e/%2e%2e/outside.txt"]) {
    const r = await rawGet(p);
    assert.ok(r.status === 400 || r.status === 404, `${p} -> ${r.status}`);
    assert.doesNotMatch(r.body, /TOP-SECRET/, p);
  }
});

test("/healthz answers ok; HEAD has headers and no body; unknown API paths are JSON 404s", async () => {
  const r = await rawGet("/healthz");
  assert.equal(r.status, 200);
  assert.equal(r.body, "ok\n");
  const head = await new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path: "/favicon.svg", method: "HEAD" }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(head.status, 200);
  assert.equal(head.headers["content-length"], "6");
  assert.equal(head.body, "");
  const api = await rawGet("/api/nothing");
  assert.equal(api.status, 404);
  assert.equal(JSON.parse(api.body).error.code, "not_found");
  assert.equal((await rawGet("/socket/websocket?vsn=2.0.0")).status, 400);
});

test("POST /api/session: new session, renewal keeps the id, bad names get 422", async () => {
  const post = (body) =>
    fetch(`${server.base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const res = await post(JSON.stringify({ name: "Ada" }));
  assert.equal(res.status, 200);
  const s = await res.json();
  assert.equal(s.name, "Ada");
  assert.match(s.token, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  const renewed = await (await post(JSON.stringify({ token: s.token }))).json();
  assert.equal(renewed.player_id, s.player_id);
  assert.equal(renewed.name, "Ada");
  for (const name of ["", "   ", "x".repeat(25), "bell\u0007"]) {
    const bad = await post(JSON.stringify({ name }));
    assert.equal(bad.status, 422, JSON.stringify(name));
    const body = await bad.json();
    assert.equal(body.error.code, "bad_name");
    assert.equal(typeof body.error.message, "string");
  }
  assert.equal((await post("not json")).status, 400);
  assert.equal((await post(JSON.stringify({ token: "v1.forged.x" }))).status, 401);
  assert.equal((await fetch(`${server.base}/api/session`)).status, 405);
});

test("the token secret survives a restart (kept in DATA/secret)", async () => {
  const first = await startServer();
  const { token } = await (await fetch(`${first.base}/api/session`, {
    method: "POST", body: JSON.stringify({ name: "Persist" }),
  })).json();
  first.proc.kill("SIGTERM");
  await first.exited;
  const { spawn } = await import("node:child_process");
  const { parlorBin } = await import("./helpers.mjs");
  const again = spawn(parlorBin(), ["serve", "--host", "127.0.0.1", "--port", "0", "--data", first.dataDir, "--quiet"]);
  const port = await new Promise((resolve) => {
    let out = "";
    again.stdout.on("data", (d) => {
      out += d;
      const m = /:(\d+)/.exec(out.split("http://")[1] || "");
      if (m) resolve(Number(m[1]));
    });
  });
  const r = await fetch(`http://127.0.0.1:${port}/api/session`, { method: "POST", body: JSON.stringify({ token }) });
  assert.equal(r.status, 200, "a token from before the restart still verifies");
  again.kill("SIGTERM");
  await new Promise((resolve) => again.once("exit", resolve));
  await first.stop();
});
