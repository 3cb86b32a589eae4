// Sheepshead: every rule and option, records and JSON, and the information
// limits (worked examples: sheepshead_examples_test.cc; the conformance suite: registry_test.cc).
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


// ---- Scoring edge cases (rules 5.2, section 9) -------------------------------------------

TEST(SheepsheadRules, ScoreThresholds) {
  Options o;
  auto score = [&](int p, int tricks) { return score_picked(o, true, p, tricks, 6, false, false, false); };
  EXPECT_FALSE(score(60, 3).won);
  EXPECT_TRUE(score(61, 3).won);
  EXPECT_EQ(score(90, 3).base, 1);
  EXPECT_EQ(score(91, 3).base, 2);
  EXPECT_EQ(score(31, 2).base, 1);
  EXPECT_EQ(score(30, 2).base, 2);
  EXPECT_EQ(score(120, 5).base, 2);  // 9.10: defenders took a 0-point trick: schneider, not schwarz
  EXPECT_EQ(score(0, 0).base, 3);    // 9.11: no trick
  o.schneider_schwarz = false;
  EXPECT_EQ(score(120, 6).base, 1);
  EXPECT_EQ(score(0, 0).base, 1);
}

TEST(SheepsheadRules, BuryGoesToTheDefendersWhenThePickerSideTakesNoTrick) {
  // Picker P4 (the dealer) alone with the weakest cards; the defenders take every trick.
  Table t(record({}, 5, 4, {deck_for(4, {"QC QS QH QD JC JS", "JH JD AD TD KD 9D", "AC TC AS TS 8H 7H",
                                         "8D 7D KC KS KH 9C", "8C 7C 9S 8S 7S 9H"},
                                     "AH TH")}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass"), mv(4, "pick"),
                   bury(4, "AH TH"), mv(4, "alone")});
  // Each trick: P0 leads a trump, everybody follows or discards; P4 never wins.
  json::array m;
  trick(m, 5, 0, "QC JH AC 8D 9H");
  trick(m, 5, 0, "QS JD TC 7D 7C");
  trick(m, 5, 0, "QH AD AS KC 8C");
  trick(m, 5, 0, "QD TD TS KS 9S");
  trick(m, 5, 0, "JC KD 8H KH 8S");
  trick(m, 5, 0, "JS 9D 7H 9C 7S");
  t.ok(m);
  const HandSummary& h = t.s.history.get().back();
  EXPECT_EQ(h.picker_points, 0);
  EXPECT_EQ(points_of(h.bury), 21);  // counted for the defenders: card points 99 + 21
  EXPECT_EQ(h.base, 3);
  EXPECT_EQ(h.points, (std::array<std::int32_t, kMaxPlayers>{6, 6, 6, 6, -24}));  // 3 x bump 2, alone
}

// ---- Calling edge cases (rules 9.1-9.5, 9.13) ------------------------------------------------

TEST(SheepsheadRules, TwoAcesAndACardOfTheThirdSuitMustCallTheThird) {
  Table t(record({}, 5, 4, {deck_for(4, {"AC AS 7H QC QS JD", "", "", "", ""}, "8D 9D")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "8D 9D")});
  EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"AH"})"),
                                                  js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call_unknown(0, "AH", "QC")).code, "illegal_call");
}

TEST(SheepsheadRules, BuryingTheOnlyCardOfASuitLeavesOnlyAnUnknownCall) {
  Table t(record({}, 5, 4, {deck_for(4, {"AC AS 7H QC QS JD", "", "", "", ""}, "8D 9D")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "7H 9D")});
  auto legal = t.legal(0);
  ASSERT_EQ(legal.size(), 7u);  // AH unknown with six possible unders, or alone
  EXPECT_EQ(t.refused(call(0, "AH")).code, "illegal_call");
}

