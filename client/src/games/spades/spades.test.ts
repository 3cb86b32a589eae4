import { describe, expect, it } from 'vitest';
import { bidText, spadesFacts, spadesModel, spadesStatus, spadesSummary, type SpadesView } from './spades';

const names = ['Ada', 'Bob', 'Cy', 'Dee'];
const seats = names.map((n, i) => ({ player: { id: `p${i}`, name: n }, bot: false, connected: true }));

function view(p: Partial<SpadesView>): SpadesView {
  return { version: 3, game: 'spades', status: 'in_progress', to_act: [], legal: [], seat: 0, seats, hand: 0, ...p };
}

describe('Spades view helpers (docs/games/spades.md)', () => {
  it('counts completed tricks from tricks_won', () => {
    const m = spadesModel(view({ tricks_won: [2, 1, 0, 3], hand_counts: [7, 7, 7, 6], trick: { leader: 3, cards: [] } }));
    expect(m.done).toBe(6);
    expect(m.counts).toEqual([7, 7, 7, 6]);
  });
  it('names bids, nil and blind nil', () => {
    const v = view({ bids: [3, 0, 0, null], blind_nil: [false, false, true, false] });
    expect([0, 1, 2, 3].map((s) => bidText(v, s))).toEqual(['bid 3', 'nil', 'blind nil', null]);
  });
  it('asks for blind nil, a bid or the exchange', () => {
    expect(spadesStatus(view({ to_act: [0], legal: [{ type: 'blind_nil' }, { type: 'look' }] }), names)).toMatch(/blind nil/);
    expect(spadesStatus(view({ to_act: [0], legal: [{ type: 'bid', tricks: 1 }] }), names)).toMatch(/Your bid/);
    const exchange = { from: 2, to: 0, stage: 'return' as const };
    expect(spadesStatus(view({ to_act: [0], legal: [{ type: 'exchange', cards: ['2C', '3C'] }], exchange }), names)).toBe(
      'Pass 2 cards back to your partner.',
    );
  });
  it('shows the exchange only to the two partners', () => {
    const exchange = { from: 2, to: 0, stage: 'done' as const, given: ['AS', 'KS'], returned: ['2C', '3D'] };
    expect(spadesFacts(view({ exchange }), names)).toEqual([
      'Cy passed ace of spades and king of spades',
      'Ada passed back two of clubs and three of diamonds',
    ]);
    expect(spadesFacts(view({ seat: 1, exchange: { from: 2, to: 0, stage: 'done' } }), names)).toEqual([]);
  });
  it('summarizes a hand per team', () => {
    const v = view({
      scores: [120, -40],
      hand_results: [{ hand: 0, points: [71, -40], bags: [1, 0], bag_count: [1, 0], bag_penalties: [0, 0],
        bids: [3, 4, 4, 0], tricks: [4, 4, 4, 1], contracts: [7, 4], blind_nil: [false, false, false, false] }],
    });
    const s = spadesSummary(v, 0, names);
    expect(s.rows[0]).toEqual({ label: 'Ada & Cy', values: ['7', '8', '+71', '1', '120'] });
    expect(s.facts).toEqual(["Dee's nil failed."]);
  });
});
