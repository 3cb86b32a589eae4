// Klondike play: legal actions (4.1), passes (4.2), scoring (5), time
// penalties, undo (4.8) and auto-complete (4.7). No JSON on this path.
#include <algorithm>

#include "rules/klondike/klondike.h"
#include "rules/klondike/klondike_internal.h"

namespace parlor::rules::klondike {

using detail::Action;

int State::foundation_cards() const {
  int n = 0;
  for (Card top : foundations)
    if (!top.is_none()) n += klondike_rank(top);
  return n;
}

int pass_number(const State& s) { return s.recycles + 1; }

bool auto_complete_available(const State& s) {
  if (!s.dealt || s.status != GameStatus::kInProgress || s.talon_size != 0) return false;
  for (const Column& col : s.tableau)
    if (col.down != 0) return false;
  return true;
}

namespace detail {

int auto_foundation_for(const State& s, Card c) {
  for (int f = 0; f < kFoundations; ++f) {
    const Card top = s.foundations[static_cast<size_t>(f)];
    if (fits_foundation(top, c)) return f;
  }
  return -1;
}

bool may_recycle(const State& s) {
  return s.options.max_passes == 0 || pass_number(s) < s.options.max_passes;
}

}  // namespace detail

namespace {

using detail::fits_foundation;

constexpr std::int32_t kSecondsPerPenalty = 10;
constexpr std::int32_t kTimePenalty = 2;
constexpr std::int32_t kTimeBonusNumerator = 700000;
constexpr std::int32_t kMinSecondsForBonus = 30;

// ---------------------------------------------------------------- scoring

enum class Event { kWasteToColumn, kToFoundation, kTurnUp, kFoundationToColumn, kRecycle };

int standard_points(const State& s, Event e) {
  switch (e) {
    case Event::kWasteToColumn: return 5;
    case Event::kToFoundation: return 10;
    case Event::kTurnUp: return 5;
    case Event::kFoundationToColumn: return -15;
    case Event::kRecycle:  // s.recycles already counts this recycle (9.10)
      if (s.options.draw == 1) return -100;
      return s.recycles >= 4 ? -20 : 0;
  }
  return 0;
}

int vegas_points(Event e) {
  if (e == Event::kToFoundation) return 5;
  if (e == Event::kFoundationToColumn) return -5;
  return 0;
}

// Applies one scoring event; Standard scores never go below 0 (5.1.1).
void score_event(State& s, Event e) {
  switch (s.options.scoring) {
    case Scoring::kStandard: s.score = std::max(0, s.score + standard_points(s, e)); break;
    case Scoring::kVegas: s.score += vegas_points(e); break;
    case Scoring::kNone: break;
  }
}

std::int32_t ticks(std::int32_t elapsed) { return elapsed / kSecondsPerPenalty; }

// Charges `count` time penalties of -2, each with the 0 floor.
void charge_penalties(State& s, std::int64_t count) {
  if (count <= 0) return;
  s.score = static_cast<std::int32_t>(std::max<std::int64_t>(0, s.score - kTimePenalty * count));
}

// Advances the clock to `now`, charging the penalties due by then (5.1.2).
void advance_clock(State& s, std::int32_t now) {
  if (!s.options.timed) return;
  charge_penalties(s, ticks(now) - ticks(s.elapsed));
  s.elapsed = now;
}

// ---------------------------------------------------------------- piles

void remove_waste_top(State& s) {
  const size_t w = s.waste_size - 1u;
  for (size_t i = w; i + 1 < s.talon_size; ++i) s.talon[i] = s.talon[i + 1];
  s.talon[--s.talon_size] = Card();
  --s.waste_size;
}

void insert_waste_top(State& s, Card c) {
  PARLOR_CHECK(s.talon_size < kTalonCards, "talon overflow");
  for (size_t i = s.talon_size; i > s.waste_size; --i) s.talon[i] = s.talon[i - 1];
  s.talon[s.waste_size] = c;
  ++s.talon_size;
  ++s.waste_size;
}

Card pop_foundation(State& s, int f) {
  Card& top = s.foundations[static_cast<size_t>(f)];
  const Card c = top;
  top = klondike_rank(c) == 1 ? Card() : card_of(klondike_rank(c) - 1, c.suit());
  return c;
}

void push_column(Column& col, Card c) {
  PARLOR_CHECK(col.size < kMaxColumnCards, "column overflow at " << c.str());
  col.cards[col.size++] = c;
}

Card pop_column(Column& col) {
  const Card c = col.top();
  col.cards[--col.size] = Card();
  return c;
}

// Takes `count` cards off pile `from`, bottom first.
int take_cards(State& s, Pile from, int count, std::array<Card, kMaxColumnCards>& out) {
  if (from == kWaste) {
    out[0] = s.waste_top();
    remove_waste_top(s);
    return 1;
  }
  if (is_foundation(from)) {
    out[0] = pop_foundation(s, foundation_index(from));
    return 1;
  }
  Column& col = s.tableau[static_cast<size_t>(column_index(from))];
  for (int i = count - 1; i >= 0; --i) out[static_cast<size_t>(i)] = pop_column(col);
  return count;
}

void put_cards(State& s, Pile to, const std::array<Card, kMaxColumnCards>& cards, int count) {
  if (is_foundation(to)) {
    s.foundations[static_cast<size_t>(foundation_index(to))] = cards[0];
    return;
  }
  if (to == kWaste) {
    insert_waste_top(s, cards[0]);
    return;
  }
  Column& col = s.tableau[static_cast<size_t>(column_index(to))];
  for (int i = 0; i < count; ++i) push_column(col, cards[static_cast<size_t>(i)]);
}

// Moves cards (A3-A7) with their points; turns up a newly uncovered
// face-down card (4.5). Returns whether it did.
bool move_cards(State& s, Pile from, Pile to, int count) {
  std::array<Card, kMaxColumnCards> moving{};
  take_cards(s, from, count, moving);
  put_cards(s, to, moving, count);
  if (is_foundation(to))
    score_event(s, Event::kToFoundation);
  else if (from == kWaste)
    score_event(s, Event::kWasteToColumn);
  else if (is_foundation(from))
    score_event(s, Event::kFoundationToColumn);
  if (!is_column(from)) return false;
  Column& col = s.tableau[static_cast<size_t>(column_index(from))];
  if (col.empty() || col.down < col.size) return false;
  --col.down;
  score_event(s, Event::kTurnUp);
  return true;
}

// Reverses a recorded move, turn-up included (4.8.1).
void unmove_cards(State& s, const UndoRecord& rec) {
  std::array<Card, kMaxColumnCards> moving{};
  take_cards(s, rec.to, rec.count, moving);
  if (is_column(rec.from) && rec.flipped) ++s.tableau[static_cast<size_t>(column_index(rec.from))].down;
  put_cards(s, rec.from, moving, rec.count);
}

void undo_last(State& s) {
  const UndoRecord rec = s.history.back();
  s.history.pop_back();
  switch (rec.type) {
    case MoveType::kDraw: s.waste_size = static_cast<std::uint8_t>(s.waste_size - rec.count); break;
    case MoveType::kRecycle:
      s.waste_size = s.talon_size;
      --s.recycles;
      break;
    case MoveType::kMove: unmove_cards(s, rec); break;
    default: PARLOR_CHECK(false, "bad undo record type " << static_cast<int>(rec.type));
  }
  // The exact stored score, then again every time penalty charged since (4.8.3).
  s.score = rec.score;
  if (s.options.timed) charge_penalties(s, ticks(s.elapsed) - rec.ticks);
}

// The next auto-complete step (4.7.2): among the column tops that fit a
// foundation the lowest-ranked, ties to the lower column.
Move next_auto_step(const State& s) {
  int best = -1;
  int best_rank = detail::kKing + 1;
  for (int c = 0; c < kColumns; ++c) {
    const Column& col = s.tableau[static_cast<size_t>(c)];
    if (col.empty()) continue;
    const int r = klondike_rank(col.top());
    if (r < best_rank && detail::auto_foundation_for(s, col.top()) >= 0) {
      best = c;
      best_rank = r;
    }
  }
  // 4.7.1 guarantees progress: the lowest tableau card is a column top whose
  // predecessor is home (the stock and waste are empty).
  PARLOR_CHECK(best >= 0, "auto-complete is stuck with " << s.foundation_cards() << " cards home");
  const Card c = s.tableau[static_cast<size_t>(best)].top();
  return Move{MoveType::kMove, column_pile(best), foundation_pile(detail::auto_foundation_for(s, c)), c, -1};
}

void run_auto_complete(State& s) {
  while (s.foundation_cards() < kDeckCards) {
    const Move step = next_auto_step(s);
    move_cards(s, step.from, step.to, 1);
    ++s.moves;
  }
}

void finish_if_won(State& s) {
  if (s.status != GameStatus::kInProgress || s.foundation_cards() < kDeckCards) return;
  s.status = GameStatus::kWon;
  if (s.options.timed && s.elapsed >= kMinSecondsForBonus) {
    s.time_bonus = kTimeBonusNumerator / s.elapsed;
    s.score += s.time_bonus;
  }
}

// Carries out a validated action: time penalties due by `now` first, then the
// action and its points (5.1.2), then the end of the game.
void take_action(State& s, const Action& a, std::int32_t now) {
  UndoRecord rec{a.type, a.from, a.to, static_cast<std::uint8_t>(a.count), false, s.score, ticks(s.elapsed)};
  advance_clock(s, now);
  switch (a.type) {
    case MoveType::kDraw: s.waste_size = static_cast<std::uint8_t>(s.waste_size + a.count); break;
    case MoveType::kRecycle:
      s.waste_size = 0;  // the card drawn first is again on top of the stock
      ++s.recycles;
      score_event(s, Event::kRecycle);
      break;
    case MoveType::kMove: rec.flipped = move_cards(s, a.from, a.to, a.count); break;
    case MoveType::kAutoComplete: run_auto_complete(s); break;
    case MoveType::kUndo: undo_last(s); break;
    case MoveType::kAbandon: s.status = GameStatus::kAbandoned; break;
  }
  const bool undoable =
      a.type == MoveType::kDraw || a.type == MoveType::kRecycle || a.type == MoveType::kMove;
  if (a.type != MoveType::kAbandon && a.type != MoveType::kAutoComplete) ++s.moves;
  if (undoable && s.options.undo) s.history.push_back(rec);
  finish_if_won(s);
  if (s.status != GameStatus::kInProgress) s.history.clear();  // no undo after the end
}

Move simple_move(MoveType t) { return Move{t, kNoPile, kNoPile, Card(), -1}; }

// What every pile accepts, computed once per legal_moves call so that the
// 42 column pairs and the other targets cost a few integer compares each.
struct Targets {
  std::array<int, kColumns> rank{};  // the rank a column takes (13 when empty, 0 for none)
  std::array<bool, kColumns> red{};  // ... and its colour (ignored when empty)
  std::array<bool, kColumns> empty{};
  std::array<int, kNumSuits> suit_next{};  // the rank the suit's foundation takes next (0: none)
  std::array<int, kNumSuits> suit_pile{};  // that foundation's index
  std::array<bool, kFoundations> free{};   // empty foundations

