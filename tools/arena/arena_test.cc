// The arena plays short seeded matches and reports sane statistics.
#include "tools/arena/arena.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "rules/golf/golf.h"
#include "rules/hearts/hearts.h"
#include "rules/sheepshead/sheepshead.h"
#include "rules/spades/spades.h"
#include "tools/arena/arena_cli.h"

namespace parlor::tools::arena {
namespace {

Report run_ok(const rules::GameType& game, const Config& config) {
  auto r = run(game, config);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Report{};
}

TEST(Arena, HeartsShortMatch) {
  Config c;
  c.seats = {"normal:playouts=2", "easy", "easy", "easy"};
  c.options = json::object{{"end_score", 40}};
  c.hands = 30;
  const Report r = run_ok(rules::hearts::game_type(), c);
  ASSERT_EQ(r.seats.size(), 4u);
  EXPECT_GE(r.hands, 30);
  EXPECT_EQ(r.games % 4, 0) << "every deal is played in every rotation";
  double total = 0;
  for (const auto& s : r.seats) {
    EXPECT_EQ(s.hands, r.hands);
    EXPECT_EQ(s.games, r.games);
    EXPECT_GT(s.decisions, 0);
    EXPECT_GE(s.ci95, 0);
    total += s.avg_points;
  }
  EXPECT_GE(total, 26.0 - 1e-9) << "a hand hands out 26 points, 78 after a moon";
  ASSERT_EQ(r.levels.size(), 2u);
  EXPECT_EQ(r.levels[1].hands, 3 * r.hands) << "the three easy entrants pooled";
  const json::object j = report_json(r);
  for (const char* key : {"level", "avg_points", "ci95", "wins", "decision_ms_p50", "decision_ms_p99"})
    EXPECT_TRUE(j.at("seats").as_array()[0].as_object().contains(key)) << key;
}

TEST(Arena, SeededMatchesRepeat) {
  Config c;
  c.seats = {"hard:playouts=2", "easy", "easy", "easy"};
  c.options = json::object{{"end_score", 30}};
  c.hands = 8;
  const Report a = run_ok(rules::hearts::game_type(), c);
  const Report b = run_ok(rules::hearts::game_type(), c);
  ASSERT_EQ(a.seats.size(), b.seats.size());
  for (size_t i = 0; i < a.seats.size(); ++i) {
    EXPECT_EQ(a.seats[i].avg_points, b.seats[i].avg_points);
    EXPECT_EQ(a.seats[i].wins, b.seats[i].wins);
  }
}

TEST(Arena, SpadesTeamsGolfAndSheepshead) {
  Config spades;
  spades.seats = {"normal:playouts=2", "easy", "normal:playouts=2", "easy"};
  spades.options = json::object{{"target_score", 100}, {"losing_score", -100}};
  spades.hands = 4;
  const Report s = run_ok(rules::spades::game_type(), spades);
  ASSERT_EQ(s.seats.size(), 4u);
  EXPECT_EQ(s.seats[0].avg_points, s.seats[2].avg_points) << "partners share the team's points";
  EXPECT_DOUBLE_EQ(s.seats[0].win_rate + s.seats[1].win_rate, 1.0) << "one team wins each game";

  Config golf;
  golf.seats = {"hard:playouts=2", "easy", "easy"};
  golf.options = json::object{{"holes", 2}};
  golf.hands = 6;
  EXPECT_GE(run_ok(rules::golf::game_type(), golf).hands, 6);

  Config sheepshead;
  sheepshead.seats = {"hard:playouts=2", "easy", "easy", "easy", "easy"};
  sheepshead.options = json::object{{"rounds", 1}};
  sheepshead.hands = 5;
  const Report h = run_ok(rules::sheepshead::game_type(), sheepshead);
  double sum = 0;
  for (const auto& e : h.seats) sum += e.avg_points * e.hands;
  EXPECT_NEAR(sum, 0.0, 1e-6) << "Sheepshead game points sum to zero";
}

TEST(ArenaCli, Usage) {
  const char* no_seats[] = {"arena", "--game", "golf"};
  EXPECT_EQ(arena_main(3, const_cast<char**>(no_seats)), 2);
  const char* unknown[] = {"arena", "--game", "chess", "--seats", "easy,easy"};
  EXPECT_EQ(arena_main(5, const_cast<char**>(unknown)), 2);
  const char* help[] = {"arena", "--help"};
  EXPECT_EQ(arena_main(2, const_cast<char**>(help)), 0);
  const char* match[] = {"arena", "--game", "golf", "--seats", "easy,normal:playouts=2",
                         "--hands", "2", "--options", "{\"holes\": 1}", "--json"};
  EXPECT_EQ(arena_main(10, const_cast<char**>(match)), 0);
}

}  // namespace
}  // namespace parlor::tools::arena
