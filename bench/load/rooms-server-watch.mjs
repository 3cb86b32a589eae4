// Rooms benchmark coordinator (see rooms.mjs): what it watches on the server
// during a measurement window besides CPU and RSS. The store's commits and
// the disk writes, sampled every 100 ms (stalls of the writer and checkpoint
// bursts), and an optional `perf record` of the server (--perf SEC).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { metrics, sleep } from './lib.mjs';

// Bytes the server process has caused to be written to disk (write_bytes in
// /proc/<pid>/io). In synchronous=NORMAL the WAL is synced only at a
// checkpoint, which then writes back the WAL and copies its pages into the
// database file: a burst of tens of MiB. Socket traffic is not counted.
function wchar(serverPid) {
  try {
    const m = readFileSync(`/proc/${serverPid}/io`, 'utf8').match(/^write_bytes:\s+(\d+)/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null; // needs the same user as the server (or root)
  }
}

// The store's commits, sampled every 100 ms for `durationMs`: the longest gap
// with no commit, the most time spent committing in one 100 ms slice, and the
// seconds with a write burst. {} when the server has no store metrics.
export async function sampleStore({ base, serverPid }, durationMs) {
  const t0 = Date.now();
  const end = t0 + durationMs;
  let prev = await metrics(base);
  let prevT = Date.now();
  let prevW = wchar(serverPid);
  // Seconds of the window in which the server wrote more than 8 MiB to disk
  // within 100 ms: checkpoints.
  const writeBursts = [];
  if (!prev || prev.parlor_store_commits_total === undefined) return {};
  let lastCommitAt = Date.now();
  let longestNoCommitMs = 0;
  let maxCommitMsPerSlice = 0;
  while (Date.now() < end) {
    await sleep(100);
    const m = await metrics(base);
    const now = Date.now();
    const w = wchar(serverPid);
    if (w !== null && prevW !== null && w - prevW > 8 * 1048576) {
      const sec = Math.floor((now - t0) / 1000);
      if (writeBursts[writeBursts.length - 1] !== sec) writeBursts.push(sec);
    }
    prevW = w;
    if (!m) continue;
    if (m.parlor_store_commits_total > prev.parlor_store_commits_total) lastCommitAt = now;
    longestNoCommitMs = Math.max(longestNoCommitMs, now - lastCommitAt);
    maxCommitMsPerSlice = Math.max(
      maxCommitMsPerSlice,
      ((m.parlor_store_commit_microseconds_total - prev.parlor_store_commit_microseconds_total) / 1000) * (100 / Math.max(1, now - prevT)),
    );
    prev = m;
    prevT = now;
  }
  return { longestNoCommitMs, maxCommitMsPerSlice, writeBursts };
}

// `perf record -g` on the server for --perf seconds, once (the first window).
// Returns a promise that settles when perf is done, or null.
let perfChild = null;
let perfDone = false;
export function startPerf({ args, num, log, serverPid }) {
  const secs = num('perf', 0);
  if (!secs || perfDone) return null;
  perfDone = true;
  const out = args['perf-out'] || 'perf.data';
  log(`perf: recording the server for ${secs} s into ${out}`);
  // DWARF call graphs: the Release build has no frame pointers, so -g alone
  // gives broken stacks (and callers' inclusive shares would be wrong).
  const cg = args['perf-call-graph'] || 'dwarf,16384';
  perfChild = spawn('perf', ['record', '-F', cg.startsWith('dwarf') ? '199' : '499', '--call-graph', cg, '-p', String(serverPid), '-o', out, '--', 'sleep', String(secs)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((res) => {
    perfChild.on('exit', () => ((perfChild = null), res()));
    perfChild.on('error', (e) => (log(`perf: ${e.message}`), (perfChild = null), res()));
  });
}

// On an interrupt: stop a recording in progress (perf writes what it has).
export function stopPerf() {
  if (perfChild) perfChild.kill('SIGINT');
}