  explicit Targets(const State& s) {
    for (int b = 0; b < kColumns; ++b) {
      const Column& col = s.tableau[static_cast<size_t>(b)];
      empty[b] = col.empty();
      rank[b] = col.empty() ? detail::kKing : klondike_rank(col.top()) - 1;
      red[b] = !col.empty() && !is_red(col.top());
    }
    for (int f = 0; f < kFoundations; ++f) {
      const Card top = s.foundations[static_cast<size_t>(f)];
      free[f] = top.is_none();
      if (top.is_none()) continue;
      const auto suit = static_cast<size_t>(top.suit());
      suit_next[suit] = klondike_rank(top) == detail::kKing ? 0 : klondike_rank(top) + 1;
      suit_pile[suit] = f;
    }
  }
  bool column_takes(int b, int card_rank, bool card_red) const {
    return rank[b] == card_rank && (empty[b] || red[b] == card_red);
  }
};

// Adds the moves of card c from `from` to every foundation it fits.
void add_foundation_targets(const Targets& t, Pile from, Card c, std::vector<Move>& out) {
  const int r = klondike_rank(c);
  if (r == 1) {
    for (int f = 0; f < kFoundations; ++f)
      if (t.free[f]) out.push_back(Move{MoveType::kMove, from, foundation_pile(f), c, -1});
    return;
  }
  const auto suit = static_cast<size_t>(c.suit());
  if (t.suit_next[suit] == r)
    out.push_back(Move{MoveType::kMove, from, foundation_pile(t.suit_pile[suit]), c, -1});
}

void add_column_targets(const Targets& t, Pile from, Card c, std::vector<Move>& out) {
  const int r = klondike_rank(c);
  const bool red = is_red(c);
  for (int b = 0; b < kColumns; ++b)
    if (t.column_takes(b, r, red)) out.push_back(Move{MoveType::kMove, from, column_pile(b), c, -1});
}

// Tableau to tableau from column a: the head of the group that fits column b
// sits at a known offset in a's face-up run, whose colours alternate.
void add_group_moves(const State& s, const Targets& t, int a, std::vector<Move>& out) {
  const Column& col = s.tableau[static_cast<size_t>(a)];
  const Card base = col.cards[col.down];
  const int base_rank = klondike_rank(base);
  const bool base_red = is_red(base);
  const int run = col.size - col.down;
  for (int b = 0; b < kColumns; ++b) {
    const int offset = base_rank - t.rank[b];
    if (b == a || t.rank[b] < 1 || offset < 0 || offset >= run) continue;
    if (!t.empty[b] && t.red[b] != (base_red != ((offset & 1) != 0))) continue;
    out.push_back(Move{MoveType::kMove, column_pile(a), column_pile(b),
                       col.cards[static_cast<size_t>(col.down + offset)], -1});
  }
}

}  // namespace

std::vector<Move> auto_complete_moves(const State& s) {
  std::vector<Move> out;
  if (!auto_complete_available(s)) return out;
  State sim = s;
  while (sim.foundation_cards() < kDeckCards) {
    out.push_back(next_auto_step(sim));
    move_cards(sim, out.back().from, out.back().to, 1);
  }
  return out;
}

std::string_view Klondike::status(const State& s) { return detail::status_name(s.status); }

std::uint32_t Klondike::to_act(const State& s) {
  return s.dealt && s.status == GameStatus::kInProgress ? 1u : 0u;
}

// Order: draw or recycle; card moves by source (waste, t1..t7, f1..f4), then
// target (t1..t7, f1..f4); auto_complete; undo; abandon.
void Klondike::legal_moves(const State& s, int seat, std::vector<Move>& out) {
  out.clear();
  if (seat != 0 || to_act(s) == 0) return;
  if (s.stock_size() > 0)
    out.push_back(simple_move(MoveType::kDraw));
  else if (s.waste_size > 0 && detail::may_recycle(s))
    out.push_back(simple_move(MoveType::kRecycle));
  const Targets t(s);
  if (s.waste_size > 0) {
    add_column_targets(t, kWaste, s.waste_top(), out);
    add_foundation_targets(t, kWaste, s.waste_top(), out);
  }
  for (int a = 0; a < kColumns; ++a) {
    const Column& col = s.tableau[static_cast<size_t>(a)];
    if (col.empty()) continue;
    add_group_moves(s, t, a, out);
    add_foundation_targets(t, column_pile(a), col.top(), out);
  }
  if (s.options.foundation_to_tableau) {
    for (int f = 0; f < kFoundations; ++f) {
      const Card top = s.foundations[static_cast<size_t>(f)];
      if (!top.is_none()) add_column_targets(t, foundation_pile(f), top, out);
    }
  }
  if (s.options.auto_complete && auto_complete_available(s))
    out.push_back(simple_move(MoveType::kAutoComplete));
  if (s.options.undo && !s.history.empty()) out.push_back(simple_move(MoveType::kUndo));
  out.push_back(simple_move(MoveType::kAbandon));
}

Status Klondike::apply(State& s, int seat, const Move& m) {
  if (auto st = detail::check_turn(s, seat); !st) return st;
  auto now = detail::action_time(s, m);
  if (!now) return now.error();
  auto action = detail::plan(s, m);
  if (!action) return action.error();
  take_action(s, *action, *now);
  return Status::Ok();
}

}  // namespace parlor::rules::klondike