TEST(SheepsheadRules, OptionsTurnOffUnknownTenAndAloneCalls) {
  auto legal_after = [](json::object options, const std::string& hand, const std::string& blind,
                        const std::string& buried) {
    Table t(record(std::move(options), 5, 4, {deck_for(4, {hand, "", "", "", ""}, blind)}));
    t.ok(json::array{mv(0, "pick"), bury(0, buried)});
    return t.legal(0);
  };
  // No unknown call: void in hearts with AH out -> alone only.
  EXPECT_EQ(legal_after({{"unknown_call", false}}, "AC AS QC QS JD 8D", "9D 7D", "9D 7D"),
            (std::vector<std::string>{js(R"({"type":"alone"})")}));
  // No alone: a call is required when one exists.
  EXPECT_EQ(legal_after({{"allow_alone", false}}, "AC AS 7H QC QS JD", "8D 9D", "8D 9D"),
            (std::vector<std::string>{js(R"({"type":"call","card":"AH"})")}));
  // No ten call, all three aces his: alone, even with allow_alone off (no call possible).
  EXPECT_EQ(legal_after({{"call_ten", false}, {"allow_alone", false}}, "AC AS AH 7H QC QS", "9C 8S", "9C 8S"),
            (std::vector<std::string>{js(R"({"type":"alone"})")}));
  // All three aces his: each ten, an ace being its own hold card (5-handed,
  // one ace always stays in hand, so an unknown ten call cannot arise).
  EXPECT_EQ(legal_after({}, "AC AS AH QC QS QH", "9C 8S", "9C 8S").size(), 4u);
  // All aces his, TC too, and no spade or heart kept: TS / TH only "unknown".
  auto tens = legal_after({}, "AC AS AH TC QC QS", "QH JC", "AS AH");
  EXPECT_EQ(tens.size(), 2u * 6u + 1u);
  EXPECT_EQ(tens[0], js(R"({"type":"call","card":"TH","unknown":true,"under":"TC"})"));
  EXPECT_EQ(legal_after({{"unknown_call", false}}, "AC AS AH TC QC QS", "QH JC", "AS AH"),
            (std::vector<std::string>{js(R"({"type":"alone"})")}));
}

