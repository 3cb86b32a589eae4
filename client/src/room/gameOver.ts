// The final standings from a finished view: per seat, or per team in Spades.
import type { BaseView } from '../net/protocol';
import { joinNames } from '../lib/format';

export interface Standing {
  label: string;
  total: number | null;
  winner: boolean;
}

export const FINISHED_STATUSES = ['game_over', 'won', 'abandoned'];

export function isFinished(view: BaseView): boolean {
  return FINISHED_STATUSES.includes(view.status);
}

function numbers(x: unknown): number[] {
  return Array.isArray(x) ? x.map(Number) : [];
}

/**
 * Standings sorted best first: lowest wins in Hearts and Golf, highest in
 * Spades and Sheepshead; winners come from the view's own `winners`.
 */
export function standings(view: BaseView, names: string[]): Standing[] {
  const totals = numbers(view.totals ?? view.scores);
  const winners = new Set(numbers(view.winners));
  let rows: Standing[];
  if (view.game === 'spades') {
    rows = [0, 1].map((team) => ({
      label: `${joinNames([names[team] ?? `Seat ${team + 1}`, names[team + 2] ?? `Seat ${team + 3}`])}`,
      total: totals[team] ?? null,
      winner: winners.has(team),
    }));
  } else if (view.game === 'klondike') {
    const score = typeof view.score === 'number' ? view.score : null;
    rows = [{ label: names[0] ?? 'You', total: score, winner: view.status === 'won' }];
  } else {
    rows = names.map((label, seat) => ({ label, total: totals[seat] ?? null, winner: winners.has(seat) }));
  }
  const lowWins = view.game === 'hearts' || view.game === 'golf';
  return [...rows].sort((a, b) => {
    if (a.winner !== b.winner) return a.winner ? -1 : 1;
    if (a.total === null || b.total === null) return 0;
    return lowWins ? a.total - b.total : b.total - a.total;
  });
}

export function headline(view: BaseView, names: string[], mySeat: number | null): string {
  if (view.game === 'klondike') return view.status === 'won' ? 'You won!' : 'Game over.';
  const winners = numbers(view.winners);
  if (winners.length === 0) return 'Game over.';
  if (view.game === 'spades') {
    const mine = mySeat !== null && winners.includes(mySeat % 2);
    return mine ? 'Your team won!' : 'Game over.';
  }
  if (mySeat !== null && winners.includes(mySeat)) return winners.length > 1 ? 'You share the win!' : 'You won!';
  return `${joinNames(winners.map((s) => names[s] ?? `Seat ${s + 1}`))} won.`;
}
