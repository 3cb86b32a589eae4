// Bots only ever choose legal moves: whole seeded games at every level, over
// every option set each game's test_setups() lists (PARLOR_BOT_TEST_GAMES
// games each, default 1). Also the level strings and the deal sampler.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <cstdlib>

#include "bots/bot.h"
#include "bots/bots_test_util.h"
#include "bots/level.h"
#include "bots/sampler.h"

namespace parlor::bots {
namespace {

namespace json = boost::json;
using testing::bot_games;
using testing::play_game;

// Small fixed playout counts keep the searching levels fast under ASan.
const std::vector<std::string> kMixedLevels = {"easy", "normal:playouts=3", "hard:playouts=4",
                                               "easy", "normal:playouts=2"};

int games_per_setup() {
  const char* env = std::getenv("PARLOR_BOT_TEST_GAMES");
  return env ? std::max(1, std::atoi(env)) : 1;
}

TEST(BotsLegal, EveryGameEverySetupEasy) {
  for (const auto* type : bot_games()) {
    int k = 0;
    for (const auto& setup : type->test_setups()) {
      for (int g = 0; g < games_per_setup(); ++g) {
        SCOPED_TRACE(std::string(type->name()) + " setup " + std::to_string(k) + " game " +
                     std::to_string(g));
        auto run = play_game(*type, setup, 100 + g * 7 + k, {"easy"});
        ASSERT_TRUE(run.final != nullptr);
        EXPECT_TRUE(run.final->is_over()) << type->name() << " did not finish";
      }
      ++k;
    }
  }
}

TEST(BotsLegal, EveryGameEverySetupSearching) {
  for (const auto* type : bot_games()) {
    int k = 0;
    for (const auto& setup : type->test_setups()) {
      for (int g = 0; g < games_per_setup(); ++g) {
        SCOPED_TRACE(std::string(type->name()) + " setup " + std::to_string(k) + " game " +
                     std::to_string(g));
        auto run = play_game(*type, setup, 200 + g * 7 + k, kMixedLevels);
        ASSERT_TRUE(run.final != nullptr);
        EXPECT_TRUE(run.final->is_over()) << type->name() << " did not finish";
      }
      ++k;
    }
  }
}

// A room hands a computer player its view as text (choose_move_in_text): the
// same move as choose_move() on the view read back, held in ordinary memory
// (the arena the text is read into is gone once it returns).
TEST(BotsText, TheViewAsTextChoosesTheSameMove) {
  for (const auto* type : bot_games()) {
    SCOPED_TRACE(type->name());
    int compared = 0;
    testing::play_game(*type, type->test_setups().front(), 300, {"normal:playouts=2"}, 20000,
                       [&](const rules::GameState&, const json::object& view, int) {
                         const std::string text = json::serialize(view);
                         const json::value from_text = choose_move_in_text(text, "normal:playouts=2", 7);
                         EXPECT_EQ(from_text, choose_move(view, "normal:playouts=2", 7)) << text;
                         EXPECT_EQ(from_text.storage().get(), json::storage_ptr().get());
                         ++compared;
                       });
    EXPECT_GT(compared, 10);
  }
}

TEST(BotsTextDeathTest, TextThatIsNotAViewObjectIsABrokenInvariant) {
  EXPECT_DEATH(choose_move_in_text("[1,2]", "easy", 1), "not a JSON object");
  EXPECT_DEATH(choose_move_in_text("{\"legal\":", "easy", 1), "not a JSON object");
}

}  // namespace
}  // namespace parlor::bots

namespace parlor::bots {
namespace {

TEST(BotsLevel, NamesAndSettings) {
  EXPECT_FALSE(parse_level("easy").searches());
  EXPECT_FALSE(parse_level("nonsense").searches()) << "unknown names play easy";
  const Level normal = parse_level("normal"), hard = parse_level("hard");
  EXPECT_EQ(normal.strength, Strength::kNormal);
  EXPECT_EQ(hard.budget_ms, 100);
  EXPECT_GT(hard.playouts, normal.playouts);
  const Level fixed = parse_level("hard:playouts=40");
  EXPECT_EQ(fixed.playouts, 40);
  EXPECT_EQ(fixed.budget_ms, 0) << "a fixed playout count reads no clock";
  const Level timed = parse_level("normal:budget_ms=7");
  EXPECT_EQ(timed.budget_ms, 7);
  EXPECT_GT(timed.playouts, 1000) << "a budget alone lets the clock decide";
  const Level both = parse_level("hard:playouts=9,budget_ms=3");
  EXPECT_EQ(both.playouts, 9);
  EXPECT_EQ(both.budget_ms, 3);
  EXPECT_EQ(parse_level("hard:playouts=-3,colour=red").playouts, hard.playouts) << "bad settings are ignored";
}

TEST(BotsSampler, KeepsCountsAndVoids) {
  FastRng rng(3);
  DealProblem p;
  p.places = 3;
  const CardSet clubs = CardSet::suit(Suit::kClubs), hearts = CardSet::suit(Suit::kHearts);
  p.pool = clubs | hearts;  // 26 cards
  p.count = {10, 10, 6};
  const CardSet all((std::uint64_t{1} << 52) - 1);
  p.allowed = {all - clubs, all, all};  // place 0 showed a void in clubs
  for (int i = 0; i < 200; ++i) {
    const Deal d = sample_deal(p, rng);
    ASSERT_EQ(d.relaxed, Relaxed::kNone);
    EXPECT_EQ(d.cards[0].size(), 10);
    EXPECT_EQ(d.cards[1].size(), 10);
    EXPECT_EQ(d.cards[2].size(), 6);
    EXPECT_TRUE((d.cards[0] & clubs).empty());
    EXPECT_EQ((d.cards[0] | d.cards[1] | d.cards[2]), p.pool);
  }
  // Contradictory inferences (nobody may hold a club): the rules' own
  // constraints are kept, then only the counts.
  p.allowed = {all - clubs, all - clubs, all - clubs};
  p.has_required = true;
  p.required = {all - clubs, all, all};
  Deal d = sample_deal(p, rng);
  EXPECT_EQ(d.relaxed, Relaxed::kInferences);
  EXPECT_TRUE((d.cards[0] & clubs).empty());
  p.required = p.allowed;
  d = sample_deal(p, rng);
  EXPECT_EQ(d.relaxed, Relaxed::kEverything);
  EXPECT_EQ(d.cards[0].size() + d.cards[1].size() + d.cards[2].size(), 26);
}

}  // namespace
}  // namespace parlor::bots
