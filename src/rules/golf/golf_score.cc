// Golf: decks, card values and hole scoring (rules sections 2, 5 and 6).
#include <algorithm>
#include <limits>

#include "base/check.h"
#include "rules/golf/golf.h"

namespace parlor::rules::golf {

int decks_for(int layout, int players) {
  // Rules 2.1: the largest player count one deck serves, per layout.
  int one_deck_max = layout == 4 ? 6 : layout == 6 ? 4 : 3;
  return players <= one_deck_max ? 1 : 2;
}

std::vector<Card> canonical_deck(int decks, bool jokers) {
  std::vector<Card> out;
  out.reserve(static_cast<size_t>(decks * 54));
  for (int d = 0; d < decks; ++d) {
    for (std::uint8_t id = 0; id < 52; ++id) out.push_back(Card(id));
    if (jokers) {
      out.push_back(Card(Card::kJoker1));
      out.push_back(Card(Card::kJoker2));
    }
  }
  return out;
}

int card_value(Card c) {
  if (c.is_joker()) return -2;
  switch (c.rank()) {
    case rank::kTwo: return -2;
    case rank::kJack:
    case rank::kQueen: return 10;
    case rank::kKing: return 0;
    case rank::kAce: return 1;
    default: return c.rank() + 2;  // three .. ten: face value
  }
}

int match_key(Card c) { return c.is_joker() ? kNumRanks : c.rank(); }

int grid_score(std::span<const Card> grid, int layout) {
  PARLOR_CHECK(layout == 4 || layout == 6 || layout == 9, "layout=" << layout);
  PARLOR_CHECK(grid.size() >= static_cast<size_t>(layout), "grid of " << grid.size() << " cards");
  const int columns = layout == 4 ? 2 : 3;
  const int rows = layout / columns;
  int score = 0;
  for (int c = 0; c < columns; ++c) {
    bool all_match = true;
    int sum = 0;
    const Card first = grid[static_cast<size_t>(c)];
    for (int r = 0; r < rows; ++r) {
      const Card card = grid[static_cast<size_t>(r * columns + c)];
      all_match = all_match && match_key(card) == match_key(first);
      sum += card_value(card);
    }
    score += all_match ? 0 : sum;
  }
  return score;
}

bool apply_out_penalty(std::span<int> scores, int out_seat) {
  PARLOR_CHECK(out_seat >= 0 && static_cast<size_t>(out_seat) < scores.size(), "out=" << out_seat);
  const int mine = scores[static_cast<size_t>(out_seat)];
  if (mine <= 0) return false;  // a zero or negative score is never doubled
  bool strictly_lowest = true;
  for (size_t p = 0; p < scores.size(); ++p)
    if (static_cast<int>(p) != out_seat && scores[p] <= mine) strictly_lowest = false;
  if (strictly_lowest) return false;
  scores[static_cast<size_t>(out_seat)] = 2 * mine;
  return true;
}

std::vector<int> lowest_seats(std::span<const int> totals) {
  int best = std::numeric_limits<int>::max();
  for (int t : totals) best = std::min(best, t);
  std::vector<int> out;
  for (size_t p = 0; p < totals.size(); ++p)
    if (totals[p] == best) out.push_back(static_cast<int>(p));
  return out;
}

}  // namespace parlor::rules::golf
