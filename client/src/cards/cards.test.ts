import { describe, expect, it } from 'vitest';
import { cardList, cardName, cardShort, isRed, parseCard, sortHand } from './cards';

describe('card names for screen readers', () => {
  it('names ranks and suits in words', () => {
    expect(cardName('QS')).toBe('queen of spades');
    expect(cardName('TH')).toBe('ten of hearts');
    expect(cardName('2C')).toBe('two of clubs');
    expect(cardName('AD')).toBe('ace of diamonds');
  });
  it('names jokers, the under and hidden cards', () => {
    expect(cardName('X1')).toBe('joker');
    expect(cardName('UNDER')).toBe('the under (face down)');
    expect(cardName(null)).toBe('face-down card');
    expect(cardName('ZZ')).toBe('face-down card');
  });
  it('lists several cards in a sentence', () => {
    expect(cardList(['QS', 'AS', 'KS'])).toBe('queen of spades, ace of spades and king of spades');
    expect(cardList(['2C'])).toBe('two of clubs');
  });
  it('has short forms and colours', () => {
    expect(cardShort('TH')).toBe('10♥');
    expect(cardShort('X2')).toBe('Joker');
    expect(isRed('5D')).toBe(true);
    expect(isRed('5S')).toBe(false);
    expect(parseCard('9C')).toEqual({ kind: 'normal', rank: '9', suit: 'C' });
  });
});

describe('sorting a hand for display', () => {
  it('groups Hearts by suit with alternating colours, low to high', () => {
    expect(sortHand(['AH', '2C', 'QS', '3D', 'TC', '2H'], 'hearts')).toEqual(['2C', 'TC', '3D', 'QS', '2H', 'AH']);
  });
  it('keeps spades (trump) at the right end in Spades', () => {
    expect(sortHand(['2S', 'AH', '3D', 'KC'], 'spades')).toEqual(['3D', 'KC', 'AH', '2S']);
  });
  it('puts Sheepshead trumps first in trump order, then the fail suits', () => {
    const hand = ['7D', 'AC', 'QC', 'JD', 'TS', 'AD', 'KH', 'QH'];
    expect(sortHand(hand, 'sheepshead')).toEqual(['QC', 'QH', 'JD', 'AD', '7D', 'AC', 'KH', 'TS']);
  });
  it('puts the under last and never changes the input', () => {
    const hand = ['UNDER', 'AC', 'QC'];
    expect(sortHand(hand, 'sheepshead')).toEqual(['QC', 'AC', 'UNDER']);
    expect(hand).toEqual(['UNDER', 'AC', 'QC']);
  });
});
