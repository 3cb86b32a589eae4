// Sheepshead: the deck and deal, and the worked examples of rules section 10.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>
#include <string>
#include <vector>

#include "rules/sheepshead/sheepshead_test_util.h"

namespace parlor::rules::sheepshead {
using namespace test_util;

// ---- Deck and deal -------------------------------------------------------------------

TEST(SheepsheadDeal, CanonicalDeckAndPortableShuffleTestVector) {
  ASSERT_EQ(canonical_deck().size(), 32u);
  EXPECT_EQ(canonical_deck().front().str(), "7C");
  EXPECT_EQ(canonical_deck()[8].str(), "7D");
  EXPECT_EQ(canonical_deck().back().str(), "AS");
  DealSource d("12345", {}, {}, false);
  auto deck = d.deck(0, canonical_deck());
  EXPECT_EQ(card_strings({deck.begin(), deck.begin() + 6}), codes("AH 7S KD 9C QS AD"));
}

TEST(SheepsheadDeal, DealsOneCardAtATimeInPickOrderAndTheRestIsTheBlind) {
  // Seed deck "12345:0" = AH 7S KD 9C QS AD ...; dealer 2: seat 3 gets d[0], seat 4 d[1], ...
  Table t(json::object{{"seed", 12345}, {"dealer", 2}, {"players", 5}});
  DealSource d("12345", {}, {}, false);
  auto deck = d.deck(0, canonical_deck());
  EXPECT_TRUE(t.s.hands[3].contains(deck[0]));
  EXPECT_TRUE(t.s.hands[4].contains(deck[1]));
  EXPECT_TRUE(t.s.hands[0].contains(deck[2]));
  EXPECT_TRUE(t.s.hands[3].contains(deck[5]));
  EXPECT_EQ(t.s.blind, CardSet::of({deck[30], deck[31]}));
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 3);  // the dealer's left neighbour picks first
  Table four(json::object{{"seed", 7}, {"dealer", 0}, {"players", 4}});
  for (int s = 0; s < 4; ++s) EXPECT_EQ(four.s.hands[static_cast<size_t>(s)].size(), 7);
  EXPECT_EQ(four.s.blind.size(), 4);
  Table three(json::object{{"seed", 7}, {"dealer", 0}, {"players", 3}});
  for (int s = 0; s < 3; ++s) EXPECT_EQ(three.s.hands[static_cast<size_t>(s)].size(), 10);
  EXPECT_EQ(three.s.blind.size(), 2);
}

TEST(SheepsheadDeal, FirstDealerComesFromTheSeedWhenTheRecordNamesNone) {
  Table t(json::object{{"seed", 12345}, {"players", 4}});
  EXPECT_EQ(t.s.dealer, 3);  // the first uniform(4) of "12345:dealer" is 3
}

// ---- Example 1: who wins a trick ------------------------------------------------------

TEST(SheepsheadExamples, Example1WhoWinsATrick) {
  auto winner = [](const std::string& text, int* points) {
    std::vector<Card> cards;
    for (const auto& c : split(text)) cards.push_back(*Card::parse(c));
    *points = 0;
    for (Card c : cards) *points += points_of(c);
    return trick_winner(cards.data(), static_cast<int>(cards.size()), group_of(cards[0]));
  };
  int points = 0;
  EXPECT_EQ(winner("TH KH 7D AH QC", &points), 4);  // QC, the highest trump
  EXPECT_EQ(points, 28);
  EXPECT_EQ(winner("KS AS 9S TS 8H", &points), 1);  // AS, no trump
  EXPECT_EQ(winner("JD AD JS 7D QD", &points), 4);  // QD: queens beat jacks, AD below every jack
}

// ---- Example 2: a complete hand, picker wins with schneider --------------------------

TEST(SheepsheadExamples, Example2CompleteHandSchneiderWin) {
  auto r = run_record(game_type(), record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}, ex2_moves(0)));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("points"), ints({-2, 4, -2, 2, -2}));
  EXPECT_EQ(h.at("picker"), 1);
  EXPECT_EQ(h.at("partner"), 3);
  EXPECT_EQ(h.at("called"), "AH");
  EXPECT_EQ(h.at("picker_points"), 101);
  EXPECT_EQ(h.at("defender_points"), 19);
  EXPECT_EQ(h.at("base"), 2);
  EXPECT_EQ(h.at("multiplier"), 1);
  EXPECT_EQ(h.at("won"), true);
  EXPECT_EQ(h.at("tricks"), ints({1, 5, 0, 0, 0}));
  EXPECT_EQ(h.at("card_points"), ints({19, 90, 0, 0, 0}));  // + 11 buried = 101
  EXPECT_EQ(r.at("totals"), ints({-2, 4, -2, 2, -2}));
  EXPECT_EQ(r.at("status"), "in_progress");
}

