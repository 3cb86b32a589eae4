// View-to-layout helpers for the trick games (Hearts, Spades, Sheepshead).
// Each game's view names its fields its own way (docs/games/<game>.md); its
// module turns the view into a TrickModel, and everything here works on that:
// which trick to show in the middle, what was just played (for the aria-live
// announcements), and whose turn it is.
import { cardName } from '../../cards/cards';
import type { BaseView } from '../../net/protocol';

export interface TrickCard {
  seat: number;
  card: string;
}

export interface Trick {
  leader: number | null;
  cards: TrickCard[];
  winner?: number;
  points?: number;
}

/** What the shared trick table needs from a game's view. */
export interface TrickModel {
  /** Identifies the hand; a change means a new deal. */
  hand: number;
  /** Tricks completed in this hand. */
  done: number;
  trick: Trick | null;
  lastTrick: Trick | null;
  /** Cards each seat holds. */
  counts: number[];
  seat: number | null;
  toAct: number[];
}

/** Reads a trick in either form the engines use: {leader, cards} or a bare list of plays. */
export function readTrick(raw: unknown, leader: number | null = null): Trick | null {
  if (Array.isArray(raw)) return { leader, cards: raw as TrickCard[] };
  if (raw && typeof raw === 'object' && Array.isArray((raw as Trick).cards)) return raw as Trick;
  return null;
}

export function sum(xs: unknown): number {
  return Array.isArray(xs) ? xs.reduce((a: number, b) => a + Number(b ?? 0), 0) : 0;
}

/**
 * The cards played between two models of the same hand, in order, and the
 * tricks completed meanwhile (at most one can be rebuilt from `lastTrick`).
 * A new hand, or a jump of several tricks (a rejoin), yields what the new
 * trick shows only.
 */
export function playsBetween(prev: TrickModel | null, next: TrickModel): { plays: TrickCard[]; finished: Trick[] } {
  const current = next.trick?.cards ?? [];
  if (!prev || prev.hand !== next.hand || next.done < prev.done) return { plays: [], finished: [] };
  const seen = prev.trick?.cards.length ?? 0;
  if (next.done === prev.done) return { plays: current.slice(seen), finished: [] };
  if (next.done === prev.done + 1 && next.lastTrick) {
    return { plays: [...next.lastTrick.cards.slice(seen), ...current], finished: [next.lastTrick] };
  }
  return { plays: current, finished: [] };
}

/**
 * What the middle of the table shows: the current trick once it has a card;
 * before that, the trick just won (with its winner) while `holdLast` is true,
 * so people see who took it before it clears. Never blocks input: the hold is
 * only about what is drawn.
 */
export function trickToShow(m: TrickModel, holdLast: boolean): { trick: Trick | null; finished: boolean } {
  const current = m.trick;
  if (current && current.cards.length > 0) return { trick: current, finished: false };
  if (holdLast && m.lastTrick) return { trick: m.lastTrick, finished: true };
  return { trick: current, finished: false };
}

/** Sentences for the aria-live region about what changed between two models. */
export function describeChanges(prev: TrickModel | null, next: TrickModel, names: string[]): string[] {
  const out: string[] = [];
  const { plays, finished } = playsBetween(prev, next);
  const done = finished[0];
  const fromLast = done ? done.cards.length - (prev?.trick?.cards.length ?? 0) : 0;
  plays.forEach((p, i) => {
    out.push(`${nameOf(names, p.seat, next.seat)} played ${cardName(p.card)}.`);
    if (done && i === fromLast - 1 && done.winner !== undefined) {
      const pts = done.points ? `, ${done.points} ${done.points === 1 ? 'point' : 'points'}` : '';
      out.push(`${nameOf(names, done.winner, next.seat)} won the trick${pts}.`);
    }
  });
  const mine = next.seat !== null && next.toAct.includes(next.seat);
  const wasMine = prev !== null && prev.seat !== null && prev.toAct.includes(prev.seat);
  if (mine && !wasMine) out.push('Your turn.');
  return out;
}

/** "You" for the viewer's own seat, else the seat's name. */
export function nameOf(names: string[], seat: number, mySeat: number | null): string {
  if (seat === mySeat) return 'You';
  return names[seat] ?? `Seat ${seat + 1}`;
}

/** What an empty hand says: a seat's cards are gone only between hands (the
 *  next deal comes after a short pause) and once the game is over. */
export function emptyHandText(view: Pick<BaseView, 'status' | 'room_status'>): string {
  if (view.status === 'game_over' || view.room_status === 'finished') return 'The game is over.';
  if (view.status === 'waiting') return 'Cards are dealt when the game starts.';
  return 'The next hand is being dealt…';
}
