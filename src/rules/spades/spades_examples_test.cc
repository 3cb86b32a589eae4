// Spades: every worked example of shared/rules/spades.md section 10 (the
// edge cases of section 9: spades_test.cc; legality: spades_legality_test.cc).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "rules/spades/spades_test_util.h"

namespace parlor::rules::spades {
namespace {

using namespace test_util;

// ---------------------------------------------------------------- section 10

TEST(SpadesExamples, Example1OpeningLeadAndBreakingSpades) {
  StatePtr s = create(example2_record());
  s = apply_all(s, bids_in_turn(W, {0, 3, 4, 3}));
  ASSERT_EQ(s->to_act(), std::vector<int>{N});
  EXPECT_EQ(s->legal_moves(N), plays_json({"4C", "5C", "7C", "QC", "AC", "2D", "6D", "KD", "8H"}));
  for (auto spade : {"3S", "4S", "8S", "AS"}) {
    std::string msg = expect_refused(s, play(N, spade), "spades_not_broken");
    EXPECT_EQ(msg, "spades are not broken yet: lead clubs, diamonds or hearts");
  }
  auto plays = example2_plays();
  s = apply_all(s, std::vector<json::object>(plays.begin(), plays.begin() + 9));  // W to play in trick 3
  EXPECT_FALSE(s->view(N).at("spades_broken").as_bool());
  s = apply_all(s, {plays[9]});  // W trumps with 5S
  EXPECT_TRUE(s->view(N).at("spades_broken").as_bool());
  s = apply_all(s, std::vector<json::object>(plays.begin() + 10, plays.begin() + 16));
  ASSERT_EQ(s->to_act(), std::vector<int>{N});  // N won trick 4 and leads trick 5
  const auto legal = s->legal_moves(N);
  EXPECT_EQ(legal.size(), typed(s).hands[N].size()) << "every card may be led";
  s = apply_all(s, {play(N, "8S")});
}

TEST(SpadesExamples, Example1LeaderWithOnlySpadesMayLeadThem) {
  // N wins nine club tricks; nobody plays a spade; at trick 10 N holds only
  // 3S 5S 9S KS and spades are not broken.
  const std::array<CardSet, kSeats> hands = {
      set_of("6C 7C 8C 9C TC JC QC KC AC 3S 5S 9S KS"),
      set_of("2C 5C 2S 4S 6S 2D 3D 4D 5D 6D 7D 8D 9D"),
      set_of("3C 7S 8S TS TD JD QD KD AD 2H 3H 4H 5H"),
      set_of("4C JS QS AS 6H 7H 8H 9H TH JH QH KH AH"),
  };
  std::vector<json::object> moves = bids_in_turn(W, {9, 1, 1, 1});
  const char* leads[9] = {"AC", "KC", "QC", "JC", "TC", "9C", "8C", "7C", "6C"};
  const char* east[9] = {"2C", "5C", "2D", "3D", "4D", "5D", "6D", "7D", "8D"};
  const char* south[9] = {"3C", "TD", "JD", "QD", "KD", "AD", "2H", "3H", "4H"};
  const char* west[9] = {"4C", "6H", "7H", "8H", "9H", "TH", "JH", "QH", "KH"};
  for (int i = 0; i < 9; ++i)
    for (auto m : {play(N, leads[i]), play(E, east[i]), play(S, south[i]), play(W, west[i])})
      moves.push_back(m);
  StatePtr s = apply_all(create(make_record({}, W, json::array{deck_json(hands, W)}, {})), moves);
  ASSERT_EQ(s->to_act(), std::vector<int>{N});
  EXPECT_FALSE(typed(s).spades_broken);
  EXPECT_EQ(s->legal_moves(N), plays_json({"3S", "5S", "9S", "KS"}));
  s = apply_all(s, {play(N, "9S")});
  EXPECT_TRUE(typed(s).spades_broken) << "a spade led from a hand of only spades breaks spades";
  // E still holds spades and must follow.
  expect_refused(s, play(E, "9D"), "must_follow_suit");
}

TEST(SpadesExamples, Example2FailedNilAndBagsRollingPastTen) {
  json::object record = example2_record();
  json::object r = play_moves(start_with_scores(record, {208, 304}, {8, 4}), record);
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("tricks"), j("[2,3,5,3]"));
  EXPECT_EQ(h.at("contracts"), j("[4,6]"));
  EXPECT_EQ(h.at("contract_points"), j("[40,60]"));
  EXPECT_EQ(h.at("overtricks"), j("[1,0]"));
  EXPECT_EQ(h.at("nil_trick_bags"), j("[2,0]"));
  EXPECT_EQ(h.at("nil_points"), j("[-100,0]"));
  EXPECT_EQ(h.at("bags"), j("[3,0]"));
  EXPECT_EQ(h.at("bag_penalties"), j("[1,0]"));
  EXPECT_EQ(h.at("penalty_points"), j("[-100,0]"));
  EXPECT_EQ(h.at("points"), j("[-157,60]"));
  EXPECT_EQ(h.at("bag_count"), j("[1,4]"));
  EXPECT_EQ(r.at("totals"), j("[51,364]"));
  EXPECT_EQ(r.at("bags"), j("[1,4]"));
  EXPECT_EQ(r.at("status"), "in_progress");
}

TEST(SpadesExamples, Example2WithNilTricksIgnore) {
  json::object record = example2_record({{"nil_tricks", "ignore"}});
  json::object r = play_moves(start_with_scores(record, {208, 304}, {8, 4}), record);
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("points"), j("[-59,60]"));
  EXPECT_EQ(h.at("bag_count"), j("[9,4]"));
  EXPECT_EQ(h.at("bag_penalties"), j("[0,0]"));
  EXPECT_EQ(r.at("totals"), j("[149,364]"));
}

