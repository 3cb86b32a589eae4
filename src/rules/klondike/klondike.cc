// Klondike: creating a game, dealing (3.2), the card census and invariants,
// and the game type.
#include "rules/klondike/klondike.h"

#include "rules/klondike/klondike_internal.h"

namespace parlor::rules::klondike {

namespace detail {

void deal(State& s) {
  const std::vector<Card> d = s.deals.deck(0, standard_deck());
  PARLOR_CHECK(d.size() == kDeckCards, "deck of " << d.size());
  size_t next = 0;
  // Row by row: row r gives one card to each column c >= r; the first is face up.
  for (int r = 0; r < kColumns; ++r)
    for (int c = r; c < kColumns; ++c) {
      Column& col = s.tableau[static_cast<size_t>(c)];
      col.cards[col.size++] = d[next++];
    }
  for (int c = 0; c < kColumns; ++c) s.tableau[static_cast<size_t>(c)].down = static_cast<std::uint8_t>(c);
  // d[28] is the top of the stock.
  for (size_t i = 0; i < kTalonCards; ++i) s.talon[i] = d[next++];
  s.talon_size = kTalonCards;
  s.waste_size = 0;
  s.dealt = true;
  if (s.options.scoring == Scoring::kVegas) s.score = -kVegasAnte;  // 5.2.1
}

}  // namespace detail

namespace {

// How many decks a record lists (klondike plays exactly one deal per game).
size_t listed_deals(const DealSource& deals) {
  const boost::json::object plan = deals.to_json();
  const auto* d = plan.if_contains("deals");
  return d && d->is_array() ? d->get_array().size() : 0;
}

std::optional<std::string> column_problem(const Column& col, int c) {
  const std::string where = "column " + std::to_string(c + 1);
  if (col.size > kMaxColumnCards || col.down > col.size) return where + ": bad size";
  if (!col.empty() && col.down >= col.size) return where + ": the top card is face down";
  for (size_t i = col.size; i < kMaxColumnCards; ++i)
    if (!col.cards[i].is_none()) return where + ": stale card beyond the top";
  for (int i = col.down + 1; i < col.size; ++i) {
    const Card below = col.cards[static_cast<size_t>(i - 1)], above = col.cards[static_cast<size_t>(i)];
    if (is_red(below) == is_red(above) || klondike_rank(below) != klondike_rank(above) + 1)
      return where + ": " + above.str() + " lies on " + below.str();
  }
  return std::nullopt;
}

std::optional<std::string> pile_problem(const State& s) {
  for (int c = 0; c < kColumns; ++c)
    if (auto p = column_problem(s.tableau[static_cast<size_t>(c)], c)) return p;
  if (s.talon_size > kTalonCards || s.waste_size > s.talon_size) return "bad stock/waste sizes";
  for (size_t i = s.talon_size; i < kTalonCards; ++i)
    if (!s.talon[i].is_none()) return "stale card beyond the stock";
  return std::nullopt;
}

std::optional<std::string> score_problem(const State& s) {
  switch (s.options.scoring) {
    case Scoring::kStandard:
      if (s.score < 0) return "standard score below 0: " + std::to_string(s.score);
      break;
    case Scoring::kVegas: {
      const int want = s.dealt ? -detail::kVegasAnte + 5 * s.foundation_cards() : 0;
      if (s.score != want)
        return "vegas score " + std::to_string(s.score) + ", expected " + std::to_string(want);
      break;
    }
    case Scoring::kNone:
      if (s.score != 0) return "score " + std::to_string(s.score) + " without scoring";
      break;
  }
  if (s.time_bonus != 0 && !(s.options.timed && s.status == GameStatus::kWon))
    return "time bonus without a timed win";
  if (!s.options.timed && s.elapsed != 0) return "elapsed time in an untimed game";
  return std::nullopt;
}

std::optional<std::string> history_problem(const State& s) {
  if (!s.history.empty() && (!s.options.undo || s.status != GameStatus::kInProgress))
    return "undo history without undo";
  for (const UndoRecord& r : s.history) {
    if (r.type == MoveType::kDraw && (r.count < 1 || r.count > s.options.draw)) return "bad draw record";
    if (r.type == MoveType::kMove) {
      const bool piles_ok = r.from <= foundation_pile(3) && r.to <= foundation_pile(3) && r.to != kWaste &&
                            r.from != r.to && !(is_foundation(r.from) && is_foundation(r.to));
      const bool count_ok = r.count >= 1 && (r.count == 1 || (is_column(r.from) && is_column(r.to)));
      if (!piles_ok || !count_ok || (r.flipped && !is_column(r.from))) return "bad move record";
    }
  }
  return std::nullopt;
}

}  // namespace

Result<State> Klondike::create(const Setup& setup) {
  auto options = read_options(setup.options);
  if (!options) return options.error();
  if (setup.players && *setup.players != 1)
    return make_error("bad_record", "klondike has one player: \"players\" must be 1, got " +
                                        std::to_string(*setup.players));
  if (setup.dealer && *setup.dealer != 0)
    return make_error("bad_record",
                      "klondike has one seat: \"dealer\" must be 0, got " + std::to_string(*setup.dealer));
  if (auto st = setup.deals.check_decks(standard_deck()); !st) return st.error();
  if (listed_deals(setup.deals) > 1 || setup.deals.hand_seed_count() > 1)
    return make_error("bad_record",
                      "klondike plays one deal per game: list at most one deck in \"deals\" "
                      "and one seed in \"hand_seeds\"");
  State s;
  s.options = *options;
  s.deals = setup.deals;
  if (s.deals.has_deck(0)) detail::deal(s);
  return s;
}

void Klondike::add_hand_seed(State& s, std::string seed_text) {
  s.deals = s.deals.with_hand_seed(std::move(seed_text));
  if (!s.dealt && s.deals.has_deck(0)) detail::deal(s);
}

std::vector<Card> Klondike::all_cards(const State& s) {
  if (!s.dealt) return standard_deck();  // the whole deck, not dealt yet
  std::vector<Card> out;
  out.reserve(kDeckCards);
  for (const Column& col : s.tableau) out.insert(out.end(), col.cards.begin(), col.cards.begin() + col.size);
  out.insert(out.end(), s.talon.begin(), s.talon.begin() + s.talon_size);
  for (Card top : s.foundations)
    if (!top.is_none())
      for (int r = 1; r <= klondike_rank(top); ++r) out.push_back(card_of(r, top.suit()));
  return out;
}

// Face-down tableau cards and the stock (8.2); everything before the deal.
// The player and spectators know the same.
std::vector<Card> Klondike::hidden_from(const State& s, Viewer) {
  if (!s.dealt) return standard_deck();
  std::vector<Card> out;
  for (const Column& col : s.tableau) out.insert(out.end(), col.cards.begin(), col.cards.begin() + col.down);
  out.insert(out.end(), s.talon.begin() + s.waste_size, s.talon.begin() + s.talon_size);
  return out;
}

std::optional<std::string> Klondike::broken_invariant(const State& s) {
  if (auto p = pile_problem(s)) return p;
  if (!s.dealt) {
    if (s.talon_size != 0 || s.foundation_cards() != 0 || s.moves != 0 || s.status != GameStatus::kInProgress)
      return "play before the deal";
    for (const Column& col : s.tableau)
      if (!col.empty()) return "cards before the deal";
  } else {
    CardSet seen;
    int count = 0;
    for (Card c : all_cards(s)) {
      if (c.id() >= kDeckCards) return "not a card of the deck: " + c.str();
      if (seen.contains(c)) return "card twice: " + c.str();
      seen.add(c);
      ++count;
    }
    if (count != kDeckCards) return std::to_string(count) + " cards instead of 52";
  }
  if (s.recycles < 0 || (s.options.max_passes > 0 && s.recycles >= s.options.max_passes))
    return "recycled " + std::to_string(s.recycles) + " times with " + std::to_string(s.options.max_passes) +
           " passes allowed";
  if ((s.status == GameStatus::kWon) != (s.foundation_cards() == kDeckCards))
    return "won iff all 52 cards are home";
  if (auto p = score_problem(s)) return p;
  return history_problem(s);
}

std::vector<json::object> Klondike::test_setups() {
  auto setup = [](json::object options) {
    json::object o;
    o["options"] = std::move(options);
    o["players"] = 1;
    return o;
  };
  return {
      setup({}),
      setup({{"draw", 3}}),
      setup({{"max_passes", 2}, {"draw", 3}}),
      setup({{"max_passes", 1}, {"foundation_to_tableau", false}}),
      setup({{"scoring", "vegas"}}),
      setup({{"scoring", "vegas"}, {"draw", 3}, {"vegas_cumulative", true}}),
      setup({{"scoring", "none"}, {"auto_complete", false}}),
      setup({{"timed", true}, {"draw", 3}}),
      setup({{"undo", "off"}}),
  };
}

const GameType& game_type() {
  static const TypedGame<Klondike> type;
  return type;
}

}  // namespace parlor::rules::klondike
