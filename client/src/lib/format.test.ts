import { describe, expect, it } from 'vitest';
import { formatClock, joinNames, plural, score, secondsLeft, signed } from './format';

describe('formatting', () => {
  it('formats clocks and deadlines', () => {
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(5.9)).toBe('0:05');
    expect(formatClock(-3)).toBe('0:00');
    expect(secondsLeft(10_500, 10_000)).toBe(1);
    expect(secondsLeft(9_000, 10_000)).toBe(0);
  });
  it('formats scores with real minus signs', () => {
    expect(signed(5)).toBe('+5');
    expect(signed(-13)).toBe('−13');
    expect(signed(0)).toBe('0');
    expect(score(-2)).toBe('−2');
  });
  it('joins names and counts', () => {
    expect(joinNames(['Ada', 'Bo', 'Cy'])).toBe('Ada, Bo and Cy');
    expect(joinNames(['Ada'])).toBe('Ada');
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(3, 'card')).toBe('3 cards');
  });
});
