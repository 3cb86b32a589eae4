// Hearts: the worked examples of shared/rules/hearts.md section 10.
#include <gtest/gtest.h>

#include "rules/hearts/hearts_test_util.h"

namespace parlor::rules::hearts {
namespace {

using namespace test_util;

// ---------------------------------------------------------------- examples

TEST(HeartsExamples, Example1PassDirections) {
  std::string seen;
  for (int h = 0; h < 9; ++h)
    seen += std::string(pass_direction_name(pass_direction(PassCycle::kLeftRightAcrossHold, h))) + " ";
  EXPECT_EQ(seen, "left right across hold left right across hold left ");
  seen.clear();
  for (int h = 0; h < 6; ++h)
    seen += std::string(pass_direction_name(pass_direction(PassCycle::kLeftRightAcross, h))) + " ";
  EXPECT_EQ(seen, "left right across left right across ");
  EXPECT_EQ(pass_direction(PassCycle::kLeftRight, 3), PassDirection::kRight);
  EXPECT_EQ(pass_direction(PassCycle::kLeft, 7), PassDirection::kLeft);
  EXPECT_EQ(pass_direction(PassCycle::kNone, 0), PassDirection::kHold);

  // Through a played game: the direction of each of the first hands, and in a
  // hold hand nobody passes (2C leads at once).
  auto directions = [](std::string_view cycle, int hands) {
    StatePtr g = *create(json::object{{"seed", 7}, {"options", {{"pass_cycle", cycle}, {"end_score", 500}}}});
    std::string out;
    for (int hand = 0; hand < hands;) {
      json::object v = g->view(0);
      if (v.at("hand").as_int64() == hand) {
        out += std::string(v.at("pass_direction").as_string()) + " ";
        EXPECT_EQ(g->to_act().size(), v.at("pass_direction") == "hold" ? 1u : 4u);
        ++hand;
      }
      const int seat = g->to_act().front();
      g = *g->apply(seat, g->legal_moves(seat).front());
    }
    return out;
  };
  EXPECT_EQ(directions("left-right-across-hold", 9), "left right across hold left right across hold left ");
  EXPECT_EQ(directions("left-right-across", 6), "left right across left right across ");
  State s = at_hand({}, 3, {20, 20, 19, 19}, {deck_for(kMoonHands)});
  EXPECT_EQ(s.phase, Phase::kPlaying);
  EXPECT_EQ(Hearts::current_pass(s), PassDirection::kHold);
  EXPECT_EQ(Hearts::to_act(s), 1u << W);  // W holds 2C
}


TEST(HeartsExamples, Example2CompleteHand) {
  json::object rec = record({}, {deck_for(kExample2Dealt)},
                            concat(script(kExample2Passes), script(kExample2Tricks)));
  json::object r = run(rec);
  EXPECT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("moves_applied"), 56);
  EXPECT_EQ(r.at("hands"), parse(R"([{"points": [1, 5, 7, 13]}])"));
  EXPECT_EQ(r.at("totals"), parse("[1, 5, 7, 13]"));
  EXPECT_EQ(r.at("status"), "in_progress");

  // Hands after the pass.
  json::object after_pass = rec;
  after_pass["moves"] = script(kExample2Passes);
  StatePtr p = replay(after_pass);
  const std::array<std::string, 4> post = {
      "5C 6C TC AC 2D 4D 6D 7D 7H TH KH JS AS", "2C 3C 9C QC 5D KD 2H 3H 9H AH 5S 7S 8S",
      "4C 7C 8C JC 3D 8D 9D TD JD QH 4S 6S TS", "KC QD AD 4H 5H 6H 8H JH 2S 3S 9S QS KS"};
  for (int s = 0; s < 4; ++s) EXPECT_EQ(p->view(s).at("cards"), card_list(cards(post[s]))) << s;
  EXPECT_EQ(p->to_act(), std::vector<int>{E});  // E received nothing but holds 2C
  EXPECT_EQ(p->view(N).at("pass"),
            parse(R"({"direction":"left","to":1,"from":3,"cards":["QC","KD","AH"],"received":["AC","KH","AS"]})"));