TEST(SheepsheadRules, AloneRefusedWhenTheTableForbidsIt) {
  Table t(record({{"allow_alone", false}}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  Error e = t.refused(mv(1, "alone"));
  EXPECT_EQ(e.code, "illegal_call");
  EXPECT_NE(e.message.find("call AH"), std::string::npos) << e.message;
}

// ---- The under (rules 4.3.1 list 2, 4.5.5) -------------------------------------------------

namespace {
// P0 picks and, void in hearts, calls AH unknown with AC as the under. P1 holds AH.
const std::vector<std::string> kUnderHands = {"QC QS JC AC 8C 7D", "AH 7H 8H QH TS KS",
                                              "9C TC KC JH 8D 7S", "7C 9H TH KH QD JD",
                                              "JS AD TD KD 9D 8S"};
}  // namespace

TEST(SheepsheadRules, UnderCannotBeDiscardedAndIsPlayedOnTheFirstCalledSuitTrick) {
  Table t(record({}, 5, 3, {deck_for(3, kUnderHands, "AS 9S")}));
  t.ok(json::array{mv(4, "pass"), mv(0, "pick"), bury(0, "AS 9S"), call_unknown(0, "AH", "AC")});
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  t.ok(json::array{play(4, "8S")});
  EXPECT_EQ(t.plays(0), codes("8C JC QC 7D QS"));  // void in spades, but not the under
  EXPECT_EQ(t.refused(play(0, "UNDER")).code, "called_suit_rule");
  EXPECT_EQ(t.refused(play(0, "AC")).code, "called_suit_rule");  // its real code is the same play
  t.ok(json::array{play(0, "8C"), play(1, "KS"), play(2, "7S"), play(3, "7C")});
  EXPECT_EQ(t.s.leader, 1);
  EXPECT_EQ(t.plays(1), codes("QH AH TS"));
  EXPECT_EQ(t.refused(play(1, "7H")).code, "called_suit_rule");
  t.ok(json::array{play(1, "AH"), play(2, "JH"), play(3, "KH"), play(4, "9D")});
  EXPECT_EQ(t.plays(0), codes("UNDER"));
  EXPECT_EQ(t.refused(play(0, "QC")).code, "called_suit_rule");
  EXPECT_EQ(t.view(3).at("trick").as_array().size(), 4u);
  t.ok(json::array{play(0, "AC")});  // the real code plays the under
  // Rules 9.9: the under's 11 points go to the trick's winner (P2, JH).
  EXPECT_EQ(t.s.last_winner, 2);
  EXPECT_EQ(t.s.points_taken[2], 28);
  EXPECT_TRUE(t.s.called_suit_done);
  // Only the picker knows the under until the hand ends (rules 8.2).
  for (int seat : {1, 2, 3, 4}) {
    auto v = t.view(seat);
    EXPECT_EQ(v.at("card_points").as_array()[2], 17) << seat;
    EXPECT_EQ(v.at("last_trick").at("points"), 17) << seat;
    EXPECT_EQ(v.at("last_trick").at("cards").as_array()[4].at("card"), "UNDER");
    EXPECT_EQ(t.view_text(seat).find("\"AC\""), std::string::npos) << seat;
  }
  EXPECT_EQ(t.view(0).at("card_points").as_array()[2], 28);
  EXPECT_EQ(t.view(0).at("under"), "AC");
  EXPECT_EQ(t.view(std::nullopt).at("partner"), 1);  // the called ace was played
}

TEST(SheepsheadRules, PickerMayLeadTheUnderAsTheCalledSuit) {
  Table t(record({}, 5, 4, {deck_for(4, kUnderHands, "AS 9S")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "AS 9S"), call_unknown(0, "AH", "AC")});
  EXPECT_EQ(t.plays(0), codes("8C JC QC 7D QS UNDER"));
  EXPECT_EQ(t.legal(0).back(), js(R"({"type":"play","card":"UNDER"})"));
  t.ok(json::array{play(0, "UNDER")});
  EXPECT_EQ(t.plays(1), codes("AH"));
  t.ok(json::array{play(1, "AH")});
  EXPECT_EQ(t.plays(2), codes("9C TC KC 8D JH 7S"));  // no fail heart: free
  t.ok(json::array{play(2, "9C")});
  EXPECT_EQ(t.plays(3), codes("9H TH KH"));  // must follow the called suit
  t.ok(json::array{play(3, "9H"), play(4, "8S")});
  EXPECT_EQ(t.s.last_winner, 1);  // the under never wins
  EXPECT_EQ(t.s.points_taken[1], 22);
}

// ---- Called ten (rules 4.5.6) -------------------------------------------------------------------

TEST(SheepsheadRules, CalledTenHasTheAceObligationsAndTheAceStillBeatsIt) {
  Table t(record({}, 5, 4, {deck_for(4, {"QC QS AC AS AH 7H", "TH 8H 7C 8C KC 7S", "9H TC TS KS JC 7D",
                                         "KH JS JH QH QD JD", "AD TD KD 9D 8D 9S"},
                                     "9C 8S")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "9C 8S"), call(0, "TH"), play(0, "AH")});
  EXPECT_EQ(t.plays(1), codes("TH"));
  t.ok(json::array{play(1, "TH")});
  EXPECT_EQ(t.plays(2), codes("9H"));
  t.ok(json::array{play(2, "9H"), play(3, "KH"), play(4, "9S")});
  EXPECT_EQ(t.s.last_winner, 0);
  EXPECT_EQ(t.s.points_taken[0], 25);
  EXPECT_EQ(t.view(2).at("partner"), 1);
}

// ---- Jack-of-diamonds partner (rules 4.3.2) ---------------------------------------------------

TEST(SheepsheadRules, JackOfDiamondsPartner) {
  json::object jd{{"partner_mode", "jack_of_diamonds"}};
  Table t(record(jd, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(t.legal(1), (std::vector<std::string>{js(R"({"type":"call","card":"JD"})"),
                                                  js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call(1, "AH")).code, "illegal_call");
  EXPECT_EQ(t.refused(call_unknown(1, "JD", "9H")).code, "illegal_call");
  t.ok(json::array{call(1, "JD")});
  EXPECT_EQ(t.s.partner, 0);
  EXPECT_EQ(t.view(0).at("partner"), 0);
  EXPECT_EQ(t.view(2).at("partner"), nullptr);
  t.ok(json::array{play(0, "AC")});
  EXPECT_EQ(t.plays(1), codes("QC TD AD 9H QH QS"));  // no called-suit obligations
  json::array rest;
  trick(rest, 5, 1, "TD 8H 9C 8C");
  trick(rest, 5, 1, "QC 7D JH 9D 8D");
  trick(rest, 5, 1, "QS KD QD 7S JD");
  t.ok(rest);
  EXPECT_EQ(t.view(2).at("partner"), 0);  // JD was played
}

TEST(SheepsheadRules, JackOfDiamondsHolderPlaysAloneOrCallsUp) {
  json::object jd{{"partner_mode", "jack_of_diamonds"}};
  Table t(record(jd, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pick"), bury(0, "AS 9H")});
  EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call(0, "JD")).code, "illegal_call");

  json::object up{{"partner_mode", "jack_of_diamonds"}, {"jd_call_up", true}, {"allow_alone", false}};
  Table u(record(up, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  u.ok(json::array{mv(0, "pick"), bury(0, "JD AS")});  // rules 9.13: buried JD is still his
  EXPECT_EQ(u.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"JH"})"),
                                                  js(R"({"type":"alone"})")}));
  u.ok(json::array{call(0, "JH")});
  EXPECT_EQ(u.s.partner, 3);

  Table all(record(up, 5, 4, {deck_for(4, {"JC JS JH JD QC QS", "", "", "", ""}, "7C 8C")}));
  all.ok(json::array{mv(0, "pick"), bury(0, "7C 8C")});
  EXPECT_EQ(all.legal(0), (std::vector<std::string>{js(R"({"type":"alone"})")}));  // all four jacks

  Table no_alone(record({{"partner_mode", "jack_of_diamonds"}, {"allow_alone", false}}, 5, 4,
                        {deck_for(4, kEx2Hands, kEx2Blind)}));
  no_alone.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(no_alone.legal(1), (std::vector<std::string>{js(R"({"type":"call","card":"JD"})")}));
}

// ---- Cracking (rules 4.4) ---------------------------------------------------------------------

TEST(SheepsheadRules, CrackThenSecretPartnerRecracks) {
  json::object opts{{"cracking", true}};
  Table t(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH")});
  EXPECT_EQ(t.s.phase, Phase::kCracking);
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 2);  // P0 had his chance to pick: only P2..P4
  EXPECT_EQ(t.legal(2), (std::vector<std::string>{js(R"({"type":"crack"})"), js(R"({"type":"no_crack"})")}));
  EXPECT_EQ(t.refused(mv(2, "recrack")).code, "illegal_move");
  t.ok(mv(2, "no_crack"));
  EXPECT_EQ(t.legal(3), (std::vector<std::string>{js(R"({"type":"no_crack"})")}));  // the partner
  EXPECT_EQ(t.refused(mv(3, "crack")).code, "illegal_move");
  t.ok(json::array{mv(3, "no_crack"), mv(4, "crack")});
  EXPECT_EQ(t.s.phase, Phase::kRecracking);
  EXPECT_EQ(t.legal(1), (std::vector<std::string>{js(R"({"type":"recrack"})"), js(R"({"type":"no_crack"})")}));
  t.ok(mv(1, "no_crack"));
  // Everyone but picker and cracker is asked in pick order; only the partner may recrack.
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 0);
  EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"no_crack"})")}));
  EXPECT_EQ(t.refused(mv(0, "recrack")).code, "illegal_move");
  t.ok(json::array{mv(0, "no_crack"), mv(2, "no_crack")});
  EXPECT_EQ(t.legal(3), (std::vector<std::string>{js(R"({"type":"recrack"})"), js(R"({"type":"no_crack"})")}));
  t.ok(mv(3, "recrack"));
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  EXPECT_EQ(t.view(0).at("partner"), 3);  // revealed by his recrack
  EXPECT_EQ(t.view(0).at("multiplier"), 4);

  json::array before{mv(2, "no_crack"), mv(3, "no_crack"), mv(4, "crack"), mv(1, "no_crack"),
                     mv(0, "no_crack"), mv(2, "no_crack"), mv(3, "recrack")};
  auto r = run_record(game_type(), record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}, ex2_moves(0, before)));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(first_hand(r).at("points"), ints({-8, 16, -8, 8, -8}));  // schneider x crack x recrack
  EXPECT_EQ(first_hand(r).at("cracked_by"), 4);
  EXPECT_EQ(first_hand(r).at("recracked_by"), 3);
}

