// Spades view fields (docs/games/spades.md) and the words the table shows.
// Per-team arrays are [team 0, team 1]; team 0 = seats 0 and 2.
import { cardList } from '../../cards/cards';
import { score, signed } from '../../lib/format';
import type { BaseView } from '../../net/protocol';
import type { HandSummaryData } from '../HandSummary';
import { nameOf, readTrick, sum, type Trick, type TrickCard, type TrickModel } from '../trick/trickState';

export interface SpadesHandResult {
  hand?: number;
  points: number[];
  bags?: number[];
  bag_count?: number[];
  bag_penalties?: number[];
  bids?: (number | null)[];
  blind_nil?: boolean[];
  tricks?: number[];
  contracts?: number[];
  nil_points?: number[];
  [field: string]: unknown;
}

export interface SpadesExchange {
  from: number;
  to: number;
  stage: 'give' | 'return' | 'done';
  given?: string[] | null;
  returned?: string[] | null;
}

export interface SpadesView extends BaseView {
  hand?: number;
  dealer?: number;
  phase?: 'awaiting_deal' | 'bidding' | 'exchange' | 'play' | 'game_over';
  cards?: string[] | null;
  hand_counts?: number[];
  bids?: (number | null)[];
  blind_nil?: boolean[];
  contracts?: number[] | null;
  exchange?: SpadesExchange | null;
  trick?: { leader: number | null; cards: TrickCard[] } | null;
  last_trick?: Trick | null;
  tricks_won?: number[];
  spades_broken?: boolean;
  scores?: number[];
  bags?: number[];
  hand_results?: SpadesHandResult[];
  winners?: number[];
  options?: Record<string, unknown>;
}

export function spadesModel(v: SpadesView): TrickModel {
  return {
    hand: v.hand ?? 0,
    done: sum(v.tricks_won),
    trick: readTrick(v.trick),
    lastTrick: readTrick(v.last_trick),
    counts: v.hand_counts ?? [],
    seat: v.seat,
    toAct: v.to_act,
  };
}

export function bidText(v: SpadesView, seat: number): string | null {
  const bid = v.bids?.[seat];
  if (bid === null || bid === undefined) return null;
  if (v.blind_nil?.[seat]) return 'blind nil';
  return bid === 0 ? 'nil' : `bid ${bid}`;
}

export function teamName(names: string[], team: number): string {
  return `${names[team] ?? `Seat ${team + 1}`} & ${names[team + 2] ?? `Seat ${team + 3}`}`;
}

export function teamScores(v: SpadesView): number[] {
  const t = v.scores ?? [];
  return [t[0] ?? 0, t[1] ?? 0];
}

export function spadesStatus(v: SpadesView, names: string[]): string {
  const me = v.seat;
  const mine = me !== null && v.to_act.includes(me);
  if (v.status === 'game_over') return 'The game is over.';
  const types = new Set(v.legal.map((m) => m.type));
  if (mine && types.has('blind_nil')) return 'You may bid blind nil before looking at your cards, or look at them.';
  if (mine && types.has('bid')) return 'Your bid: how many tricks will you take?';
  if (mine && types.has('exchange')) {
    return v.exchange?.stage === 'return' ? 'Pass 2 cards back to your partner.' : 'Choose 2 cards to pass to your partner.';
  }
  if (mine && types.has('play')) return v.trick?.cards.length ? 'Your turn: follow suit if you can.' : 'Your turn to lead.';
  if (v.phase === 'awaiting_deal') return 'Dealing…';
  const who = v.to_act.map((s) => nameOf(names, s, me));
  return who.length ? `Waiting for ${who.join(', ')}.` : 'Dealing…';
}

export function spadesSeatLines(v: SpadesView, seat: number): string[] {
  const lines: string[] = [];
  const b = bidText(v, seat);
  if (b) lines.push(b);
  const won = v.tricks_won?.[seat] ?? 0;
  if (v.phase === 'play') lines.push(`${won} ${won === 1 ? 'trick' : 'tricks'}`);
  lines.push(`Team ${(seat % 2) + 1}`);
  if (v.dealer === seat) lines.push('dealer');
  return lines;
}

export function spadesFacts(v: SpadesView, names: string[]): string[] {
  const facts: string[] = [];
  if (v.contracts) facts.push(`Contracts: ${v.contracts[0]} and ${v.contracts[1]}`);
  if (v.phase === 'play') facts.push(v.spades_broken ? 'Spades are broken' : 'Spades not broken yet');
  const ex = v.exchange;
  if (ex && v.seat !== null && (v.seat === ex.from || v.seat === ex.to)) {
    if (ex.given) facts.push(`${names[ex.from]} passed ${cardList(ex.given)}`);
    if (ex.returned) facts.push(`${names[ex.to]} passed back ${cardList(ex.returned)}`);
  }
  return facts;
}

export function spadesSummary(v: SpadesView, index: number, names: string[]): HandSummaryData {
  const h = v.hand_results![index];
  const totals = teamScores(v);
  const facts: string[] = [];
  for (const team of [0, 1]) {
    const penalties = h.bag_penalties?.[team] ?? 0;
    if (penalties > 0) facts.push(`${teamName(names, team)} reached the bag limit (${penalties}×).`);
    for (const seat of [team, team + 2]) {
      const bid = h.bids?.[seat];
      if (bid === 0) {
        const made = (h.tricks?.[seat] ?? 0) === 0;
        facts.push(`${names[seat]}'s ${h.blind_nil?.[seat] ? 'blind nil' : 'nil'} ${made ? 'made it' : 'failed'}.`);
      }
    }
  }
  return {
    title: `Hand ${(h.hand ?? index) + 1} results`,
    columns: ['Bid', 'Tricks', 'This hand', 'Bags', 'Total'],
    rows: [0, 1].map((team) => ({
      label: teamName(names, team),
      values: [
        String(h.contracts?.[team] ?? '—'),
        h.tricks ? String((h.tricks[team] ?? 0) + (h.tricks[team + 2] ?? 0)) : '—',
        signed(h.points[team] ?? 0),
        String(h.bag_count?.[team] ?? h.bags?.[team] ?? 0),
        score(totals[team]),
      ],
    })),
    facts,
  };
}
