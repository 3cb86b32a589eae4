// Rooms load process (see rooms-worker.mjs): one socket with its own session.
// Joins and pushes get a ref and a promise of their reply's payload; views go
// to the Seat using the socket (rooms-worker-play.mjs) unparsed, replies are
// parsed.
import WebSocket from 'ws';

import { pushFrame, socketUrl } from './lib.mjs';
import { newRef, run, socks, st } from './rooms-worker-state.mjs';
import { bump, newWebSocket } from './worker-lib.mjs';

// Markers in a frame's header ([join_ref, ref, topic, event, ...).
const VIEW = Buffer.from('"view",{');
const REPLY = Buffer.from('"phx_reply",{');
const ROOM_CLOSED = Buffer.from('"room_closed",');
const ROOM_BROKEN = Buffer.from('"room_broken",');

const closedReply = () => ({ status: 'error', response: { code: 'socket_closed' } });

export class Sock {
  constructor(token, label) {
    this.token = token;
    this.label = label;
    this.ws = null;
    this.pending = new Map(); // ref -> {resolve, kind, ...}
    this.joinRefs = new Map(); // topic -> join ref
    this.hbRef = null;
    this.seat = null; // play/bots: the Seat using this socket
  }

  open() {
    return new Promise((resolve, reject) => {
      const ws = newWebSocket(socketUrl(run.cfg.base, this.token), { localAddress: run.cfg.localAddress, maxPayload: 8 << 20 });
      this.ws = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        st.opened++;
        socks.push(this);
        resolve();
      });
      ws.on('message', (data) => this.onMessage(data));
      ws.on('error', (e) => {
        bump(st.errors, `ws_${e.code || e.message.slice(0, 40)}`);
        if (!opened) {
          st.openFailed++;
          reject(e);
        }
      });
      ws.on('close', (code) => {
        if (opened) {
          st.closed++;
          bump(st.closeCodes, code);
        }
        for (const p of this.pending.values()) p.resolve(closedReply());
        this.pending.clear();
      });
    });
  }

  // Sends `event` on `topic` (payload: an object, or JSON text) and resolves
  // with the reply's payload ({status, response}).
  request(topic, event, payload, extra = {}) {
    const ref = newRef();
    const joinRef = event === 'phx_join' ? ref : this.joinRefs.get(topic) || null;
    if (event === 'phx_join') this.joinRefs.set(topic, ref);
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return new Promise((resolve) => {
      this.pending.set(ref, { resolve, event, ...extra });
      if (this.ws.readyState !== WebSocket.OPEN) {
        this.pending.delete(ref);
        resolve(closedReply());
        return;
      }
      this.ws.send(pushFrame(joinRef, ref, topic, event, body));
    });
  }

  async join(topic, payload = {}) {
    const r = await this.request(topic, 'phx_join', payload);
    if (r.status === 'ok') st.joined++;
    else {
      st.joinFailed++;
      bump(st.errors, `join_${(r.response && (r.response.code || r.response.reason)) || 'error'}`);
    }
    return r;
  }

  onMessage(buf) {
    st.framesIn++;
    st.bytesIn += buf.length;
    // The header ([join_ref, ref, topic, event, ...) is in the first bytes.
    const head = buf.subarray(0, 96);
    if (head.indexOf(VIEW) >= 0) {
      st.views++;
      st.viewBytes += buf.length;
      if (this.seat) this.seat.onView(buf);
      return;
    }
    if (head.indexOf(REPLY) >= 0) {
      const [, ref, topic, , payload] = JSON.parse(buf.toString('utf8'));
      if (topic === 'phoenix') {
        if (ref === this.hbRef) {
          this.hbRef = null;
          st.hbOk++;
        }
        return;
      }
      const p = this.pending.get(ref);
      if (!p) {
        st.lateReplies++;
        return;
      }
      this.pending.delete(ref);
      p.resolve(payload, p);
      return;
    }
    if (head.indexOf(ROOM_CLOSED) >= 0 || head.indexOf(ROOM_BROKEN) >= 0) {
      st.roomClosedPushes++;
      bump(st.errors, head.indexOf(ROOM_CLOSED) >= 0 ? 'room_closed' : 'room_broken');
      return;
    }
    st.otherFrames++;
  }
}