TEST(SheepsheadRules, PickerRecracksOrNobodyCracks) {
  json::object opts{{"cracking", true}};
  Table t(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"), mv(2, "crack")});
  EXPECT_EQ(t.refused(mv(3, "crack")).code, "not_your_turn");  // at most one crack
  EXPECT_EQ(t.refused(mv(1, "crack")).code, "illegal_move");
  t.ok(mv(1, "recrack"));
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  EXPECT_EQ(t.view(0).at("multiplier"), 4);
  EXPECT_EQ(t.view(0).at("partner"), nullptr);

  Table quiet(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  quiet.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), mv(1, "alone"),
                       mv(2, "crack"), mv(1, "no_crack")});
  EXPECT_EQ(quiet.s.phase, Phase::kPlaying);  // alone: no partner to ask
  EXPECT_EQ(quiet.view(0).at("multiplier"), 2);
}

TEST(SheepsheadRules, NoCrackWhenTheDealerPicksOrInALeaster) {
  json::object opts{{"cracking", true}};
  Table t(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass"), mv(4, "pick"),
                   bury(4, "8S 7S"), mv(4, "alone")});
  EXPECT_EQ(t.s.phase, Phase::kPlaying);  // rules 9.17
  Table l(record(opts, 5, 4, ex7_deal()));
  l.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass"), mv(4, "pass")});
  EXPECT_EQ(l.s.phase, Phase::kPlaying);
  EXPECT_EQ(l.view(0).at("leaster"), true);
}

