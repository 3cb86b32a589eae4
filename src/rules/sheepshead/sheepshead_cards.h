#pragma once
// The Sheepshead deck as lookup tables over card ids (rules section 2).
//
// 32 cards: 7 8 9 T J Q K A of each suit. The 14 trumps (all queens, all
// jacks, all diamonds) form one suit for following and winning; clubs, spades
// and hearts without their queens and jacks are the three fail suits.
//
// A card's follow group is its printed suit index for fail cards (0 clubs,
// 2 hearts, 3 spades) and 1 (the index of diamonds, which are all trump) for
// the trumps, so a group index fits the same 0..3 range as a suit.
#include <array>
#include <cstdint>

#include "base/card.h"

namespace parlor::rules::sheepshead {

// The picker's under (rules 4.3.1, 4.5.5) while he holds it or after it was
// played face down: a pseudo card outside the deck, so hands and legal masks
// can carry it as one more bit. Its real card is kept apart in the state.
inline constexpr Card kUnder{std::uint8_t{60}};

inline constexpr int kTrump = 1;    // the follow group of all 14 trumps
inline constexpr int kNoGroup = 4;  // the under and anything outside the deck

namespace detail {

constexpr bool in_deck(int id) { return id < 52 && id % kNumRanks >= rank::kSeven; }

// Fail order within a suit, high to low A T K 9 8 7 (section 2.3): 6..1.
constexpr int fail_order(int r) {
  switch (r) {
    case rank::kAce: return 6;
    case rank::kTen: return 5;
    case rank::kKing: return 4;
    case rank::kNine: return 3;
    case rank::kEight: return 2;
    case rank::kSeven: return 1;
    default: return 0;
  }
}

// Queens and jacks rank clubs, spades, hearts, diamonds (section 2.2); by suit index C D H S.
constexpr int kSuitOrder[4] = {3, 0, 1, 2};

constexpr int group_of_id(int id) {
  if (!in_deck(id)) return kNoGroup;
  int r = id % kNumRanks, s = id / kNumRanks;
  if (r == rank::kQueen || r == rank::kJack || s == static_cast<int>(Suit::kDiamonds)) return kTrump;
  return s;
}

constexpr int points_of_id(int id) {
  if (!in_deck(id)) return 0;
  switch (id % kNumRanks) {
    case rank::kAce: return 11;
    case rank::kTen: return 10;
    case rank::kKing: return 4;
    case rank::kQueen: return 3;
    case rank::kJack: return 2;
    default: return 0;
  }
}

// Trick-taking power: trumps 101..123 (QC highest, 7D lowest), fail cards 1..6,
// the under 0 (it never wins).
constexpr int power_of_id(int id) {
  if (!in_deck(id)) return 0;
  int r = id % kNumRanks, s = id / kNumRanks;
  if (r == rank::kQueen) return 120 + kSuitOrder[s];
  if (r == rank::kJack) return 110 + kSuitOrder[s];
  if (s == static_cast<int>(Suit::kDiamonds)) return 100 + fail_order(r);
  return fail_order(r);
}

template <class F>
constexpr std::array<std::uint8_t, 64> table(F f) {
  std::array<std::uint8_t, 64> t{};
  for (int id = 0; id < 64; ++id) t[static_cast<size_t>(id)] = static_cast<std::uint8_t>(f(id));
  return t;
}

constexpr std::array<CardSet, 5> group_masks() {
  std::array<CardSet, 5> m{};
  for (int id = 0; id < 52; ++id)
    if (in_deck(id)) m[static_cast<size_t>(group_of_id(id))].add(Card(static_cast<std::uint8_t>(id)));
  return m;
}

inline constexpr auto kGroup = table(group_of_id);
inline constexpr auto kPoints = table(points_of_id);
inline constexpr auto kPower = table(power_of_id);
inline constexpr auto kGroupMasks = group_masks();

}  // namespace detail

constexpr int group_of(Card c) { return detail::kGroup[c.id() & 63]; }
constexpr int points_of(Card c) { return detail::kPoints[c.id() & 63]; }
constexpr int power_of(Card c) { return detail::kPower[c.id() & 63]; }
// The cards of a follow group (kTrump, or a fail suit index 0, 2, 3).
constexpr CardSet group_mask(int group) { return detail::kGroupMasks[static_cast<size_t>(group)]; }
constexpr bool is_trump(Card c) { return group_of(c) == kTrump; }

inline constexpr CardSet kDeck = group_mask(0) | group_mask(1) | group_mask(2) | group_mask(3);
inline constexpr CardSet kUnderSet{std::uint64_t{1} << 60};

constexpr int points_of(CardSet cards) {
  int sum = 0;
  for (Card c : cards) sum += points_of(c);
  return sum;
}

// Named cards used by the calling rules.
inline constexpr Card kAceClubs{rank::kAce, Suit::kClubs}, kAceSpades{rank::kAce, Suit::kSpades},
    kAceHearts{rank::kAce, Suit::kHearts};
inline constexpr Card kTenClubs{rank::kTen, Suit::kClubs}, kTenSpades{rank::kTen, Suit::kSpades},
    kTenHearts{rank::kTen, Suit::kHearts};
inline constexpr Card kJackDiamonds{rank::kJack, Suit::kDiamonds},
    kJackHearts{rank::kJack, Suit::kHearts}, kJackSpades{rank::kJack, Suit::kSpades},
    kJackClubs{rank::kJack, Suit::kClubs};

static_assert(kDeck.size() == 32);
static_assert(group_mask(kTrump).size() == 14);
static_assert(points_of(kDeck) == 120);

}  // namespace parlor::rules::sheepshead
