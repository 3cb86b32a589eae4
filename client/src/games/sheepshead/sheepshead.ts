// Sheepshead view fields (docs/games/sheepshead.md) and the words the table
// shows: roles, the call, cracks and the end-of-hand summary.
import { cardList, cardName, UNDER } from '../../cards/cards';
import { score, signed } from '../../lib/format';
import type { BaseView, Move } from '../../net/protocol';
import type { HandSummaryData } from '../HandSummary';
import { movesOfType } from '../moves';
import { nameOf, readTrick, sum, type Trick, type TrickCard, type TrickModel } from '../trick/trickState';

/** The public call: {alone}, or the called card's rank and suit (never its place). */
export interface SheepsheadCall {
  alone?: boolean;
  rank?: string;
  suit?: string;
  unknown?: boolean;
}

export interface SheepsheadHandResult {
  kind: 'picked' | 'leaster' | 'thrown_in';
  dealer?: number;
  points: number[];
  tricks?: number[];
  card_points?: number[];
  winners?: number[];
  blind_to?: number | null;
  picker?: number;
  partner?: number | null;
  call?: unknown;
  picker_points?: number;
  defender_points?: number;
  picker_tricks?: number;
  won?: boolean;
  base?: number;
  multiplier?: number;
  cracked_by?: number | null;
  recracked_by?: number | null;
  doubled?: boolean;
}

export interface SheepsheadView extends BaseView {
  players?: number;
  hand?: number;
  hands_total?: number;
  dealer?: number;
  phase?: 'awaiting_seed' | 'picking' | 'burying' | 'calling' | 'cracking' | 'recracking' | 'playing' | 'game_over';
  totals?: number[];
  pending_doublers?: number;
  cards?: string[] | null;
  /** The picker's under (real card), for the picker only. */
  under?: string | null;
  under_held?: boolean;
  hand_sizes?: number[];
  blind?: string[] | null;
  bury?: string[] | null;
  picker?: number | null;
  passed?: number[];
  leaster?: boolean;
  call?: SheepsheadCall | null;
  partner?: number | null;
  cracked_by?: number | null;
  recracked_by?: number | null;
  doubled?: boolean;
  multiplier?: number;
  leader?: number | null;
  trick?: TrickCard[];
  tricks_played?: number;
  tricks_won?: number[];
  card_points?: number[];
  last_trick?: Trick | null;
  reveal?: { bury: string[]; under: string | null; called: string | null; blind: string[] | null } | null;
  /** One entry per finished deal (the view's `hands`; docs/games/sheepshead.md). */
  hands?: SheepsheadHandResult[];
  winners?: number[];
}

export function sheepsheadModel(v: SheepsheadView): TrickModel {
  return {
    hand: v.hand ?? 0,
    done: v.tricks_played ?? sum(v.tricks_won),
    trick: readTrick(v.trick, v.leader ?? null),
    lastTrick: readTrick(v.last_trick),
    counts: v.hand_sizes ?? [],
    seat: v.seat,
    toAct: v.to_act,
  };
}

const RANK_WORDS: Record<string, string> = { A: 'ace', T: 'ten', K: 'king', J: 'jack', Q: 'queen' };
const SUIT_WORDS: Record<string, string> = { C: 'clubs', S: 'spades', H: 'hearts', D: 'diamonds' };

/** The call as one sentence: "Called the ace of hearts (unknown)". */
export function callText(v: SheepsheadView): string | null {
  const c = v.call;
  if (!c) return null;
  if (c.alone) return 'The picker plays alone';
  if (!c.rank || !c.suit) return null;
  const card = `${RANK_WORDS[c.rank] ?? c.rank} of ${SUIT_WORDS[c.suit] ?? c.suit}`;
  return `Called the ${card}${c.unknown ? ' (unknown)' : ''}`;
}

/** Button text for a move without a card choice. */
export function moveLabel(m: Move): string {
  switch (m.type) {
    case 'pick': return 'Pick up the blind';
    case 'pass': return 'Pass';
    case 'alone': return 'Play alone';
    case 'crack': return 'Crack (double)';
    case 'recrack': return 'Re-crack (double again)';
    case 'no_crack': return 'No crack';
    default: return m.type.replace(/_/g, ' ');
  }
}

export function callLabel(m: Move): string {
  const card = typeof m.card === 'string' ? cardName(m.card) : 'a card';
  return `Call the ${card}${m.unknown ? ' (unknown, with an under)' : ''}`;
}

/** Cards to show in the hand: the held cards plus the face-down under while it may be played. */
export function handCards(v: SheepsheadView): string[] {
  const cards = [...(v.cards ?? [])];
  const mine = v.seat !== null && v.seat === v.picker;
  const underPlayable = v.legal.some((m) => m.type === 'play' && m.card === UNDER);
  if ((underPlayable || (mine && v.under_held)) && !cards.includes(UNDER)) cards.push(UNDER);
  return cards;
}

