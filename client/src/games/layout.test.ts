import { describe, expect, it } from 'vitest';
import { connectionLabel, seatName, seatPlaces, teamOf, trickSpot } from './layout';

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

describe('trick card spots', () => {
  it('places each card towards its seat, inside the trick area', () => {
    const spots = seatPlaces(4, 0).map(trickSpot);
    expect(spots[0]).toEqual({ x: 50, y: 78 });
    expect(spots[2]).toEqual({ x: 50, y: 22 });
    expect(spots[1].x).toBeLessThan(50);
    expect(spots[3].x).toBeGreaterThan(50);
    for (const n of [3, 4, 5]) {
      for (const s of seatPlaces(n, 1).map(trickSpot)) {
        expect(s.x).toBeGreaterThan(0);
        expect(s.x).toBeLessThan(100);
        expect(s.y).toBeGreaterThan(0);
        expect(s.y).toBeLessThan(100);
      }
    }
  });
  it('keeps the top and bottom cards further apart than the side ones', () => {
    const spots = seatPlaces(4, 0).map(trickSpot);
    expect(spots[0].y - spots[2].y).toBeGreaterThan(spots[3].x - spots[1].x);
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