TEST(SpadesExamples, Example2AsAPlainRecordFromZero) {
  json::object r = run_record(game_type(), example2_record());
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(r.at("moves_applied"), 56);
  EXPECT_EQ(first_hand(r).at("points"), j("[-57,60]"));
  EXPECT_EQ(r.at("totals"), j("[-57,60]"));
  EXPECT_EQ(r.at("bags"), j("[3,0]"));
  // The deal passed left: N deals hand 2, so E bids first.
  EXPECT_EQ(r.at("to_act"), j("[1]"));
  EXPECT_EQ(r.at("legal").as_array().size(), 14u);
}

TEST(SpadesExamples, Example3ASet) {
  json::object r = run_record(game_type(), scripted_record(N, {2, 5, 2, 4}, {2, 3, 3, 5}));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("tricks"), j("[2,3,3,5]"));
  EXPECT_EQ(h.at("points").as_array()[1], -90);
  EXPECT_EQ(h.at("bags").as_array()[1], 0);
  EXPECT_EQ(h.at("points").as_array()[0], 41);  // N-S bid 4, won 5
}

TEST(SpadesExamples, Example4SuccessfulNil) {
  json::object record = scripted_record(N, {0, 3, 5, 3}, {0, 3, 7, 3});
  json::object r = play_moves(start_with_scores(record, {0, 0}, {3, 0}), record);
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("points"), j("[152,60]"));
  EXPECT_EQ(h.at("nil_points"), j("[100,0]"));
  EXPECT_EQ(h.at("bag_count"), j("[5,0]"));
}

TEST(SpadesExamples, Example5BagCountHittingExactlyTen) {
  json::object record = scripted_record(N, {2, 2, 4, 2}, {5, 2, 4, 2});
  json::object r = play_moves(start_with_scores(record, {0, 0}, {7, 0}), record);
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("points"), j("[-37,40]"));
  EXPECT_EQ(h.at("bags"), j("[3,0]"));
  EXPECT_EQ(h.at("bag_penalties"), j("[1,0]"));
  EXPECT_EQ(h.at("bag_count"), j("[0,0]"));
}

TEST(SpadesExamples, Example6EndOfGameHigherScoreWins) {
  json::object record = scripted_record(N, {4, 3, 3, 3}, {4, 3, 3, 3});
  json::object r = play_moves(start_with_scores(record, {489, 478}, {0, 0}), record);
  EXPECT_EQ(first_hand(r).at("points"), j("[70,60]"));
  EXPECT_EQ(r.at("totals"), j("[559,538]"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("winners"), j("[0]"));
  EXPECT_EQ(r.at("to_act"), j("[]"));
  EXPECT_EQ(r.at("legal"), j("[]"));
}

TEST(SpadesExamples, Example6EqualScoresAboveTargetPlayAnotherHand) {
  json::object record = scripted_record(N, {4, 3, 3, 3}, {4, 3, 3, 3});
  StatePtr s = apply_all(start_with_scores(record, {440, 450}, {0, 0}),
                         concat({bids_in_turn(N, {4, 3, 3, 3}), scripted_hand(N, {4, 3, 3, 3}).plays}));
  json::object r = result_of(s);
  EXPECT_EQ(r.at("totals"), j("[510,510]"));
  EXPECT_EQ(r.at("status"), "in_progress");
  EXPECT_EQ(r.at("winners"), j("[]"));
  json::object v = s->view(N);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("dealer"), E);
  EXPECT_EQ(s->to_act(), std::vector<int>{S});
}

// Example 7's hand: W bids blind nil (dealer N, so E bids first). The
// scripted tricks are the hands after the exchange; before it W held `g`
// instead of `r`, which he gets back from E.
struct BlindNilHand {
  json::object record;
  std::vector<json::object> bids, exchange, plays;
};

