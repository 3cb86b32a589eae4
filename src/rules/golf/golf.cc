// Golf: creation from a record, options, card bookkeeping and invariants.
#include "rules/golf/golf.h"

#include <string>

#include "rules/options.h"
#include "rules/typed_game.h"

namespace parlor::rules::golf {

namespace detail {

Result<Options> read_options(const json::object& given, json::object& normalized) {
  OptionReader r(given);
  Options o;
  o.layout = static_cast<std::int8_t>(r.integer_of("layout", {4, 6, 9}, 6));
  o.holes = static_cast<std::int8_t>(r.integer("holes", 1, kMaxHoles, 9));
  // Default 2 in 6-card and 3 in 9-card; 4-card Golf has no initial reveal.
  const int default_flips = o.layout == 9 ? 3 : o.layout == 6 ? 2 : 0;
  o.initial_flips = static_cast<std::int8_t>(r.integer("initial_flips", 0, 3, default_flips));
  const std::string flip = r.choice("flip_after_discard", {"none", "optional", "required"}, "optional");
  o.flip_after_discard = flip == "none"       ? FlipMode::kNone
                         : flip == "required" ? FlipMode::kRequired
                                              : FlipMode::kOptional;
  o.final_turns = r.boolean("final_turns", true);
  o.jokers = r.boolean("jokers", false);
  o.out_penalty = r.choice("out_penalty", {"none", "double"}, "none") == "double" ? OutPenalty::kDouble
                                                                                : OutPenalty::kNone;
  if (auto st = r.finish(); !st) return st.error();
  normalized = r.normalized();
  return o;
}

}  // namespace detail

Result<State> Golf::create(const Setup& setup) {
  if (!setup.players)
    return make_error("bad_record", "a golf record needs \"players\" (2 to 8); it has no default");
  const int players = *setup.players;
  if (players < kMinPlayers || players > kMaxPlayers)
    return make_error("bad_record", "golf is for 2 to 8 players, got " + std::to_string(players));
  json::object normalized;
  auto opt = detail::read_options(setup.options, normalized);
  if (!opt) return opt.error();

  State s;
  s.opt = *opt;
  s.options_json = Shared<json::object>(std::move(normalized));
  s.players = static_cast<std::int8_t>(players);
  s.decks = static_cast<std::int8_t>(decks_for(s.opt.layout, players));
  const auto canonical = canonical_deck(s.decks, s.opt.jokers);
  if (auto st = setup.deals.check_decks(canonical); !st) return st.error();
  s.deals = setup.deals;
  const int dealer = setup.dealer ? *setup.dealer : setup.deals.first_dealer(players);
  if (dealer < 0 || dealer >= players)
    return make_error("bad_record", "dealer must be a seat from 0 to " + std::to_string(players - 1) +
                                        ", got " + std::to_string(dealer));
  s.first_dealer = s.dealer = static_cast<std::int8_t>(dealer);
  if (s.deals.has_deck(0)) {
    detail::deal_hole(s);
  } else {
    // A live game before its first seed: the cards are still in the box.
    s.phase = Phase::kAwaitingSeed;
    for (Card c : canonical) s.stock.push(c);
  }
  return s;
}

std::string_view Golf::status(const State& s) {
  return s.phase == Phase::kGameOver ? "game_over" : "in_progress";
}

std::vector<Card> Golf::all_cards(const State& s) {
  std::vector<Card> out;
  out.reserve(kMaxCards);
  for (int p = 0; p < s.players; ++p)
    for (int i = 0; i < s.opt.layout; ++i)
      if (Card c = s.grids[static_cast<size_t>(p)].cards[static_cast<size_t>(i)]; !c.is_none()) out.push_back(c);
  for (int i = 0; i < s.stock.size; ++i) out.push_back(s.stock.cards[static_cast<size_t>(i)]);
  for (int i = 0; i < s.discard.size; ++i) out.push_back(s.discard.cards[static_cast<size_t>(i)]);
  if (!s.drawn.is_none()) out.push_back(s.drawn);
  return out;
}

std::vector<Card> Golf::hidden_from(const State& s, Viewer viewer) {
  std::vector<Card> out;
  for (int i = 0; i < s.stock.size; ++i) out.push_back(s.stock.cards[static_cast<size_t>(i)]);
  if (!s.drawn.is_none() && !(viewer && *viewer == s.turn)) out.push_back(s.drawn);
  for (int p = 0; p < s.players; ++p)
    for (int i = 0; i < s.opt.layout; ++i) {
      Card c = s.grids[static_cast<size_t>(p)].cards[static_cast<size_t>(i)];
      if (!c.is_none() && !detail::grid_card_visible(s, p, i, viewer)) out.push_back(c);
    }
  return out;
}

namespace {

std::optional<std::string> broken_scores(const State& s) {
  if (s.hole < 0 || s.hole > s.opt.holes) return "hole index " + std::to_string(s.hole) + " out of range";
  for (int p = 0; p < kMaxPlayers; ++p) {
    std::int64_t sum = 0;
    for (int h = 0; h < s.hole; ++h) sum += s.history[static_cast<size_t>(h)].points[static_cast<size_t>(p)];
    if (sum != s.totals[static_cast<size_t>(p)])
      return "seat " + std::to_string(p) + " total " + std::to_string(s.totals[static_cast<size_t>(p)]) +
             " is not the sum of its hole scores " + std::to_string(sum);
  }
  return std::nullopt;
}

std::optional<std::string> broken_table(const State& s) {
  const size_t deck = static_cast<size_t>(s.decks) * (52 + (s.opt.jokers ? 2 : 0));
  if (Golf::all_cards(s).size() != deck) return "the table does not hold the whole deck";
  if (s.decks != decks_for(s.opt.layout, s.players)) return "wrong number of decks";
  const bool playing = s.phase == Phase::kTurn || s.phase == Phase::kDrawn;
  if ((s.phase == Phase::kDrawn) != !s.drawn.is_none()) return "a drawn card outside the drawn phase";
  if (playing && (s.turn < 0 || s.turn >= s.players)) return "turn seat out of range";
  if (!playing && s.turn != -1) return "a turn seat outside of turns";
  if (playing && s.discard.empty()) return "empty discard pile during a turn";
  if (s.phase == Phase::kReveal && s.revealed == (1u << s.players) - 1) return "reveal phase with all revealed";
  if (s.out >= s.players) return "out seat out of range";
  const std::uint16_t all = detail::full_mask(s.opt.layout);
  for (int p = 0; p < kMaxPlayers; ++p) {
    const Grid& g = s.grids[static_cast<size_t>(p)];
    if (p >= s.players && !(g == Grid{})) return "a grid for an empty seat";
    if ((g.up | g.known_all | g.known_own) & ~all) return "grid masks beyond the layout";
    if (playing && s.opt.four_card() && g.up != 0) return "a face-up card in 4-card play";
    if (playing && !s.opt.four_card() && (g.known_all | g.known_own) != 0)
      return "private knowledge in 6/9-card play";
  }
  if (playing && s.out >= 0 && !s.opt.four_card() && s.grids[static_cast<size_t>(s.out)].up != all)
    return "the seat that went out has a face-down card";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Golf::broken_invariant(const State& s) {
  if (auto b = broken_scores(s)) return b;
  return broken_table(s);
}

std::vector<json::object> Golf::test_setups() {
  return {
      {{"players", 2}},
      {{"players", 3}, {"options", {{"holes", 2}, {"flip_after_discard", "required"}, {"out_penalty", "double"}}}},
      {{"players", 5}, {"options", {{"holes", 2}, {"flip_after_discard", "none"}, {"final_turns", false}}}},
      {{"players", 3}, {"options", {{"layout", 4}, {"holes", 3}, {"out_penalty", "double"}}}},
      {{"players", 7}, {"options", {{"layout", 4}, {"holes", 2}, {"jokers", true}}}},
      {{"players", 3}, {"options", {{"layout", 9}, {"holes", 2}, {"jokers", true}}}},
      {{"players", 8}, {"options", {{"layout", 9}, {"holes", 1}, {"initial_flips", 1}}}},
      {{"players", 4}, {"options", {{"holes", 2}, {"initial_flips", 0}, {"out_penalty", "double"}}}},
      {{"players", 6}, {"options", {{"holes", 1}, {"initial_flips", 3}, {"jokers", true}}}},
  };
}

const GameType& game_type() {
  static const TypedGame<Golf> type;
  return type;
}

}  // namespace parlor::rules::golf
