import { describe, expect, it } from 'vitest';
import { heartsModel, heartsSeatLines, heartsStatus, heartsSummary, type HeartsView } from './hearts';

const names = ['Ada', 'Bob', 'Cy', 'Dee'];
const seats = names.map((n, i) => ({ player: { id: `p${i}`, name: n }, bot: false, connected: true }));

function view(p: Partial<HeartsView>): HeartsView {
  return {
    version: 9, game: 'hearts', status: 'in_progress', to_act: [], legal: [], seat: 0, seats,
    hand: 1, phase: 'playing', cards: [], card_counts: [13, 13, 13, 13], totals: [0, 0, 0, 0], ...p,
  };
}

describe('Hearts view helpers', () => {
  it('builds the trick model from the hand view', () => {
    const trick = { leader: 1, cards: [{ seat: 1, card: '2C' }] };
    const last = { leader: 0, cards: [], winner: 1, points: 0 };
    const m = heartsModel(view({ trick, last_trick: last, tricks: [last, last] }));
    expect(m).toMatchObject({ hand: 1, done: 2, trick, lastTrick: last, counts: [13, 13, 13, 13] });
  });
  it('tells the player what to do', () => {
    const pass = { direction: 'left', to: 1, from: 3, cards: null, received: null };
    expect(heartsStatus(view({ phase: 'passing', to_act: [0, 1], pass }), names)).toBe('Choose 3 cards to pass left to Bob.');
    expect(heartsStatus(view({ phase: 'passing', to_act: [1], passed: [true, false, false, false] }), names)).toBe(
      'Waiting for the others to pass.',
    );
    expect(heartsStatus(view({ to_act: [0], trick: { leader: 0, cards: [] } }), names)).toBe('Your turn to lead.');
    expect(heartsStatus(view({ to_act: [2] }), names)).toBe('Waiting for Cy.');
  });
  it('shows scores and points taken by seat', () => {
    expect(heartsSeatLines(view({ totals: [-3, 0, 0, 0], points_taken: [4, 0, 0, 0] }), 0)).toEqual(['Score −3', '4 this hand']);
  });
  it('summarizes a hand with the moon', () => {
    const v = view({ hands: [{ hand: 0, points: [26, 0, 26, 26], moon: 1, moon_scoring: 'add_to_others' }], totals: [26, 0, 26, 26] });
    const s = heartsSummary(v, 0, names);
    expect(s.title).toBe('Hand 1 results');  // hand numbers in views are 0-based
    expect(s.rows[0]).toEqual({ label: 'Ada', values: ['+26', '26'] });
    expect(s.facts).toEqual(['Bob shot the moon: everyone else takes 26 points.']);
  });
});
