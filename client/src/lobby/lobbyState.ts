// Pure helpers for the lobby's live data: the `rooms` push and the chat log.
import type { ChatMessage, RoomSummary, RoomsPush } from '../net/protocol';

const STATUS_ORDER: Record<RoomSummary['status'], number> = { waiting: 0, playing: 1, finished: 2 };

/** Applies a `rooms` push ({changed, removed}, or a full list) to the list. */
export function applyRoomsPush(rooms: RoomSummary[], push: RoomsPush): RoomSummary[] {
  if (Array.isArray(push.rooms)) return sortRooms(push.rooms);
  const removed = new Set(push.removed ?? []);
  const changed = new Map((push.changed ?? []).map((r) => [r.id, r]));
  const next: RoomSummary[] = [];
  for (const r of rooms) {
    if (removed.has(r.id)) continue;
    const c = changed.get(r.id);
    next.push(c ?? r);
    changed.delete(r.id);
  }
  for (const r of changed.values()) if (!removed.has(r.id) && !r.private) next.push(r);
  return sortRooms(next);
}

/** Waiting rooms first (those you can join), then playing, then finished; stable. */
export function sortRooms(rooms: RoomSummary[]): RoomSummary[] {
  return rooms
    .map((r, i) => ({ r, i }))
    .sort((a, b) => STATUS_ORDER[a.r.status] - STATUS_ORDER[b.r.status] || a.i - b.i)
    .map((x) => x.r);
}

export function openSeats(room: RoomSummary): number {
  return room.seats.filter((s) => !s.player && !s.bot).length;
}

const CHAT_KEEP = 200;

/** Adds a message unless it is already there (a rejoin replays history); keeps the last 200. */
export function appendChat(log: ChatMessage[], msg: ChatMessage): ChatMessage[] {
  if (log.some((m) => m.id === msg.id)) return log;
  const next = [...log, msg];
  return next.length > CHAT_KEEP ? next.slice(next.length - CHAT_KEEP) : next;
}

export interface OnlinePlayer {
  id: string;
  name: string;
}

interface PresenceMeta {
  name?: string;
}

/** Turns a Phoenix presence list into players, sorted by name. */
export function onlinePlayers(list: { id: string; metas: PresenceMeta[] }[]): OnlinePlayer[] {
  return list
    .map(({ id, metas }) => ({ id, name: metas.find((m) => m.name)?.name ?? 'someone' }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