BlindNilHand example7_hand(std::array<int, kSeats> tricks, std::array<int, kSeats> bids) {
  ScriptedHand h = scripted_hand(N, tricks);
  const std::vector<Card> east = h.hands[E].cards(), west = h.hands[W].cards();
  const Card g1 = east[0], g2 = east[5], r1 = west[1], r2 = west[7];
  std::array<CardSet, kSeats> before = h.hands;
  before[W] = (h.hands[W] - set_of(r1.str() + " " + r2.str())) | set_of(g1.str() + " " + g2.str());
  before[E] = (h.hands[E] - set_of(g1.str() + " " + g2.str())) | set_of(r1.str() + " " + r2.str());
  BlindNilHand out;
  out.bids = {look(E), bid(E, bids[E]), bid(S, bids[S]), blind_nil(W), bid(N, bids[N])};
  out.exchange = {exchange(W, g1.str(), g2.str()), exchange(E, r1.str(), r2.str())};
  out.plays = h.plays;
  out.record = make_record({{"blind_nil", true}}, N, json::array{deck_json(before, N)},
                           concat({out.bids, out.exchange, out.plays}));
  return out;
}

TEST(SpadesExamples, Example7BlindNil) {
  BlindNilHand hand = example7_hand({4, 6, 3, 0}, {4, 5, 3, 0});
  StatePtr s = start_with_scores(hand.record, {330, 220}, {0, 0});
  // E may bid blind nil: first choice blind nil or look, cards unseen.
  EXPECT_EQ(s->legal_moves(E), j(R"([{"type":"blind_nil"},{"type":"look"}])"));
  EXPECT_TRUE(s->view(E).at("cards").is_null());
  EXPECT_TRUE(s->view(W).at("cards").is_null());
  EXPECT_FALSE(s->view(N).at("cards").is_null());
  expect_refused(s, bid(E, 5), "look_first");
  s = apply_all(s, {hand.bids[0]});
  EXPECT_EQ(s->view(E).at("cards").as_array().size(), 13u);
  EXPECT_EQ(s->legal_moves(E).size(), 14u);
  expect_refused(s, blind_nil(E), "blind_nil_not_allowed");
  s = apply_all(s, {hand.bids[1]});
  // S's team is ahead: S only bids.
  EXPECT_EQ(s->legal_moves(S).size(), 14u);
  expect_refused(s, blind_nil(S), "blind_nil_not_allowed");
  s = apply_all(s, {hand.bids[2], hand.bids[3]});
  EXPECT_TRUE(s->view(W).at("cards").is_null()) << "the blind nil bidder looks after the last bid";
  s = apply_all(s, {hand.bids[4]});
  // The exchange: W passes 2 of 13 to E, then E 2 of 15 back.
  EXPECT_EQ(s->view(N).at("phase"), "exchange");
  EXPECT_EQ(s->to_act(), std::vector<int>{W});
  EXPECT_EQ(s->legal_moves(W).size(), 78u);
  EXPECT_EQ(s->view(W).at("cards").as_array().size(), 13u);
  s = apply_all(s, {hand.exchange[0]});
  EXPECT_EQ(s->legal_moves(E).size(), 105u);
  EXPECT_EQ(s->view(E).at("exchange").at("given"), hand.exchange[0].at("cards"));
  EXPECT_FALSE(s->view(N).at("exchange").as_object().contains("given"));
  EXPECT_FALSE(s->view(std::nullopt).at("exchange").as_object().contains("given"));
  s = apply_all(s, {hand.exchange[1]});
  EXPECT_EQ(s->view(W).at("exchange").at("returned"), hand.exchange[1].at("cards"));
  EXPECT_EQ(s->view(W).at("exchange").at("stage"), "done");
  EXPECT_EQ(s->view(N).at("phase"), "play");
  EXPECT_EQ(s->to_act(), std::vector<int>{E}) << "the dealer's left leads";
  s = apply_all(s, hand.plays);
  json::object r = result_of(s);
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("blind_nil"), j("[false,false,false,true]"));
  EXPECT_EQ(h.at("points"), j("[70,251]"));
  EXPECT_EQ(h.at("nil_points"), j("[0,200]"));
  EXPECT_EQ(h.at("bags"), j("[0,1]"));
}

TEST(SpadesExamples, Example7BlindNilFailed) {
  BlindNilHand hand = example7_hand({4, 6, 2, 1}, {4, 5, 3, 0});
  json::object r = play_moves(start_with_scores(hand.record, {330, 220}, {0, 0}), hand.record);
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("tricks"), j("[4,6,2,1]"));
  EXPECT_EQ(h.at("points"), j("[-70,-148]"));  // +50 +1 -200 +1
  EXPECT_EQ(h.at("bags"), j("[0,2]"));
}

TEST(SpadesExamples, Example8DoubleNil) {
  json::object r = run_record(game_type(), scripted_record(N, {0, 5, 0, 5}, {0, 6, 2, 5}));
  EXPECT_EQ(first_hand(r).at("points"), j("[2,101]"));
  EXPECT_EQ(first_hand(r).at("bag_count"), j("[2,1]"));
  EXPECT_EQ(first_hand(r).at("contracts"), j("[0,10]"));
  r = run_record(game_type(), scripted_record(N, {0, 5, 0, 5}, {0, 7, 0, 6}));
  EXPECT_EQ(first_hand(r).at("points"), j("[200,103]"));
}

}  // namespace
}  // namespace parlor::rules::spades
