// The `lobby` topic: open rooms, lobby chat and who is online. The channel
// stays joined for the whole visit so that the player shows as online while
// at a table too; the phoenix client rejoins it after a reconnect, and every
// join reply replaces the room list and chat with the server's.
import { Presence, type Channel, type Socket } from 'phoenix';
import { createStore, type Store } from '../lib/store';
import type {
  ChatMessage,
  GameName,
  LobbyJoinReply,
  Options,
  PlayerRef,
  RoomSummary,
  RoomsPush,
} from '../net/protocol';
import { pushAsync } from '../net/socket';
import { appendChat, applyRoomsPush, onlinePlayers, sortRooms, type OnlinePlayer } from './lobbyState';

export interface LobbyState {
  joined: boolean;
  me: PlayerRef | null;
  rooms: RoomSummary[];
  chat: ChatMessage[];
  online: OnlinePlayer[];
  error: string | null;
}

export interface CreateRoomParams {
  game: GameName;
  options: Options;
  players?: number;
  private?: boolean;
  turn_seconds?: number;
}

export class LobbyConnection {
  readonly state: Store<LobbyState>;
  private readonly channel: Channel;

  constructor(socket: Socket) {
    this.state = createStore<LobbyState>({
      joined: false,
      me: null,
      rooms: [],
      chat: [],
      online: [],
      error: null,
    });
    this.channel = socket.channel('lobby', {});
    const presence = new Presence(this.channel);
    presence.onSync(() => {
      const list = presence.list((id: string, p: { metas: { name?: string }[] }) => ({ id, metas: p.metas }));
      this.patch({ online: onlinePlayers(list) });
    });
    this.channel.on('rooms', (push: RoomsPush) =>
      this.patch({ rooms: applyRoomsPush(this.state.get().rooms, push) }),
    );
    this.channel.on('chat', (msg: ChatMessage) => this.patch({ chat: appendChat(this.state.get().chat, msg) }));
    this.channel.onError(() => this.patch({ joined: false }));
    this.channel
      .join()
      .receive('ok', (reply: LobbyJoinReply) =>
        this.patch({
          joined: true,
          error: null,
          me: reply.me,
          rooms: sortRooms((reply.rooms ?? []).filter((r) => !r.private)),
          chat: reply.chat ?? this.state.get().chat,
        }),
      )
      .receive('error', (reply: { message?: string }) =>
        this.patch({ joined: false, error: reply?.message ?? 'The lobby refused to let us in.' }),
      );
  }

  createRoom(params: CreateRoomParams): Promise<{ room_id: string; invite?: string }> {
    return pushAsync(this.channel, 'create_room', params);
  }

  quickPlay(game: GameName): Promise<{ room_id: string }> {
    return pushAsync(this.channel, 'quick_play', { game });
  }

  sendChat(text: string): Promise<{ id: number }> {
    return pushAsync(this.channel, 'chat', { text });
  }

  private patch(p: Partial<LobbyState>): void {
    this.state.set({ ...this.state.get(), ...p });
  }
}
