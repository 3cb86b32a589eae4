// Helpers over `view.legal`, the server's complete list of this seat's legal
// moves. The client never decides legality: every control it offers is one of
// these moves, sent back exactly as listed (plus `expect_version`).
import type { Move } from '../net/protocol';

export function movesOfType(legal: Move[], type: string): Move[] {
  return legal.filter((m) => m.type === type);
}

export function hasMove(legal: Move[], type: string): boolean {
  return legal.some((m) => m.type === type);
}

/** Cards that a `play` move (or another single-card move type) offers. */
export function cardsOf(legal: Move[], type = 'play', field = 'card'): Set<string> {
  const out = new Set<string>();
  for (const m of legal) if (m.type === type && typeof m[field] === 'string') out.add(m[field] as string);
  return out;
}

/** The move of `type` whose `field` is `card`, if legal. */
export function moveForCard(legal: Move[], card: string, type = 'play', field = 'card'): Move | undefined {
  return legal.find((m) => m.type === type && m[field] === card);
}

function asList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** Every value that appears in the list field of some move of `type` (cards that can be selected). */
export function selectableIn(legal: Move[], type: string, field = 'cards'): Set<string | number> {
  const out = new Set<string | number>();
  for (const m of legal) if (m.type === type) for (const c of asList(m[field])) out.add(c as string | number);
  return out;
}

/** The required size of a multi-card choice (every legal combination has the same size). */
export function choiceSize(legal: Move[], type: string, field = 'cards'): number {
  const m = legal.find((x) => x.type === type);
  return m ? asList(m[field]).length : 0;
}

/** Equal as sets of distinct items (a repeated item never matches). */
function sameSet(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  const sa = new Set(a);
  return sa.size === a.length && new Set(b).size === b.length && b.every((x) => sa.has(x));
}

/**
 * The legal move of `type` whose list `field` equals the selection as a set,
 * or undefined: the confirm button enables exactly when this finds one.
 */
export function matchSelection(
  legal: Move[],
  type: string,
  selected: (string | number)[],
  field = 'cards',
): Move | undefined {
  return legal.find((m) => m.type === type && sameSet(asList(m[field]), selected));
}

/**
 * After toggling one item, the values still worth offering: those that extend
 * the selection towards at least one legal combination. Lets the UI dim cards
 * that can no longer complete a legal choice (e.g. a bury that must keep the
 * hold card).
 */
export function stillSelectable(
  legal: Move[],
  type: string,
  selected: (string | number)[],
  field = 'cards',
): Set<string | number> {
  const out = new Set<string | number>();
  for (const m of legal) {
    if (m.type !== type) continue;
    const list = asList(m[field]) as (string | number)[];
    if (selected.every((s) => list.includes(s))) for (const c of list) out.add(c);
  }
  return out;
}

/** Toggles `item` in a selection, never holding more than `max` items (drops the oldest). */
export function toggleSelection<T>(selected: T[], item: T, max: number): T[] {
  if (selected.includes(item)) return selected.filter((x) => x !== item);
  const next = [...selected, item];
  return max > 0 && next.length > max ? next.slice(next.length - max) : next;
}

/** Structural equality of two moves (field order does not matter). */
export function sameMove(a: Move, b: Move): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableJson).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}

/** Integer choices of a field, ascending (Spades bids). */
export function numbersOf(legal: Move[], type: string, field: string): number[] {
  const out = new Set<number>();
  for (const m of legal) if (m.type === type && typeof m[field] === 'number') out.add(m[field] as number);
  return [...out].sort((a, b) => a - b);
}
