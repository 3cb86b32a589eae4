// Klondike view fields (docs/games/klondike.md) and the helpers behind
// click-to-move and drag-and-drop: which legal move a drop means, which piles
// a picked-up card may go to. Nothing here knows the rules of building: every
// answer comes from `view.legal`.
import type { BaseView, Move } from '../../net/protocol';

type Pile = (string | null)[];

/** Klondike's view (src/rules/klondike/klondike_json.cc; docs/games/klondike.md). */
export interface KlondikeView extends BaseView {
  dealt?: boolean;
  draw?: number;
  scoring?: 'standard' | 'vegas' | 'none';
  max_passes?: number;
  timed?: boolean;
  vegas_cumulative?: boolean;
  /** Columns bottom first; null for a face-down card. */
  tableau?: Pile[];
  stock?: number;
  /** The top card (draw-1) or the top three (draw-3), bottom to top. */
  waste?: string[];
  waste_count?: number;
  /** Top card of f1..f4, or null. */
  foundations?: (string | null)[];
  foundation_cards?: number;
  /** null with scoring "none". */
  score?: number | null;
  pass?: number;
  recycles?: number;
  moves?: number;
  /** Timed games only: the elapsed whole seconds stamped on the latest action. */
  elapsed?: number;
  time_bonus?: number;
}

export const TABLEAU = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'];
export const FOUNDATIONS = ['f1', 'f2', 'f3', 'f4'];

/** A tableau column as card codes, null for face-down cards, bottom first. */
export function column(v: KlondikeView, i: number): Pile {
  return v.tableau?.[i] ?? [];
}

export function foundationTop(v: KlondikeView, i: number): string | null {
  return v.foundations?.[i] ?? null;
}

export function wasteCards(v: KlondikeView): string[] {
  return v.waste ?? [];
}

export function stockCount(v: KlondikeView): number {
  return v.stock ?? 0;
}

/** The card on top of a pile as the view shows it. */
export function topOf(v: KlondikeView, pile: string): string | null {
  if (pile === 'waste') {
    const w = wasteCards(v);
    return w.length ? w[w.length - 1] : null;
  }
  if (pile.startsWith('t')) {
    const c = column(v, Number(pile.slice(1)) - 1);
    return c.length ? c[c.length - 1] : null;
  }
  if (pile.startsWith('f')) return foundationTop(v, Number(pile.slice(1)) - 1);
  return null;
}

export interface PickedCard {
  from: string;
  card: string;
}

/** Whether legal move `m` moves `picked`: a move naming its card, or the pile's top card when it names none. */
function movesPicked(v: KlondikeView, m: Move, picked: PickedCard): boolean {
  if (m.type !== 'move' || m.from !== picked.from) return false;
  if (typeof m.card === 'string') return m.card === picked.card;
  return topOf(v, picked.from) === picked.card;
}

/** The legal move that drops `picked` on pile `to`, if any. */
export function moveTo(v: KlondikeView, picked: PickedCard, to: string): Move | undefined {
  return v.legal.find((m) => m.to === to && movesPicked(v, m, picked));
}

/** Piles where `picked` may go. */
export function targetsOf(v: KlondikeView, picked: PickedCard): Set<string> {
  const out = new Set<string>();
  for (const m of v.legal) if (movesPicked(v, m, picked)) out.add(String(m.to));
  return out;
}

/** Double-click: the legal move of `picked` to a foundation, if any. */
export function foundationMove(v: KlondikeView, picked: PickedCard): Move | undefined {
  return v.legal.find((m) => typeof m.to === 'string' && m.to.startsWith('f') && movesPicked(v, m, picked));
}

export function canPick(v: KlondikeView, picked: PickedCard): boolean {
  return v.legal.some((m) => movesPicked(v, m, picked));
}

export function pileName(pile: string): string {
  if (pile === 'waste') return 'waste pile';
  if (pile.startsWith('t')) return `column ${pile.slice(1)}`;
  if (pile.startsWith('f')) return `foundation ${pile.slice(1)}`;
  return pile;
}
