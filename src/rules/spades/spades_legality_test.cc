// Spades: legality of every rule and option (bids, nil and blind nil, the
// exchange, following suit, breaking spades, turns and payloads).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "rules/spades/spades_test_util.h"

namespace parlor::rules::spades {
namespace {

using namespace test_util;

// ---------------------------------------------------------------- legality

TEST(SpadesLegality, MustFollowSuit) {
  StatePtr s = apply_all(create(example2_record()),
                         concat({bids_in_turn(W, {0, 3, 4, 3}), {play(N, "4C")}}));
  EXPECT_EQ(s->legal_moves(E), plays_json({"8C", "9C", "KC"}));
  EXPECT_EQ(expect_refused(s, play(E, "7H"), "must_follow_suit"), "you must follow suit: you hold clubs");
  expect_refused(s, play(E, "6S"), "must_follow_suit");
}

TEST(SpadesLegality, CardNotHeldAndWrongPhase) {
  StatePtr s = create(example2_record());
  EXPECT_EQ(expect_refused(s, play(N, "4C"), "illegal_move"),
            "bid first: the cards are played after the bidding");
  s = apply_all(s, bids_in_turn(W, {0, 3, 4, 3}));
  EXPECT_EQ(expect_refused(s, play(N, "KC"), "illegal_move"), "you do not hold the king of clubs");
  EXPECT_EQ(expect_refused(s, bid(N, 3), "illegal_move"), "the bidding is over");
  expect_refused(s, look(N), "illegal_move");
  expect_refused(s, exchange(N, "4C", "5C"), "illegal_move");
}

TEST(SpadesLegality, NotYourTurn) {
  StatePtr s = create(example2_record());
  EXPECT_EQ(expect_refused(s, bid(E, 3), "not_your_turn"),
            "not your turn (seat 1): it is seat 0's turn to bid");
  s = apply_all(s, bids_in_turn(W, {0, 3, 4, 3}));
  expect_refused(s, play(E, "8C"), "not_your_turn");
  json::object bad_seat = play(7, "4C");
  EXPECT_FALSE(s->apply(7, bad_seat).ok());
}

TEST(SpadesLegality, MustBreakSpadesOff) {
  StatePtr s = apply_all(create(example2_record({{"must_break_spades", false}})),
                         bids_in_turn(W, {0, 3, 4, 3}));
  EXPECT_EQ(s->legal_moves(N).size(), 13u);
  s = apply_all(s, {play(N, "3S")});
  EXPECT_TRUE(typed(s).spades_broken);
}

TEST(SpadesLegality, BidsAreZeroToThirteen) {
  StatePtr s = create(example2_record());
  json::array want;
  for (int t = 0; t <= 13; ++t) want.push_back(json::object{{"type", "bid"}, {"tricks", t}});
  EXPECT_EQ(s->legal_moves(N), want);
  expect_refused(s, bid(N, 14), "bad_payload");
  expect_refused(s, bid(N, -1), "bad_payload");
  // The typed API refuses an out-of-range bid too.
  State copy = typed(s);
  EXPECT_EQ(Spades::apply(copy, N, Move::bid(14)).error().code, "illegal_move");
}

TEST(SpadesLegality, NilNotAllowed) {
  json::object record = example2_record({{"nil_allowed", false}, {"blind_nil", true}});
  StatePtr s = start_with_scores(record, {300, 100}, {0, 0});
  EXPECT_EQ(s->legal_moves(N).size(), 13u);
  EXPECT_EQ(s->legal_moves(N).at(0), j(R"({"type":"bid","tricks":1})"));
  EXPECT_EQ(expect_refused(s, bid(N, 0), "nil_not_allowed"),
            "nil is not allowed at this table: bid 1 to 13 tricks");
  s = apply_all(s, {bid(N, 2)});
  // E-W are 200 behind, but without nil there is no blind nil either.
  EXPECT_EQ(s->legal_moves(E).size(), 13u);
  expect_refused(s, blind_nil(E), "blind_nil_not_allowed");
  EXPECT_FALSE(s->view(E).at("cards").is_null());
}

TEST(SpadesLegality, BlindNilOffByDefault) {
  StatePtr s = start_with_scores(example2_record(), {500 - 1, 0}, {0, 0});
  s = apply_all(s, {bid(N, 2)});
  EXPECT_EQ(expect_refused(s, blind_nil(E), "blind_nil_not_allowed"),
            "blind nil is not allowed at this table");
  EXPECT_EQ(expect_refused(s, look(E), "illegal_move"), "you already see your cards: bid");
}

TEST(SpadesLegality, BlindNilNeedsAHundredPointDeficitAtTheStartOfTheHand) {
  json::object record = example2_record({{"blind_nil", true}});
  StatePtr s = start_with_scores(record, {330, 231}, {0, 0});
  s = apply_all(s, {bid(N, 2)});
  EXPECT_EQ(s->legal_moves(E).size(), 14u);
  EXPECT_EQ(expect_refused(s, blind_nil(E), "blind_nil_not_allowed"),
            "blind nil needs your team to be at least 100 points behind at the start of the hand");
  s = start_with_scores(record, {330, 230}, {0, 0});
  EXPECT_EQ(s->legal_moves(N).size(), 14u) << "N-S are ahead";
  s = apply_all(s, {bid(N, 2)});
  EXPECT_EQ(s->legal_moves(E), j(R"([{"type":"blind_nil"},{"type":"look"}])"));
  // Negative scores count the same way.
  s = start_with_scores(record, {-100, -200}, {0, 0});
  s = apply_all(s, {bid(N, 2)});
  EXPECT_EQ(s->legal_moves(E).size(), 2u);
}

TEST(SpadesLegality, BlindNilWithoutExchange) {
  json::object record = example2_record({{"blind_nil", true}, {"blind_nil_exchange", 0}});
  StatePtr s = start_with_scores(record, {330, 220}, {0, 0});
  s = apply_all(s, {bid(N, 0), blind_nil(E), bid(S, 4), look(W), bid(W, 3)});
  EXPECT_EQ(s->view(N).at("phase"), "play");
  EXPECT_TRUE(s->view(N).at("exchange").is_null());
  EXPECT_EQ(s->view(N).at("blind_nil"), j("[false,true,false,false]"));
  EXPECT_EQ(s->view(E).at("cards").as_array().size(), 13u);
  EXPECT_EQ(s->view(N).at("contracts"), j("[4,3]"));
}

TEST(SpadesLegality, BothPartnersBlindNilHaveNoExchange) {
  StatePtr s = start_with_scores(example2_record({{"blind_nil", true}}), {330, 220}, {0, 0});
  s = apply_all(s, {bid(N, 3), blind_nil(E), bid(S, 4), blind_nil(W)});
  EXPECT_EQ(s->view(N).at("phase"), "play");
  EXPECT_EQ(s->view(N).at("contracts"), j("[7,0]"));
}

TEST(SpadesLegality, BlindNilWithPartnerNilStillExchanges) {
  StatePtr s = start_with_scores(example2_record({{"blind_nil", true}}), {330, 220}, {0, 0});
  s = apply_all(s, {bid(N, 3), look(E), bid(E, 0), bid(S, 4), blind_nil(W)});
  EXPECT_EQ(s->view(N).at("phase"), "exchange");
  EXPECT_EQ(s->to_act(), std::vector<int>{W});
  auto legal = s->legal_moves(W);
  EXPECT_EQ(legal.at(0), j(R"({"type":"exchange","cards":["2C","3D"]})"));
  EXPECT_EQ(expect_refused(s, exchange(W, "2C", "AS"), "illegal_move"),
            "you do not hold the ace of spades");
  expect_refused(s, exchange(E, "8C", "9C"), "not_your_turn");
  expect_refused(s, play(W, "2C"), "illegal_move");
  // Cards may be named in any order; they are passed as a set.
  s = apply_all(s, {exchange(W, "3D", "2C")});
  EXPECT_TRUE(typed(s).hands[E].contains(card("2C")));
  s = apply_all(s, {exchange(E, "2C", "AD")});
  EXPECT_TRUE(typed(s).hands[W].contains(card("AD")));
  EXPECT_EQ(typed(s).hands[W].size(), 13);
  EXPECT_EQ(typed(s).hands[E].size(), 13);
}

TEST(SpadesLegality, BadPayloads) {
  StatePtr s = create(example2_record());
  for (const char* text : {R"({"type":"dance"})", R"({"tricks":3})", R"({"type":"bid"})",
                           R"({"type":"bid","tricks":"3"})", R"({"type":"play","card":"1X"})",
                           R"({"type":"play","card":"X1"})", R"({"type":"exchange","cards":["2C"]})",
                           R"({"type":"exchange","cards":["2C","2C"]})",
                           R"({"type":"exchange","cards":["2C","3C","4C"]})"}) {
    auto r = s->apply(N, j(text));
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, "bad_payload") << text;
  }
  EXPECT_EQ(s->apply(N, j("[1]")).error().code, "bad_payload");
}

TEST(SpadesLegality, MovesRoundTripThroughJson) {
  for (const Move& m : {Move::bid(0), Move::bid(13), Move::blind_nil(), Move::look(),
                        Move::exchange(card("AS"), card("2C")), Move::play(card("QS"))}) {
    json::value v = Spades::move_to_json(m);
    auto back = Spades::move_from_json(v.as_object());
    ASSERT_TRUE(back.ok()) << json::serialize(v);
    EXPECT_TRUE(*back == m) << json::serialize(v);
  }
  EXPECT_EQ(Spades::move_to_json(Move::exchange(card("AS"), card("2C"))),
            j(R"({"type":"exchange","cards":["2C","AS"]})"));
}

}  // namespace
}  // namespace parlor::rules::spades
