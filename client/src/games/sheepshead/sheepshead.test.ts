import { describe, expect, it } from 'vitest';
import { callText, groupCalls, handCards, sheepsheadModel, sheepsheadSummary, type SheepsheadView } from './sheepshead';

const names = ['Ada', 'Bob', 'Cy', 'Dee', 'Eve'];
const seats = names.map((n, i) => ({ player: { id: `p${i}`, name: n }, bot: false, connected: true }));

function view(p: Partial<SheepsheadView>): SheepsheadView {
  return { version: 3, game: 'sheepshead', status: 'in_progress', to_act: [], legal: [], seat: 0, seats, hand: 0, ...p };
}

describe('Sheepshead view helpers', () => {
  it('reads the trick as a list of plays led by `leader`', () => {
    const m = sheepsheadModel(view({ leader: 2, trick: [{ seat: 2, card: 'QC' }], tricks_played: 3, hand_sizes: [3, 3, 2, 3, 3] }));
    expect(m.trick).toEqual({ leader: 2, cards: [{ seat: 2, card: 'QC' }] });
    expect(m.done).toBe(3);
  });
  it('describes the public call without the card code', () => {
    expect(callText(view({ call: { rank: 'A', suit: 'H', unknown: true } }))).toBe('Called the ace of hearts (unknown)');
    expect(callText(view({ call: { alone: true } }))).toBe('The picker plays alone');
    expect(callText(view({ call: null }))).toBeNull();
  });
  it('groups calls and their unders', () => {
    const groups = groupCalls([
      { type: 'call', card: 'AS' },
      { type: 'call', card: 'AC', unknown: true, under: 'TS' },
      { type: 'call', card: 'AC', unknown: true, under: '7S' },
      { type: 'alone' },
    ]);
    expect(groups.map((g) => [g.key, g.unders.length])).toEqual([['AS|', 0], ['AC|u', 2]]);
  });
  it('shows the under in the picker\'s hand while he holds it', () => {
    expect(handCards(view({ cards: ['QC'], picker: 0, under_held: true, under: '7S' }))).toEqual(['QC', 'UNDER']);
    expect(handCards(view({ cards: ['QC'], picker: 1, under_held: true }))).toEqual(['QC']);
    expect(handCards(view({ cards: ['QC'], legal: [{ type: 'play', card: 'UNDER' }] }))).toEqual(['QC', 'UNDER']);
  });
  it('summarizes a hand with schneider', () => {
    const v = view({
      totals: [4, 2, -2, -2, -2], hands_total: 10,
      hands: [{ kind: 'picked', points: [4, 2, -2, -2, -2], picker: 0, partner: 1, picker_points: 95, won: true,
        base: 2, multiplier: 1, tricks: [3, 2, 1, 0, 0], picker_tricks: 5, card_points: [60, 35, 25, 0, 0] }],
    });
    const s = sheepsheadSummary(v, 0, names);
    expect(s.facts).toEqual(['Ada and Bob took 95 card points: the picker side wins.', 'Schneider: the defenders have 29 or fewer.']);
    expect(s.rows[0]).toEqual({ label: 'Ada', values: ['60', '+4', '4'] });
    expect(s.title).toBe('Hand 1 of 10: results');
  });
});