TEST(SheepsheadExamples, Example2OnlyLegalCallIsTheAceOfHearts) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(t.legal(1), (std::vector<std::string>{js(R"({"type":"call","card":"AH"})"),
                                                  js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call(1, "AS")).code, "illegal_call");  // his own (buried) card
  EXPECT_EQ(t.refused(call(1, "AC")).code, "illegal_call");  // no club to hold
  Error e = t.refused(call_unknown(1, "AH", "9H"));
  EXPECT_EQ(e.code, "illegal_call");
  EXPECT_NE(e.message.find("hold card"), std::string::npos) << e.message;
}

// ---- Example 3: calling decisions ----------------------------------------------------------

TEST(SheepsheadExamples, Example3CallingDecisions) {
  {  // Two callable aces, each with a hold card; AC is his own.
    Table t(record({}, 5, 4, {deck_for(4, {"QC JD AD AC TC 9H", "", "", "", ""}, "7H KS")}));
    t.ok(json::array{mv(0, "pick"), bury(0, "AC TC")});
    EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"AH"})"),
                                                    js(R"({"type":"call","card":"AS"})"),
                                                    js(R"({"type":"alone"})")}));
  }
  {  // No hearts: AH only "unknown", with any of his six cards as the under.
    Table t(record({}, 5, 4, {deck_for(4, {"QC QS JC AC 8C AS", "", "", "", ""}, "9S 7D")}));
    t.ok(json::array{mv(0, "pick"), bury(0, "AS 8C")});
    auto legal = t.legal(0);
    ASSERT_EQ(legal.size(), 7u);
    EXPECT_EQ(legal[0], js(R"({"type":"call","card":"AH","unknown":true,"under":"JC"})"));
    EXPECT_EQ(legal.back(), js(R"({"type":"alone"})"));
    EXPECT_EQ(t.refused(call(0, "AH")).code, "illegal_call");  // needs "unknown"
    EXPECT_EQ(t.refused(json::object{{"seat", 0}, {"type", "call"}, {"card", "AH"}, {"unknown", true}}).code,
              "illegal_call");  // needs an under
    EXPECT_EQ(t.refused(call_unknown(0, "AH", "KH")).code, "illegal_call");  // not his card
    t.ok(call_unknown(0, "AH", "9S"));
    EXPECT_EQ(t.s.hands[0], CardSet::of({*Card::parse("QC"), *Card::parse("QS"), *Card::parse("JC"),
                                         *Card::parse("AC"), *Card::parse("7D"), kUnder}));
    EXPECT_EQ(t.view(0).at("under"), "9S");
    EXPECT_EQ(t.view(1).at("under"), nullptr);
  }
  {  // All three fail aces are his: a ten with a hold card.
    Table t(record({}, 5, 4, {deck_for(4, {"QC QS AC AS AH 7H", "", "", "", ""}, "9C 8S")}));
    t.ok(json::array{mv(0, "pick"), bury(0, "9C 8S")});
    EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"TC"})"),
                                                    js(R"({"type":"call","card":"TH"})"),
                                                    js(R"({"type":"call","card":"TS"})"),
                                                    js(R"({"type":"alone"})")}));
  }
}

// ---- Example 4: play obligations ------------------------------------------------------------

