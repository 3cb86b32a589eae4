import { describe, expect, it } from 'vitest';
import type { ChatMessage, RoomSummary } from '../net/protocol';
import { appendChat, applyRoomsPush, onlinePlayers, openSeats, sortRooms } from './lobbyState';

const room = (id: string, status: RoomSummary['status'] = 'waiting', extra: Partial<RoomSummary> = {}): RoomSummary => ({
  id, game: 'hearts', options: {}, status, spectators: 0, private: false,
  seats: [{ player: null, bot: false, connected: false }, { player: null, bot: true, connected: true }],
  ...extra,
});

describe('the rooms push', () => {
  it('changes, adds and removes rooms', () => {
    const list = [room('a'), room('b')];
    const next = applyRoomsPush(list, { changed: [room('b', 'playing'), room('c')], removed: ['a'] });
    expect(next.map((r) => [r.id, r.status])).toEqual([['c', 'waiting'], ['b', 'playing']]);
  });
  it('accepts a full list', () => {
    expect(applyRoomsPush([room('a')], { rooms: [room('z')] }).map((r) => r.id)).toEqual(['z']);
  });
  it('never lists a private room', () => {
    expect(applyRoomsPush([], { changed: [room('p', 'waiting', { private: true })] })).toEqual([]);
  });
  it('sorts waiting rooms first, keeping order otherwise', () => {
    expect(sortRooms([room('f', 'finished'), room('p', 'playing'), room('w1'), room('w2')]).map((r) => r.id)).toEqual([
      'w1', 'w2', 'p', 'f',
    ]);
  });
  it('counts open seats', () => {
    expect(openSeats(room('a'))).toBe(1);
  });
});

describe('chat and presence', () => {
  const msg = (id: number): ChatMessage => ({ id, from: { id: 'p', name: 'Ada' }, text: `m${id}`, at: 0 });
  it('drops duplicates from a rejoin and keeps the last 200', () => {
    expect(appendChat([msg(1)], msg(1))).toHaveLength(1);
    let log: ChatMessage[] = [];
    for (let i = 0; i < 205; i++) log = appendChat(log, msg(i));
    expect(log).toHaveLength(200);
    expect(log[0].id).toBe(5);
  });
  it('lists one entry per player, by name', () => {
    const list = [
      { id: 'p2', metas: [{ name: 'Zed' }, { name: 'Zed' }] },
      { id: 'p1', metas: [{ name: 'Ada' }] },
    ];
    expect(onlinePlayers(list)).toEqual([{ id: 'p1', name: 'Ada' }, { id: 'p2', name: 'Zed' }]);
  });
});
