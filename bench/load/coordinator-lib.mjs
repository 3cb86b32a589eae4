// Shared by the two coordinators, load.mjs (idle, fanout) and rooms.mjs (the
// rooms scenarios): command-line arguments and the loopback check, a handle on
// one forked load process (IPC requests and events), the server's /proc
// readings, counters summed over the load processes, and the CPU shares and
// latency histograms of a measurement window.
import { fork } from 'node:child_process';

import {
  CLK_TCK,
  histFromSparse,
  histMerge,
  histStats,
  machineCpu,
  metrics,
  newHist,
  procCpu,
  procStatus,
  sleep,
} from './lib.mjs';

// ---------------------------------------------------------------- args
// --name value pairs; the names in `flags` take no value. Anything else
// (the scenario) lands in `_`.
export function parseArgs(argv, flags) {
  const a = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (!k.startsWith('--')) {
      a._.push(k);
      continue;
    }
    const name = k.slice(2);
    if (flags.includes(name)) a[name] = true;
    else a[name] = argv[++i];
  }
  return a;
}

// A numeric option, or `d` when it is absent.
export const numArg = (args) => (k, d) => (args[k] === undefined ? d : Number(args[k]));

// --url must be a loopback address and --server-pid is required: returns
// { base, serverPid }, or null after saying why not.
export function loopbackTarget(args) {
  const base = args.url;
  const h = new URL(base).hostname;
  if (!(h.startsWith('127.') || h === 'localhost' || h === '[::1]')) {
    console.error(`refusing ${base}: this tool only targets loopback addresses`);
    return null;
  }
  const serverPid = Number(args['server-pid']);
  if (!serverPid) {
    console.error('--server-pid is required (RSS and CPU come from /proc/<pid>)');
    return null;
  }
  return { base, serverPid };
}

