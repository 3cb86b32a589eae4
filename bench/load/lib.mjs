// Shared helpers for the Parlor load tool: V2 frames, session tokens, the
// monotonic clock, /proc readers and a latency histogram that merges across
// worker processes.
import { readFileSync } from 'node:fs';
import http from 'node:http';

// ---------------------------------------------------------------- clock
// process.hrtime is CLOCK_MONOTONIC, which is one clock for every process on
// the machine, so a publisher in one process and a subscriber in another can
// compare stamps directly. Microseconds as a double keep JSON numbers small
// and exact (< 2^53).
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

// ---------------------------------------------------------------- frames
// channels-protocol.md 2.1: [join_ref, ref, topic, event, payload]. Refs are
// strings. Written by hand (no JSON.stringify of the array) to keep the
// per-socket client cost low.
export const joinFrame = (ref, topic, payload = '{}') =>
  `["${ref}","${ref}",${JSON.stringify(topic)},"phx_join",${payload}]`;
// Any other client frame; joinRef null when the topic was never joined.
export const pushFrame = (joinRef, ref, topic, event, payloadJson) =>
  `[${joinRef === null ? 'null' : `"${joinRef}"`},"${ref}",${JSON.stringify(topic)},${JSON.stringify(event)},${payloadJson}]`;
export const heartbeatFrame = (ref) => `[null,"${ref}","phoenix","heartbeat",{}]`;

// A cheap classifier for inbound text frames: parses only what the caller
// needs. Returns the parsed array (full JSON.parse) - used on the slow paths
// (joins, replies); the fan-out hot path scans bytes instead (see worker.mjs).
export const parseFrame = (buf) => JSON.parse(typeof buf === 'string' ? buf : buf.toString('utf8'));

// ---------------------------------------------------------------- HTTP
export function httpJson(base, method, path, body, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const u = new URL(path, base);
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const req = http.request(
      u,
      {
        method,
        headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, text, json: safeJson(text) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function safeJson(t) {
  try {
    return JSON.parse(t);
  } catch {
    return null;
  }
}

// POST /api/session {"name"} -> token (app-protocol.md, Identity).
export async function newToken(base, name) {
  const r = await httpJson(base, 'POST', '/api/session', { name });
  if (r.status !== 200 || !r.json || typeof r.json.token !== 'string') {
    throw new Error(`POST /api/session: HTTP ${r.status} ${r.text.slice(0, 200)}`);
  }
  return r.json.token;
}

// /metrics (Prometheus text) -> { name or name{labels}: number }.
export async function metrics(base) {
  try {
    const r = await httpJson(base, 'GET', '/metrics', undefined, 5000);
    if (r.status !== 200) return null;
    const out = {};
    for (const line of r.text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const sp = line.lastIndexOf(' ');
      out[line.slice(0, sp)] = Number(line.slice(sp + 1));
    }
    return out;
  } catch {
    return null;
  }
}

export function socketUrl(base, token) {
  const u = new URL('/socket/websocket', base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.searchParams.set('token', token);
  u.searchParams.set('vsn', '2.0.0');
  return u.toString();
}

// ---------------------------------------------------------------- /proc
export const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux x86-64/arm64

// VmRSS / VmHWM in KiB and the thread count, from /proc/<pid>/status.
export function procStatus(pid) {
  const txt = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k) => {
    const m = txt.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : NaN;
  };
  const th = txt.match(/^Threads:\s+(\d+)/m);
  return { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM'), threads: th ? Number(th[1]) : NaN };
}

// utime and stime of a process in clock ticks (/proc/<pid>/stat fields 14,
// 15): user-space work and kernel work (syscalls; on loopback the sender's
// send call also runs most of the receiver's TCP input path).
export function procCpu(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime is field 14 -> rest[11], stime rest[12].
  const user = Number(rest[11]);
  const sys = Number(rest[12]);
  return { user, sys, total: user + sys };
}

// Machine-wide busy and total jiffies from /proc/stat (all CPUs).
export function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] || 0); // idle + iowait
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function loadAvg() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

// ---------------------------------------------------------------- histogram
// Latency histogram in microseconds: 1 us buckets below 1 ms, then 10 us up
// to 100 ms, then 1 ms up to 10 s; anything above lands in the last bucket.
// Plain arrays of counts, so worker processes send them over IPC and the
// coordinator adds them up.
const B1 = 1000; // 0..999 us, 1 us wide
const B2 = 9900; // 1 ms..100 ms, 10 us wide
const B3 = 9900; // 100 ms..10 s, 1 ms wide
export const HIST_SIZE = B1 + B2 + B3 + 1;

export function newHist() {
  return new Float64Array(HIST_SIZE);
}

export function histAdd(h, us) {
  let i;
  if (us < 0) us = 0;
  if (us < 1000) i = Math.floor(us);
  else if (us < 100_000) i = B1 + Math.floor((us - 1000) / 10);
  else if (us < 10_000_000) i = B1 + B2 + Math.floor((us - 100_000) / 1000);
  else i = HIST_SIZE - 1;
  h[i] += 1;
}

// Upper edge of bucket i, in microseconds.
function bucketUpper(i) {
  if (i < B1) return i + 1;
  if (i < B1 + B2) return 1000 + (i - B1 + 1) * 10;
  if (i < B1 + B2 + B3) return 100_000 + (i - B1 - B2 + 1) * 1000;
  return Infinity;
}

export function histMerge(into, from) {
  for (let i = 0; i < HIST_SIZE; i++) into[i] += from[i] || 0;
  return into;
}

// Sparse form for IPC: [[index, count], ...].
export const histToSparse = (h) => {
  const out = [];
  for (let i = 0; i < h.length; i++) if (h[i]) out.push([i, h[i]]);
  return out;
};
export const histFromSparse = (pairs) => {
  const h = newHist();
  for (const [i, c] of pairs) h[i] += c;
  return h;
};

export function histStats(h) {
  let n = 0;
  for (let i = 0; i < h.length; i++) n += h[i];
  const q = (p) => {
    if (n === 0) return NaN;
    const target = Math.ceil(p * n);
    let c = 0;
    for (let i = 0; i < h.length; i++) {
      c += h[i];
      if (c >= target) return bucketUpper(i);
    }
    return Infinity;
  };
  let max = NaN;
  for (let i = h.length - 1; i >= 0; i--) {
    if (h[i]) {
      max = bucketUpper(i);
      break;
    }
  }
  return { count: n, p50: q(0.5), p90: q(0.9), p99: q(0.99), p999: q(0.999), max };
}

// ---------------------------------------------------------------- misc
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const fmtUs = (us) =>
  !Number.isFinite(us) ? String(us) : us < 1000 ? `${us.toFixed(0)} us` : `${(us / 1000).toFixed(2)} ms`;
