// The payloads of docs/protocol.md, as the client reads them. The server is the
// single source of truth: these types describe what it sends, and the client
// never derives game rules from them (it offers exactly `view.legal`).

export type GameName = 'hearts' | 'spades' | 'sheepshead' | 'golf' | 'klondike';
export const GAMES: GameName[] = ['hearts', 'spades', 'sheepshead', 'golf', 'klondike'];

export interface PlayerRef {
  id: string;
  name: string;
}

export interface Session {
  token: string;
  player_id: string;
  name: string;
}

/** A seat as RoomInfo and View carry it; RoomSummary has the first three fields. */
export interface Seat {
  player: PlayerRef | null;
  bot: boolean;
  connected: boolean;
  level?: BotLevel;
  standin?: boolean;
  /** Unix milliseconds at which this seat's turn times out (rooms with a timer). */
  turn_deadline_ms?: number;
}

export type BotLevel = 'easy' | 'normal' | 'hard';
export const BOT_LEVELS: BotLevel[] = ['easy', 'normal', 'hard'];

export type Options = Record<string, string | number | boolean>;

export interface RoomSummary {
  id: string;
  game: GameName;
  options: Options;
  status: 'waiting' | 'playing' | 'finished';
  seats: Seat[];
  spectators: number;
  private: boolean;
}

export interface RoomInfo extends RoomSummary {
  host: string;
  players: number;
  invite?: string;
  turn_seconds?: number;
  version: number;
}

export interface ChatMessage {
  id: number;
  from: PlayerRef;
  text: string;
  /** Unix milliseconds. */
  at: number;
}

/** A move exactly as in game-records.md, without `seat`. */
export interface Move {
  type: string;
  [field: string]: unknown;
}

/** Fields every game's view has; each game adds its own (src/games/<game>/). */
export interface BaseView {
  version: number;
  game: GameName;
  /** `waiting` before the start, then the game's own status. */
  status: string;
  to_act: number[];
  legal: Move[];
  seat: number | null;
  seats: Seat[];
  room_status?: string;
  hand_seed_sha256?: string | null;
  hand_seed?: string;
  [field: string]: unknown;
}

export interface LobbyJoinReply {
  me: PlayerRef;
  rooms: RoomSummary[];
  chat?: ChatMessage[];
}

export interface RoomsPush {
  changed?: RoomSummary[];
  removed?: string[];
  /** The design also allows a full list; accepted for robustness. */
  rooms?: RoomSummary[];
}

export interface RoomJoinReply {
  room: RoomInfo;
  view: BaseView;
  chat: ChatMessage[];
}

export interface ErrorReply {
  code: string;
  message: string;
  reason?: string;
}

export function isErrorReply(x: unknown): x is ErrorReply {
  return typeof x === 'object' && x !== null && typeof (x as ErrorReply).code === 'string';
}