  // Live, the finished hand stays on the table until the next seed: every
  // trick's winner and points, as in the table of the example.
  StatePtr done = replay(rec, /*live=*/true);
  ASSERT_TRUE(done->awaiting_hand_seed());
  json::object v = done->view(std::nullopt);
  std::vector<int> winners, points;
  for (const auto& t : v.at("tricks").as_array()) {
    winners.push_back(static_cast<int>(t.at("winner").as_int64()));
    points.push_back(static_cast<int>(t.at("points").as_int64()));
  }
  EXPECT_EQ(winners, (std::vector<int>{W, N, W, W, S, N, E, E, S, S, S, S, E}));
  EXPECT_EQ(points, (std::vector<int>{0, 0, 0, 13, 0, 1, 4, 0, 1, 2, 2, 2, 1}));
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("hands").at(0).at("points"), parse("[1, 5, 7, 13]"));

  // Legality notes: before trick 6 hearts are unbroken; W may discard 4H, and
  // after it N may lead TH.
  json::object before6 = rec;
  const json::array& all = rec.at("moves").as_array();
  before6["moves"] = json::array(all.begin(), all.begin() + 4 + 5 * 4);
  StatePtr t6 = replay(before6);
  EXPECT_EQ(t6->view(0).at("hearts_broken"), false);
  auto led = t6->apply(S, parse(R"({"type":"play","card":"7C"})"));
  ASSERT_TRUE(led.ok());
  EXPECT_TRUE((*led)->apply(W, parse(R"({"type":"play","card":"4H"})")).ok());
}

TEST(HeartsExamples, Example3aFirstTrickDiscards) {
  const std::array<std::string, 4> post = {
      "2C 3C 4C 5C 6C 7C 8C 9C TC JC QC KC AC", "QS 2H 9H 4D 5D 6D 7D 8D 9D TD JD QD KD",
      "2D 3D AD 3H 4H 5H 6H 7H 8H TH JH QH KH", "AH 2S 3S 4S 5S 6S 7S 8S 9S TS JS KS AS"};
  PassedDeal deal = left_pass_deal(post);
  json::object rec = record({}, {deal.deck}, concat(script(deal.passes), script("0:2C")));
  json::object r = run(rec);
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("to_act"), parse("[1]"));
  EXPECT_EQ(r.at("legal"), plays_json("4D 5D 6D 7D 8D 9D TD JD QD KD"));

  for (const char* penalty : {"1:QS", "1:2H"}) {
    json::object bad = rec;
    bad["moves"] = concat(rec.at("moves").as_array(), script(penalty));
    json::object refused = run(bad);
    EXPECT_EQ(refused.at("error").at("code"), "no_points_on_first_trick") << penalty;
    EXPECT_EQ(refused.at("error").at("move"), 5);
    EXPECT_EQ(refused.at("moves_applied"), 5);
  }

  json::object free = record({{"first_trick_points", true}}, {deal.deck}, rec.at("moves").as_array());
  EXPECT_EQ(run(free).at("legal").as_array().size(), 13u);
}

TEST(HeartsExamples, Example3bOnlyPenaltyCards) {
  const std::array<std::string, 4> post = {
      "2C 3C 4C 5C 6C 7C 8C 9C TC JC QC KC AC", "2H 2D 3D 4D 5D 6D 7D 8D 9D TD JD QD KD",
      "QS 3H 4H 5H 6H 7H 8H 9H TH JH QH KH AH", "AD 2S 3S 4S 5S 6S 7S 8S 9S TS JS KS AS"};
  PassedDeal deal = left_pass_deal(post);
  json::object rec = record({}, {deal.deck}, concat(script(deal.passes), script("0:2C 1:2D")));
  json::object r = run(rec);
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("legal").as_array().size(), 13u);
  EXPECT_EQ(r.at("legal").as_array().back(), parse(R"({"type":"play","card":"QS"})"));
  rec["moves"] = concat(rec.at("moves").as_array(), script("2:3H"));
  EXPECT_EQ(replay(rec)->view(N).at("hearts_broken"), true);
}

