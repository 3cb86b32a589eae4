// Hearts view fields (src/rules/hearts/hearts_view.cc, docs/games/hearts.md)
// and the words the table shows for them.
import { cardList } from '../../cards/cards';
import { score, signed } from '../../lib/format';
import type { HandSummaryData } from '../HandSummary';
import type { BaseView } from '../../net/protocol';
import { nameOf, readTrick, type Trick, type TrickModel } from '../trick/trickState';

export interface HeartsHandResult {
  hand: number;
  points: number[];
  moon?: number;
  moon_scoring?: string;
  jack_of_diamonds?: number;
}

export interface HeartsView extends BaseView {
  hand?: number;
  dealer?: number;
  phase?: 'dealing' | 'passing' | 'playing' | 'game_over';
  cards?: string[] | null;
  card_counts?: number[];
  trick?: Trick | null;
  last_trick?: Trick | null;
  tricks?: Trick[];
  trick_number?: number | null;
  totals?: number[];
  winners?: number[];
  options?: Record<string, unknown>;
  pass_direction?: 'left' | 'right' | 'across' | 'hold';
  passed?: boolean[];
  pass?: { direction: string; to: number; from: number; cards: string[] | null; received: string[] | null } | null;
  hearts_broken?: boolean;
  points_taken?: number[];
  hands?: HeartsHandResult[];
}

export function heartsModel(v: HeartsView): TrickModel {
  return {
    hand: v.hand ?? 0,
    done: v.tricks?.length ?? 0,
    trick: readTrick(v.trick),
    lastTrick: readTrick(v.last_trick),
    counts: v.card_counts ?? [],
    seat: v.seat,
    toAct: v.to_act,
  };
}

export function heartsStatus(v: HeartsView, names: string[]): string {
  const me = v.seat;
  const mine = me !== null && v.to_act.includes(me);
  if (v.status === 'game_over') return 'The game is over.';
  if (v.phase === 'passing') {
    if (mine && v.pass) return `Choose 3 cards to pass ${v.pass.direction} to ${names[v.pass.to]}.`;
    if (me !== null && v.passed?.[me]) return 'Waiting for the others to pass.';
    return 'Everyone is choosing cards to pass.';
  }
  if (v.phase === 'playing') {
    if (mine) return v.trick?.cards.length ? 'Your turn: follow suit if you can.' : 'Your turn to lead.';
    const who = v.to_act.map((s) => nameOf(names, s, me));
    return who.length ? `Waiting for ${who.join(', ')}.` : 'Dealing…';
  }
  return 'Dealing…';
}

export function heartsSeatLines(v: HeartsView, seat: number): string[] {
  const lines = [`Score ${score(v.totals?.[seat] ?? 0)}`];
  const taken = v.points_taken?.[seat] ?? 0;
  if (v.phase === 'playing' || taken > 0) lines.push(`${taken} this hand`);
  if (v.phase === 'passing' && v.passed?.[seat]) lines.push('passed');
  return lines;
}

export function heartsFacts(v: HeartsView, names: string[]): string[] {
  const facts: string[] = [];
  if (v.phase === 'playing') facts.push(v.hearts_broken ? 'Hearts are broken' : 'Hearts not broken yet');
  if (v.pass?.received && v.phase === 'playing' && v.trick_number === 1) {
    facts.push(`You received ${cardList(v.pass.received)} from ${names[v.pass.from]}`);
  }
  return facts;
}

export function heartsSummary(v: HeartsView, index: number, names: string[]): HandSummaryData {
  const h = v.hands![index];
  const facts: string[] = [];
  if (h.moon !== undefined) {
    facts.push(h.moon_scoring === 'subtract_from_shooter'
      ? `${names[h.moon]} shot the moon and loses 26 points.`
      : `${names[h.moon]} shot the moon: everyone else takes 26 points.`);
  }
  if (h.jack_of_diamonds !== undefined && h.jack_of_diamonds >= 0) {
    facts.push(`${names[h.jack_of_diamonds]} took the jack of diamonds (−10).`);
  }
  return {
    title: `Hand ${(h.hand ?? index) + 1} results`,
    columns: ['This hand', 'Total'],
    rows: names.map((n, s) => ({ label: n, values: [signed(h.points[s] ?? 0), score(v.totals?.[s] ?? 0)] })),
    facts,
  };
}
