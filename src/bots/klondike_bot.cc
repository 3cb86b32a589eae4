// Klondike: no opponents to search against; every level plays the same
// sensible move, used for a turn-timer auto-play: auto-complete, then safe
// foundation moves, then tableau moves that turn a face-down card, then waste
// to tableau, then draw or recycle. Moves that change nothing (a card sliding
// between two equal parents, a card back from a foundation) and undo come
// last; when nothing else is left the game is stuck and the bot abandons it,
// as it does after many fruitless trips through the stock.
#include <array>
#include <string>

#include "bots/games.h"

namespace parlor::bots {
namespace {

// Klondike rank: ace 1 ... king 13.
int kl_rank(Card c) { return (c.rank() + 1) % kNumRanks + 1; }
bool red(Card c) { return c.suit() == Suit::kDiamonds || c.suit() == Suit::kHearts; }

// After this many trips through the stock without winning, the game is not
// going anywhere: recycling again only burns turns (unlimited passes).
constexpr int kMaxRecycles = 20;

struct Table {
  std::array<json::array, 7> tableau;
  int recycles = 0;
  std::array<int, 4> foundation_rank{};  // per suit index: top rank built so far (0 none)
};

Table read_table(const json::object& view) {
  Table t;
  const auto& tab = array_at(view, "tableau");
  for (size_t c = 0; c < 7 && c < tab.size(); ++c) t.tableau[c] = tab[c].as_array();
  t.recycles = int_or(view, "recycles", 0);
  for (const auto& f : array_at(view, "foundations")) {
    if (f.is_null()) continue;
    const Card top = as_card(f);
    t.foundation_rank[static_cast<int>(top.suit())] = kl_rank(top);
  }
  return t;
}

// A foundation move that cannot be needed later for building: low cards, or
// cards whose lower opposite-colour cards are already home.
bool safe_home(const Table& t, Card c) {
  const int r = kl_rank(c);
  if (r <= 2) return true;
  for (int s = 0; s < 4; ++s) {
    const Card other(0, static_cast<Suit>(s));
    if (red(other) != red(c) && t.foundation_rank[s] < r - 1) return false;
  }
  return true;
}

int column_of(std::string_view pile) {
  return pile.size() == 2 && pile[0] == 't' ? pile[1] - '1' : -1;
}

int score(const Table& t, const json::object& m) {
  const std::string_view type = string_at(m, "type");
  if (type == "auto_complete") return 1000;
  if (type == "draw") return 100;
  if (type == "recycle") return t.recycles < kMaxRecycles ? 90 : -85;
  if (type == "undo") return -100;
  if (type == "abandon") return -80;
  const std::string_view from = string_at(m, "from"), to = string_at(m, "to");
  const Card card = as_card(*find(m, "card"));
  const int col = column_of(from);
  bool turns = false, empties = false;
  int hidden = 0;
  if (col >= 0) {
    const auto& pile = t.tableau[static_cast<size_t>(col)];
    for (size_t i = 0; i < pile.size(); ++i) {
      if (pile[i].is_null()) {
        ++hidden;
        continue;
      }
      if (as_card(pile[i]) != card) continue;
      turns = i > 0 && pile[i - 1].is_null();
      empties = i == 0;
      break;
    }
  }
  if (to[0] == 'f') {
    if (!safe_home(t, card)) return turns ? 380 : 150;
    return (col >= 0 ? 520 : 500) + (turns ? 50 : 0);
  }
  if (from[0] == 'f') return -95;
  if (from == "waste") return 300;
  if (turns) return 400 + hidden;
  // Emptying a column helps only if the group is not a king already at the bottom.
  if (empties && kl_rank(card) != 13) return 200;
  return -90;
}

}  // namespace

size_t klondike_choice(const BotInput& in) {
  const Table t = read_table(in.view);
  size_t best = 0;
  int best_score = -1000;
  for (size_t i = 0; i < in.legal.size(); ++i) {
    const int s = score(t, in.legal[i].as_object());
    if (s > best_score) best_score = s, best = i;
  }
  return best;
}

}  // namespace parlor::bots