export function sheepsheadStatus(v: SheepsheadView, names: string[]): string {
  const me = v.seat;
  const mine = me !== null && v.to_act.includes(me);
  if (v.status === 'game_over') return 'The game is over.';
  const types = new Set(v.legal.map((m) => m.type));
  if (mine && types.has('pick')) return 'Pick up the blind, or pass?';
  if (mine && types.has('bury')) return 'Choose the cards to bury.';
  if (mine && (types.has('call') || (types.has('alone') && !types.has('play')))) return 'Call a partner, or play alone.';
  if (mine && (types.has('crack') || types.has('recrack') || types.has('no_crack'))) return 'Crack to double the stakes?';
  if (v.phase === 'awaiting_seed') return 'Dealing…';
  if (mine && types.has('play')) return v.trick?.length ? 'Your turn: follow suit if you can.' : 'Your turn to lead.';
  const who = v.to_act.map((s) => nameOf(names, s, me));
  return who.length ? `Waiting for ${who.join(', ')}.` : 'Dealing…';
}

export function sheepsheadSeatLines(v: SheepsheadView, seat: number): string[] {
  const lines = [`Score ${score(v.totals?.[seat] ?? 0)}`];
  if (v.dealer === seat) lines.push('dealer');
  if (v.picker === seat) lines.push('picker');
  if (v.partner === seat) lines.push('partner');
  if (v.cracked_by === seat) lines.push('cracked');
  if (v.recracked_by === seat) lines.push('re-cracked');
  if (v.passed?.includes(seat) && v.phase === 'picking') lines.push('passed');
  const pts = v.card_points?.[seat];
  if (pts !== undefined && v.phase === 'playing') lines.push(`${pts} card points`);
  return lines;
}

export function sheepsheadFacts(v: SheepsheadView): string[] {
  const facts: string[] = [];
  const call = callText(v);
  if (call) facts.push(call);
  if (v.leaster) facts.push('Leaster: fewest points wins');
  if (v.multiplier && v.multiplier > 1) facts.push(`Stakes ×${v.multiplier}`);
  if (v.pending_doublers) facts.push(`${v.pending_doublers} doubler${v.pending_doublers > 1 ? 's' : ''} pending`);
  if (v.seat !== null && v.seat === v.picker && v.under) facts.push(`Your under is the ${cardName(v.under)}`);
  if (v.seat !== null && v.seat === v.picker && v.bury?.length) facts.push(`You buried ${cardList(v.bury)}`);
  if (v.reveal?.bury.length) facts.push(`Last hand's bury: ${cardList(v.reveal.bury)}`);
  return facts;
}

export function sheepsheadSummary(v: SheepsheadView, index: number, names: string[]): HandSummaryData {
  const h = v.hands![index];
  const facts: string[] = [];
  if (h.kind === 'thrown_in') facts.push('Nobody picked: the hand was thrown in and the next one counts double.');
  if (h.kind === 'leaster') {
    facts.push('Leaster: nobody picked; fewest card points wins.');
    if (h.winners?.length) facts.push(`Won by ${h.winners.map((s) => names[s]).join(' and ')}.`);
  }
  if (h.kind === 'picked' && typeof h.picker === 'number') {
    const side = typeof h.partner === 'number' ? `${names[h.picker]} and ${names[h.partner]}` : `${names[h.picker]} (alone)`;
    facts.push(`${side} took ${h.picker_points ?? '?'} card points: ${h.won ? 'the picker side wins' : 'the picker side loses'}.`);
    const tricks = h.picker_tricks ?? 0;
    const total = sum(h.tricks);
    if (h.base === 3) facts.push(tricks === total ? 'Schwarz: the picker side took every trick.' : 'Schwarz: the picker side took no trick.');
    else if (h.base === 2) facts.push(h.won ? 'Schneider: the defenders have 29 or fewer.' : 'Schneidered: the picker side has 30 or fewer.');
    if (h.multiplier && h.multiplier > 1) facts.push(`Stakes ×${h.multiplier}.`);
  }
  const withCardPoints = Array.isArray(h.card_points);
  return {
    title: `Hand ${index + 1} of ${v.hands_total ?? "?"}: results`,
    columns: withCardPoints ? ['Card points', 'This hand', 'Total'] : ['This hand', 'Total'],
    rows: names.map((n, s) => ({
      label: n,
      values: [
        ...(withCardPoints ? [String(h.card_points![s] ?? 0)] : []),
        signed(h.points[s] ?? 0),
        score(v.totals?.[s] ?? 0),
      ],
    })),
    facts,
  };
}

/** Calls grouped by called card: those with an `under` need a second choice. */
export function groupCalls(legal: Move[]): { key: string; first: Move; unders: Move[] }[] {
  const groups = new Map<string, { key: string; first: Move; unders: Move[] }>();
  for (const m of movesOfType(legal, 'call')) {
    const key = `${String(m.card)}|${m.unknown ? 'u' : ''}`;
    const g = groups.get(key) ?? { key, first: m, unders: [] };
    if (typeof m.under === 'string') g.unders.push(m);
    groups.set(key, g);
  }
  return [...groups.values()];
}
