// View-to-layout helpers: where each seat sits on screen. The viewer's own
// seat is at the bottom (spectators see seat 0 there); play goes clockwise,
// which for someone sitting at the bottom means to the left first.
import type { Seat } from '../net/protocol';

export interface SeatPlace {
  seat: number;
  /** 0 = the viewer's own seat, 1 = next to play after the viewer, ... */
  relative: number;
  /** Percent of the table box for the seat's centre. */
  x: number;
  y: number;
  /** Coarse side for styling and for the direction a played card slides in from. */
  side: 'bottom' | 'left' | 'top' | 'right';
}

export function seatPlaces(count: number, mySeat: number | null): SeatPlace[] {
  const base = mySeat ?? 0;
  const places: SeatPlace[] = [];
  for (let seat = 0; seat < count; seat++) {
    const relative = (seat - base + count) % count;
    const angle = Math.PI / 2 + (relative * 2 * Math.PI) / count;
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const x = round1(50 + 42 * dx);
    const y = round1(50 + 40 * dy);
    places.push({ seat, relative, x, y, side: sideOf(dx, dy) });
  }
  return places;
}

/**
 * Where a seat's card lies in the trick, in percent of the trick area: towards
 * the seat, spread further up and down than sideways, because a card and its
 * name label are taller than wide (top and bottom cards must not cover each
 * other's labels).
 */
export function trickSpot(place: SeatPlace): { x: number; y: number } {
  return { x: round1(50 + (place.x - 50) * 0.6), y: round1(50 + (place.y - 50) * 0.7) };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

function sideOf(dx: number, dy: number): SeatPlace['side'] {
  if (Math.abs(dy) >= Math.abs(dx) - 1e-9) return dy > 0 ? 'bottom' : 'top';
  return dx < 0 ? 'left' : 'right';
}

/** The display name of a seat: the person, a computer player, or an open seat. */
export function seatName(seat: Seat | undefined, index: number): string {
  if (!seat) return `Seat ${index + 1}`;
  if (seat.player) return seat.player.name;
  if (seat.bot) return `Computer ${index + 1}`;
  return `Open seat ${index + 1}`;
}

export function seatNames(seats: Seat[]): string[] {
  return seats.map((s, i) => seatName(s, i));
}

/** "connected", "away (a computer plays for them)", ... for screen readers and badges. */
export function connectionLabel(seat: Seat): string {
  if (!seat.player) return seat.bot ? `computer player${seat.level ? `, ${seat.level}` : ''}` : 'open';
  if (seat.standin) return 'away: a computer plays for them';
  return seat.connected ? 'connected' : 'disconnected';
}

/** Spades teams: team 0 = seats 0 and 2, team 1 = seats 1 and 3. */
export function teamOf(seat: number): number {
  return seat % 2;
}
