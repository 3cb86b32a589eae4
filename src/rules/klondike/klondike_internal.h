#pragma once
// Helpers shared by the Klondike source files (not part of the public API).
#include <string>
#include <string_view>

#include "rules/klondike/klondike.h"

namespace parlor::rules::klondike::detail {

inline constexpr int kKing = 13;
inline constexpr int kVegasAnte = 52;

// Whether card c may be placed on column `col` (4.4): on a face-up card of the
// other colour one rank higher, or, on an empty column, only a king.
inline bool fits_column(const Column& col, Card c) {
  if (col.empty()) return klondike_rank(c) == kKing;
  const Card top = col.top();
  return is_red(top) != is_red(c) && klondike_rank(top) == klondike_rank(c) + 1;
}

// Whether card c may be placed on a foundation whose top card is `top`
// (Card() = empty): an ace on an empty one, else the next card of its suit.
inline bool fits_foundation(Card top, Card c) {
  if (top.is_none()) return klondike_rank(c) == 1;
  return top.suit() == c.suit() && klondike_rank(c) == klondike_rank(top) + 1;
}

// The index in `from` of the face-up card that heads the group fitting on
// `to`, or -1. At most one exists: a face-up run descends one rank per card
// from its bottom card, so the head's place follows from the ranks.
inline int fitting_group_head(const Column& from, const Column& to) {
  if (from.empty()) return -1;
  const int need = to.empty() ? kKing : klondike_rank(to.top()) - 1;
  if (need < 1) return -1;
  const int first_up = from.down;
  const int i = first_up + (klondike_rank(from.cards[static_cast<size_t>(first_up)]) - need);
  if (i < first_up || i >= from.size) return -1;
  return fits_column(to, from.cards[static_cast<size_t>(i)]) ? i : -1;
}

// The foundation an auto-complete step puts c on: an ace on the first empty
// foundation, any other card on its suit's. -1 when c fits none.
int auto_foundation_for(const State& s, Card c);
bool may_recycle(const State& s);

// Deals hand 0 from s.deals by the reproducible deal of 3.2.
void deal(State& s);

std::string_view scoring_name(Scoring s);
std::string_view status_name(GameStatus s);
std::string_view move_type_name(MoveType t);

// A validated action, ready to be carried out.
struct Action {
  MoveType type = MoveType::kAbandon;
  Pile from = kNoPile;
  Pile to = kNoPile;
  int count = 0;
};

// Validates move m in state s (the seat and game status already checked).
Result<Action> plan(const State& s, const Move& m);
// not_your_turn unless seat 0 may act now.
Status check_turn(const State& s, int seat);
// The elapsed seconds of an action: its "t", or the previous one when absent;
// refuses a "t" earlier than the previous one in a timed game.
Result<std::int32_t> action_time(const State& s, const Move& m);

inline Error illegal(std::string message) { return make_error("illegal_move", std::move(message)); }

}  // namespace parlor::rules::klondike::detail
