import { describe, expect, it } from 'vitest';
import { connectionLabel, seatName, seatPlaces, teamOf } from './layout';

describe('seat places around the table', () => {
  it('puts the viewer at the bottom and the next seat to play on the left', () => {
    const places = seatPlaces(4, 2);
    const side = (seat: number) => places[seat].side;
    expect(side(2)).toBe('bottom');
    expect(side(3)).toBe('left');
    expect(side(0)).toBe('top');
    expect(side(1)).toBe('right');
    expect(places[2].relative).toBe(0);
    expect(places[3].relative).toBe(1);
  });
  it('shows seat 0 at the bottom for spectators', () => {
    expect(seatPlaces(4, null)[0].side).toBe('bottom');
  });
  it('spreads five seats inside the table box', () => {
    const places = seatPlaces(5, 0);
    for (const p of places) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(100);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(100);
    }
    expect(places[1].x).toBeLessThan(50);
    expect(places[4].x).toBeGreaterThan(50);
  });
});

describe('seat names and states', () => {
  it('names people, computers and open seats', () => {
    expect(seatName({ player: { id: 'p1', name: 'Ada' }, bot: false, connected: true }, 0)).toBe('Ada');
    expect(seatName({ player: null, bot: true, connected: true }, 2)).toBe('Computer 3');
    expect(seatName({ player: null, bot: false, connected: false }, 1)).toBe('Open seat 2');
  });
  it('describes connection state', () => {
    expect(connectionLabel({ player: { id: 'p', name: 'A' }, bot: true, standin: true, connected: false })).toBe(
      'away: a computer plays for them',
    );
    expect(connectionLabel({ player: { id: 'p', name: 'A' }, bot: false, connected: false })).toBe('disconnected');
    expect(connectionLabel({ player: null, bot: true, level: 'hard', connected: true })).toBe('computer player, hard');
  });
  it('knows the Spades teams', () => {
    expect([0, 1, 2, 3].map(teamOf)).toEqual([0, 1, 0, 1]);
  });
});
