// The `room:<id>` topic: the room info, this connection's view, chat and who
// is here. Every join reply (first join, and the phoenix client's automatic
// rejoin after a reconnect) replaces room, view and chat, so a dropped
// connection comes back showing the current view. A gap in `version` means a
// missed view: the connection rejoins to resync.
import { Presence, type Channel, type Socket } from 'phoenix';
import { appendChat, onlinePlayers, type OnlinePlayer } from '../lobby/lobbyState';
import { createStore, type Store } from '../lib/store';
import type { BaseView, BotLevel, ChatMessage, Move, Options, RoomInfo, RoomJoinReply } from '../net/protocol';
import { pushAsync } from '../net/socket';

export interface RoomState {
  joined: boolean;
  /** A refused join (not_found, private): the page shows it instead of a table. */
  joinError: { code: string; message: string } | null;
  room: RoomInfo | null;
  view: BaseView | null;
  chat: ChatMessage[];
  present: OnlinePlayer[];
}

/** Whether `next` skips views after `prev` (same game, version jumped by more than one). */
export function isVersionGap(prev: BaseView | null, next: BaseView): boolean {
  if (!prev || prev.game !== next.game) return false;
  if (prev.status === 'waiting' || next.status === 'waiting') return false;
  return next.version > prev.version + 1;
}

/**
 * The room info with its status brought up to date from a view. Every view
 * carries the room's `room_status`; following it keeps the page's "Waiting /
 * In play / Finished" in step with the cards on screen, whichever of the
 * `room` push and the view arrives first.
 */
export function withViewStatus(room: RoomInfo | null, view: BaseView): RoomInfo | null {
  const s = view.room_status;
  if (!room || room.status === s) return room;
  if (s !== 'waiting' && s !== 'playing' && s !== 'finished') return room;
  return { ...room, status: s };
}

export class RoomConnection {
  readonly state: Store<RoomState>;
  private channel!: Channel;
  private closed = false;

  constructor(private readonly socket: Socket, private readonly roomId: string, private readonly invite?: string) {
    this.state = createStore<RoomState>({ joined: false, joinError: null, room: null, view: null, chat: [], present: [] });
    this.open();
  }

  private open(): void {
    const channel = this.socket.channel(`room:${this.roomId}`, this.invite ? { invite: this.invite } : {});
    this.channel = channel;
    const presence = new Presence(channel);
    presence.onSync(() => {
      const list = presence.list((id: string, p: { metas: { name?: string }[] }) => ({ id, metas: p.metas }));
      this.patch({ present: onlinePlayers(list) });
    });
    channel.on('view', (view: BaseView) => this.onView(view));
    channel.on('room', (room: RoomInfo) => this.patch({ room }));
    channel.on('chat', (msg: ChatMessage) => this.patch({ chat: appendChat(this.state.get().chat, msg) }));
    channel.onError(() => this.patch({ joined: false }));
    channel
      .join()
      .receive('ok', (reply: RoomJoinReply) =>
        this.patch({
          joined: true, joinError: null, room: withViewStatus(reply.room, reply.view), view: reply.view, chat: reply.chat ?? [],
        }),
      )
      .receive('error', (reply: { code?: string; reason?: string; message?: string }) => {
        const code = reply?.code ?? reply?.reason ?? 'error';
        this.patch({ joined: false, joinError: { code, message: reply?.message ?? joinMessage(code) } });
        // A refused join is final (no such room, wrong invite): stop the
        // phoenix client from retrying it forever.
        if (code === 'not_found' || code === 'private') channel.leave();
      });
  }

  private onView(view: BaseView): void {
    const prev = this.state.get().view;
    if (isVersionGap(prev, view)) {
      this.resync();
      return;
    }
    this.patch({ view, room: withViewStatus(this.state.get().room, view) });
  }

  /** Leaves and joins again: the join reply carries the current view. */
  resync(): void {
    if (this.closed) return;
    this.channel.leave();
    this.open();
  }

  close(): void {
    this.closed = true;
    this.channel.leave();
  }

  /** Sends a legal move, stamped with the version it was chosen from. */
  move(move: Move): Promise<{ version: number }> {
    const v = this.state.get().view;
    const payload: Move = { ...move };
    if (v) payload.expect_version = v.version;
    return pushAsync(this.channel, 'move', payload);
  }

  sit(seat: number) {
    return pushAsync(this.channel, 'sit', { seat });
  }
  stand() {
    return pushAsync(this.channel, 'stand');
  }
  addBot(seat: number, level: BotLevel) {
    return pushAsync(this.channel, 'add_bot', { seat, level });
  }
  removeBot(seat: number) {
    return pushAsync(this.channel, 'remove_bot', { seat });
  }
  setOptions(options: Options, players?: number) {
    return pushAsync(this.channel, 'set_options', players === undefined ? { options } : { options, players });
  }
  start() {
    return pushAsync(this.channel, 'start');
  }
  rematch() {
    return pushAsync(this.channel, 'rematch');
  }
  chat(text: string) {
    return pushAsync(this.channel, 'chat', { text });
  }

  private patch(p: Partial<RoomState>): void {
    this.state.set({ ...this.state.get(), ...p });
  }
}

function joinMessage(code: string): string {
  if (code === 'not_found') return 'This room does not exist (any more).';
  if (code === 'private') return 'This room is private: you need the invite link to join.';
  return 'Could not join this room.';
}
