import { describe, expect, it } from 'vitest';
import type { BaseView } from '../net/protocol';
import { headline, isFinished, standings } from './gameOver';
import { isVersionGap, withViewStatus } from './roomConnection';

const names = ['Ada', 'Bob', 'Cy', 'Dee'];
const view = (p: Partial<BaseView>): BaseView => ({
  version: 1, game: 'hearts', status: 'game_over', to_act: [], legal: [], seat: 0, seats: [], ...p,
});

describe('final standings', () => {
  it('ranks Hearts lowest first with the winners on top', () => {
    const rows = standings(view({ totals: [88, 104, 40, 77], winners: [2] }), names);
    expect(rows.map((r) => r.label)).toEqual(['Cy', 'Dee', 'Ada', 'Bob']);
    expect(rows[0].winner).toBe(true);
    expect(headline(view({ totals: [88, 104, 40, 77], winners: [2] }), names, 0)).toBe('Cy won.');
  });
  it('shows Spades by team from `scores`', () => {
    const v = view({ game: 'spades', scores: [520, 310], winners: [0] });
    expect(standings(v, names)).toEqual([
      { label: 'Ada and Cy', total: 520, winner: true },
      { label: 'Bob and Dee', total: 310, winner: false },
    ]);
    expect(headline(v, names, 2)).toBe('Your team won!');
  });
  it('ranks Sheepshead highest first and reports shared wins', () => {
    const v = view({ game: 'sheepshead', totals: [3, 9, 9, -21], winners: [1, 2] });
    expect(standings(v, names).map((r) => r.label)).toEqual(['Bob', 'Cy', 'Ada', 'Dee']);
    expect(headline(v, names, 1)).toBe('You share the win!');
  });
  it('knows the finished statuses', () => {
    expect(isFinished(view({ status: 'won' }))).toBe(true);
    expect(isFinished(view({ status: 'in_progress' }))).toBe(false);
  });
});

describe('missed views', () => {
  it('sees a gap only within one running game', () => {
    const at = (version: number, status = 'in_progress') => view({ version, status });
    expect(isVersionGap(at(3), at(4))).toBe(false);
    expect(isVersionGap(at(3), at(3))).toBe(false);
    expect(isVersionGap(at(3), at(5))).toBe(true);
    expect(isVersionGap(at(40), at(0))).toBe(false); // a rematch starts again at 0
    expect(isVersionGap(at(0, 'waiting'), at(7))).toBe(false);
    expect(isVersionGap(null, at(7))).toBe(false);
  });
});

describe('room status from views', () => {
  const room = {
    id: 'r1', game: 'hearts' as const, options: {}, status: 'waiting' as const, seats: [], spectators: 0, private: false,
    host: 'p0', players: 4, version: 0,
  };
  it('takes the status a view reports (no room push at the start)', () => {
    expect(withViewStatus(room, view({ status: 'in_progress', room_status: 'playing' }))?.status).toBe('playing');
    expect(withViewStatus({ ...room, status: 'finished' }, view({ room_status: 'playing' }))?.status).toBe('playing');
  });
  it('keeps the room as it is when the view says nothing new', () => {
    expect(withViewStatus(room, view({ room_status: 'waiting' }))).toBe(room);
    expect(withViewStatus(room, view({}))).toBe(room);
    expect(withViewStatus(room, view({ room_status: 'exploded' }))).toBe(room);
    expect(withViewStatus(null, view({ room_status: 'playing' }))).toBeNull();
  });
});
