#include "bots/golf_world.h"

#include <algorithm>
#include <string>

namespace parlor::bots::golf_bot {
namespace {

go::Options options_of(const json::object& view, json::object& normalized) {
  auto opt = go::detail::read_options(object_at(view, "options"), normalized);
  PARLOR_CHECK(opt.ok(), "golf view options: " << opt.error().message);
  return *opt;
}

}  // namespace

World read_world(const json::object& view) {
  World w;
  go::State& s = w.base;
  Table& t = w.table;
  json::object normalized;
  s.opt = options_of(view, normalized);
  s.options_json = rules::Shared<json::object>(std::move(normalized));
  s.players = static_cast<std::int8_t>(int_at(view, "players"));
  s.decks = static_cast<std::int8_t>(go::decks_for(s.opt.layout, s.players));
  s.hole = static_cast<std::int8_t>(int_at(view, "hand"));
  s.dealer = static_cast<std::int8_t>(int_at(view, "dealer"));
  // A live deal source with a seed text for this hole (a stock rebuild needs
  // one) and none for the next, so that a playout stops at the end of the hole.
  std::vector<std::string> seeds(static_cast<size_t>(s.hole) + 1, "bot");
  s.deals = rules::DealSource("bot", std::move(seeds), {}, true);
  const std::string_view phase = string_at(view, "phase");
  s.phase = phase == "drawn" ? go::Phase::kDrawn : phase == "turn" ? go::Phase::kTurn : go::Phase::kReveal;
  s.turn = static_cast<std::int8_t>(int_or(view, "turn", -1));
  s.out = static_cast<std::int8_t>(int_or(view, "out", -1));
  s.rebuilt = bool_or(view, "rebuilt", false);
  s.revealed = static_cast<std::uint8_t>((1u << s.players) - 1);
  const auto totals = int_list(*find(view, "totals"));
  for (int p = 0; p < s.players; ++p) s.totals[p] = totals[p];
  const auto& holes = array_at(view, "hands");
  for (size_t h = 0; h < holes.size() && h < s.history.size(); ++h) {
    const auto& o = holes[h].as_object();
    go::HoleSummary& past = s.history[h];
    const auto points = int_list(*find(o, "points"));
    for (int p = 0; p < s.players; ++p) past.points[p] = static_cast<std::int16_t>(points[p]);
    past.dealer = static_cast<std::int8_t>(int_at(o, "dealer"));
    past.out = static_cast<std::int8_t>(int_or(o, "out", -1));
    past.doubled = bool_or(o, "doubled", false);
  }

  t.seat = int_at(view, "seat");
  t.players = s.players;
  t.opt = s.opt;
  t.out = s.out;
  std::vector<Card> deck = go::canonical_deck(s.decks, s.opt.jokers);
  auto seen = [&](Card c) {
    auto it = std::find(deck.begin(), deck.end(), c);
    PARLOR_CHECK(it != deck.end(), "golf view shows " << c.str() << " more often than the deck holds it");
    deck.erase(it);
  };
  const auto& grids = array_at(view, "grids");
  for (int p = 0; p < s.players; ++p) {
    const auto& g = grids[static_cast<size_t>(p)].as_object();
    const auto& cards = array_at(g, "cards");
    const auto& up = array_at(g, "face_up");
    go::Grid& grid = s.grids[static_cast<size_t>(p)];
    for (int pos = 0; pos < s.opt.layout; ++pos) {
      const auto bit = static_cast<std::uint16_t>(1u << pos);
      if (up[static_cast<size_t>(pos)].as_bool()) grid.up |= bit;
      if (cards[static_cast<size_t>(pos)].is_null()) {
        w.holes.emplace_back(p, pos);
        // 4-card Golf: an owner knows his peeked near cards (an approximation
        // for other seats: we cannot tell which cards they placed since).
        if (s.opt.four_card() && p != t.seat && pos >= 2) grid.known_own |= bit;
        continue;
      }
      const Card c = as_card(cards[static_cast<size_t>(pos)]);
      grid.cards[static_cast<size_t>(pos)] = c;
      t.known[p][static_cast<size_t>(pos)] = c;
      seen(c);
      if (!(grid.up & bit)) (p == t.seat ? grid.known_own : grid.known_all) |= bit;
    }
    t.up[p] = grid.up;
  }
  for (const auto& c : array_at(view, "discard")) {
    s.discard.push(as_card(c));
    seen(as_card(c));
  }
  if (!s.discard.empty()) t.top_discard = s.discard.top();
  if (const auto* drawn = find(view, "drawn")) {
    if (const auto* card = find(drawn->as_object(), "card")) {
      s.drawn = t.drawn = as_card(*card);
      seen(s.drawn);
    }
  }
  w.stock = int_at(view, "stock");
  PARLOR_CHECK(deck.size() == w.holes.size() + static_cast<size_t>(w.stock),
               "golf: " << deck.size() << " unseen cards for " << w.holes.size() << " face-down cards and a stock of "
                        << w.stock);
  for (Card c : deck) ++t.unseen[go::match_key(c)];
  t.unseen_total = static_cast<int>(deck.size());
  w.unseen = std::move(deck);
  return w;
}

go::State sample_state(const World& w, FastRng& rng) {
  go::State s = w.base;
  std::vector<Card> cards = w.unseen;
  for (size_t i = cards.size(); i > 1; --i) std::swap(cards[i - 1], cards[rng.below(static_cast<std::uint32_t>(i))]);
  size_t k = 0;
  for (const auto& [seat, pos] : w.holes) s.grids[static_cast<size_t>(seat)].cards[static_cast<size_t>(pos)] = cards[k++];
  while (k < cards.size()) s.stock.push(cards[k++]);
  return s;
}

}  // namespace parlor::bots::golf_bot