TEST(SheepsheadRules, ThreeHandedCrackWithoutPartner) {
  Table t(record({{"cracking", true}}, 3, 2, {}, {}), false);
  t.ok(json::array{mv(0, "pass"), mv(1, "pick")});
  const std::vector<Card> cards = t.s.hands[1].cards();
  t.ok(bury(1, cards[0].str() + " " + cards[1].str()));
  EXPECT_EQ(t.s.phase, Phase::kCracking);
  t.ok(json::array{mv(2, "crack"), mv(1, "no_crack")});
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  EXPECT_EQ(t.s.leader, 0);
}

// ---- No pick: forced pick and doublers (rules 4.7) -----------------------------------------------

TEST(SheepsheadRules, ForcedPickDealerMayNotPass) {
  Table t(record({{"no_pick", "forced_pick"}}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass")});
  EXPECT_EQ(t.legal(4), (std::vector<std::string>{js(R"({"type":"pick"})")}));
  Error e = t.refused(mv(4, "pass"));
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("forced pick"), std::string::npos) << e.message;
  t.ok(mv(4, "pick"));
  EXPECT_EQ(t.s.phase, Phase::kBurying);
}

TEST(SheepsheadRules, DoublersDoNotStackAndPendingOnesAreDiscardedAtTheEnd) {
  auto passes = [](int dealer, json::array& m) {
    for (int i = 1; i <= 5; ++i) m.push_back(mv((dealer + i) % 5, "pass"));
  };
  json::array moves;
  passes(4, moves);
  passes(0, moves);
  for (const auto& m : ex2_moves(2)) moves.push_back(m);  // dealer 1
  passes(2, moves);
  passes(3, moves);
  json::array deals{deck_for(4, kEx2Hands, kEx2Blind), deck_for(0, kEx2Hands, kEx2Blind),
                    deck_for(1, rotated(kEx2Hands, 2), kEx2Blind)};
  json::object opts{{"no_pick", "doubler"}, {"rounds", 1}};
  auto r = run_record(game_type(), record(opts, 5, 4, deals, moves));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(r.at("status"), "game_over");
  const auto& hands = r.at("hands").as_array();
  ASSERT_EQ(hands.size(), 5u);
  EXPECT_EQ(hands[2].at("multiplier"), 2);  // two pending, only x2 (rules 9.16)
  EXPECT_EQ(hands[2].at("points"), ints({4, -4, -4, 8, -4}));
  EXPECT_EQ(r.at("totals"), ints({4, -4, -4, 8, -4}));
  EXPECT_EQ(r.at("winners"), ints({3}));

  Table t(record(opts, 5, 4, deals));
  t.ok(moves);
  EXPECT_EQ(t.s.phase, Phase::kGameOver);
  EXPECT_EQ(t.s.pending_doublers, 0);  // three were pending (rules 6.2)
  EXPECT_EQ(t.view(0).at("pending_doublers"), 0);
}

TEST(SheepsheadRules, GameLengthIsRoundsTimesPlayersAndTiesShare) {
  json::array moves;
  for (int hand = 0; hand < 3; ++hand)
    for (int i = 1; i <= 3; ++i) moves.push_back(mv((hand + i) % 3, "pass"));
  auto r = run_record(game_type(), record({{"no_pick", "doubler"}, {"rounds", 1}}, 3, 0, {}, moves));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("hands").as_array().size(), 3u);
  EXPECT_EQ(r.at("winners"), ints({0, 1, 2}));
}

// ---- 3- and 4-handed ----------------------------------------------------------------------------

