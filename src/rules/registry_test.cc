// The conformance suite over every registered game, and the registry itself.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <set>

#include "rules/conformance.h"
#include "rules/registry.h"

namespace parlor::rules {
namespace {

TEST(Registry, ListsTheFiveGamesOnceEach) {
  std::set<std::string> names;
  for (const auto* g : all_games()) EXPECT_TRUE(names.insert(std::string(g->name())).second);
  EXPECT_EQ(names, (std::set<std::string>{"hearts", "spades", "sheepshead", "golf", "klondike"}));
  EXPECT_EQ(find_game("chess"), nullptr);
}

TEST(Registry, UnknownGameIsABadRecord) {
  auto r = run_record(boost::json::parse(R"({"game": "chess", "moves": []})").as_object());
  EXPECT_EQ(r["error"].as_object()["code"], "bad_record");
  EXPECT_EQ(r["error"].as_object()["move"], nullptr);
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, RandomFullGamesUnderEveryOptionSet) {
  const GameType* game = find_game(GetParam());
  ASSERT_NE(game, nullptr);
  check_game_conformance(*game, conformance_config_from_env({.games_per_setup = 250,
                                                              .full_check_games = 12,
                                                              .seed = 20261201}));
}

INSTANTIATE_TEST_SUITE_P(AllGames, Conformance,
                         ::testing::Values("hearts", "spades", "sheepshead", "golf", "klondike"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parlor::rules
