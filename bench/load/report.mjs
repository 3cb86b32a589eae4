#!/usr/bin/env node
// Prints the results table from the JSON files that `load.mjs --json` wrote.
//   node report.mjs idle.json fanout.json rooms.json ... [--markdown]
import { readFileSync } from 'node:fs';

import { fmtUs as us } from './lib.mjs';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const md = process.argv.includes('--markdown');
const rows = [];
const yes = (b) => (b ? 'MET' : 'NOT MET');

for (const f of files) {
  let r;
  try {
    r = JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    rows.push([f, 'unreadable', String(e.message), '', '']);
    continue;
  }
  if (r.scenario === 'idle') {
    const s = r.server;
    const p = r.params;
    rows.push(['idle', 'sockets held by one server', `${r.heldByServer} of ${p.sockets} (${p.procs} procs, ${p.perTopic}/topic)`, '>= 15000', yes(r.targets.sockets15000)]);
    rows.push(['idle', 'server RSS per idle socket', `${s.rssPerSocketKiB === null ? 'n/a' : s.rssPerSocketKiB.toFixed(2)} KiB`, '<= 10 KiB', yes(r.targets.rssPerSocketUnder10KiB)]);
    rows.push(['idle', 'server RSS before -> after', `${(s.rssBeforeKiB / 1024).toFixed(1)} -> ${(s.rssAfterHoldKiB / 1024).toFixed(1)} MiB (peak ${(s.rssPeakKiB / 1024).toFixed(1)})`, '', '']);
    rows.push(['idle', 'ramp', `${r.rampSeconds.toFixed(1)} s; failed ${r.openFailed + r.joinFailed}; closed in hold ${r.closedDuringHold}`, '', '']);
    rows.push(['idle', 'heartbeats', `${r.heartbeats.ok}/${r.heartbeats.sent} ok, p99 ${us(r.heartbeats.worstP99Us)}, max ${us(r.heartbeats.maxUs)}`, '', '']);
    rows.push(['idle', 'hold', `${p.holdS} s, heartbeat every ${p.hbSec} s`, '', '']);
  } else if (r.scenario === 'fanout') {
    const p = r.params;
    rows.push(['fanout', 'subscribers', `${r.subscribersJoined} on one topic (${p.procs} procs) + ${p.pubSockets} publisher sockets; ramp ${r.rampSeconds.toFixed(1)} s, presence storm ${r.presenceStormSeconds.toFixed(1)} s`, '', '']);
    for (const st of r.steps) {
      const l = st.latencyUs;
      const tag = `fanout ${st.rate}/s`;
      rows.push([tag, 'delivered msgs/s', `${Math.round(st.deliveredPerSec)} of ${st.offeredPerSec} offered`, '>= 200000', yes(st.targets.msgs200k)]);
      rows.push([tag, 'latency p50 / p99', `${us(l.p50)} / ${us(l.p99)} (first copy ${us(st.firstCopyLatencyUs.p50)} / ${us(st.firstCopyLatencyUs.p99)})`, 'p99 < 5 ms', yes(st.targets.p99Under5ms)]);
      rows.push([tag, 'latency p99.9 / max', `${us(l.p999)} / ${us(l.max)}`, '', '']);
      rows.push([tag, 'server CPU', `${st.cpu.serverPct.toFixed(0)}% (user ${st.cpu.serverUserPct.toFixed(0)}%, kernel ${st.cpu.serverSysPct.toFixed(0)}%), ${st.cpu.serverUsPerMsg?.toFixed(2)} us/msg`, '', '']);
      rows.push([tag, 'load generator CPU', `${st.cpu.clientTotalPct.toFixed(0)}% (${st.cpu.clientPct.map((x) => x.toFixed(0)).join('+')}), ${st.cpu.clientUsPerMsg?.toFixed(2)} us/msg`, '', '']);
      rows.push([tag, 'machine busy', `${st.cpu.machineBusyPct.toFixed(0)}% of 200% (other users ${st.cpu.othersPct.toFixed(0)}%)`, '', '']);
      rows.push([tag, 'lost / closed', `${st.lost} lost, ${st.closedSockets} closed, ${st.publishErrors} refused`, '', '']);
    }
  } else if (r.scenario === 'rooms' || r.scenario === 'rooms-bots') {
    const bots = r.scenario === 'rooms-bots';
    const probe = r.params.probeTables || 0;
    const tables = r.tablesStarted - probe;
    rows.push([r.scenario, 'tables', `${tables} started of ${r.params.rooms} (+ ${probe} probe; ${r.tablesFailed} failed), ${r.socketsOpen} sockets, ramp ${r.rampSeconds.toFixed(1)} s`, '>= 2000', yes(tables >= 2000)]);
    for (const st of r.steps) {
      const tag = `${r.scenario} ${st.rate ? st.rate + '/s' : 'unpaced'}`;
      const l = bots ? st.latencyAckUs : st.latencyAllViewsUs;
      rows.push([tag, 'durable moves/s', `${Math.round(st.durableMovesPerSec)}`, '>= 20000', yes(st.targets.moves20k)]);
      rows.push([tag, bots ? 'push -> ok p50/p99/max' : 'push -> all 4 views p50/p99/max', `${us(l.p50)} / ${us(l.p99)} / ${us(l.max)}`, bots ? '' : 'p99 < 10 ms', bots ? '' : yes(st.targets.p99Under10ms)]);
      if (!bots) rows.push([tag, 'push -> ok p50/p99', `${us(st.latencyAckUs.p50)} / ${us(st.latencyAckUs.p99)}`, '', '']);
      // Native tool only: the reply timed to its arrival in the socket (kernel receive time).
      const inSocket = st.latencyAckInSocketUs;
      if (bots && inSocket) rows.push([tag, '  to arrival in socket', `${us(inSocket.p50)} / ${us(inSocket.p99)} / ${us(inSocket.max)}`, '', '']);
      rows.push([tag, 'server CPU, RSS', `${st.server.cpuPct.toFixed(0)}% (user ${st.server.userPct.toFixed(0)}%, kernel ${st.server.sysPct.toFixed(0)}%), ${st.server.cpuUsPerMove?.toFixed(0)} us/move; ${(st.server.rssKiB / 1024).toFixed(1)} MiB`, '', '']);
      rows.push([tag, 'SQLite', st.store.commitsPerSec === null ? 'no store metrics' : `${Math.round(st.store.commitsPerSec)} commits/s, ${Math.round(st.store.writesPerSec)} writes/s`, '', '']);
      rows.push([tag, 'load generator / machine', `${st.client.totalPct.toFixed(0)}%; machine ${st.machine.busyPct.toFixed(0)}% of 200% (others ${st.machine.othersPct.toFixed(0)}%)`, '', '']);
      rows.push([tag, 'refused / gaps / closed', `${JSON.stringify(st.refused)}; ${st.versionGaps} version gaps; ${st.closed} closed`, '', '']);
    }
  } else if (r.scenario === 'rooms-idle') {
    const s = r.server;
    rows.push(['rooms-idle', 'rooms in memory, nobody in them', `${s.roomsLiveSettled} (${r.roomsCreated} created, ${r.roomsFailed} failed)`, '', '']);
    rows.push(['rooms-idle', 'server RSS per idle room', `${s.perRoomSettledKiB?.toFixed(2)} KiB (slope ${s.perRoomSlopeKiB?.toFixed(2)} KiB)`, '<= 32 KiB', yes(r.targets.perRoomUnder32KiB)]);
    rows.push(['rooms-idle', 'server RSS', `${(s.rssBaselineKiB / 1024).toFixed(1)} -> ${(s.rssSettledKiB / 1024).toFixed(1)} MiB`, '', '']);
  }
}

const head = ['scenario', 'metric', 'value', 'target', 'result'];
if (md) {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} else {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i])).join('  ').trimEnd();
  console.log(line(head));
  console.log(line(w.map((n) => '-'.repeat(n))));
  for (const r of rows) console.log(line(r));
}