TEST(SheepsheadRules, ThreeAndFourHandedBuryWithoutACall) {
  Table four(record({}, 4, 3, {}));
  four.ok(mv(0, "pick"));
  EXPECT_EQ(four.s.hands[0].size(), 11);
  EXPECT_EQ(four.legal(0).size(), 330u);  // every 4-card bury
  const std::vector<Card> c4 = four.s.hands[0].cards();
  EXPECT_EQ(four.refused(bury(0, c4[0].str() + " " + c4[1].str())).code, "illegal_move");
  four.ok(bury(0, c4[0].str() + " " + c4[1].str() + " " + c4[2].str() + " " + c4[3].str()));
  EXPECT_EQ(four.s.phase, Phase::kPlaying);
  EXPECT_EQ(four.s.partner, -1);
  EXPECT_EQ(four.refused(mv(0, "alone")).code, "illegal_move");  // no call 4-handed

  Table three(record({}, 3, 2, {}));
  three.ok(mv(0, "pick"));
  EXPECT_EQ(three.legal(0).size(), 66u);
  Table five(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  five.ok(mv(0, "pick"));
  auto buries = five.legal(0);
  ASSERT_EQ(buries.size(), 28u);  // lexicographic over his cards in id order
  EXPECT_EQ(buries.front(), js(R"({"type":"bury","cards":["TC","JC"]})"));
  EXPECT_EQ(buries[1], js(R"({"type":"bury","cards":["TC","AC"]})"));
  EXPECT_EQ(buries.back(), js(R"({"type":"bury","cards":["KS","AS"]})"));
  EXPECT_EQ(five.refused(bury(0, "AS QH")).code, "illegal_move");  // QH is not his
}

// ---- Options, records and payloads ---------------------------------------------------------------

TEST(SheepsheadRecord, OptionAndRecordErrorsNameTheProblem) {
  auto error_of = [](json::object rec) {
    rec["game"] = "sheepshead";
    auto r = run_record(game_type(), rec);
    EXPECT_FALSE(r.at("error").is_null());
    return r.at("error").is_null() ? json::object{} : r.at("error").as_object();
  };
  auto expect = [&](json::object rec, const char* code, const char* needle) {
    json::object e = error_of(std::move(rec));
    EXPECT_EQ(e["code"], code) << json::serialize(e);
    EXPECT_NE(std::string(e["message"].as_string()).find(needle), std::string::npos) << json::serialize(e);
  };
  expect({{"options", {{"colour", 1}}}}, "bad_option", "colour");
  expect({{"options", {{"rounds", 11}}}}, "bad_option", "rounds");
  expect({{"options", {{"rounds", 0}}}}, "bad_option", "rounds");
  expect({{"options", {{"partner_mode", "x"}}}}, "bad_option", "partner_mode");
  expect({{"options", {{"no_pick", "redeal"}}}}, "bad_option", "no_pick");
  expect({{"options", {{"leaster_blind", 1}}}}, "bad_option", "leaster_blind");
  for (const char* key : {"unknown_call", "call_ten", "allow_alone", "jd_call_up", "double_on_bump",
                          "schneider_schwarz", "cracking"})
    expect({{"options", {{key, "yes"}}}}, "bad_option", key);
  expect({{"options", {{"players", 6}}}}, "bad_option", "players");
  expect({{"options", {{"players", 4}}}, {"players", 5}}, "bad_option", "players");
  expect({{"players", 6}}, "bad_record", "3, 4 or 5");
  expect({{"players", 3}, {"dealer", 3}}, "bad_record", "dealer");
  expect({{"deals", json::array{json::array{"AS"}}}}, "bad_record", "deals[0]");
  json::array two_ass;  // 32 cards, one twice
  for (Card c : canonical_deck()) two_ass.emplace_back(c.str() == "7C" ? "AS" : c.str());
  expect({{"deals", json::array{two_ass}}}, "bad_record", "deals[0]");
}

TEST(SheepsheadRecord, PlayersFromRecordOrOptionsAndNormalizedOptions) {
  auto setup = setup_from_record(json::object{{"players", 3}});
  auto s = Sheepshead::create(*setup);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Sheepshead::players(*s), 3);
  json::object opts = Sheepshead::options(*s);
  EXPECT_EQ(opts.at("players"), 3);
  EXPECT_EQ(opts.at("partner_mode"), "called_ace");
  EXPECT_EQ(opts.at("no_pick"), "leaster");
  EXPECT_EQ(opts.at("leaster_blind"), "last_trick");
  EXPECT_EQ(opts.at("rounds"), 2);
  EXPECT_EQ(opts.size(), 12u);
  auto four = Sheepshead::create(*setup_from_record(json::object{{"options", {{"players", 4}}}}));
  ASSERT_TRUE(four.ok());
  EXPECT_EQ(Sheepshead::players(*four), 4);
  auto five = Sheepshead::create(*setup_from_record(json::object{}));
  EXPECT_EQ(Sheepshead::players(*five), 5);
}

