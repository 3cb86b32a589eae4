#include "base/card.h"

#include <array>

namespace parlor {
namespace {
constexpr std::string_view kRankChars = "23456789TJQKA";
constexpr std::string_view kSuitChars = "CDHS";
constexpr std::array<std::string_view, 13> kRankNames = {
    "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "jack", "queen", "king", "ace"};
constexpr std::array<std::string_view, 4> kSuitNames = {"clubs", "diamonds", "hearts", "spades"};
}  // namespace

char rank_char(int rank_index) { return kRankChars.at(static_cast<size_t>(rank_index)); }
char suit_char(Suit s) { return kSuitChars.at(static_cast<size_t>(s)); }
std::string_view suit_name(Suit s) { return kSuitNames.at(static_cast<size_t>(s)); }
std::string_view rank_name(int rank_index) { return kRankNames.at(static_cast<size_t>(rank_index)); }

std::string card_name(Card c) {
  if (c.is_joker()) return "joker";
  if (c.is_none()) return "no card";
  std::string out(rank_name(c.rank()));
  out += " of ";
  out += suit_name(c.suit());
  return out;
}

std::string Card::str() const {
  if (id_ == kJoker1) return "X1";
  if (id_ == kJoker2) return "X2";
  if (id_ >= 52) return "??";
  return std::string{rank_char(rank()), suit_char(suit())};
}

std::optional<Card> Card::parse(std::string_view text) {
  if (text.size() != 2) return std::nullopt;
  if (text == "X1") return Card(kJoker1);
  if (text == "X2") return Card(kJoker2);
  auto r = kRankChars.find(text[0]);
  auto s = kSuitChars.find(text[1]);
  if (r == std::string_view::npos || s == std::string_view::npos) return std::nullopt;
  return Card(static_cast<int>(r), static_cast<Suit>(s));
}

CardSet CardSet::of(const std::vector<Card>& cards) {
  CardSet s;
  for (Card c : cards) s.add(c);
  return s;
}

std::vector<Card> CardSet::cards() const {
  std::vector<Card> out;
  out.reserve(static_cast<size_t>(size()));
  for (Card c : *this) out.push_back(c);
  return out;
}

std::vector<Card> standard_deck() {
  std::vector<Card> d;
  d.reserve(52);
  for (std::uint8_t i = 0; i < 52; ++i) d.push_back(Card(i));
  return d;
}

std::optional<std::vector<Card>> parse_cards(const std::vector<std::string>& codes) {
  std::vector<Card> out;
  out.reserve(codes.size());
  for (const auto& code : codes) {
    auto c = Card::parse(code);
    if (!c) return std::nullopt;
    out.push_back(*c);
  }
  return out;
}

std::vector<std::string> card_strings(const std::vector<Card>& cards) {
  std::vector<std::string> out;
  out.reserve(cards.size());
  for (Card c : cards) out.push_back(c.str());
  return out;
}

}  // namespace parlor
