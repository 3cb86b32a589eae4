#pragma once
// Cards as one byte, card sets as one 64-bit word.
//
// A card is rank + suit, written "QS", "TH", "2C"; Golf's jokers are "X1",
// "X2". The id is suit * 13 + rank (rank 0 = '2' ... 12 = 'A'; suits C D H S),
// so sorting ids gives the canonical deck order of game-records.md: suits
// C D H S, ranks ascending within a suit, then the jokers.
#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parlor {

enum class Suit : std::uint8_t { kClubs = 0, kDiamonds = 1, kHearts = 2, kSpades = 3 };
inline constexpr int kNumSuits = 4;
inline constexpr int kNumRanks = 13;

// Rank indexes: kTwo = 0 ... kAce = 12.
namespace rank {
inline constexpr int kTwo = 0, kThree = 1, kFour = 2, kFive = 3, kSix = 4,
                     kSeven = 5, kEight = 6, kNine = 7, kTen = 8, kJack = 9,
                     kQueen = 10, kKing = 11, kAce = 12;
}  // namespace rank

class Card {
 public:
  static constexpr std::uint8_t kJoker1 = 52, kJoker2 = 53, kNone = 255;

  constexpr Card() = default;
  constexpr explicit Card(std::uint8_t id) : id_(id) {}
  constexpr Card(int rank_index, Suit s)
      : id_(static_cast<std::uint8_t>(static_cast<int>(s) * kNumRanks + rank_index)) {}

  constexpr std::uint8_t id() const { return id_; }
  constexpr bool is_joker() const { return id_ == kJoker1 || id_ == kJoker2; }
  constexpr bool is_none() const { return id_ == kNone; }
  // Rank index 0..12; only for non-jokers.
  constexpr int rank() const { return id_ % kNumRanks; }
  constexpr Suit suit() const { return static_cast<Suit>(id_ / kNumRanks); }

  std::string str() const;  // "QS", "X1"; "??" for none
  // Parses "QS", "X2". Returns nullopt for anything else.
  static std::optional<Card> parse(std::string_view text);

  constexpr auto operator<=>(const Card&) const = default;

 private:
  std::uint8_t id_ = kNone;
};

char rank_char(int rank_index);
char suit_char(Suit s);
std::string_view suit_name(Suit s);    // "clubs"
std::string_view rank_name(int rank);  // "queen"
std::string card_name(Card c);         // "queen of spades", "joker"

// A set of distinct cards (ids 0..63). Iterates in id order.
class CardSet {
 public:
  constexpr CardSet() = default;
  constexpr explicit CardSet(std::uint64_t bits) : bits_(bits) {}
  static CardSet of(const std::vector<Card>& cards);
  static constexpr CardSet suit(Suit s) {
    return CardSet(std::uint64_t{0x1FFF} << (static_cast<int>(s) * kNumRanks));
  }

  constexpr std::uint64_t bits() const { return bits_; }
  constexpr bool contains(Card c) const { return (bits_ >> c.id()) & 1u; }
  constexpr void add(Card c) { bits_ |= std::uint64_t{1} << c.id(); }
  constexpr void remove(Card c) { bits_ &= ~(std::uint64_t{1} << c.id()); }
  constexpr int size() const { return std::popcount(bits_); }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr CardSet operator&(CardSet o) const { return CardSet(bits_ & o.bits_); }
  constexpr CardSet operator|(CardSet o) const { return CardSet(bits_ | o.bits_); }
  constexpr CardSet operator-(CardSet o) const { return CardSet(bits_ & ~o.bits_); }
  constexpr bool operator==(const CardSet&) const = default;
  constexpr Card lowest() const { return Card(static_cast<std::uint8_t>(std::countr_zero(bits_))); }
  constexpr Card highest() const { return Card(static_cast<std::uint8_t>(63 - std::countl_zero(bits_))); }
  std::vector<Card> cards() const;

  class Iterator {
   public:
    constexpr explicit Iterator(std::uint64_t b) : b_(b) {}
    constexpr Card operator*() const { return Card(static_cast<std::uint8_t>(std::countr_zero(b_))); }
    constexpr Iterator& operator++() { b_ &= b_ - 1; return *this; }
    constexpr bool operator!=(const Iterator& o) const { return b_ != o.b_; }
   private:
    std::uint64_t b_;
  };
  constexpr Iterator begin() const { return Iterator(bits_); }
  constexpr Iterator end() const { return Iterator(0); }

 private:
  std::uint64_t bits_ = 0;
};

// The canonical 52-card deck, 2C..AS in id order.
std::vector<Card> standard_deck();
// Parses a list of card codes; nullopt on the first bad one.
std::optional<std::vector<Card>> parse_cards(const std::vector<std::string>& codes);
std::vector<std::string> card_strings(const std::vector<Card>& cards);

}  // namespace parlor
