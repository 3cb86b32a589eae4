#include "rules/conformance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <map>
#include <string>

#include "base/sha256.h"
#include "base/shuffle.h"
#include "rules/deal.h"
#include "rules/json_util.h"

namespace parlor::rules {
namespace {

std::string describe(const json::object& setup, std::uint64_t seed) {
  return "setup " + json::serialize(setup) + " seed " + std::to_string(seed);
}

// Counts every card code that appears as a string anywhere in a JSON value.
void count_cards(const json::value& v, std::map<std::string, int>& counts) {
  switch (v.kind()) {
    case json::kind::string: {
      std::string_view s = v.get_string();
      if (Card::parse(s)) ++counts[std::string(s)];
      break;
    }
    case json::kind::array:
      for (const auto& x : v.get_array()) count_cards(x, counts);
      break;
    case json::kind::object:
      for (const auto& kv : v.get_object()) count_cards(kv.value(), counts);
      break;
    default:
      break;
  }
}

// A view may show card c at most (copies of c in the game) - (copies hidden
// from the viewer) times; with one deck that is "never, if hidden".
::testing::AssertionResult view_leaks_nothing(const GameState& s, Viewer viewer) {
  json::object v = s.view(viewer);
  std::map<std::string, int> shown;
  count_cards(v, shown);
  std::map<std::string, int> total, hidden;
  for (Card c : s.all_cards()) ++total[c.str()];
  for (Card c : s.hidden_from(viewer)) ++hidden[c.str()];
  for (const auto& [card, n] : hidden) {
    int visible = total[card] - n;
    auto it = shown.find(card);
    if (it != shown.end() && visible == 0) {
      return ::testing::AssertionFailure()
             << "view for " << (viewer ? "seat " + std::to_string(*viewer) : "spectator")
             << " shows hidden card " << card << ": " << json::serialize(v);
    }
  }
  for (const char* secret : {"seed", "hand_seeds", "deals", "deck", "stock_cards", "blind"}) {
    // "blind" may appear as a count or flag; it must never hold a card list
    // while a seat may not see it, which the card check above already covers.
    if (std::string_view(secret) == "blind") continue;
    if (v.contains(secret))
      return ::testing::AssertionFailure() << "view has secret field \"" << secret << "\"";
  }
  return ::testing::AssertionSuccess();
}

// view(v) is exactly shared_view() plus seat_view(v), with no key in both;
// shared_view_text() and seat_view_text(v) read back as shared_view() and
// seat_view(v), and the text a room builds
// from the two parts' texts reads back as view(v).
::testing::AssertionResult view_parts_agree(const GameState& s, Viewer viewer) {
  const json::object shared = s.shared_view(), mine = s.seat_view(viewer);
  for (const auto& kv : mine)
    if (shared.contains(kv.key()))
      return ::testing::AssertionFailure() << "\"" << kv.key() << "\" is in both parts of the view";
  const json::object whole = s.view(viewer);
  if (whole.size() != shared.size() + mine.size())
    return ::testing::AssertionFailure() << "view() has other keys than its two parts";
  if (!mine.contains("seat") || !mine.contains("legal"))
    return ::testing::AssertionFailure() << "seat_view() lacks \"seat\" or \"legal\"";
  const std::string shared_text = s.shared_view_text();
  if (json::parse(joined_members_text(shared_text, "")) != json::value(shared))
    return ::testing::AssertionFailure() << "shared_view_text() differs from shared_view(): {" << shared_text
                                         << "} vs " << json::serialize(shared);
  const std::string mine_text = s.seat_view_text(viewer);
  if (json::parse(joined_members_text(mine_text, "")) != json::value(mine))
    return ::testing::AssertionFailure() << "seat_view_text() differs from seat_view(): {" << mine_text
                                         << "} vs " << json::serialize(mine);
  const json::value text = json::parse(joined_members_text(mine_text, shared_text));
  if (text != json::value(whole))
    return ::testing::AssertionFailure() << "the view built from its parts differs: "
                                         << json::serialize(text) << " vs " << json::serialize(whole);
  return ::testing::AssertionSuccess();
}

std::vector<Card> sorted(std::vector<Card> v) {
  std::sort(v.begin(), v.end());
  return v;
}

Result<StatePtr> create_with(const GameType& game, const json::object& setup_json,
                             std::uint64_t seed, bool live) {
  json::object record = setup_json;
  record["seed"] = seed;
  auto setup = setup_from_record(record, live);
  if (!setup) return setup.error();
  return game.create(*setup);
}

std::string live_seed(std::uint64_t seed, int k) {
  return sha256_hex("conformance-live:" + std::to_string(seed) + ":" + std::to_string(k));
}

struct Played {
  json::array moves;            // record form, with "seat"
  std::vector<std::string> hand_seeds;
};

void play_one(const GameType& game, const json::object& setup_json, std::uint64_t seed,
              bool full, bool live, const ConformanceConfig& config) {
  const std::string where = describe(setup_json, seed) + (live ? " (live)" : "");
  auto created = create_with(game, setup_json, seed, live);
  ASSERT_TRUE(created.ok()) << where << ": " << created.error().code << " "
                            << created.error().message;
  StatePtr s = *created;
  FastRng rng(seed * 7919 + 17);
  Played played;
  auto initial_cards = sorted(s->all_cards());
  int steps = 0;
  while (!s->is_over()) {
    ASSERT_LT(++steps, config.max_steps) << where << ": game did not end";
    if (s->awaiting_hand_seed()) {
      ASSERT_TRUE(live) << where << ": waits for a hand seed in a non-live game";
      ASSERT_TRUE(s->to_act().empty()) << where << ": seats act before the hand seed";
      auto text = live_seed(seed, static_cast<int>(played.hand_seeds.size()));
      played.hand_seeds.push_back(text);
      s = s->with_hand_seed(text);
      continue;
    }
    auto acting = s->to_act();
    ASSERT_FALSE(acting.empty()) << where << ": nobody may act in an unfinished game";
    int seat = acting[rng.below(static_cast<std::uint32_t>(acting.size()))];
    json::array legal = s->legal_moves(seat);
    ASSERT_FALSE(legal.empty()) << where << ": seat " << seat << " may act but has no legal move";
    const json::value& move = legal[rng.below(static_cast<std::uint32_t>(legal.size()))];

    // A seat that may not act is refused, and the state is unchanged.
    for (int other = 0; other < s->players(); ++other) {
      if (std::find(acting.begin(), acting.end(), other) != acting.end()) continue;
      auto refused = s->apply(other, move);
      ASSERT_FALSE(refused.ok()) << where << ": seat " << other << " played out of turn";
      EXPECT_EQ(refused.error().code, "not_your_turn") << where;
      break;
    }
    auto next = s->apply(seat, move);
    ASSERT_TRUE(next.ok()) << where << ": legal move " << json::serialize(move)
                           << " refused: " << next.error().code << " " << next.error().message;
    json::object rec = move.as_object();
    rec["seat"] = seat;
    played.moves.push_back(std::move(rec));
    s = *next;

    ASSERT_EQ(sorted(s->all_cards()), initial_cards) << where << ": cards not conserved";
    auto broken = s->broken_invariant();
    ASSERT_FALSE(broken.has_value()) << where << ": " << *broken;
    if (full) {
      json::value j = s->to_json();
      auto back = game.from_json(j);
      ASSERT_TRUE(back.ok()) << where << ": " << back.error().message;
      ASSERT_EQ(json::serialize((*back)->to_json()), json::serialize(j)) << where;
      for (int v = 0; v < s->players(); ++v) ASSERT_TRUE(view_leaks_nothing(*s, v)) << where;
      ASSERT_TRUE(view_leaks_nothing(*s, std::nullopt)) << where;
      // The parts are checked for one viewer per state, in turn (every seat
      // and the spectator many times a game): all of them doubled the suite's
      // time under the sanitizers.
      const int k = static_cast<int>(played.moves.size()) % (s->players() + 1);
      ASSERT_TRUE(view_parts_agree(*s, k < s->players() ? Viewer(k) : std::nullopt)) << where;
    }
  }
  EXPECT_TRUE(s->to_act().empty()) << where;
  for (int v = 0; v < s->players(); ++v) EXPECT_TRUE(s->legal_moves(v).empty()) << where;
  json::object result = s->result();
  EXPECT_EQ(result["status"], json::value(s->status())) << where;
  if (s->status() == "game_over") {
    EXPECT_FALSE(result["winners"].as_array().empty()) << where << ": no winner";
  }

  // Replay: the record (setup + seed + hand seeds + moves) rebuilds the same state.
  json::object record = setup_json;
  record["seed"] = seed;
  json::array hs;
  for (auto& h : played.hand_seeds) hs.emplace_back(h);
  record["hand_seeds"] = std::move(hs);
  auto setup = setup_from_record(record, live);
  ASSERT_TRUE(setup.ok()) << where;
  auto replay = game.create(*setup);
  ASSERT_TRUE(replay.ok()) << where;
  StatePtr r = *replay;
  size_t seeds_used = 0;
  for (const auto& m : played.moves) {
    while (r->awaiting_hand_seed()) {
      ASSERT_LT(seeds_used, played.hand_seeds.size()) << where;
      r = r->with_hand_seed(played.hand_seeds[seeds_used++]);
    }
    auto next = r->apply(static_cast<int>(m.at("seat").as_int64()), m);
    ASSERT_TRUE(next.ok()) << where << ": replay refused " << json::serialize(m);
    r = *next;
  }
  EXPECT_EQ(json::serialize(r->to_json()), json::serialize(s->to_json())) << where << ": replay differs";
}

}  // namespace

ConformanceConfig conformance_config_from_env(ConformanceConfig c) {
  if (const char* g = std::getenv("PARLOR_CONFORMANCE_GAMES")) c.games_per_setup = std::atoi(g);
  if (const char* f = std::getenv("PARLOR_CONFORMANCE_FULL")) c.full_check_games = std::atoi(f);
  return c;
}

void check_game_conformance(const GameType& game, const ConformanceConfig& config) {
  auto setups = game.test_setups();
  ASSERT_FALSE(setups.empty()) << game.name() << " lists no test setups";
  for (const auto& setup : setups) {
    for (int g = 0; g < config.games_per_setup; ++g) {
      std::uint64_t seed = config.seed * 1000003u + static_cast<std::uint64_t>(g);
      bool full = g < config.full_check_games;
      bool live = g % 4 == 3;
      play_one(game, setup, seed, full, live, config);
      if (::testing::Test::HasFatalFailure() || ::testing::Test::HasNonfatalFailure()) return;
    }
  }
}

}  // namespace parlor::rules
