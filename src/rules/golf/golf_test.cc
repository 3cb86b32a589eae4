// Golf: record and option validation, the deal, legality of every move,
// move JSON, views; the shared conformance suite runs from src/rules/registry_test.cc.
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "base/shuffle.h"
#include "rules/golf/golf_test_util.h"

namespace parlor::rules::golf::testing {
namespace {

json::object record_error(json::object record) {
  record["game"] = "golf";
  auto r = run_record(game_type(), record);
  return r.at("error").is_null() ? json::object{} : r.at("error").as_object();
}

// ---- records and options -------------------------------------------------

TEST(GolfRecord, PlayersAreRequiredAndInRange) {
  auto e = record_error({});
  EXPECT_EQ(e["code"], "bad_record");
  EXPECT_NE(std::string(e["message"].as_string()).find("players"), std::string::npos);
  EXPECT_EQ(record_error({{"players", 1}})["code"], "bad_record");
  EXPECT_EQ(record_error({{"players", 9}})["code"], "bad_record");
  EXPECT_TRUE(record_error({{"players", 2}}).empty());
  EXPECT_TRUE(record_error({{"players", 8}}).empty());
}

TEST(GolfRecord, DealerMustBeASeat) {
  auto e = record_error({{"players", 3}, {"dealer", 3}});
  EXPECT_EQ(e["code"], "bad_record");
  EXPECT_NE(std::string(e["message"].as_string()).find("dealer"), std::string::npos);
  EXPECT_TRUE(record_error({{"players", 3}, {"dealer", 2}}).empty());
}

TEST(GolfRecord, DealsMustBeTheGamesDeck) {
  json::array short_deck;
  for (Card c : canonical_deck(1, false)) short_deck.emplace_back(c.str());
  short_deck.pop_back();
  EXPECT_EQ(record_error({{"players", 2}, {"deals", json::array{short_deck}}})["code"], "bad_record");
  // Five players at 6-card Golf need two decks (104 cards); with jokers 108.
  json::array one_deck;
  for (Card c : canonical_deck(1, false)) one_deck.emplace_back(c.str());
  EXPECT_EQ(record_error({{"players", 5}, {"deals", json::array{one_deck}}})["code"], "bad_record");
  json::array two_decks;
  for (Card c : canonical_deck(2, true)) two_decks.emplace_back(c.str());
  EXPECT_TRUE(record_error({{"players", 5}, {"options", {{"jokers", true}}}, {"deals", json::array{two_decks}}})
                  .empty());
  EXPECT_EQ(record_error({{"players", 5}, {"deals", json::array{two_decks}}})["code"], "bad_record");
}

TEST(GolfRecord, DecksByLayoutAndPlayers) {
  for (int p = 2; p <= 8; ++p) {
    EXPECT_EQ(decks_for(4, p), p <= 6 ? 1 : 2) << p;
    EXPECT_EQ(decks_for(6, p), p <= 4 ? 1 : 2) << p;
    EXPECT_EQ(decks_for(9, p), p <= 3 ? 1 : 2) << p;
  }
  auto deck = canonical_deck(2, true);
  ASSERT_EQ(deck.size(), 108u);
  EXPECT_EQ(deck[0].str(), "2C");
  EXPECT_EQ(deck[52].str(), "X1");
  EXPECT_EQ(deck[53].str(), "X2");
  EXPECT_EQ(deck[54].str(), "2C");
  EXPECT_EQ(deck[107].str(), "X2");
}

void expect_bad_option(json::object options, std::string_view key) {
  auto e = record_error({{"players", 2}, {"options", std::move(options)}});
  EXPECT_EQ(e["code"], "bad_option") << key;
  EXPECT_NE(std::string(e["message"].as_string()).find(key), std::string::npos) << e["message"];
}

TEST(GolfOptions, BadValuesNameTheirKey) {
  expect_bad_option({{"layout", 5}}, "layout");
  expect_bad_option({{"holes", 0}}, "holes");
  expect_bad_option({{"holes", 19}}, "holes");
  expect_bad_option({{"initial_flips", 4}}, "initial_flips");
  expect_bad_option({{"initial_flips", -1}}, "initial_flips");
  expect_bad_option({{"flip_after_discard", "sometimes"}}, "flip_after_discard");
  expect_bad_option({{"final_turns", "yes"}}, "final_turns");
  expect_bad_option({{"jokers", 1}}, "jokers");
  expect_bad_option({{"out_penalty", "triple"}}, "out_penalty");
  expect_bad_option({{"players", 4}}, "players");
  expect_bad_option({{"colour", "red"}}, "colour");
}

TEST(GolfOptions, DefaultsAreNormalized) {
  auto options_of = [](json::object given) {
    auto setup = setup_from_record({{"players", 2}, {"options", std::move(given)}});
    return (*game_type().create(*setup))->options();
  };
  EXPECT_EQ(json::value(options_of({})),
            parse(R"({"layout":6,"holes":9,"initial_flips":2,"flip_after_discard":"optional",
                      "final_turns":true,"jokers":false,"out_penalty":"none"})"));
  EXPECT_EQ(options_of({{"layout", 9}})["initial_flips"], 3);
  EXPECT_EQ(options_of({{"layout", 4}})["initial_flips"], 0);
  EXPECT_EQ(options_of({{"layout", 9}, {"initial_flips", 1}})["initial_flips"], 1);
}

// ---- the deal ----------------------------------------------------------

TEST(GolfDeal, ReproducibleDealFromTheSeed) {
  // "12345:0" shuffles the deck to AD JC 9C 5S 6S JD JS QC ... (game-records.md).
  std::vector<Card> d = canonical_deck(1, false);
  portable_shuffle(d, "12345:0");
  ASSERT_EQ(d[0].str(), "AD");
  auto s = state_of({{"players", 2}, {"dealer", 0}, {"seed", 12345}});
  auto j = s->to_json().as_object();
  // d[j] goes to seat (dealer + 1 + j mod 2) mod 2 at position j div 2.
  EXPECT_EQ(j.at("grids").at(1).at("cards").at(0), "AD");
  EXPECT_EQ(j.at("grids").at(0).at("cards").at(0), "JC");
  EXPECT_EQ(j.at("grids").at(1).at("cards").at(1), "9C");
  EXPECT_EQ(j.at("grids").at(0).at("cards").at(1), "5S");
  EXPECT_EQ(j.at("discard"), parse("[\"" + d[12].str() + "\"]"));
  EXPECT_EQ(j.at("stock").as_array().back(), json::value(d[13].str()));  // top of the stock
  EXPECT_EQ(j.at("stock").as_array().size(), 39u);
  auto v = s->view(0);
  EXPECT_EQ(v.at("hand_seed_sha256"), json::value(sha256_hex("12345:0")));
  EXPECT_FALSE(v.contains("hand_seed"));
}

TEST(GolfDeal, FirstDealerFromTheSeedThenPassesLeft) {
  // The first uniform(4) of "12345:dealer" is 3.
  RecordBuilder b;
  b.players(4).options({{"layout", 4}, {"holes", 2}});
  b.record["seed"] = 12345;
  EXPECT_EQ(state_of(b.build())->view(0).at("dealer"), 3);
  add_knock_at_once(b, 4, 3);
  auto s = state_of(b.build());
  EXPECT_EQ(s->view(0).at("dealer"), 0);
  EXPECT_EQ(s->view(0).at("hand"), 1);
  EXPECT_EQ(s->view(0).at("to_act"), parse("[1]"));
  EXPECT_EQ(s->result().at("hands").at(0).at("dealer"), 3);
}

TEST(GolfDeal, FourCardPlayersPeekAtTheirNearCards) {
  auto s = state_of({{"players", 3}, {"dealer", 0}, {"options", {{"layout", 4}}}});
  auto full = s->to_json().as_object();
  for (int seat = 0; seat < 3; ++seat) {
    const auto& mine = full.at("grids").at(seat).at("cards").as_array();
    auto v = s->view(seat);
    EXPECT_EQ(v.at("grids").at(seat).at("cards"),
              (json::array{nullptr, nullptr, mine.at(2), mine.at(3)}));
    EXPECT_EQ(v.at("grids").at((seat + 1) % 3).at("cards"), parse("[null,null,null,null]"));
  }
  EXPECT_EQ(s->view(std::nullopt).at("grids").at(0).at("cards"), parse("[null,null,null,null]"));
  EXPECT_EQ(s->to_act(), std::vector<int>{1});  // no reveal phase in 4-card Golf
}

TEST(GolfDeal, NoRevealPhaseWithZeroInitialFlips) {
  auto s = state_of({{"players", 3}, {"dealer", 1}, {"options", {{"initial_flips", 0}}}});
  EXPECT_EQ(s->to_act(), std::vector<int>{2});
  EXPECT_EQ(s->view(2).at("phase"), "turn");
  EXPECT_EQ(s->legal_moves(2).at(0), parse(R"({"type":"draw"})"));
}


}  // namespace
}  // namespace parlor::rules::golf::testing
