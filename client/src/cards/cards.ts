// Card codes as in game-records.md: rank + suit (`QS`, `TH`), Golf's jokers
// `X1`/`X2`, Sheepshead's face-down under `UNDER`, and `null` for a card the
// viewer may not see. Names are for screen readers ("queen of spades");
// sorting is presentation only (the server's `legal` decides what is playable).
import type { GameName } from '../net/protocol';

export type Suit = 'C' | 'D' | 'H' | 'S';
export type CardCode = string;

export const RANKS = ['2', '3', '4', '5', '6', '7', '8', '9', 'T', 'J', 'Q', 'K', 'A'] as const;
export const UNDER = 'UNDER';

const RANK_NAMES: Record<string, string> = {
  '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven', '8': 'eight',
  '9': 'nine', T: 'ten', J: 'jack', Q: 'queen', K: 'king', A: 'ace',
};
const SUIT_NAMES: Record<Suit, string> = { C: 'clubs', D: 'diamonds', H: 'hearts', S: 'spades' };
export const SUIT_SYMBOLS: Record<Suit, string> = { C: '♣', D: '♦', H: '♥', S: '♠' };

export interface ParsedCard {
  kind: 'normal' | 'joker' | 'under' | 'hidden';
  rank?: string;
  suit?: Suit;
}

export function parseCard(code: CardCode | null | undefined): ParsedCard {
  if (code == null) return { kind: 'hidden' };
  if (code === UNDER) return { kind: 'under' };
  if (/^X[12]$/.test(code)) return { kind: 'joker' };
  const rank = code.slice(0, -1);
  const suit = code.slice(-1) as Suit;
  if (code.length === 2 && RANK_NAMES[rank] && SUIT_NAMES[suit]) return { kind: 'normal', rank, suit };
  return { kind: 'hidden' };
}

/** "queen of spades", "joker", "the under (face down)", "face-down card". */
export function cardName(code: CardCode | null | undefined): string {
  const c = parseCard(code);
  switch (c.kind) {
    case 'normal':
      return `${RANK_NAMES[c.rank!]} of ${SUIT_NAMES[c.suit!]}`;
    case 'joker':
      return 'joker';
    case 'under':
      return 'the under (face down)';
    default:
      return 'face-down card';
  }
}

/** Short text form for logs and chat-like summaries: "Q♠", "10♥". */
export function cardShort(code: CardCode | null | undefined): string {
  const c = parseCard(code);
  if (c.kind === 'joker') return 'Joker';
  if (c.kind === 'under') return 'under';
  if (c.kind !== 'normal') return '?';
  return `${c.rank === 'T' ? '10' : c.rank}${SUIT_SYMBOLS[c.suit!]}`;
}

/** The rank as printed in a card's corner: "10" for ten. */
export function rankLabel(rank: string): string {
  return rank === 'T' ? '10' : rank;
}

export function isRed(code: CardCode | null | undefined): boolean {
  const s = parseCard(code).suit;
  return s === 'D' || s === 'H';
}

export function cardList(codes: CardCode[]): string {
  const names = codes.map(cardName);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

// Suit order left to right in a hand, alternating colours; Spades keeps the
// trump suit at the right end.
const SUIT_ORDER: Record<string, Suit[]> = {
  hearts: ['C', 'D', 'S', 'H'],
  spades: ['D', 'C', 'H', 'S'],
  default: ['C', 'D', 'S', 'H'],
};

// Sheepshead: the 14 trumps high to low, then the fail suits (A T K 9 8 7).
const SHEEPSHEAD_TRUMPS = ['QC', 'QS', 'QH', 'QD', 'JC', 'JS', 'JH', 'JD', 'AD', 'TD', 'KD', '9D', '8D', '7D'];
const SHEEPSHEAD_FAIL_RANKS = ['A', 'T', 'K', '9', '8', '7'];
const SHEEPSHEAD_FAIL_SUITS: Suit[] = ['C', 'H', 'S'];

function sortKey(code: CardCode, game: GameName | 'default'): number {
  const c = parseCard(code);
  if (c.kind === 'under') return 10000;
  if (c.kind === 'joker') return 9000 + Number(code.slice(1));
  if (c.kind !== 'normal') return 9999;
  if (game === 'sheepshead') {
    const t = SHEEPSHEAD_TRUMPS.indexOf(code);
    if (t >= 0) return t;
    return 100 + SHEEPSHEAD_FAIL_SUITS.indexOf(c.suit!) * 10 + SHEEPSHEAD_FAIL_RANKS.indexOf(c.rank!);
  }
  const order = SUIT_ORDER[game] ?? SUIT_ORDER.default;
  return order.indexOf(c.suit!) * 100 + RANKS.indexOf(c.rank as (typeof RANKS)[number]);
}

/** A hand in display order for `game`; never changes the input array. */
export function sortHand(cards: CardCode[], game: GameName | 'default'): CardCode[] {
  return [...cards].sort((a, b) => sortKey(a, game) - sortKey(b, game));
}
