// Rooms load process (see rooms-worker.mjs): setting rooms up. For play and
// bots, this process's tables: sessions, sockets, seat 0 creates the room,
// all join and sit (bots: seat 0 adds the computer players), seat 0 starts.
// For idle, the lanes of 4 sockets that create rooms in batches and leave
// them empty.
import { newToken, sleep } from './lib.mjs';
import { Room, Seat } from './rooms-worker-play.mjs';
import { Sock } from './rooms-worker-socket.mjs';
import { rooms, run, snapshot, st } from './rooms-worker-state.mjs';
import { bump, inLanes, send } from './worker-lib.mjs';

// ---------------------------------------------------------------- set-up

// `n` session tokens, 16 requests at a time, each tried up to 6 times.
async function sessions(n, prefix) {
  const out = new Array(n);
  await inLanes(n, 16, async (i) => {
    for (let tries = 0; ; tries++) {
      try {
        out[i] = await newToken(run.cfg.base, `${prefix}${i}`);
        st.sessions++;
        break;
      } catch (e) {
        if (tries >= 5) throw e;
        await sleep(200 * (tries + 1));
      }
    }
  });
  return out;
}

// Opens one socket per token, one after another.
async function openSocks(tokens, label) {
  const ss = [];
  for (let i = 0; i < tokens.length; i++) {
    const s = new Sock(tokens[i], label(i));
    await s.open();
    ss.push(s);
  }
  return ss;
}

const ok = (r, what) => {
  if (r.status !== 'ok') {
    const code = (r.response && (r.response.code || r.response.reason)) || 'error';
    bump(st.errors, `${what}_${code}`);
    throw new Error(`${what}: ${JSON.stringify(r.response)}`);
  }
  return r.response;
};

// Creates a room as `host`, which joins the lobby for that and leaves it
// again, unless `stay` (the idle lanes create many rooms each).
async function createRoom(host, stay = false) {
  if (!host.inLobby) {
    ok(await host.join('lobby'), 'lobby_join');
    host.inLobby = true;
  }
  const created = ok(
    await host.request('lobby', 'create_room', { game: 'hearts', options: run.cfg.options || {}, private: !run.cfg.public }),
    'create_room',
  );
  if (!stay) {
    await host.request('lobby', 'phx_leave', '{}');
    host.inLobby = false;
  }
  return created;
}

// Every socket of `ss` joins `topic` (with the room's invite, if any) and
// sits in the seat of its index.
async function joinAndSit(ss, topic, invite) {
  const payload = invite ? { invite } : {};
  await Promise.all(ss.map(async (s) => ok(await s.join(topic, payload), 'room_join')));
  await Promise.all(ss.map(async (s, i) => ok(await s.request(topic, 'sit', { seat: i }), 'sit')));
}

async function setUpTable(room, tokens) {
  const { cfg } = run;
  const n = cfg.mode === 'bots' ? 1 : 4;
  const ss = await openSocks(tokens.slice(0, n), (i) => `r${room.index}s${i}`);
  const created = await createRoom(ss[0]);
  room.id = created.room_id;
  room.invite = created.invite || null;
  room.topic = `room:${room.id}`;
  for (let i = 0; i < n; i++) {
    room.seats.push(new Seat(room, i, ss[i], (cfg.seed + room.index * 4 + i) >>> 0));
  }
  await joinAndSit(ss, room.topic, room.invite);
  if (cfg.mode === 'bots') {
    for (const seat of [1, 2, 3]) ok(await ss[0].request(room.topic, 'add_bot', { seat, level: cfg.botLevel }), 'add_bot');
  }
  ok(await ss[0].request(room.topic, 'start', '{}'), 'start');
  st.roomsReady++;
}

// Sets up this process's tables, `concurrency` at a time and at most
// `rampRate` per second (the coordinator's ramp share for this process).
export async function setUpTables() {
  const { cfg } = run;
  const perRoom = cfg.mode === 'bots' ? 1 : 4;
  const tokens = await sessions(cfg.rooms * perRoom, `${cfg.namePrefix}-`);
  for (let i = 0; i < cfg.rooms; i++) rooms.push(new Room(cfg.roomBase + i));
  const t0 = Date.now();
  await inLanes(
    rooms.length,
    cfg.concurrency,
    async (i) => {
      if (cfg.rampRate > 0) {
        const due = t0 + (i / cfg.rampRate) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      try {
        await setUpTable(rooms[i], tokens.slice(i * perRoom, (i + 1) * perRoom));
      } catch (e) {
        st.roomsFailed++;
        bump(st.errors, `setup: ${String(e.message).slice(0, 80)}`);
      }
    },
    () => !run.stopping,
  );
}

// ---------------------------------------------------------------- idle rooms

export async function runIdleLanes() {
  const { cfg } = run;
  const tokens = await sessions(cfg.lanes * 4, `${cfg.namePrefix}-`);
  const lanes = [];
  for (let l = 0; l < cfg.lanes; l++) {
    lanes.push(await openSocks(tokens.slice(l * 4, l * 4 + 4), (i) => `l${l}s${i}`));
  }
  // Sockets are open: the coordinator measures the baseline now, then sends
  // `batch` requests to create the rooms in batches.
  send({ ev: 'lanes_open', stats: snapshot() });
  let created = 0;
  for (;;) {
    const m = await nextBatch();
    if (!m || run.stopping) break;
    const target = Math.min(cfg.rooms, created + m.count);
    let next = created;
    await Promise.all(
      lanes.map(async (ss) => {
        while (next < target && !run.stopping) {
          next++;
          // Seat 0's socket sends 4-5 messages per room: at most one room per
          // 150 ms per lane keeps it under the server's 50 messages/s limit.
          const slot = sleep(150);
          try {
            await idleRoom(ss);
            await slot;
            st.roomsReady++;
          } catch (e) {
            st.roomsFailed++;
            bump(st.errors, `idle: ${String(e.message).slice(0, 80)}`);
          }
        }
      }),
    );
    created = target;
    send({ ev: 'batch_done', id: m.id, stats: snapshot() });
    if (created >= cfg.rooms) break;
  }
}

// The coordinator's `batch` requests ({count}), taken one at a time.
let batchWaiter = null;
const batchQueue = [];
process.on('message', (m) => {
  if (m.cmd !== 'batch') return;
  if (batchWaiter) {
    const w = batchWaiter;
    batchWaiter = null;
    w(m);
  } else batchQueue.push(m);
});
function nextBatch() {
  if (batchQueue.length) return Promise.resolve(batchQueue.shift());
  return new Promise((res) => (batchWaiter = res));
}

async function idleRoom(ss) {
  const created = await createRoom(ss[0], true);
  const topic = `room:${created.room_id}`;
  await joinAndSit(ss, topic, created.invite);
  if (run.cfg.stand) await Promise.all(ss.map(async (s) => ok(await s.request(topic, 'stand', '{}'), 'stand')));
  await Promise.all(ss.map((s) => s.request(topic, 'phx_leave', '{}')));
  for (const s of ss) s.joinRefs.delete(topic);
}
