import { describe, expect, it } from 'vitest';
import {
  discardChoices, discardTop, golfStatus, gridOf, holeText, positionName, positionsOf, slotClass, slotLabel,
  type GolfView,
} from './golf';

const names = ['Ada', 'Bob'];
const seats = names.map((n, i) => ({ player: { id: `p${i}`, name: n }, bot: false, connected: true }));

function view(p: Partial<GolfView>): GolfView {
  return { version: 3, game: 'golf', status: 'in_progress', to_act: [], legal: [], seat: 0, seats, holes: 9, hand: 0, ...p };
}

describe('Golf view helpers (src/rules/golf/golf_json.cc)', () => {
  it('reads grids with face-up flags', () => {
    const v = view({ grids: [{ cards: ['7H', null, 'KS', '2C'], face_up: [true, false, true, false] }] });
    expect(gridOf(v, 0)).toEqual([
      { card: '7H', up: true }, { card: null, up: false }, { card: 'KS', up: true }, { card: '2C', up: false },
    ]);
    expect(gridOf(v, 1)).toEqual([]);
  });
  it('draws our own reveal face up while the others are still choosing', () => {
    const v = view({ phase: 'reveal', grids: [{ cards: ['7H', null, 'KS', null], face_up: [false, false, false, false] }] });
    const slots = gridOf(v, 0);
    expect(slots[0]).toEqual({ card: '7H', up: false, pending: true });
    expect(slots[1]).toEqual({ card: null, up: false });
    expect(slotClass(slots[0])).toBe('up');
    expect(slotLabel(slots[0], 0, 4)).toBe('top left: seven of hearts (turned up; the others see it once everyone has chosen)');
    // Outside the reveal a known face-down card stays face down (4-card Golf).
    expect(gridOf({ ...v, phase: 'turn' }, 0)[0]).toEqual({ card: '7H', up: false });
  });
  it('finds the discard top and the hole number', () => {
    expect(discardTop(view({ discard: ['3C', '9H'] }))).toBe('9H');
    expect(discardTop(view({ discard: [] }))).toBeNull();
    expect(holeText(view({ hand: 2 }))).toBe('Hole 3 of 9');
    expect(holeText(view({ hand: 9, status: 'game_over' }))).toBe('All 9 holes played');
  });
  it('names grid positions from the farthest row', () => {
    expect(positionName(0, 6)).toBe('top left');
    expect(positionName(4, 6)).toBe('bottom centre');
    expect(positionName(4, 9)).toBe('middle centre');
    expect(positionName(3, 4)).toBe('bottom right');
  });
  it('splits discard moves into flips and the plain discard', () => {
    const legal = [{ type: 'discard' }, { type: 'discard', flip: 1 }, { type: 'swap', position: 0 }, { type: 'swap', position: 3 }];
    const { flips, plain } = discardChoices(legal);
    expect([...flips]).toEqual([1]);
    expect(plain).toEqual({ type: 'discard' });
    expect([...positionsOf(legal, 'swap')]).toEqual([0, 3]);
  });
  it('tells the drawer what to do with the drawn card', () => {
    const v = view({ to_act: [0], drawn: { seat: 0, card: 'KD' }, legal: [{ type: 'swap', position: 0 }, { type: 'discard' }] });
    expect(golfStatus(v, names)).toBe('You drew the king of diamonds: put it in your grid, or discard it.');
    expect(golfStatus(view({ to_act: [1] }), names)).toBe('Waiting for Bob.');
  });
  it('dims places that cannot be chosen only while others can', () => {
    const down = { card: null, up: false };
    expect(slotClass({ card: '7H', up: true })).toBe('up');
    expect(slotClass({ card: '2C', up: false })).toBe('down known');
    expect(slotClass(down, { on: true, choosing: true, selected: false })).toBe('down legal');
    expect(slotClass(down, { on: false, choosing: true, selected: false })).toBe('down dim');
    expect(slotClass(down, { on: false, choosing: false, selected: false })).toBe('down');
    expect(slotClass(down, { on: true, choosing: true, selected: true })).toBe('down legal selected');
  });
});
