// Klondike move validation: every rule of 4.1-4.4 and 4.8 checked before
// anything changes, with messages for people that never reveal a face-down card.
#include <algorithm>

#include "rules/klondike/klondike.h"
#include "rules/klondike/klondike_internal.h"

namespace parlor::rules::klondike::detail {
namespace {

std::string column_label(Pile p) { return "column " + std::to_string(column_index(p) + 1); }

std::string card_word(int krank, bool red) {
  return std::string(red ? "a red " : "a black ") +
         std::string(rank_name(card_of(krank, Suit::kClubs).rank()));
}

// "its top card KH takes only a black queen" (for a non-empty column).
std::string what_column_takes(const Column& col) {
  const Card top = col.top();
  return "its top card " + top.str() +
         (klondike_rank(top) == 1 ? std::string(" takes no card")
                                  : " takes only " + card_word(klondike_rank(top) - 1, !is_red(top)));
}

std::string column_refusal(const Column& col, Pile to, Card head) {
  if (col.empty())
    return column_label(to) + " is empty: only a king, or a group headed by a king, may go there, not " +
           head.str();
  return head.str() + " does not fit on " + column_label(to) + ": " + what_column_takes(col);
}

std::string foundation_refusal(Card top, Pile to, Card head) {
  const std::string f = pile_name(to);
  if (top.is_none()) return f + " is empty: only an ace may start a foundation, not " + head.str();
  if (klondike_rank(top) == detail::kKing) return f + " is complete (up to " + top.str() + ")";
  return head.str() + " does not fit on " + f + ": it holds " + std::string(suit_name(top.suit())) +
         " up to " + top.str() + " and takes only " + card_of(klondike_rank(top) + 1, top.suit()).str() +
         " next";
}

int face_up_index(const Column& col, Card c) {
  for (int i = col.down; i < col.size; ++i)
    if (col.cards[static_cast<size_t>(i)] == c) return i;
  return -1;
}

Result<Action> plan_card_move(const State& s, const Move& m) {
  const Pile from = m.from, to = m.to;
  if (from > foundation_pile(3) || to > foundation_pile(3))
    return illegal("a move names its piles: waste, t1..t7 or f1..f4");
  if (to == kWaste) return illegal("cards go to the waste only by drawing from the stock");
  if (from == to) return illegal("a move needs two different piles");
  if (is_foundation(from) && is_foundation(to))
    return illegal("a card cannot move from one foundation to another");
  if (is_foundation(from) && !s.options.foundation_to_tableau)
    return illegal("moving cards back from a foundation is off at this table");

  const Card named = m.card;
  Card head;
  int count = 1;
  if (from == kWaste) {
    if (s.waste_size == 0) return illegal("the waste is empty");
    head = s.waste_top();
    if (!named.is_none() && named != head)
      return illegal("only the top card of the waste can be played: it is " + head.str() + ", not " +
                     named.str());
  } else if (is_foundation(from)) {
    head = s.foundations[static_cast<size_t>(foundation_index(from))];
    if (head.is_none()) return illegal(pile_name(from) + " is empty");
    if (!named.is_none() && named != head)
      return illegal("only the top card of " + pile_name(from) + " can move: it is " + head.str() + ", not " +
                     named.str());
  } else {
    const Column& col = s.tableau[static_cast<size_t>(column_index(from))];
    if (col.empty()) return illegal(column_label(from) + " is empty");
    // Never say where a face-down card lies: the same words for "face down"
    // and "elsewhere".
    const int named_at = named.is_none() ? -1 : face_up_index(col, named);
    if (!named.is_none() && named_at < 0)
      return illegal(named.str() + " is not a face-up card in " + column_label(from));
    if (is_foundation(to)) {
      head = col.top();
      if (named_at >= 0 && named != head)
        return illegal("only the top card of " + column_label(from) + " (" + head.str() +
                       ") can go to a foundation");
    } else {
      const Column& target = s.tableau[static_cast<size_t>(column_index(to))];
      int at = named_at;
      if (at < 0) {
        at = fitting_group_head(col, target);
        if (at < 0) {
          if (target.empty())
            return illegal("no king heads a face-up group in " + column_label(from) +
                           ", and only a king may go to the empty " + column_label(to));
          return illegal("no face-up card of " + column_label(from) + " fits on " + column_label(to) + ": " +
                         what_column_takes(target));
        }
      }
      head = col.cards[static_cast<size_t>(at)];
      count = col.size - at;
    }
  }

  if (is_foundation(to)) {
    const Card top = s.foundations[static_cast<size_t>(foundation_index(to))];
    if (!fits_foundation(top, head)) return illegal(foundation_refusal(top, to, head));
  } else if (!fits_column(s.tableau[static_cast<size_t>(column_index(to))], head)) {
    return illegal(column_refusal(s.tableau[static_cast<size_t>(column_index(to))], to, head));
  }
  return Action{MoveType::kMove, from, to, count};
}

}  // namespace

Result<Action> plan(const State& s, const Move& m) {
  switch (m.type) {
    case MoveType::kDraw:
      if (s.stock_size() == 0) {
        std::string hint = s.waste_size > 0 && detail::may_recycle(s) ? ": recycle the waste to turn it over"
                           : s.waste_size > 0 ? ", and no pass is left to recycle the waste"
                                              : "";
        return illegal("the stock is empty" + hint);
      }
      return Action{MoveType::kDraw, kNoPile, kNoPile, std::min(s.options.draw, s.stock_size())};
    case MoveType::kRecycle:
      if (s.stock_size() > 0)
        return illegal("the waste can be recycled only once the stock is empty; the stock has " +
                       std::to_string(s.stock_size()) + " cards");
      if (s.waste_size == 0) return illegal("nothing to recycle: the stock and the waste are both empty");
      if (!detail::may_recycle(s))
        return illegal("no more passes: this game allows " + std::to_string(s.options.max_passes) +
                       (s.options.max_passes == 1 ? " pass through the stock" : " passes through the stock"));
      return Action{MoveType::kRecycle};
    case MoveType::kMove: return plan_card_move(s, m);
    case MoveType::kAutoComplete:
      if (!s.options.auto_complete) return illegal("auto-complete is off at this table");
      if (!auto_complete_available(s))
        return illegal("auto-complete needs an empty stock and waste and every tableau card face up");
      return Action{MoveType::kAutoComplete};
    case MoveType::kUndo:
      if (!s.options.undo) return illegal("undo is off at this table");
      if (s.history.empty()) return illegal("nothing to undo");
      return Action{MoveType::kUndo};
    case MoveType::kAbandon: return Action{MoveType::kAbandon};
  }
  return illegal("unknown move type");
}

Status check_turn(const State& s, int seat) {
  if (seat != 0) return make_error("not_your_turn", "klondike has one seat: seat 0 plays");
  if (!s.dealt)
    return make_error("not_your_turn", "the cards are not dealt yet: the deal waits for its seed");
  if (s.status == GameStatus::kWon) return make_error("not_your_turn", "the game is over: it was won");
  if (s.status == GameStatus::kAbandoned)
    return make_error("not_your_turn", "the game is over: it was abandoned");
  return Status::Ok();
}

Result<std::int32_t> action_time(const State& s, const Move& m) {
  if (!s.options.timed || m.t < 0) return s.elapsed;
  if (m.t < s.elapsed)
    return illegal("time cannot run backwards: t = " + std::to_string(m.t) +
                   " is before the previous action's t = " + std::to_string(s.elapsed));
  return m.t;
}

}  // namespace parlor::rules::klondike::detail