TEST(SheepsheadRecord, MovePayloadsAndTurns) {
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "jump"}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "play"}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "play"}, {"card", "ZZ"}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "bury"}, {"cards", {"AS", "AS"}}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "call"}, {"card", "AH"}, {"unknown", "yes"}}).error().code,
            "bad_payload");
  for (const char* text : {R"({"type":"pick"})", R"({"type":"bury","cards":["7C","AS"]})",
                           R"({"type":"call","card":"AH","unknown":true,"under":"9S"})",
                           R"({"type":"play","card":"UNDER"})", R"({"type":"no_crack"})"}) {
    auto m = Sheepshead::move_from_json(json::parse(text).as_object());
    ASSERT_TRUE(m.ok()) << text;
    EXPECT_EQ(json::serialize(Sheepshead::move_to_json(*m)), js(text));
  }
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  Error e = t.refused(mv(2, "pick"));
  EXPECT_EQ(e.code, "not_your_turn");
  EXPECT_EQ(e.message, "it is seat 0's turn");
  EXPECT_EQ(t.refused(play(0, "AC")).code, "illegal_move");  // picking, not playing
  t.ok(json::array{mv(0, "pass"), mv(1, "pick")});
  EXPECT_EQ(t.refused(bury(1, "AS")).code, "illegal_move");
  t.ok(json::array{bury(1, "AS 7C"), call(1, "AH")});
  EXPECT_EQ(t.refused(play(0, "QC")).code, "illegal_move");  // not his card
  t.ok(play(0, "KS"));
  e = t.refused(play(1, "9H"));  // spades led: no spade, and 9H is his hold card
  EXPECT_EQ(e.code, "called_suit_rule");
  t.ok(play(1, "QC"));
  e = t.refused(play(2, "7D"));
  EXPECT_EQ(e.code, "must_follow_suit");
  EXPECT_EQ(e.message, "you must follow suit: you hold spades");
  e = t.refused(play(2, "UNDER"));
  EXPECT_EQ(e.code, "illegal_move");
}

// ---- Information limits (rules section 8) ----------------------------------------------------

TEST(SheepsheadViews, BlindHiddenBeforeThePickAndBuryOnlyToThePicker) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  for (Viewer v : {Viewer(0), Viewer(1), Viewer(2), Viewer(3), Viewer(4), Viewer()}) {
    EXPECT_EQ(t.view_text(v).find("\"AS\""), std::string::npos);
    EXPECT_EQ(t.view_text(v).find("\"9H\""), std::string::npos);
    EXPECT_EQ(t.view(v).at("blind_size"), 2);
  }
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(t.view(1).at("bury"), (json::array{"7C", "AS"}));
  EXPECT_EQ(t.view(1).at("blind"), (json::array{"9H", "AS"}));
  for (Viewer v : {Viewer(0), Viewer(2), Viewer(3), Viewer(4), Viewer()}) {
    EXPECT_EQ(t.view_text(v).find("\"AS\""), std::string::npos);
    EXPECT_EQ(t.view_text(v).find("\"7C\""), std::string::npos);
    EXPECT_EQ(t.view(v).at("bury"), nullptr);
    EXPECT_EQ(t.view(v).at("bury_size"), 2);
  }
  EXPECT_EQ(t.view(std::nullopt).at("cards"), nullptr);
  EXPECT_EQ(t.view(std::nullopt).at("hand_sizes"), ints({6, 6, 6, 6, 6}));
}

