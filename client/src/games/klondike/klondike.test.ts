import { describe, expect, it } from 'vitest';
import { canPick, column, foundationMove, moveTo, targetsOf, topOf, type KlondikeView } from './klondike';

function view(p: Partial<KlondikeView>): KlondikeView {
  return {
    version: 4, game: 'klondike', status: 'in_progress', to_act: [0], seat: 0,
    seats: [{ player: { id: 'p', name: 'Ada' }, bot: false, connected: true }],
    tableau: [['KS'], [null, 'QH', 'JC'], [null, null, '4D'], [], [], [], []],
    foundations: ['AC', null, null, null],
    waste: ['4S', 'TD', '3H'],
    stock: 10,
    legal: [
      { type: 'draw' },
      { type: 'move', from: 't2', to: 't1', card: 'QH' },
      { type: 'move', from: 'waste', to: 't3' },
      { type: 'move', from: 't3', to: 'f2', card: '4D' },
      { type: 'undo' },
    ],
    ...p,
  };
}

describe('Klondike moves from clicks and drops', () => {
  const v = view({});
  it('reads piles and their top cards', () => {
    expect(column(v, 1)).toEqual([null, 'QH', 'JC']);
    expect(topOf(v, 'waste')).toBe('3H');
    expect(topOf(v, 't2')).toBe('JC');
    expect(topOf(v, 'f1')).toBe('AC');
    expect(topOf(v, 't4')).toBeNull();
  });
  it('moves a named group head', () => {
    expect(moveTo(v, { from: 't2', card: 'QH' }, 't1')).toEqual({ type: 'move', from: 't2', to: 't1', card: 'QH' });
    expect(moveTo(v, { from: 't2', card: 'JC' }, 't1')).toBeUndefined();
  });
  it('moves a top card when the legal move names no card', () => {
    expect(moveTo(v, { from: 'waste', card: '3H' }, 't3')).toEqual({ type: 'move', from: 'waste', to: 't3' });
    expect(canPick(v, { from: 'waste', card: 'TD' })).toBe(false);
  });
  it('lists targets and the double-click foundation move', () => {
    expect([...targetsOf(v, { from: 't3', card: '4D' })]).toEqual(['f2']);
    expect(foundationMove(v, { from: 't3', card: '4D' })).toEqual({ type: 'move', from: 't3', to: 'f2', card: '4D' });
    expect(foundationMove(v, { from: 't2', card: 'QH' })).toBeUndefined();
  });
});