TEST(SheepsheadExamples, Example4PlayObligations) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"), play(0, "AC")});
  EXPECT_EQ(t.plays(1), codes("QC TD AD QH QS"));  // id order; not 9H, his hold card
  Error e = t.refused(play(1, "9H"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("hold card"), std::string::npos) << e.message;
  json::array rest;
  trick(rest, 5, 1, "TD 8H 9C 8C");
  trick(rest, 5, 1, "QC 7D JH 9D 8D");
  trick(rest, 5, 1, "QS KD QD 7S JD");
  t.ok(rest);
  t.ok(json::array{play(1, "9H")});
  EXPECT_EQ(t.plays(2), codes("9S TS JS"));  // void in hearts: may trump
  t.ok(json::array{play(2, "JS")});
  EXPECT_EQ(t.plays(3), codes("AH"));  // must play the called ace though he holds TH, 7H
  e = t.refused(play(3, "TH"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("called AH"), std::string::npos) << e.message;
}

TEST(SheepsheadExamples, Example4PartnerMayNotDiscardTheCalledAce) {
  // Example 2 with P3 void in clubs (his 9C swapped for P2's 8H).
  auto hands = kEx2Hands;
  hands[2] = "JS KD 7D TS 9S 9C";
  hands[3] = "QD JH AH TH 7H 8H";
  Table t(record({}, 5, 4, {deck_for(4, hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"), play(0, "AC"),
                   play(1, "TD"), play(2, "9C")});
  EXPECT_EQ(t.plays(3), codes("QD 7H 8H TH JH"));
  Error e = t.refused(play(3, "AH"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("may not discard the called AH"), std::string::npos) << e.message;
}

TEST(SheepsheadExamples, Example4PartnerLeadsOnlyTheCalledCardOfTheCalledSuit) {
  // P3 (partner, AH) wins trick 1 with QC and leads before hearts were led.
  Table t(record({}, 5, 4, {deck_for(4, {"7D 8C 9C KC 8S 7S", "QS QH QD JC AD TD", "JS JH JD KD 9D 8D",
                                         "QC AH TH 7H KS 9S", "AC TC AS TS KH 8H"},
                                     "9H 7C")}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "7C TD"), call(1, "AH")});
  json::array t1;
  trick(t1, 5, 0, "7D QD 8D QC TS");
  t.ok(t1);
  EXPECT_EQ(t.s.leader, 3);
  EXPECT_EQ(t.plays(3), codes("AH 9S KS"));
  Error e = t.refused(play(3, "TH"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("only with the called AH"), std::string::npos) << e.message;
  // Rules 9.7: leading the called ace is allowed; the picker must follow with a heart.
  t.ok(json::array{play(3, "AH")});
  EXPECT_EQ(t.plays(4), codes("8H KH"));
  t.ok(json::array{play(4, "8H"), play(0, "8S")});
  EXPECT_EQ(t.plays(1), codes("9H"));
  t.ok(json::array{play(1, "9H"), play(2, "JH")});
  EXPECT_TRUE(t.s.called_suit_done);
  EXPECT_EQ(t.s.last_winner, 2);
}

// ---- Examples 5, 6, 8, 9: scoring -------------------------------------------------------------

TEST(SheepsheadExamples, Example5PickerSideLoses) {
  Options o;
  PickedScore sc = score_picked(o, true, 55, 2, 6, false, false, false);
  EXPECT_FALSE(sc.won);
  EXPECT_EQ(sc.unit, 2);
  EXPECT_EQ(sc.picker, -4);
  EXPECT_EQ(sc.partner, -2);
  EXPECT_EQ(sc.defender, 2);
  o.double_on_bump = false;
  sc = score_picked(o, true, 55, 2, 6, false, false, false);
  EXPECT_EQ(sc.picker, -2);
  EXPECT_EQ(sc.partner, -1);
  EXPECT_EQ(sc.defender, 1);
}

TEST(SheepsheadExamples, Example6AloneAndSchwarz) {
  Options o;
  PickedScore sc = score_picked(o, false, 75, 3, 6, false, false, false);
  EXPECT_EQ(sc.picker, 4);
  EXPECT_EQ(sc.defender, -1);
  sc = score_picked(o, false, 28, 1, 6, false, false, false);
  EXPECT_EQ(sc.base, 2);
  EXPECT_EQ(sc.unit, 4);
  EXPECT_EQ(sc.picker, -16);
  EXPECT_EQ(sc.defender, 4);
  sc = score_picked(o, true, 120, 6, 6, false, false, false);
  EXPECT_EQ(sc.base, 3);
  EXPECT_EQ(sc.picker, 6);
  EXPECT_EQ(sc.partner, 3);
  EXPECT_EQ(sc.defender, -3);
}

TEST(SheepsheadExamples, Example8ThreeAndFourHanded) {
  Options three;
  three.players = 3;
  PickedScore sc = score_picked(three, false, 58, 4, 10, false, false, false);
  EXPECT_EQ(sc.unit, 2);
  EXPECT_EQ(sc.picker, -4);
  EXPECT_EQ(sc.defender, 2);
  Options four;
  four.players = 4;
  sc = score_picked(four, false, 95, 6, 7, false, false, false);
  EXPECT_EQ(sc.base, 2);
  EXPECT_EQ(sc.picker, 6);
  EXPECT_EQ(sc.defender, -2);
}

TEST(SheepsheadExamples, Example9CrackRecrackAndBump) {
  Options o;
  o.cracking = true;
  PickedScore sc = score_picked(o, true, 27, 1, 6, true, true, false);
  EXPECT_EQ(sc.base, 2);
  EXPECT_EQ(sc.multiplier, 8);  // rules 9.18: bump x crack x recrack
  EXPECT_EQ(sc.unit, 16);
  EXPECT_EQ(sc.picker, -32);
  EXPECT_EQ(sc.partner, -16);
  EXPECT_EQ(sc.defender, 16);
  o.no_pick = NoPick::kDoubler;
  sc = score_picked(o, true, 70, 3, 6, false, false, true);
  EXPECT_EQ(sc.unit, 2);
  EXPECT_EQ(sc.picker, 4);
  EXPECT_EQ(sc.partner, 2);
  EXPECT_EQ(sc.defender, -2);
}

TEST(SheepsheadExamples, Example9DoublerThrownInThenDoubledHand) {
  // Hand 0 (dealer 4): everybody passes. Hand 1 (dealer 0): Example 2 one seat to the left.
  json::array moves;
  for (int s : {0, 1, 2, 3, 4}) moves.push_back(mv(s, "pass"));
  for (const auto& m : ex2_moves(1)) moves.push_back(m);
  json::array deals{deck_for(4, kEx2Hands, kEx2Blind), deck_for(0, rotated(kEx2Hands, 1), kEx2Blind)};
  auto r = run_record(game_type(), record({{"no_pick", "doubler"}}, 5, 4, deals, moves));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& hands = r.at("hands").as_array();
  ASSERT_EQ(hands.size(), 2u);
  EXPECT_EQ(hands[0].at("kind"), "thrown_in");
  EXPECT_EQ(hands[0].at("points"), ints({0, 0, 0, 0, 0}));
  EXPECT_EQ(hands[1].at("doubled"), true);
  EXPECT_EQ(hands[1].at("multiplier"), 2);
  EXPECT_EQ(hands[1].at("points"), ints({-4, -4, 8, -4, 4}));  // schneider x doubler
  EXPECT_EQ(hands[1].at("dealer"), 0);
}

// ---- Example 7: a complete leaster ------------------------------------------------------

TEST(SheepsheadExamples, Example7CompleteLeaster) {
  auto r = run_record(game_type(), record({}, 5, 4, ex7_deal(), ex7_moves()));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("kind"), "leaster");
  EXPECT_EQ(h.at("card_points"), ints({22, 0, 51, 34, 13}));
  EXPECT_EQ(h.at("blind_to"), 4);
  EXPECT_EQ(h.at("winners"), ints({4}));
  EXPECT_EQ(h.at("points"), ints({-1, -1, -1, -1, 4}));
}

TEST(SheepsheadRules, LeasterBlindToFirstTrickOrNobody) {
  auto first = run_record(game_type(), record({{"leaster_blind", "first_trick"}}, 5, 4, ex7_deal(), ex7_moves()));
  EXPECT_EQ(first_hand(first).at("card_points"), ints({22, 0, 51, 45, 2}));
  EXPECT_EQ(first_hand(first).at("blind_to"), 3);
  auto none = run_record(game_type(), record({{"leaster_blind", "none"}}, 5, 4, ex7_deal(), ex7_moves()));
  EXPECT_EQ(first_hand(none).at("card_points"), ints({22, 0, 51, 34, 2}));  // 109: the blind is nobody's
  EXPECT_EQ(first_hand(none).at("blind_to"), nullptr);
  EXPECT_EQ(first_hand(none).at("points"), ints({-1, -1, -1, -1, 4}));
}

TEST(SheepsheadRules, LeasterWinnersNeedATrickAndTiesShare) {
  std::array<std::int16_t, kMaxPlayers> totals{10, 0, 10, 50, 50};
  std::array<std::int8_t, kMaxPlayers> tricks{1, 0, 2, 2, 1};
  const std::uint8_t w = leaster_winners(5, totals, tricks);
  EXPECT_EQ(w, 0b00101);  // P1 took no trick; P0 and P2 tie lowest (rules 9.14, 9.15)
  auto points = leaster_points(5, w);
  EXPECT_EQ(points, (std::array<std::int32_t, kMaxPlayers>{3, -2, 3, -2, -2}));
  std::array<std::int8_t, kMaxPlayers> one{6, 0, 0, 0, 0};
  EXPECT_EQ(leaster_winners(5, {120, 0, 0, 0, 0}, one), 0b00001);  // took every trick: wins
}

}  // namespace parlor::rules::sheepshead