// Nine tricks in which N wins every trick and nobody plays a heart; N then
// leads trick 10 holding his last four cards.
constexpr std::string_view kNineTricks =
    "1:2C 2:2S 3:4S 0:AC  0:KC 1:3C 2:{t2} 3:5S  0:QC 1:4C 2:{t3} 3:6S  0:JC 1:5C 2:9D 3:7S "
    "0:TC 1:2D 2:TD 3:8S  0:9C 1:3D 2:JD 3:9S  0:8C 1:{e7} 2:QD 3:TS  0:7C 1:{e8} 2:KD 3:JS "
    "0:6C 1:{e9} 2:AD 3:KS";

std::string nine_tricks(std::string t2, std::string t3, std::string e7, std::string e8,
                        std::string e9) {
  std::string s(kNineTricks);
  for (auto [key, value] : {std::pair<std::string, std::string>{"{t2}", t2}, {"{t3}", t3},
                            {"{e7}", e7}, {"{e8}", e8}, {"{e9}", e9}})
    s.replace(s.find(key), key.size(), value);
  return s;
}

TEST(HeartsExamples, Example4LeadingBeforeHeartsAreBroken) {
  // (a) 3H 7H QH QS: only QS may be led.
  PassedDeal a = left_pass_deal({"AC KC QC JC TC 9C 8C 7C 6C 3H 7H QH QS",
                                 "2C 3C 4C 5C 2D 3D 4D 5D 6D 2H 4H 5H 6H",
                                 "7D 8D 9D TD JD QD KD AD 2S 3S 8H 9H TH",
                                 "4S 5S 6S 7S 8S 9S TS JS KS AS JH KH AH"});
  json::object ra = record({}, {a.deck}, concat(script(a.passes),
                                                script(nine_tricks("7D", "8D", "4D", "5D", "6D"))));
  json::object r = run(ra);
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("to_act"), parse("[0]"));
  EXPECT_EQ(r.at("legal"), plays_json("QS"));
  ra["moves"] = concat(ra.at("moves").as_array(), script("0:3H"));
  EXPECT_EQ(run(ra).at("error").at("code"), "hearts_not_broken");

  // (b) 3H 7H QH 4D, QS discarded on trick 3: with qs_breaks_hearts all four
  // are legal leads; by default only 4D.
  PassedDeal b = left_pass_deal({"AC KC QC JC TC 9C 8C 7C 6C 3H 7H QH 4D",
                                 "2C 3C 4C 5C 2D 3D 7D 5D 6D 2H 4H 5H 6H",
                                 "QS 8D 9D TD JD QD KD AD 2S 3S 8H 9H TH",
                                 "4S 5S 6S 7S 8S 9S TS JS KS AS JH KH AH"});
  json::array b_moves = concat(script(b.passes), script(nine_tricks("8D", "QS", "5D", "6D", "7D")));
  json::object qs_breaks = run(record({{"qs_breaks_hearts", true}}, {b.deck}, b_moves));
  ASSERT_EQ(qs_breaks.at("error"), nullptr) << json::serialize(qs_breaks);
  EXPECT_EQ(qs_breaks.at("legal"), plays_json("4D 3H 7H QH"));
  json::object by_default = run(record({}, {b.deck}, b_moves));
  EXPECT_EQ(by_default.at("legal"), plays_json("4D"));

  // (c) Only hearts: every heart may be led, and leading one breaks hearts.
  PassedDeal c = left_pass_deal({"AC KC QC JC TC 9C 8C 7C 6C 2H 5H KH AH",
                                 "2C 3C 4C 5C 2D 3D 4D 5D 6D 3H 4H 6H 7H",
                                 "7D 8D 9D TD JD QD KD AD 2S 3S 8H 9H TH",
                                 "4S 5S 6S 7S 8S 9S TS JS QS KS AS JH QH"});
  json::object rc = record({}, {c.deck}, concat(script(c.passes),
                                                script(nine_tricks("7D", "8D", "4D", "5D", "6D"))));
  EXPECT_EQ(run(rc).at("legal"), plays_json("2H 5H KH AH"));
  rc["moves"] = concat(rc.at("moves").as_array(), script("0:2H"));
  EXPECT_EQ(replay(rc)->view(std::nullopt).at("hearts_broken"), true);
}

