import { describe, expect, it } from 'vitest';
import type { Move } from '../net/protocol';
import {
  cardsOf, choiceSize, hasMove, matchSelection, moveForCard, numbersOf, sameMove, selectableIn, stillSelectable,
  toggleSelection,
} from './moves';

const passes: Move[] = [
  { type: 'pass', cards: ['2C', '3C', '4C'] },
  { type: 'pass', cards: ['2C', '3C', 'QS'] },
  { type: 'pass', cards: ['2C', '4C', 'QS'] },
  { type: 'pass', cards: ['3C', '4C', 'QS'] },
];

describe('multi-card choices match legal moves', () => {
  it('finds the legal move equal to the selection in any order', () => {
    expect(matchSelection(passes, 'pass', ['QS', '2C', '3C'])).toEqual(passes[1]);
  });
  it('finds nothing for an incomplete or illegal selection', () => {
    expect(matchSelection(passes, 'pass', ['QS', '2C'])).toBeUndefined();
    expect(matchSelection(passes, 'pass', ['QS', '2C', 'AH'])).toBeUndefined();
    expect(matchSelection(passes, 'pass', ['QS', 'QS', '2C'])).toBeUndefined();
  });
  it('knows the size and the selectable cards', () => {
    expect(choiceSize(passes, 'pass')).toBe(3);
    expect([...selectableIn(passes, 'pass')].sort()).toEqual(['2C', '3C', '4C', 'QS']);
  });
  it('narrows what can still complete a legal choice', () => {
    const bury: Move[] = [
      { type: 'bury', cards: ['7S', '8S'] },
      { type: 'bury', cards: ['7S', 'KH'] },
    ];
    expect([...stillSelectable(bury, 'bury', ['8S'])].sort()).toEqual(['7S', '8S']);
    expect([...stillSelectable(bury, 'bury', ['AH'])]).toEqual([]);
  });
  it('works on number lists too (Golf reveal positions)', () => {
    const reveal: Move[] = [
      { type: 'reveal', positions: [0, 1] },
      { type: 'reveal', positions: [0, 4] },
    ];
    expect(matchSelection(reveal, 'reveal', [4, 0], 'positions')).toEqual(reveal[1]);
  });
  it('toggles a selection and drops the oldest past the size', () => {
    expect(toggleSelection(['a', 'b'], 'c', 3)).toEqual(['a', 'b', 'c']);
    expect(toggleSelection(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
    expect(toggleSelection(['a', 'b'], 'a', 3)).toEqual(['b']);
  });
});

describe('single moves', () => {
  const legal: Move[] = [
    { type: 'play', card: '2C' },
    { type: 'play', card: 'KC' },
    { type: 'bid', tricks: 3 },
    { type: 'bid', tricks: 0 },
  ];
  it('lists playable cards and finds the move for one', () => {
    expect([...cardsOf(legal)]).toEqual(['2C', 'KC']);
    expect(moveForCard(legal, 'KC')).toEqual({ type: 'play', card: 'KC' });
    expect(moveForCard(legal, 'AH')).toBeUndefined();
    expect(hasMove(legal, 'bid')).toBe(true);
    expect(hasMove(legal, 'pass')).toBe(false);
  });
  it('sorts numeric choices', () => {
    expect(numbersOf(legal, 'bid', 'tricks')).toEqual([0, 3]);
  });
  it('compares moves structurally', () => {
    expect(sameMove({ type: 'call', card: 'AH', unknown: true }, { unknown: true, card: 'AH', type: 'call' })).toBe(true);
    expect(sameMove({ type: 'play', card: 'AH' }, { type: 'play', card: 'AS' })).toBe(false);
  });
});

describe('selection identity across views', () => {
  it('keeps the same key while only other seats move', async () => {
    const { choicesKey } = await import('./useSelection');
    expect(choicesKey(passes, 'pass')).toBe(choicesKey([...passes], 'pass'));
    expect(choicesKey(passes, 'pass')).not.toBe(choicesKey(passes.slice(1), 'pass'));
    expect(choicesKey(passes, 'bury')).toBe('');
  });
});
