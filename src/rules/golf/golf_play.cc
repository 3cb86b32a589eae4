// Golf: the deal, the flow of a hole and the legality of moves (rules 3-5).
#include <algorithm>
#include <bit>
#include <string>

#include "base/check.h"
#include "base/shuffle.h"
#include "rules/golf/golf.h"

namespace parlor::rules::golf {
namespace detail {

std::uint16_t full_mask(int layout) { return static_cast<std::uint16_t>((1u << layout) - 1); }

bool grid_card_visible(const State& s, int owner, int pos, Viewer viewer) {
  const Grid& g = s.grids[static_cast<size_t>(owner)];
  const std::uint16_t bit = static_cast<std::uint16_t>(1u << pos);
  if ((g.up | g.known_all) & bit) return true;
  return viewer && *viewer == owner && (g.known_own & bit);
}

}  // namespace detail

namespace {

using detail::full_mask;

std::string seat_name(int seat) { return "seat " + std::to_string(seat); }

Error illegal(std::string message) { return make_error("illegal_move", std::move(message)); }

int next_seat(const State& s, int seat) { return (seat + 1) % s.players; }

Grid& grid_of(State& s, int seat) { return s.grids[static_cast<size_t>(seat)]; }
const Grid& grid_of(const State& s, int seat) { return s.grids[static_cast<size_t>(seat)]; }

void end_hole(State& s);

// Rules 4.4, empty stock: the discard pile except its top card, in canonical
// card order, is shuffled with the text H + ":rebuild:" + k (game-records.md)
// and read like a deal: element 0 becomes the top of the new stock. A hole is
// rebuilt at most once, so k is always 0.
void rebuild_stock(State& s) {
  const Card top = s.discard.pop();
  std::vector<Card> cards(s.discard.cards.begin(), s.discard.cards.begin() + s.discard.size);
  std::sort(cards.begin(), cards.end());
  auto hole_seed = s.deals.hand_seed_text(s.hole);
  PARLOR_CHECK(hole_seed.has_value(), "hole " << int{s.hole} << " was dealt without a seed text");
  constexpr int kRebuildIndex = 0;
  portable_shuffle(cards, *hole_seed + ":rebuild:" + std::to_string(kRebuildIndex));
  s.discard.clear();
  s.discard.push(top);
  for (size_t i = cards.size(); i-- > 0;) s.stock.push(cards[i]);
  s.rebuilt = true;
}

// Starts `seat`'s turn, first handling an empty stock (rules 4.4): rebuilt
// once per hole; the second time (or with a one-card discard pile) the hole
// ends before the turn.
void begin_turn(State& s, int seat) {
  if (s.stock.empty()) {
    if (s.rebuilt || s.discard.size <= 1) {
      end_hole(s);
      return;
    }
    rebuild_stock(s);
  }
  s.phase = Phase::kTurn;
  s.turn = static_cast<std::int8_t>(seat);
}

void start_turns(State& s) { begin_turn(s, next_seat(s, s.dealer)); }

// After `seat`'s turn: going out (6/9-card), final turns, next turn.
void end_turn(State& s, int seat) {
  s.phase = Phase::kTurn;
  s.turn = -1;
  if (!s.opt.four_card() && s.out < 0 && grid_of(s, seat).up == full_mask(s.opt.layout)) {
    s.out = static_cast<std::int8_t>(seat);
    if (!s.opt.final_turns) {
      end_hole(s);
      return;
    }
  }
  const int next = next_seat(s, seat);
  if (s.out >= 0 && next == s.out) {  // every other seat has had its final turn
    end_hole(s);
    return;
  }
  begin_turn(s, next);
}

// Rules 5: turn every card up, score, record, then deal the next hole.
void end_hole(State& s) {
  const int players = s.players;
  const std::uint16_t all = full_mask(s.opt.layout);
  std::array<int, kMaxPlayers> scores{};
  for (int p = 0; p < players; ++p) {
    Grid& g = grid_of(s, p);
    g.up = all;
    g.known_all = g.known_own = 0;
    scores[static_cast<size_t>(p)] =
        grid_score(std::span<const Card>(g.cards.data(), static_cast<size_t>(s.opt.layout)), s.opt.layout);
  }
  HoleSummary summary;
  summary.dealer = s.dealer;
  summary.out = s.out;
  if (s.opt.out_penalty == OutPenalty::kDouble && s.out >= 0)
    summary.doubled = apply_out_penalty(std::span<int>(scores.data(), static_cast<size_t>(players)), s.out);
  for (int p = 0; p < players; ++p) {
    summary.points[static_cast<size_t>(p)] = static_cast<std::int16_t>(scores[static_cast<size_t>(p)]);
    s.totals[static_cast<size_t>(p)] += scores[static_cast<size_t>(p)];
  }
  s.history[static_cast<size_t>(s.hole)] = summary;
  s.phase = Phase::kAwaitingSeed;
  s.turn = -1;
  s.out = -1;
  s.rebuilt = false;
  s.drawn = Card();
  ++s.hole;
  if (s.hole == s.opt.holes) {
    s.phase = Phase::kGameOver;
    return;
  }
  s.dealer = static_cast<std::int8_t>(next_seat(s, s.dealer));
  // Without the next hole's deck (a live game), the finished table stays in
  // view until the room supplies the seed.
  if (s.deals.has_deck(s.hole)) detail::deal_hole(s);
}

// Puts `card` into `seat`'s grid at `pos` (the old card is the caller's).
// 6/9-card: face up. 4-card: face down, known to all when it came from the
// discard pile, else to the owner only (rules 4.3).
void place(State& s, int seat, int pos, Card card, bool from_discard) {
  Grid& g = grid_of(s, seat);
  const std::uint16_t bit = static_cast<std::uint16_t>(1u << pos);
  g.cards[static_cast<size_t>(pos)] = card;
  g.up &= static_cast<std::uint16_t>(~bit);
  g.known_all &= static_cast<std::uint16_t>(~bit);
  g.known_own &= static_cast<std::uint16_t>(~bit);
  if (!s.opt.four_card()) g.up |= bit;
  else if (from_discard) g.known_all |= bit;
  else g.known_own |= bit;
}

std::uint16_t face_down(const State& s, int seat) {
  return static_cast<std::uint16_t>(full_mask(s.opt.layout) & ~grid_of(s, seat).up);
}

Status check_position(const State& s, int pos) {
  if (pos < 0 || pos >= s.opt.layout)
    return illegal("position " + std::to_string(pos) + " is not on your " + std::to_string(s.opt.layout) +
                   "-card grid (positions 0 to " + std::to_string(s.opt.layout - 1) + ")");
  return Status::Ok();
}

Status check_may_act(const State& s, int seat) {
  if (seat < 0 || seat >= s.players)
    return make_error("not_your_turn", "there is no " + seat_name(seat) + " at this table");
  switch (s.phase) {
    case Phase::kGameOver: return make_error("not_your_turn", "the game is over");
    case Phase::kAwaitingSeed:
      return make_error("not_your_turn", "the next hole has not been dealt yet");
    case Phase::kReveal:
      if ((s.revealed >> seat) & 1u)
        return make_error("not_your_turn", "you have already turned up your cards; waiting for the others");
      return Status::Ok();
    case Phase::kTurn:
    case Phase::kDrawn:
      if (seat != s.turn) return make_error("not_your_turn", "it is " + seat_name(s.turn) + "'s turn");
      return Status::Ok();
  }
  return Status::Ok();
}

Status apply_reveal(State& s, int seat, const Move& m) {
  if (m.type != MoveType::kReveal)
    return illegal("first turn up " + std::to_string(s.opt.initial_flips) +
                   " of your cards (a \"reveal\" move)");
  if (const unsigned off_grid = m.positions & ~unsigned{full_mask(s.opt.layout)}; off_grid != 0)
    return check_position(s, std::countr_zero(off_grid));
  const int count = std::popcount(m.positions);
  if (count != s.opt.initial_flips)
    return illegal("turn up exactly " + std::to_string(s.opt.initial_flips) + " cards, not " +
                   std::to_string(count));
  // Simultaneous choices (rules 4.1): the others see them once all have chosen.
  grid_of(s, seat).known_own = m.positions;
  s.revealed = static_cast<std::uint8_t>(s.revealed | (1u << seat));
  if (s.revealed == (1u << s.players) - 1) {
    for (int p = 0; p < s.players; ++p) {
      Grid& g = grid_of(s, p);
      g.up |= g.known_own;
      g.known_own = 0;
    }
    start_turns(s);
  }
  return Status::Ok();
}

Status apply_turn_start(State& s, int seat, const Move& m) {
  switch (m.type) {
    case MoveType::kDraw:
      PARLOR_CHECK(!s.stock.empty(), "a turn started with an empty stock");
      s.drawn = s.stock.pop();
      s.phase = Phase::kDrawn;
      return Status::Ok();
    case MoveType::kTakeDiscard: {
      if (auto st = check_position(s, m.position); !st) return st;
      const Card old = grid_of(s, seat).cards[static_cast<size_t>(m.position)];
      place(s, seat, m.position, s.discard.pop(), /*from_discard=*/true);
      s.discard.push(old);
      end_turn(s, seat);
      return Status::Ok();
    }
    case MoveType::kKnock:
      if (!s.opt.four_card()) return illegal("knocking is only part of 4-card Golf");
      if (s.out >= 0)
        return make_error("already_knocked", seat_name(s.out) + " has already knocked in this hole");
      s.out = static_cast<std::int8_t>(seat);
      end_turn(s, seat);
      return Status::Ok();
    case MoveType::kSwap:
    case MoveType::kDiscard:
      return illegal("draw a card from the stock first (or take the top discard into your grid)");
    case MoveType::kReveal:
      return illegal("the initial reveal is over");
  }
  return illegal("unknown move");
}

Status apply_discard_drawn(State& s, int seat, const Move& m) {
  const std::uint16_t down = face_down(s, seat);
  if (m.position >= 0) {
    if (s.opt.four_card()) return illegal("in 4-card Golf cards are never turned face up during play");
    if (s.opt.flip_after_discard == FlipMode::kNone)
      return illegal("this table does not allow turning a card up after discarding (flip_after_discard: none)");
    if (auto st = check_position(s, m.position); !st) return st;
    if (!((down >> m.position) & 1u))
      return illegal("position " + std::to_string(m.position) + " is already face up");
  } else if (!s.opt.four_card() && s.opt.flip_after_discard == FlipMode::kRequired && down != 0) {
    return make_error("must_flip",
                      "after discarding you must turn up one of your face-down cards (flip_after_discard: required)");
  }
  s.discard.push(s.drawn);
  s.drawn = Card();
  if (m.position >= 0) grid_of(s, seat).up |= static_cast<std::uint16_t>(1u << m.position);
  end_turn(s, seat);
  return Status::Ok();
}

Status apply_drawn(State& s, int seat, const Move& m) {
  switch (m.type) {
    case MoveType::kSwap: {
      if (auto st = check_position(s, m.position); !st) return st;
      const Card old = grid_of(s, seat).cards[static_cast<size_t>(m.position)];
      place(s, seat, m.position, s.drawn, /*from_discard=*/false);
      s.drawn = Card();
      s.discard.push(old);
      end_turn(s, seat);
      return Status::Ok();
    }
    case MoveType::kDiscard:
      return apply_discard_drawn(s, seat, m);
    case MoveType::kDraw:
    case MoveType::kTakeDiscard:
    case MoveType::kKnock:
    case MoveType::kReveal:
      return illegal("you hold the drawn " + s.drawn.str() +
                     ": swap it into your grid or discard it");
  }
  return illegal("unknown move");
}

// Appends every `k`-subset of positions 0..n-1 as a mask, in lexicographic
// order of the sorted position lists.
void reveal_masks(int n, int k, int from, std::uint16_t chosen, std::vector<Move>& out) {
  if (k == 0) {
    out.push_back(Move::reveal(chosen));
    return;
  }
  for (int p = from; p <= n - k; ++p)
    reveal_masks(n, k - 1, p + 1, static_cast<std::uint16_t>(chosen | (1u << p)), out);
}

}  // namespace

namespace detail {

void deal_hole(State& s) {
  const auto canonical = canonical_deck(s.decks, s.opt.jokers);
  const std::vector<Card> deck = s.deals.deck(s.hole, canonical);
  PARLOR_CHECK(deck.size() == canonical.size(), "deck of " << deck.size() << " cards");
  const int players = s.players, layout = s.opt.layout;
  s.grids = {};
  s.stock.clear();
  s.discard.clear();
  s.drawn = Card();
  s.out = -1;
  s.rebuilt = false;
  s.revealed = 0;
  s.turn = -1;
  // Rules 3.4: d[j] goes to seat (dealer + 1 + j mod P) mod P at position j div P.
  const size_t dealt = static_cast<size_t>(players * layout);
  for (size_t j = 0; j < dealt; ++j) {
    const int seat = (s.dealer + 1 + static_cast<int>(j) % players) % players;
    s.grids[static_cast<size_t>(seat)].cards[j / static_cast<size_t>(players)] = deck[j];
  }
  s.discard.push(deck[dealt]);
  for (size_t i = deck.size(); i-- > dealt + 1;) s.stock.push(deck[i]);  // d[dealt+1] on top
  if (s.opt.four_card()) {
    // Rules 4.1: each player privately sees his two nearest cards.
    for (int p = 0; p < players; ++p) s.grids[static_cast<size_t>(p)].known_own = 0b1100;
    start_turns(s);
  } else if (s.opt.initial_flips > 0) {
    s.phase = Phase::kReveal;
  } else {
    start_turns(s);
  }
}

}  // namespace detail

std::uint32_t Golf::to_act(const State& s) {
  switch (s.phase) {
    case Phase::kReveal: return ((1u << s.players) - 1) & ~std::uint32_t{s.revealed};
    case Phase::kTurn:
    case Phase::kDrawn: return 1u << s.turn;
    case Phase::kAwaitingSeed:
    case Phase::kGameOver: return 0;
  }
  return 0;
}

// Order: reveal sets lexicographically; at the start of a turn `draw`, then
// `take_discard` by position, then `knock`; holding a drawn card `swap` by
// position, then `discard` without a flip, then `discard` with each flip.
void Golf::legal_moves(const State& s, int seat, std::vector<Move>& out) {
  out.clear();
  if (seat < 0 || seat >= s.players || !((to_act(s) >> seat) & 1u)) return;
  const int layout = s.opt.layout;
  switch (s.phase) {
    case Phase::kReveal:
      reveal_masks(layout, s.opt.initial_flips, 0, 0, out);
      return;
    case Phase::kTurn:
      out.push_back(Move::draw());
      for (int p = 0; p < layout; ++p) out.push_back(Move::take_discard(p));
      if (s.opt.four_card() && s.out < 0) out.push_back(Move::knock());
      return;
    case Phase::kDrawn: {
      for (int p = 0; p < layout; ++p) out.push_back(Move::swap(p));
      const std::uint16_t down = face_down(s, seat);
      const bool may_flip = !s.opt.four_card() && s.opt.flip_after_discard != FlipMode::kNone;
      const bool must_flip = may_flip && s.opt.flip_after_discard == FlipMode::kRequired && down != 0;
      if (!must_flip) out.push_back(Move::discard());
      if (may_flip)
        for (int p = 0; p < layout; ++p)
          if ((down >> p) & 1u) out.push_back(Move::discard(p));
      return;
    }
    case Phase::kAwaitingSeed:
    case Phase::kGameOver:
      return;
  }
}

Status Golf::apply(State& s, int seat, const Move& m) {
  // Every check below runs before the first change to `s`.
  if (auto st = check_may_act(s, seat); !st) return st;
  switch (s.phase) {
    case Phase::kReveal: return apply_reveal(s, seat, m);
    case Phase::kTurn: return apply_turn_start(s, seat, m);
    case Phase::kDrawn: return apply_drawn(s, seat, m);
    case Phase::kAwaitingSeed:
    case Phase::kGameOver: break;
  }
  PARLOR_CHECK(false, "phase " << static_cast<int>(s.phase) << " let seat " << seat << " act");
  return Status::Ok();
}

void Golf::add_hand_seed(State& s, std::string seed_text) {
  s.deals = s.deals.with_hand_seed(std::move(seed_text));
  if (s.phase == Phase::kAwaitingSeed && s.deals.has_deck(s.hole)) detail::deal_hole(s);
}

}  // namespace parlor::rules::golf