TEST(HeartsExamples, Example5OldMoon) {
  State s = at_hand({}, 7, {40, 52, 61, 29}, {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  json::object r = result_of(s);
  EXPECT_EQ(r.at("hands").as_array().back(),
            parse(R"({"points": [26, 26, 0, 26], "moon": 2, "moon_scoring": "add_to_others"})"));
  EXPECT_EQ(r.at("totals"), parse("[66, 78, 61, 55]"));
  EXPECT_EQ(r.at("status"), "in_progress");
}

TEST(HeartsExamples, Example6MoonOptionsCompared) {
  const std::array<int, 4> before = {80, 70, 85, 51};
  auto play = [&](std::string_view moon) {
    State s = at_hand({{"moon", moon}}, 11, before, {deck_for(kMoonHands)});
    play_hand(s, shooter_policy(S));
    return result_of(s);
  };
  json::object old_moon = play("add_to_others");
  EXPECT_EQ(old_moon.at("totals"), parse("[106, 96, 85, 77]"));
  EXPECT_EQ(old_moon.at("status"), "game_over");
  EXPECT_EQ(old_moon.at("winners"), parse("[3]"));

  json::object new_moon = play("subtract_from_shooter");
  EXPECT_EQ(new_moon.at("totals"), parse("[80, 70, 59, 51]"));
  EXPECT_EQ(new_moon.at("status"), "in_progress");
  EXPECT_EQ(new_moon.at("hands").as_array().back().at("moon_scoring"), "subtract_from_shooter");

  json::object best = play("shooter_best");
  EXPECT_EQ(best.at("totals"), parse("[80, 70, 59, 51]"));
  EXPECT_EQ(best.at("status"), "in_progress");
  EXPECT_EQ(best.at("hands").as_array().back(),
            parse(R"({"points": [0, 0, -26, 0], "moon": 2, "moon_scoring": "subtract_from_shooter"})"));

  json::object off = play("off");
  EXPECT_EQ(off.at("hands").as_array().back(), parse(R"({"points": [0, 0, 26, 0]})"));
  EXPECT_EQ(off.at("totals"), parse("[80, 70, 111, 51]"));
}

TEST(HeartsExamples, Example7JackOfDiamonds) {
  // Found by a seeded search: N takes 3 hearts and JD, E only QS, S 6, W 4.
  const std::vector<std::string> deck = words(
      "QD 2H JD 5S 8D 3H JS TD 7S JC JH 7D QC 6C TH 8C 4C 4S AC 3C 2C 6H KS AS 7H QH AH 7C 3S "
      "8S 4D 3D 5C 8H KD 4H 9H 2S 5H KH QS 9C AD 9S TS 6D KC 9D TC 5D 6S 2D");
  json::array moves = script(
      "0:pass:TC,9H,QS 1:pass:JC,6D,6H 2:pass:5H,JH,6S 3:pass:3C,8C,4H "
      "0:2C 1:6C 2:AC 3:7C 2:KC 3:AS 0:QC 1:9C 2:KD 3:3D 0:8D 1:5D 2:JC 3:5H 0:3C 1:TC "
      "2:TH 3:JH 0:4H 1:3H 3:7D 0:QD 1:4S 2:JD 0:5C 1:2S 2:6H 3:KH 0:4C 1:9H 2:AD 3:TD "
      "0:7H 1:8H 2:AH 3:9D 2:KS 3:9S 0:3S 1:8S 2:4D 3:2D 0:7S 1:QH 2:6D 3:6S 0:8C 1:2H "
      "2:JS 3:5S 0:TS 1:QS");
  json::object r = run(record({{"jack_of_diamonds", true}}, {deck}, moves));
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("hands"), parse(R"([{"points": [-7, 13, 6, 4], "jack_of_diamonds": 0}])"));
  EXPECT_EQ(r.at("totals"), parse("[-7, 13, 6, 4]"));
  // Without the option the same hand is N 3, E 13, S 6, W 4.
  EXPECT_EQ(run(record({}, {deck}, moves)).at("hands"), parse(R"([{"points": [3, 13, 6, 4]}])"));
}

// Found by a seeded search: hands that score N 0, E 5, S 2, W 19 when dealt
// as hand 13 (left pass, dealer W) and hand 14 (right pass, dealer N).
const std::vector<std::string> kExample8DeckLeft = words(
    "QD 3H 6C KH 2H AH 8S QH TH 9H 3D QC 4C KC KD 5S JD AS TD 9D 7S 2D 6H 5D 8H 9C 2S KS 7H QS "
    "JS 3S 5H 3C 7C TS 4S 8D 7D 6S AC JC AD 2C 8C 9S TC 5C JH 4D 4H 6D");
constexpr std::string_view kExample8MovesLeft =
    "0:pass:4C,8C,AC 1:pass:9C,4D,QS 2:pass:3D,TD,AD 3:pass:5C,9D,5S 3:2C 0:5C 1:8C 2:7C 1:JC "
    "2:9C 3:QC 0:5S 3:KS 0:4S 1:9S 2:QS 3:3S 0:7S 1:AS 2:JS 1:4C 2:6C 3:3D 0:TH 2:TC 3:6D 0:9D "
    "1:3C 2:2S 3:TS 0:8H 1:9H 3:5D 0:JD 1:8D 2:KD 2:8S 3:6S 0:7H 1:2D 2:4H 3:QH 0:JH 1:AH 1:KC "
    "2:6H 3:AD 0:QD 1:3H 2:4D 3:KH 0:5H 3:TD 0:2H 1:AC 2:7D";
const std::vector<std::string> kExample8DeckRight = words(
    "TD 7S JH 6H KD 4S 5C 3C 6C KC 7H QH TH 6D 4C 2H 8S JS TS 8C 5S AD 2D 7C 2S 7D 5D 4H AC 8H "
    "5H QC 9S 6S 4D 3S AS 8D AH JC QD JD KH 2C 3D TC KS 9C 9H QS 3H 9D");
constexpr std::string_view kExample8MovesRight =
    "0:pass:JC,4H,QH 1:pass:QD,2S,AS 2:pass:6D,8H,6S 3:pass:5C,3H,7H 0:2C 1:6C 2:5C 3:4C 1:TD "
    "2:8D 3:5D 0:9D 1:8S 2:4S 3:TS 0:3S 3:KS 0:2S 1:5S 2:QS 3:JC 0:QC 1:AC 2:KC 1:3D 2:JD 3:4D "
    "0:QD 0:7C 1:KD 2:TC 3:5H 2:7H 3:4H 0:6H 1:9H 1:TH 2:3H 3:AH 0:2H 3:2D 0:AS 1:6D 2:7D 2:JS "
    "3:KH 0:3C 1:6S 2:7S 3:QH 0:9C 1:9S 1:8H 2:AD 3:JH 0:8C";

void apply_script(State& s, std::string_view text) {
  for (const auto& m : script(text)) {
    auto move = Hearts::move_from_json(m.as_object());
    ASSERT_TRUE(move.ok());
    Status st = Hearts::apply(s, static_cast<int>(m.at("seat").as_int64()), *move);
    ASSERT_TRUE(st.ok()) << st.error().message << " " << json::serialize(m);
  }
}

TEST(HeartsExamples, Example8EndOfGameAndTies) {
  // Before: N 101, E 67, S 70, W 74; the hand scores 0, 5, 2, 19.
  const std::array<int, 4> before = {101, 67, 70, 74};
  State share = at_hand({}, 12, before, {kExample8DeckLeft, kExample8DeckRight});
  apply_script(share, kExample8MovesLeft);
  json::object r = result_of(share);
  EXPECT_EQ(r.at("totals"), parse("[101, 72, 72, 93]"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("winners"), parse("[1, 2]"));

  State play_on = at_hand({{"tie_rule", "play_on"}}, 12, before,
                          {kExample8DeckLeft, kExample8DeckRight});
  apply_script(play_on, kExample8MovesLeft);
  EXPECT_EQ(result_of(play_on).at("status"), "in_progress");
  EXPECT_EQ(result_of(play_on).at("winners"), json::array{});
  EXPECT_TRUE(play_on.playing_on);
  EXPECT_EQ(Hearts::current_pass(play_on), PassDirection::kRight);
  apply_script(play_on, kExample8MovesRight);
  r = result_of(play_on);
  EXPECT_EQ(r.at("hands").as_array().back().at("points"), parse("[0, 5, 2, 19]"));
  EXPECT_EQ(r.at("totals"), parse("[101, 77, 74, 112]"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("winners"), parse("[2]"));
}


}  // namespace
}  // namespace parlor::rules::hearts
