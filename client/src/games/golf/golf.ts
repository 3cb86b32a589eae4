// Golf view fields (docs/games/golf.md) turned into what the table draws:
// each seat's grid as positions (face up, known face down, unknown), the
// piles, and the words of the status line. Accessors accept either a list of
// card codes (null = face down) or {card, up} entries, so the table never
// works out anything the view does not say.
import { cardName } from '../../cards/cards';
import { score, signed } from '../../lib/format';
import type { BaseView, Move } from '../../net/protocol';
import type { HandSummaryData } from '../HandSummary';
import { nameOf } from '../trick/trickState';

export interface GolfSlot {
  /** The card if the viewer may see it, else null. */
  card: string | null;
  /** Face up on the table (everyone sees it). */
  up: boolean;
  /**
   * The viewer's own initial reveal, made but not yet shown to the others
   * (they see it once every seat has chosen): drawn face up for its owner.
   */
  pending?: boolean;
}

export interface GolfHole {
  points: number[];
  dealer?: number;
  out?: number | null;
  doubled?: boolean;
  hand_seed?: string | null;
}

/** Golf's view (src/rules/golf/golf_json.cc; docs/games/golf.md). */
export interface GolfView extends BaseView {
  players?: number;
  layout?: number;
  rows?: number;
  columns?: number;
  holes?: number;
  /** 0-based hole index; equals `holes` once the game is over. */
  hand?: number;
  dealer?: number;
  phase?: 'awaiting_seed' | 'reveal' | 'turn' | 'drawn' | 'game_over';
  turn?: number | null;
  /** Per seat: the cards the viewer may see (null = unknown) and which lie face up. */
  grids?: { cards: (string | null)[]; face_up: boolean[] }[];
  /** Every card discarded since the last rebuild, top last. */
  discard?: string[];
  stock?: number;
  rebuilt?: boolean;
  /** The card drawn from the stock: its card only for the drawer. */
  drawn?: { seat: number; card: string | null } | null;
  out?: number | null;
  totals?: number[];
  hands?: GolfHole[];
  options?: Record<string, unknown>;
}

export function layoutOf(v: GolfView): number {
  return Number(v.layout ?? v.options?.layout ?? 6);
}

export function columnsOf(layout: number): number {
  return layout === 4 ? 2 : 3;
}

export function gridOf(v: GolfView, seat: number): GolfSlot[] {
  const g = v.grids?.[seat];
  if (!g) return [];
  return g.cards.map((card, i) => {
    const up = Boolean(g.face_up?.[i]);
    // During the simultaneous reveal a known face-down card is one we just turned up.
    return v.phase === 'reveal' && card !== null && !up ? { card, up, pending: true } : { card, up };
  });
}

export function discardTop(v: GolfView): string | null {
  const d = v.discard ?? [];
  return d.length ? d[d.length - 1] : null;
}

export function stockCount(v: GolfView): number {
  return v.stock ?? 0;
}

export function drawnCard(v: GolfView): string | null {
  return v.drawn?.card ?? null;
}

export function holeResults(v: GolfView): GolfHole[] {
  return v.hands ?? [];
}

/** "Hole 3 of 9" (the view counts holes from 0). */
export function holeText(v: GolfView): string {
  const holes = v.holes ?? Number(v.options?.holes ?? 9);
  if (v.status === 'game_over' || v.phase === 'game_over') return `All ${holes} holes played`;
  return `Hole ${Math.min((v.hand ?? 0) + 1, holes)} of ${holes}`;
}

/** "top row, left" style names for positions, row 0 being the farthest row. */
export function positionName(pos: number, layout: number): string {
  const cols = columnsOf(layout);
  const rows = layout / cols;
  const r = Math.floor(pos / cols);
  const c = pos % cols;
  const row = rows === 2 ? (r === 0 ? 'top' : 'bottom') : ['top', 'middle', 'bottom'][r];
  const col = cols === 2 ? (c === 0 ? 'left' : 'right') : ['left', 'centre', 'right'][c];
  return `${row} ${col}`;
}

export function slotLabel(slot: GolfSlot, pos: number, layout: number): string {
  const where = positionName(pos, layout);
  if (slot.card === null) return `${where}: face down`;
  if (slot.pending) return `${where}: ${cardName(slot.card)} (turned up; the others see it once everyone has chosen)`;
  return `${where}: ${cardName(slot.card)}${slot.up ? '' : ' (face down, you know it)'}`;
}

/**
 * CSS classes of a grid place: face up, face down and unknown, or face down
 * but known to the viewer (4-card Golf); on the viewer's own grid also
 * whether it can be chosen now (`legal`), cannot while another can (`dim`),
 * and whether it is selected. Nothing is dimmed when nothing can be chosen
 * (another player's turn): the grid stays fully readable.
 */
export function slotClass(s: GolfSlot, mine?: { on: boolean; choosing: boolean; selected: boolean }): string {
  const out = [s.up || s.pending ? 'up' : s.card === null ? 'down' : 'down known'];
  if (mine?.on) out.push('legal');
  else if (mine?.choosing) out.push('dim');
  if (mine?.selected) out.push('selected');
  return out.join(' ');
}

/** Positions offered by moves of `type` in their `position` field. */
export function positionsOf(legal: Move[], type: string): Set<number> {
  const out = new Set<number>();
  for (const m of legal) if (m.type === type && typeof m.position === 'number') out.add(m.position);
  return out;
}

/** Flip positions offered with a discard, and whether a plain discard is legal. */
export function discardChoices(legal: Move[]): { flips: Set<number>; plain: Move | undefined } {
  const flips = new Set<number>();
  let plain: Move | undefined;
  for (const m of legal) {
    if (m.type !== 'discard') continue;
    if (typeof m.flip === 'number') flips.add(m.flip);
    else plain = m;
  }
  return { flips, plain };
}

export function golfStatus(v: GolfView, names: string[]): string {
  const me = v.seat;
  const mine = me !== null && v.to_act.includes(me);
  if (v.status === 'game_over') return 'The game is over.';
  const types = new Set(v.legal.map((m) => m.type));
  if (mine && types.has('reveal')) return 'Choose the cards to turn face up.';
  if (mine && (types.has('swap') || types.has('discard')) && !types.has('draw')) {
    return `You drew the ${cardName(drawnCard(v))}: put it in your grid, or discard it.`;
  }
  if (mine) return `Your turn: draw from the stock or take the discard${types.has('knock') ? ', or knock' : ''}.`;
  if (v.phase === 'awaiting_seed') return 'Dealing…';
  const who = v.to_act.map((s) => nameOf(names, s, me));
  return who.length ? `Waiting for ${who.join(', ')}.` : 'Dealing…';
}

export function golfSummary(v: GolfView, index: number, names: string[]): HandSummaryData {
  const h = holeResults(v)[index];
  const facts: string[] = [];
  if (typeof h.out === 'number' && h.out >= 0) facts.push(`${names[h.out]} went out first.`);
  if (h.doubled) facts.push('Their score was doubled: it was not the lowest.');
  return {
    title: `Hole ${index + 1} results`,
    columns: ['This hole', 'Total'],
    rows: names.map((n, s) => ({ label: n, values: [signed(h.points[s] ?? 0), score(v.totals?.[s] ?? 0)] })),
    facts,
  };
}
