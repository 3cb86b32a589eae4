// Rooms benchmark coordinator (see rooms.mjs): the rooms-idle scenario, the
// server's RSS per idle room. A few lanes of 4 sockets per load process
// create rooms in batches (create, all 4 join and sit, all 4 leave); RSS is
// read before the first room, after each batch, after the sockets close and
// once the seats' grace period has run out.
import { mergeCounts, splitEven, sum } from './coordinator-lib.mjs';
import { loadAvg, metrics, sleep } from './lib.mjs';

export async function runIdleRooms(ctx) {
  const { args, num, base, log } = ctx;
  const N = num('rooms', 2000);
  const procs = num('procs', 2);
  const lanes = num('lanes', 8);
  const stepsN = Math.max(1, num('steps', 4));
  const settleS = num('settle', 10);
  const localBase = num('local-base', 2);
  const counts = splitEven(N, procs);

  log(`rooms-idle: ${N} rooms by ${procs} processes x ${lanes} lanes of 4 sockets; ${stepsN} batches; players ${args.stand ? 'stand, then leave' : 'leave without standing'}`);
  const workers = (ctx.workers = counts.map((n, w) => {
    const wk = ctx.newWorker(w);
    wk.cfg = {
      mode: 'idle',
      base,
      rooms: n,
      lanes,
      namePrefix: `i${process.pid % 1000}w${w}`,
      localAddress: localBase ? `127.0.0.${localBase + w}` : null,
      public: !args.private,
      stand: !!args.stand,
      options: {},
      hbSec: num('hb', 30),
    };
    return wk;
  }));
  // Sessions and sockets first; the baseline is taken with them open.
  const lanesOpen = workers.map((w) => w.once('lanes_open'));
  const ready = workers.map((w) => w.once('ready'));
  ready.forEach((p) => p.catch(() => {}));
  for (const w of workers) w.start(w.cfg);
  await Promise.all(lanesOpen);
  await sleep(2000);
  const m0 = await metrics(base);
  const s0 = ctx.server();
  log(`sockets open (${procs * lanes * 4}); baseline RSS ${(s0.rssKiB / 1024).toFixed(1)} MiB, rooms live ${m0 ? m0.parlor_rooms_live : '?'}`);

  const checkpoints = [];
  const t0 = Date.now();
  for (let k = 1; k <= stepsN; k++) {
    const per = workers.map((w, i) => Math.ceil((counts[i] * k) / stepsN) - Math.ceil((counts[i] * (k - 1)) / stepsN));
    await Promise.all(workers.map((w, i) => w.request('batch', { count: per[i] }, 600_000)));
    await sleep(2000);
    const s = ctx.server();
    const m = await metrics(base);
    const st = await ctx.allStats();
    const cp = {
      afterSeconds: (Date.now() - t0) / 1000,
      roomsCreated: sum(st, (x) => x.roomsReady),
      roomsFailed: sum(st, (x) => x.roomsFailed),
      roomsLive: m ? m.parlor_rooms_live : null,
      rssKiB: s.rssKiB,
    };
    checkpoints.push(cp);
    log(`batch ${k}/${stepsN}: ${cp.roomsCreated} rooms created (${cp.roomsFailed} failed), rooms live ${cp.roomsLive}, RSS ${(cp.rssKiB / 1024).toFixed(1)} MiB`);
  }
  await Promise.all(ready);
  const createSeconds = (Date.now() - t0) / 1000;
  const stBefore = await ctx.allStats();
  const sOpen = ctx.server();
  await Promise.all(workers.map((w) => w.request('close')));
  await sleep(3000);
  const sClosed = ctx.server();
  const mClosed = await metrics(base);
  log(`sockets closed: RSS ${(sClosed.rssKiB / 1024).toFixed(1)} MiB, conns ${mClosed ? mClosed.parlor_connections : '?'}, rooms live ${mClosed ? mClosed.parlor_rooms_live : '?'}; settling ${settleS} s`);
  await sleep(settleS * 1000);
  const sSettled = ctx.server();
  const mSettled = await metrics(base);
  const stFin = await ctx.allStats();
  await ctx.stopAll();

  const created = sum(stFin, (x) => x.roomsReady);
  const perRoom = (kib) => (created ? (kib - s0.rssKiB) / created : null);
  // The slope between the first and last checkpoint leaves out what the
  // first rooms cost once (caches, the lobby's and the store's first pages).
  const first = checkpoints[0];
  const last = checkpoints[checkpoints.length - 1];
  const slope = checkpoints.length > 1 && last.roomsCreated > first.roomsCreated ? (last.rssKiB - first.rssKiB) / (last.roomsCreated - first.roomsCreated) : null;
  const res = {
    scenario: 'rooms-idle',
    when: new Date().toISOString(),
    params: { rooms: N, procs, lanes, steps: stepsN, stand: !!args.stand, public: !args.private, settleS },
    roomsCreated: created,
    roomsFailed: sum(stFin, (x) => x.roomsFailed),
    createSeconds,
    sockets: procs * lanes * 4,
    checkpoints,
    errors: mergeCounts(stFin, (x) => x.errors),
    closedBeforeEnd: sum(stBefore, (x) => x.closed),
    server: {
      rssBaselineKiB: s0.rssKiB,
      rssWithSocketsKiB: sOpen.rssKiB,
      rssAfterCloseKiB: sClosed.rssKiB,
      rssSettledKiB: sSettled.rssKiB,
      rssPeakKiB: sSettled.hwmKiB,
      roomsLiveBaseline: m0 ? m0.parlor_rooms_live : null,
      roomsLiveAfterClose: mClosed ? mClosed.parlor_rooms_live : null,
      roomsLiveSettled: mSettled ? mSettled.parlor_rooms_live : null,
      connsAfterClose: mClosed ? mClosed.parlor_connections : null,
      perRoomAfterCloseKiB: perRoom(sClosed.rssKiB),
      perRoomSettledKiB: perRoom(sSettled.rssKiB),
      perRoomSlopeKiB: slope,
    },
    loadAvg: loadAvg(),
  };
  res.targets = { perRoomUnder32KiB: res.server.perRoomSettledKiB !== null && res.server.perRoomSettledKiB <= 32 };
  const sv = res.server;
  console.log(`
rooms-idle result: ${created} rooms created (${res.roomsFailed} failed) in ${createSeconds.toFixed(1)} s by ${res.sockets} sockets
  server RSS                     baseline ${(sv.rssBaselineKiB / 1024).toFixed(1)} MiB (sockets open, no rooms) -> ${(sv.rssWithSocketsKiB / 1024).toFixed(1)} with the rooms -> ${(sv.rssAfterCloseKiB / 1024).toFixed(1)} 3 s after the sockets closed -> ${(sv.rssSettledKiB / 1024).toFixed(1)} ${settleS} s later (peak ${(sv.rssPeakKiB / 1024).toFixed(1)})
  rooms in memory                ${sv.roomsLiveBaseline} before, ${sv.roomsLiveAfterClose} after close, ${sv.roomsLiveSettled} at the end; connections after close ${sv.connsAfterClose}
  RSS per idle room              ${sv.perRoomSettledKiB?.toFixed(2)} KiB at the end (${sv.perRoomAfterCloseKiB?.toFixed(2)} KiB 3 s after close); slope over the batches ${sv.perRoomSlopeKiB === null ? 'n/a' : sv.perRoomSlopeKiB.toFixed(2) + ' KiB'}
  checkpoints                    ${checkpoints.map((c) => `${c.roomsCreated}: ${(c.rssKiB / 1024).toFixed(1)} MiB`).join(', ')}
  errors                         ${JSON.stringify(res.errors)}
  target                         <= 32 KiB per idle room: ${res.targets.perRoomUnder32KiB ? 'MET' : 'NOT MET'}
`);
  return res;
}
