// Multi-card choices (Hearts pass, Sheepshead bury, Spades exchange, Golf
// reveal): the player selects items, and the confirm button enables only when
// the selection equals one of the legal moves of that type.
import { useEffect, useState } from 'preact/hooks';
import type { Move } from '../net/protocol';
import { choiceSize, matchSelection, selectableIn, stillSelectable, toggleSelection } from './moves';

export interface Selection<T extends string | number> {
  selected: T[];
  /** Items that can still lead to a legal choice, plus the selected ones (so they can be unselected). */
  selectable: Set<string | number>;
  size: number;
  toggle: (item: T) => void;
  clear: () => void;
  /** The legal move the selection equals, if any. */
  match: Move | undefined;
}

/**
 * Identifies the legal choices of `type`. Other seats' moves change the view's
 * version during simultaneous choices (the Hearts pass, the Golf reveal) but
 * not this seat's choices, so the selection survives them.
 */
export function choicesKey(legal: Move[], type: string): string {
  const of = legal.filter((m) => m.type === type);
  return of.length ? `${of.length}:${JSON.stringify(of[0])}:${JSON.stringify(of[of.length - 1])}` : '';
}

export function useSelection<T extends string | number>(legal: Move[], type: string, field: string): Selection<T> {
  const [selected, setSelected] = useState<T[]>([]);
  // New choices (a new hand, cards received): start the selection afresh.
  const key = choicesKey(legal, type);
  useEffect(() => setSelected([]), [key]);
  const size = choiceSize(legal, type, field);
  const selectable = selected.length === 0 ? selectableIn(legal, type, field) : stillSelectable(legal, type, selected, field);
  for (const s of selected) selectable.add(s);
  return {
    selected,
    selectable,
    size,
    toggle: (item) => setSelected((s) => toggleSelection(s, item, size)),
    clear: () => setSelected([]),
    match: matchSelection(legal, type, selected, field),
  };
}
