#include "bots/golf_policy.h"

#include <algorithm>
#include <bit>

namespace parlor::bots::golf_bot {
namespace {

// What a seat expects to gain in its own turn, when guessing final scores.
constexpr double kTurnGain = 1.5;
// A swap must gain at least this much to beat a plain discard.
constexpr double kMinSwapGain = 0.5;

int key_value(int key) { return key == 13 ? -2 : go::card_value(Card(key, Suit::kClubs)); }

double mean_unseen(const Table& t) {
  if (t.unseen_total == 0) return 5.0;
  double sum = 0;
  for (int k = 0; k < kKeys; ++k) sum += t.unseen[k] * key_value(k);
  return sum / t.unseen_total;
}

// Expected score of one column of `cards` (Card() = unknown).
double column_estimate(const Table& t, const Card* cards, int n, double mean) {
  int unknown = 0, sum = 0, first_key = -1;
  bool all_match = true;
  for (int i = 0; i < n; ++i) {
    if (cards[i].is_none()) {
      ++unknown;
      continue;
    }
    const int key = go::match_key(cards[i]);
    sum += key_value(key);
    if (first_key < 0) first_key = key;
    all_match = all_match && key == first_key;
  }
  if (unknown == 0) return all_match ? 0 : sum;
  double est = sum + unknown * mean;
  if (first_key >= 0 && all_match && t.unseen_total > 0) {
    double p = 1;
    for (int i = 0; i < unknown; ++i) p *= static_cast<double>(t.unseen[first_key]) / t.unseen_total;
    est -= p * (sum + unknown * key_value(first_key));
  }
  return est;
}

// Expected score of seat p's grid as `t.seat` sees it, with `grid` overriding.
double grid_estimate(const Table& t, const std::array<Card, go::kMaxGrid>& grid, double mean) {
  const int cols = t.opt.columns(), rows = t.opt.rows();
  double total = 0;
  for (int c = 0; c < cols; ++c) {
    std::array<Card, 3> col{};
    for (int r = 0; r < rows; ++r) col[r] = grid[static_cast<size_t>(r * cols + c)];
    total += column_estimate(t, col.data(), rows, mean);
  }
  return total;
}

std::uint16_t full(const Table& t) { return static_cast<std::uint16_t>((1u << t.opt.layout) - 1); }

// The lowest expected score among the other seats, after their next turn.
double best_other(const Table& t, double mean) {
  double best = 1e9;
  for (int p = 0; p < t.players; ++p)
    if (p != t.seat) best = std::min(best, grid_estimate(t, t.known[p], mean) - kTurnGain);
  return best;
}

// The cost of going out with `final_score` when the best other seat expects
// `others`: the risk of not being lowest.
double out_cost(const Table& t, double final_score, double others) {
  if (t.out >= 0) return 0;  // someone else already did: no choice left
  double cost = std::max(0.0, final_score - (others - 1));
  if (t.opt.out_penalty == go::OutPenalty::kDouble && final_score > 0 && final_score >= others)
    cost += final_score;
  return cost;
}

struct Placement {
  double gain = 0;  // drop of our expected score (less the going-out cost)
  int position = -1;
};

// Our grid's expected score column by column, computed once per decision.
struct Mine {
  double mean = 0;
  std::array<double, 3> column{};
  double total = 0;
  double others = 1e9;  // best_other(), computed when first needed
};

Mine mine_of(const Table& t) {
  Mine m;
  m.mean = mean_unseen(t);
  const int cols = t.opt.columns(), rows = t.opt.rows();
  for (int c = 0; c < cols; ++c) {
    std::array<Card, 3> col{};
    for (int r = 0; r < rows; ++r) col[r] = t.known[t.seat][static_cast<size_t>(r * cols + c)];
    m.column[c] = column_estimate(t, col.data(), rows, m.mean);
    m.total += m.column[c];
  }
  return m;
}

// The best position for `card` (face up after placing, known to us): only
// the column it lands in changes.
Placement best_placement(const Table& t, Mine& m, Card card) {
  const int cols = t.opt.columns(), rows = t.opt.rows();
  Placement best;
  best.gain = -1e9;
  for (int pos = 0; pos < t.opt.layout; ++pos) {
    const int c = pos % cols;
    std::array<Card, 3> col{};
    for (int r = 0; r < rows; ++r) col[r] = t.known[t.seat][static_cast<size_t>(r * cols + c)];
    col[pos / cols] = card;
    const double after_col = column_estimate(t, col.data(), rows, m.mean);
    double gain = m.column[c] - after_col;
    const std::uint16_t up_after = static_cast<std::uint16_t>(t.up[t.seat] | (1u << pos));
    if (!t.opt.four_card() && up_after == full(t)) {
      if (m.others > 1e8) m.others = best_other(t, m.mean);
      gain -= out_cost(t, m.total - m.column[c] + after_col, m.others);
    }
    if (gain > best.gain) best = {gain, pos};
  }
  return best;
}

// The expected gain of drawing: the best use of each unseen card, or nothing.
double draw_gain(const Table& t, Mine& m) {
  if (t.unseen_total == 0) return 0;
  double sum = 0;
  for (int k = 0; k < kKeys; ++k) {
    if (t.unseen[k] == 0) continue;
    const Card c = k == 13 ? Card(Card::kJoker1) : Card(k, Suit::kClubs);
    sum += t.unseen[k] * std::max(0.0, best_placement(t, m, c).gain);
  }
  return sum / t.unseen_total;
}

}  // namespace

std::uint16_t choose_reveal(const Table& t) {
  // One card per column, nearest row first: it tells most about pairs.
  const int cols = t.opt.columns(), rows = t.opt.rows();
  std::uint16_t mask = 0;
  int left = t.opt.initial_flips;
  for (int r = rows - 1; r >= 0 && left > 0; --r)
    for (int c = 0; c < cols && left > 0; ++c) {
      mask = static_cast<std::uint16_t>(mask | (1u << (r * cols + c)));
      --left;
    }
  return mask;
}

go::Move choose_turn(const Table& t) {
  Mine m = mine_of(t);
  if (t.opt.four_card() && t.out < 0) {
    if (m.total <= best_other(t, m.mean) - 2 || m.total <= 1) return go::Move::knock();
  }
  if (!t.top_discard.is_none()) {
    const Placement take = best_placement(t, m, t.top_discard);
    if (take.gain > kMinSwapGain && take.gain >= draw_gain(t, m)) return go::Move::take_discard(take.position);
  }
  return go::Move::draw();
}

go::Move choose_drawn(const Table& t) {
  Mine m = mine_of(t);
  const Placement swap = best_placement(t, m, t.drawn);
  if (swap.gain > kMinSwapGain) return go::Move::swap(swap.position);
  const std::uint16_t down = static_cast<std::uint16_t>(full(t) & ~t.up[t.seat]);
  if (t.opt.four_card() || down == 0 || t.opt.flip_after_discard == go::FlipMode::kNone)
    return go::Move::discard();
  // Flip the face-down card whose column we know most about.
  const int cols = t.opt.columns(), rows = t.opt.rows();
  int flip = -1, best_known = -1;
  for (int pos = 0; pos < t.opt.layout; ++pos) {
    if (!((down >> pos) & 1u)) continue;
    int known = 0;
    for (int r = 0; r < rows; ++r) known += !t.known[t.seat][static_cast<size_t>(r * cols + pos % cols)].is_none();
    if (known > best_known) best_known = known, flip = pos;
  }
  if (t.opt.flip_after_discard == go::FlipMode::kRequired) return go::Move::discard(flip);
  if (std::popcount(down) > 1) return go::Move::discard(flip);
  // Flipping the last card goes out: only when that is likely to win the hole.
  return out_cost(t, m.total, best_other(t, m.mean)) == 0 && t.out < 0 ? go::Move::discard(flip)
                                                                          : go::Move::discard();
}

Table table_from_state(const go::State& s, int seat) {
  Table t;
  t.seat = seat;
  t.players = s.players;
  t.opt = s.opt;
  t.out = s.out;
  // The full deck(s) by match key: 4 of each rank per deck, 2 jokers per deck.
  for (int k = 0; k < 13; ++k) t.unseen[k] = 4 * s.decks;
  t.unseen[13] = s.opt.jokers ? 2 * s.decks : 0;
  t.unseen_total = (52 + (s.opt.jokers ? 2 : 0)) * s.decks;
  auto seen = [&](Card c) {
    --t.unseen[go::match_key(c)];
    --t.unseen_total;
  };
  for (int p = 0; p < s.players; ++p) {
    const go::Grid& g = s.grids[static_cast<size_t>(p)];
    t.up[p] = g.up;
    for (int pos = 0; pos < s.opt.layout; ++pos) {
      if (!go::detail::grid_card_visible(s, p, pos, seat)) continue;
      t.known[p][static_cast<size_t>(pos)] = g.cards[static_cast<size_t>(pos)];
      seen(g.cards[static_cast<size_t>(pos)]);
    }
  }
  for (int i = 0; i < s.discard.size; ++i) seen(s.discard.cards[static_cast<size_t>(i)]);
  if (!s.discard.empty()) t.top_discard = s.discard.top();
  if (s.phase == go::Phase::kDrawn && s.turn == seat) {
    t.drawn = s.drawn;
    seen(s.drawn);
  }
  return t;
}

}  // namespace parlor::bots::golf_bot
