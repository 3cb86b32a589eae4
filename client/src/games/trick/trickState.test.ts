import { describe, expect, it } from 'vitest';
import { describeChanges, emptyHandText, playsBetween, readTrick, trickToShow, type TrickModel } from './trickState';

const names = ['Ada', 'Bob', 'Cy', 'Dee'];

function model(p: Partial<TrickModel>): TrickModel {
  return { hand: 0, done: 0, trick: null, lastTrick: null, counts: [], seat: 0, toAct: [], ...p };
}

describe('reading tricks', () => {
  it('accepts {leader, cards} and bare lists of plays', () => {
    expect(readTrick({ leader: 1, cards: [{ seat: 1, card: '2C' }] })).toEqual({ leader: 1, cards: [{ seat: 1, card: '2C' }] });
    expect(readTrick([{ seat: 2, card: 'QS' }], 2)).toEqual({ leader: 2, cards: [{ seat: 2, card: 'QS' }] });
    expect(readTrick(null)).toBeNull();
  });
});

describe('what was played between two views', () => {
  const a = model({ trick: { leader: 1, cards: [{ seat: 1, card: '2C' }] } });
  it('finds new cards in the same trick', () => {
    const b = model({ trick: { leader: 1, cards: [{ seat: 1, card: '2C' }, { seat: 2, card: '9C' }] } });
    expect(playsBetween(a, b).plays).toEqual([{ seat: 2, card: '9C' }]);
  });
  it('finishes a trick from last_trick and continues into the next', () => {
    const last = {
      leader: 1, winner: 3, points: 1,
      cards: [{ seat: 1, card: '2C' }, { seat: 2, card: '9C' }, { seat: 3, card: 'KC' }, { seat: 0, card: '5H' }],
    };
    const b = model({ done: 1, lastTrick: last, trick: { leader: 3, cards: [{ seat: 3, card: 'AD' }] } });
    const { plays, finished } = playsBetween(a, b);
    expect(plays.map((p) => p.card)).toEqual(['9C', 'KC', '5H', 'AD']);
    expect(finished).toEqual([last]);
    expect(describeChanges(a, b, names)).toEqual([
      'Cy played nine of clubs.',
      'Dee played king of clubs.',
      'You played five of hearts.',
      'Dee won the trick, 1 point.',
      'Dee played ace of diamonds.',
    ]);
  });
  it('ignores a new hand', () => {
    expect(playsBetween(a, model({ hand: 1 })).plays).toEqual([]);
  });
  it('announces the turn once', () => {
    const mine = model({ toAct: [0] });
    expect(describeChanges(a, mine, names)).toContain('Your turn.');
    expect(describeChanges(mine, mine, names)).not.toContain('Your turn.');
  });
});

describe('the trick in the middle', () => {
  const last = { leader: 0, winner: 2, cards: [{ seat: 0, card: '2C' }] };
  it('holds the trick just won while the new one is empty', () => {
    const m = model({ done: 1, lastTrick: last, trick: { leader: 2, cards: [] } });
    expect(trickToShow(m, true)).toEqual({ trick: last, finished: true });
    expect(trickToShow(m, false).finished).toBe(false);
  });
  it('shows the current trick as soon as it has a card', () => {
    const current = { leader: 2, cards: [{ seat: 2, card: 'AS' }] };
    expect(trickToShow(model({ lastTrick: last, trick: current }), true)).toEqual({ trick: current, finished: false });
  });
});

describe('an empty hand', () => {
  it('says the next hand is coming between hands, and the game is over after the last', () => {
    expect(emptyHandText({ status: 'in_progress', room_status: 'playing' })).toBe('The next hand is being dealt…');
    expect(emptyHandText({ status: 'game_over', room_status: 'playing' })).toBe('The game is over.');
    expect(emptyHandText({ status: 'game_over', room_status: 'finished' })).toBe('The game is over.');
    expect(emptyHandText({ status: 'waiting', room_status: 'waiting' })).toBe('Cards are dealt when the game starts.');
  });
});