export const makeLog =
  (tag) =>
  (...m) =>
    console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}]`, ...m);

// On SIGINT or SIGTERM: `cleanup` (stop the load processes), then exit 130.
export function onSignals(cleanup) {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => {
      await cleanup();
      process.exit(130);
    });
  }
}

// ---------------------------------------------------------------- load processes
// One forked load process. It answers `request(cmd)` with a message that
// carries the same id, and announces events ({ev: 'ready'} and the like) that
// `once(ev)` waits for; {ev: 'fatal'} fails everything pending.
export class WorkerProcess {
  constructor(id, script, { execArgv = [], requestTimeoutMs = 30_000 } = {}) {
    this.id = id;
    this.requestTimeoutMs = requestTimeoutMs;
    this.proc = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    this.waiting = new Map();
    this.events = new Map();
    this.seq = 0;
    this.proc.on('message', (m) => {
      if (m.ev === 'fatal') {
        console.error(`worker ${id}: ${m.error}`);
        this.failed = new Error(m.error);
        for (const w of this.waiting.values()) w.rej(this.failed);
        for (const e of this.events.values()) e.rej(this.failed);
        return;
      }
      if (m.id !== undefined && this.waiting.has(m.id)) {
        this.waiting.get(m.id).res(m.stats);
        this.waiting.delete(m.id);
        return;
      }
      const e = this.events.get(m.ev);
      if (e) {
        this.events.delete(m.ev);
        e.res(m.stats);
      }
    });
    this.proc.on('exit', (code) => {
      this.exited = true;
      const err = new Error(`worker ${id} exited (${code})`);
      for (const w of this.waiting.values()) w.rej(err);
      for (const e of this.events.values()) e.rej(err);
    });
  }
  // The next `ev` event's stats.
  once(ev) {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((res, rej) => this.events.set(ev, { res, rej }));
  }
  start(cfg) {
    this.proc.send({ cmd: 'start', cfg });
  }
  request(cmd, extra = {}, timeoutMs = this.requestTimeoutMs) {
    const id = ++this.seq;
    return new Promise((res, rej) => {
      const t = setTimeout(() => {
        this.waiting.delete(id);
        rej(new Error(`worker ${this.id}: ${cmd} timed out`));
      }, timeoutMs);
      this.waiting.set(id, {
        res: (v) => (clearTimeout(t), res(v)),
        rej: (e) => (clearTimeout(t), rej(e)),
      });
      this.proc.send({ cmd, id, ...extra });
    });
  }
  stop() {
    if (this.exited) return Promise.resolve();
    return new Promise((res) => {
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        res();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        res();
      });
      try {
        this.proc.send({ cmd: 'stop' });
      } catch {
        this.proc.kill('SIGKILL');
      }
    });
  }
}

export const stopAll = (workers) => Promise.all(workers.map((w) => w.stop()));
export const allStats = (workers, extra) => Promise.all(workers.map((w) => w.request('stats', extra)));

// Waits for `all` (every load process ready), calling `progress` every
// `everyMs` meanwhile, for at most `timeoutMs`. Returns whether `all`
// settled in time and the seconds it took; throws as soon as `all` fails.
export async function waitWithProgress(all, { timeoutMs, everyMs, progress }) {
  const t0 = Date.now();
  let done = false;
  const settled = all.then(() => (done = true));
  settled.catch(() => {});
  while (!done && Date.now() - t0 < timeoutMs) {
    await Promise.race([settled, sleep(everyMs)]); // a failed process fails this at once
    if (done) break;
    await progress();
  }
  return { done, seconds: (Date.now() - t0) / 1000 };
}

// ---------------------------------------------------------------- counting
export const sum = (arr, f) => arr.reduce((a, x) => a + (f(x) || 0), 0);
export const mergeCounts = (arr, f) => {
  const out = {};
  for (const x of arr) for (const [k, v] of Object.entries(f(x) || {})) out[k] = (out[k] || 0) + v;
  return out;
};
// b - a per key, keeping only the keys that changed.
export const diffCounts = (a, b) => {
  const out = {};
  for (const [k, v] of Object.entries(b)) if (v - (a[k] || 0)) out[k] = v - (a[k] || 0);
  return out;
};
// The load processes' stats added up key by key, in the order of `keys`:
// numbers summed, {code: count} objects merged.
export function totalsOf(stats, keys) {
  const out = {};
  for (const k of keys) {
    const sample = stats.find((s) => s[k] !== undefined && s[k] !== null);
    out[k] = sample && typeof sample[k] === 'object' ? mergeCounts(stats, (s) => s[k]) : sum(stats, (s) => s[k]);
  }
  return out;
}

// Equal shares of `total` over `parts`, the first ones one larger.
export function splitEven(total, parts) {
  const out = [];
  for (let i = 0; i < parts; i++) out.push(Math.floor(total / parts) + (i < total % parts ? 1 : 0));
  return out;
}

// ---------------------------------------------------------------- server
// The server's VmRSS/VmHWM/threads and CPU ticks (user, kernel, both).
export function serverSample(pid) {
  const s = procStatus(pid);
  const c = procCpu(pid);
  return { ...s, cpuTicks: c.total, userTicks: c.user, sysTicks: c.sys };
}

// The parlor_errors_total{...} counters of a /metrics reading (only those
// above zero with `nonZero`), or null without one.
export const serverErrors = (m, nonZero = false) =>
  m ? Object.fromEntries(Object.entries(m).filter(([k, v]) => k.startsWith('parlor_errors_total') && (!nonZero || v))) : null;

// ---------------------------------------------------------------- windows
// The end of a measurement window: the time, the server and machine CPU,
// every load process's stats with its histograms, the server's /metrics.
export async function windowEnd(workers, serverPid, base) {
  return {
    t: process.hrtime.bigint(),
    srv: serverSample(serverPid),
    mach: machineCpu(),
    w: await Promise.all(workers.map((w) => w.request('stats', { withHist: true }))),
    m: await metrics(base),
  };
}

// CPU over a window from its start `a` and end `b` ({srv, mach, w}), in
// percent of one core: the server (user, kernel), the whole machine (of
// 200%: 2 cores), each load process and their total.
export function cpuShares(a, b, secs) {
  const pct = (ticks) => (ticks / CLK_TCK / secs) * 100;
  const clientPct = b.w.map((s, i) => ((s.cpuUs - a.w[i].cpuUs) / 1e6 / secs) * 100);
  return {
    serverPct: pct(b.srv.cpuTicks - a.srv.cpuTicks),
    serverUserPct: pct(b.srv.userTicks - a.srv.userTicks),
    serverSysPct: pct(b.srv.sysTicks - a.srv.sysTicks),
    machineBusyPct: ((b.mach.busy - a.mach.busy) / (b.mach.total - a.mach.total)) * 100 * 2,
    clientPct,
    clientTotalPct: clientPct.reduce((x, y) => x + y, 0),
    clientSysPct: b.w.reduce((acc, s, i) => acc + ((s.cpuSysUs - a.w[i].cpuSysUs) / 1e6 / secs) * 100, 0),
  };
}

// Latency stats of histogram `key` (sparse, see lib.mjs) merged over the
// load processes' stats for which `keep(stats, index)` holds.
export function mergedLatency(stats, key, keep = () => true) {
  const h = newHist();
  stats.forEach((s, i) => keep(s, i) && histMerge(h, histFromSparse(s[key])));
  return histStats(h);
}