TEST(SheepsheadViews, NothingVisibleToOthersDependsOnWhoHoldsTheCalledAce) {
  // Two deals that differ only in whether P3 or P2 holds AH (swapped with 8H).
  auto hands_b = kEx2Hands;
  hands_b[2] = "JS KD 7D TS 9S AH";
  hands_b[3] = "QD JH 8H TH 7H 9C";
  json::object opts{{"cracking", true}};
  Table a(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  Table b(record(opts, 5, 4, {deck_for(4, hands_b, kEx2Blind)}));
  EXPECT_EQ(a.s.hands[0], b.s.hands[0]);
  json::array moves{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"),
                    mv(2, "no_crack"), mv(3, "no_crack"), mv(4, "crack"), mv(1, "no_crack"),
                    mv(0, "no_crack"), mv(2, "no_crack"), mv(3, "no_crack")};
  for (const auto& m : moves) {
    a.ok(m.as_object());
    b.ok(m.as_object());
    for (Viewer v : {Viewer(0), Viewer(1), Viewer(4), Viewer()})
      EXPECT_EQ(a.view_text(v), b.view_text(v)) << json::serialize(m);
  }
  EXPECT_EQ(a.s.phase, Phase::kPlaying);
  EXPECT_EQ(a.view(3).at("partner"), 3);  // the partner knows himself
  EXPECT_EQ(b.view(2).at("partner"), 2);
  EXPECT_EQ(a.view(1).at("partner"), nullptr);  // the picker does not know him
}

TEST(SheepsheadViews, CallIsShownByRankAndSuitAndHistoryHoldsNoCardCodes) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(ex2_moves(0));
  EXPECT_EQ(t.s.phase, Phase::kPicking);  // the next hand was dealt at once
  auto v = t.view(2);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("dealer"), 0);
  EXPECT_EQ(v.at("totals"), ints({-2, 4, -2, 2, -2}));
  const auto& h = v.at("hands").as_array().at(0).as_object();
  EXPECT_EQ(h.at("hand"), 0);
  EXPECT_EQ(h.at("call"), (json::object{{"rank", "A"}, {"suit", "H"}, {"unknown", false}}));
  EXPECT_EQ(h.at("points"), ints({-2, 4, -2, 2, -2}));
  EXPECT_FALSE(h.contains("bury"));
  EXPECT_EQ(v.at("last_trick"), nullptr);
}

TEST(SheepsheadViews, LiveGameWaitsForSeedsAndRevealsTheLastHand) {
  json::object rec = record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)});
  Table t(rec, /*live=*/true);
  EXPECT_EQ(t.s.phase, Phase::kPicking);  // hand 0's deck is given
  t.ok(ex2_moves(0));
  EXPECT_TRUE(Sheepshead::awaiting_hand_seed(t.s));
  EXPECT_EQ(Sheepshead::to_act(t.s), 0u);
  EXPECT_EQ(t.refused(mv(1, "pick")).code, "not_your_turn");
  auto v = t.view(0);
  EXPECT_EQ(v.at("phase"), "awaiting_seed");
  EXPECT_EQ(v.at("reveal").at("bury"), (json::array{"7C", "AS"}));
  EXPECT_EQ(v.at("reveal").at("called"), "AH");
  EXPECT_EQ(v.at("last_trick").at("winner"), 1);
  EXPECT_EQ(v.at("last_trick").at("points"), 17);
  EXPECT_TRUE(Sheepshead::hidden_from(t.s, 0).empty());
  Sheepshead::add_hand_seed(t.s, "abc");  // becomes hand 1's seed (deal.h)
  EXPECT_EQ(t.s.phase, Phase::kPicking);
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 1);  // dealer 0
  v = t.view(1);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("hand_seed_sha256"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(v.contains("hand_seed"));
  EXPECT_EQ(v.at("reveal"), nullptr);

  Table waiting(json::object{{"players", 3}}, /*live=*/true);
  EXPECT_TRUE(Sheepshead::awaiting_hand_seed(waiting.s));
  EXPECT_EQ(Sheepshead::all_cards(waiting.s).size(), 32u);
}

TEST(SheepsheadViews, StateJsonRoundTripsMidHandWithAnUnder) {
  Table t(record({{"cracking", true}}, 5, 3, {deck_for(3, kUnderHands, "AS 9S")}));
  t.ok(json::array{mv(4, "pass"), mv(0, "pick"), bury(0, "AS 9S"), call_unknown(0, "AH", "AC"),
                   mv(1, "no_crack"), mv(2, "crack"), mv(0, "recrack"), play(4, "8S"), play(0, "8C")});
  json::value j = Sheepshead::state_to_json(t.s);
  auto back = Sheepshead::state_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*back == t.s);
  EXPECT_EQ(json::serialize(Sheepshead::state_to_json(*back)), json::serialize(j));
  EXPECT_FALSE(Sheepshead::broken_invariant(t.s).has_value());
  EXPECT_EQ(Sheepshead::state_from_json(json::parse("[1]")).error().code, "bad_state");
  json::object bad = j.as_object();
  bad["turn"] = 9;
  EXPECT_EQ(Sheepshead::state_from_json(bad).error().code, "bad_state");
  bad = j.as_object();
  bad.erase("phase");
  EXPECT_EQ(Sheepshead::state_from_json(bad).error().code, "bad_state");
}


}  // namespace parlor::rules::sheepshead
