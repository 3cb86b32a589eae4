// Hearts: scoring edge cases, legality of every rule and option, options and
// records, information rules (worked examples: hearts_examples_test.cc; the
// conformance suite: registry_test.cc).
#include <gtest/gtest.h>

#include "rules/hearts/hearts_test_util.h"

namespace parlor::rules::hearts {
namespace {

using namespace test_util;

// ------------------------------------------------------- scoring edge cases

TEST(HeartsScoring, AllHeartsWithoutQueenIsNoMoon) {
  // Edge case 7: S takes all 13 hearts, W takes QS with S's lead of 2S.
  std::array<std::string, 4> hands = kMoonHands;
  hands[S] = "AC KC QC JC AD KD QD JD AS KS 2S AH KH";
  hands[W] = "QS 2C 3C 4C 2D 3D 4D 2H 3H 4H 5H 6H 7H";
  json::object rec = record({{"pass_cycle", "none"}}, {deck_for(hands)}, {});
  State s = typed(replay(rec));
  json::array moves;
  auto policy = shooter_policy(S);
  play_hand(s, [&](const State& st, int seat, CardSet legal) {
    if (seat == S && st.num_plays == 4) return card("2S");
    return policy(st, seat, legal);
  }, &moves);
  rec["moves"] = moves;
  json::object r = run(rec);
  EXPECT_EQ(r.at("hands"), parse(R"([{"points": [0, 0, 13, 13]}])"));
}

TEST(HeartsScoring, MoonWithJackOfDiamonds) {
  // Edge case 9: moon first, then -10 to the JD winner (here the shooter).
  auto play = [](std::string_view moon) {
    json::object rec = record({{"pass_cycle", "none"}, {"jack_of_diamonds", true}, {"moon", moon}},
                              {deck_for(kMoonHands)}, {});
    State s = typed(replay(rec));
    play_hand(s, shooter_policy(S));
    return result_of(s).at("hands").at(0);
  };
  EXPECT_EQ(play("add_to_others"),
            parse(R"({"points": [26, 26, -10, 26], "moon": 2, "moon_scoring": "add_to_others", "jack_of_diamonds": 2})"));
  EXPECT_EQ(play("subtract_from_shooter").at("points"), parse("[0, 0, -36, 0]"));
}

TEST(HeartsScoring, ShooterBestCountsTheJackBonus) {
  // Edge case 12. Old moon would end the game (N 100); with JD the shooter has
  // 42 and is strictly lowest, so old moon stands (without JD he would have 52).
  State s = at_hand({{"moon", "shooter_best"}, {"jack_of_diamonds", true}}, 11, {74, 25, 52, 25},
                    {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  json::object r = result_of(s);
  EXPECT_EQ(r.at("hands").as_array().back().at("moon_scoring"), "add_to_others");
  EXPECT_EQ(r.at("totals"), parse("[100, 51, 42, 51]"));
  EXPECT_EQ(r.at("winners"), parse("[2]"));
}

TEST(HeartsScoring, ShooterBestKeepsOldMoonWhenTheGameGoesOn) {
  State s = at_hand({{"moon", "shooter_best"}}, 7, {40, 52, 61, 29}, {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  EXPECT_EQ(result_of(s).at("totals"), parse("[66, 78, 61, 55]"));
}

TEST(HeartsScoring, ExactlyEndScoreEndsTheGame) {
  // Edge case 10 with end_score 50: the moon brings N and W to exactly 50.
  State s = at_hand({{"end_score", 50}}, 3, {24, 0, 30, 24}, {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  EXPECT_EQ(result_of(s).at("totals"), parse("[50, 26, 30, 50]"));
  EXPECT_EQ(result_of(s).at("status"), "game_over");
  EXPECT_EQ(result_of(s).at("winners"), parse("[1]"));
  State t = at_hand({{"end_score", 51}}, 3, {24, 0, 30, 24}, {deck_for(kMoonHands), deck_for(kMoonHands)});
  play_hand(t, shooter_policy(S));
  EXPECT_EQ(result_of(t).at("status"), "in_progress");
}

TEST(HeartsScoring, PlayOnKeepsPlayingWhileTheLowestIsTied) {
  // The tie persists after another hand: the game goes on although N is over.
  State s = at_hand({{"tie_rule", "play_on"}}, 11, {120, 60, 46, 60}, {deck_for(kMoonHands)}, true);
  play_hand(s, shooter_policy(S));  // old moon: 146, 86, 46, 86 -> S alone lowest
  EXPECT_EQ(result_of(s).at("winners"), parse("[2]"));
  State tied = at_hand({{"tie_rule", "play_on"}, {"moon", "off"}}, 11, {120, 72, 46, 48},
                       {deck_for(kMoonHands)}, true);
  play_hand(tied, shooter_policy(S));  // S takes 26: 120, 72, 72, 48 -> W alone
  EXPECT_EQ(result_of(tied).at("winners"), parse("[3]"));
  State again = at_hand({{"tie_rule", "play_on"}, {"moon", "off"}}, 11, {120, 96, 22, 48},
                        {deck_for(kMoonHands), deck_for(kMoonHands)}, true);
  play_hand(again, shooter_policy(S));  // 120, 96, 48, 48: tied, play on
  EXPECT_EQ(result_of(again).at("status"), "in_progress");
  EXPECT_EQ(again.hand_index, 12);
}

// ---------------------------------------------------------------- legality

// Example 2's game after `n` of its moves, as a typed state.
State example2_after(size_t n) {
  json::object rec = record({}, {deck_for(kExample2Dealt)},
                            concat(script(kExample2Passes), script(kExample2Tricks)));
  const json::array& all = rec.at("moves").as_array();
  rec["moves"] = json::array(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
  return typed(replay(rec));
}

// Applies a move that must be refused; the state must not change.
Error refused(const State& s, int seat, std::string_view move_json) {
  auto move = Hearts::move_from_json(parse(move_json).as_object());
  PARLOR_CHECK(move.ok(), move.error().message);
  State copy = s;
  Status st = Hearts::apply(copy, seat, *move);
  EXPECT_FALSE(st.ok()) << move_json;
  EXPECT_EQ(copy, s) << "a refused move changed the state: " << move_json;
  return st.ok() ? Error{} : st.error();
}

TEST(HeartsLegality, NotYourTurn) {
  State passing = example2_after(1);  // N has passed
  Error e = refused(passing, N, R"({"type":"pass","cards":["2D","4D","6D"]})");
  EXPECT_EQ(e.code, "not_your_turn");
  EXPECT_NE(e.message.find("already passed"), std::string::npos) << e.message;
  EXPECT_EQ(Hearts::to_act(passing), 0b1110u);

  State playing = example2_after(4);  // E holds 2C and must lead
  e = refused(playing, S, R"({"type":"play","card":"4C"})");
  EXPECT_EQ(e.code, "not_your_turn");
  EXPECT_NE(e.message.find("seat 1's turn"), std::string::npos) << e.message;
  EXPECT_EQ(refused(playing, 7, R"({"type":"play","card":"4C"})").code, "not_seated");

  State over = at_hand({}, 11, {80, 70, 85, 51}, {deck_for(kMoonHands)});
  play_hand(over, shooter_policy(S));
  ASSERT_EQ(over.phase, Phase::kGameOver);
  for (int seat = 0; seat < 4; ++seat)
    EXPECT_EQ(refused(over, seat, R"({"type":"play","card":"2C"})").code, "not_your_turn");
}

TEST(HeartsLegality, PassMustBeThreeCardsOfYourHand) {
  State s = example2_after(0);
  Error e = refused(s, N, R"({"type":"pass","cards":["5C","6C"]})");
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("exactly 3"), std::string::npos) << e.message;
  EXPECT_EQ(refused(s, N, R"({"type":"pass","cards":["5C","6C","TC","QC"]})").code, "illegal_move");
  e = refused(s, N, R"({"type":"pass","cards":["5C","6C","2C"]})");
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("2C"), std::string::npos) << e.message;
  e = refused(s, E, R"({"type":"play","card":"2C"})");
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("pass"), std::string::npos) << e.message;
  // Any 3 cards may be passed, 2C and QS included (4.1.2).
  State t = s;
  EXPECT_TRUE(Hearts::apply(t, E, Move::pass(cards("2C 2H 3H"))).ok());
  EXPECT_TRUE(Hearts::apply(t, W, Move::pass(cards("QS AS KH"))).ok());
  std::vector<Move> legal;
  Hearts::legal_moves(s, N, legal);
  EXPECT_EQ(legal.size(), 286u);
  EXPECT_EQ(legal.front(), Move::pass(cards("5C 6C TC")));
  EXPECT_EQ(legal.back(), Move::pass(cards("TH AH JS")));
  EXPECT_TRUE(std::is_sorted(legal.begin(), legal.end(), [](const Move& a, const Move& b) {
    return a.cards.cards() < b.cards.cards();
  }));
}

TEST(HeartsLegality, TrickPlayRefusals) {
  State first = example2_after(4);
  Error e = refused(first, E, R"({"type":"play","card":"3C"})");
  EXPECT_EQ(e.code, "must_lead_two_of_clubs");
  EXPECT_EQ(refused(first, E, R"({"type":"play","card":"AS"})").code, "illegal_move");
  EXPECT_EQ(refused(first, E, R"({"type":"pass","cards":["3C","9C","QC"]})").code, "illegal_move");

  State follow = example2_after(5);  // E led 2C; S holds clubs
  e = refused(follow, S, R"({"type":"play","card":"3D"})");
  EXPECT_EQ(e.code, "must_follow_suit");
  EXPECT_EQ(e.message, "you must follow suit: you hold clubs");
  EXPECT_EQ(refused(follow, S, R"({"type":"play","card":"QH"})").code, "must_follow_suit");

  State lead = example2_after(4 + 6 * 4);  // N leads trick 7; hearts broken in trick 6
  EXPECT_TRUE(lead.hearts_broken);
  State unbroken = example2_after(4 + 3 * 4);  // W leads trick 4 with hearts unbroken
  e = refused(unbroken, W, R"({"type":"play","card":"4H"})");
  EXPECT_EQ(e.code, "hearts_not_broken");
  EXPECT_NE(e.message.find("not broken"), std::string::npos) << e.message;
}

TEST(HeartsLegality, TheTwoOfClubsLeadsWhereverItWasPassed) {
  // Edge case 6: W is dealt 2C and passes it to N, who then leads it.
  PassedDeal deal = left_pass_deal({"2C 3C 4C 5C 6C 7C 8C 9C TC JC QC KC AC",
                                    "QS 2H 9H 4D 5D 6D 7D 8D 9D TD JD QD KD",
                                    "2D 3D AD 3H 4H 5H 6H 7H 8H TH JH QH KH",
                                    "AH 2S 3S 4S 5S 6S 7S 8S 9S TS JS KS AS"});
  ASSERT_NE(deal.passes.find("3:pass:2C"), std::string::npos) << deal.passes;
  json::object r = run(record({}, {deal.deck}, script(deal.passes)));
  EXPECT_EQ(r.at("to_act"), parse("[0]"));
  EXPECT_EQ(r.at("legal"), plays_json("2C"));
}

TEST(HeartsLegality, MovePayloads) {
  auto code = [](std::string_view text) {
    auto m = Hearts::move_from_json(parse(text).as_object());
    return m.ok() ? std::string("ok") : m.error().code + ": " + m.error().message;
  };
  EXPECT_EQ(code(R"({"type":"play","card":"QS"})"), "ok");
  EXPECT_EQ(code(R"({"type":"pass","cards":["QS","2C","AH"]})"), "ok");
  EXPECT_EQ(code(R"({"card":"QS"})").substr(0, 11), "bad_payload");
  EXPECT_NE(code(R"({"type":"bid","tricks":3})").find("unknown move type"), std::string::npos);
  EXPECT_EQ(code(R"({"type":"play","card":"1S"})").substr(0, 11), "bad_payload");
  EXPECT_EQ(code(R"({"type":"play"})").substr(0, 11), "bad_payload");
  EXPECT_EQ(code(R"({"type":"play","card":"X1"})").substr(0, 11), "bad_payload");
  EXPECT_NE(code(R"({"type":"pass","cards":["QS","QS","AH"]})").find("twice"), std::string::npos);
  EXPECT_EQ(code(R"({"type":"pass","cards":"QS"})").substr(0, 11), "bad_payload");
  StatePtr g = replay(json::object{{"game", "hearts"}, {"moves", json::array{}}});
  EXPECT_EQ(g->apply(0, json::value(3)).error().code, "bad_payload");
  EXPECT_EQ(Hearts::move_to_json(Move::pass(cards("AH 2C QS"))),
            parse(R"({"type":"pass","cards":["2C","AH","QS"]})"));
}

// -------------------------------------------------------- options and setup

TEST(HeartsOptions, DefaultsAreNormalized) {
  StatePtr g = *create(json::object{{"game", "hearts"}});
  EXPECT_EQ(g->options(), parse(R"({"pass_cycle":"left-right-across-hold","pass_count":3,
      "first_trick_points":false,"qs_breaks_hearts":false,"moon":"add_to_others",
      "jack_of_diamonds":false,"end_score":100,"tie_rule":"share"})"));
  StatePtr h = *create(json::object{{"options", {{"moon", "off"}, {"end_score", 500}}}});
  EXPECT_EQ(h->options().at("moon"), "off");
  EXPECT_EQ(h->options().at("end_score"), 500);
}

TEST(HeartsOptions, BadValuesNameTheKey) {
  const std::vector<std::pair<std::string, json::value>> bad = {
      {"pass_cycle", "right"},        {"pass_count", 4},      {"first_trick_points", "yes"},
      {"qs_breaks_hearts", 1},        {"moon", "new"},        {"jack_of_diamonds", nullptr},
      {"end_score", 24},              {"end_score", 501},     {"tie_rule", "split"},
      {"end_score", "100"}};
  for (const auto& [key, value] : bad) {
    if (value.is_null()) continue;  // null means "default", as for any option
    auto r = create(json::object{{"options", json::object{{key, value}}}});
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_EQ(r.error().code, "bad_option") << key;
    EXPECT_NE(r.error().message.find("\"" + key + "\""), std::string::npos) << r.error().message;
  }
  auto unknown = create(json::object{{"options", json::object{{"jokers", true}}}});
  EXPECT_EQ(unknown.error().code, "bad_option");
  EXPECT_NE(unknown.error().message.find("jokers"), std::string::npos);
}

TEST(HeartsOptions, BadRecords) {
  auto players = create(json::object{{"players", 3}});
  EXPECT_EQ(players.error().code, "bad_record");
  EXPECT_NE(players.error().message.find("4 players"), std::string::npos);
  auto dealer = create(json::object{{"dealer", 4}});
  EXPECT_EQ(dealer.error().code, "bad_record");
  std::vector<std::string> short_deck = deck_for(kMoonHands);
  short_deck.pop_back();
  json::object r = run(record({}, {short_deck}, {}));
  EXPECT_EQ(r.at("error").at("code"), "bad_record");
  std::vector<std::string> twice = deck_for(kMoonHands);
  twice[0] = twice[1];
  EXPECT_EQ(run(record({}, {twice}, {})).at("error").at("code"), "bad_record");
}

TEST(HeartsDeal, SeedDealerAndReproducibleDeal) {
  // game-records.md test vectors: "12345:dealer" draws 3 first; "12345:0"
  // shuffles to AD JC 9C 5S 6S JD ...; with dealer 3, d[k] goes to seat k mod 4.
  StatePtr g = *create(json::object{{"seed", 12345}});
  EXPECT_EQ(g->view(0).at("dealer"), 3);
  const State& s = typed(g);
  EXPECT_TRUE(s.hands[N].contains(card("AD")) && s.hands[N].contains(card("6S")));
  EXPECT_TRUE(s.hands[E].contains(card("JC")) && s.hands[E].contains(card("JD")));
  EXPECT_TRUE(s.hands[S].contains(card("9C")) && s.hands[S].contains(card("JS")));
  EXPECT_TRUE(s.hands[W].contains(card("5S")) && s.hands[W].contains(card("QC")));
  // After a hand the deal passes to the left: hand 5 is dealt by N.
  State next = at_hand({}, 3, {26, 26, 13, 13}, {deck_for(kMoonHands)});
  EXPECT_EQ(Hearts::dealer(next), W);
  play_hand(next, shooter_policy(S));
  EXPECT_EQ(next.hand_index, 4);
  EXPECT_EQ(Hearts::dealer(next), N);
  EXPECT_EQ(game_view<Hearts>(next, N).at("dealer"), N);
  EXPECT_EQ(next.phase, Phase::kPassing);
}

// ------------------------------------------------------------- information

TEST(HeartsViews, PassesAreSecretUntilTheExchange) {
  State s = example2_after(1);  // N chose AH KD QC
  json::object mine = game_view<Hearts>(s, N);
  EXPECT_EQ(mine.at("pass"),
            parse(R"({"direction":"left","to":1,"from":3,"cards":["QC","KD","AH"],"received":null})"));
  EXPECT_EQ(mine.at("passed"), parse("[true, false, false, false]"));
  json::object receiver = game_view<Hearts>(s, E);
  EXPECT_EQ(receiver.at("pass").at("cards"), nullptr);
  EXPECT_EQ(receiver.at("pass").at("received"), nullptr);
  auto hidden_e = Hearts::hidden_from(s, E);
  EXPECT_NE(std::find(hidden_e.begin(), hidden_e.end(), card("AH")), hidden_e.end());

  State after = example2_after(4);
  EXPECT_EQ(game_view<Hearts>(after, E).at("pass").at("received"), parse(R"(["QC","KD","AH"])"));
  // The passer still knows where his cards went; the others do not.
  auto hidden_n = Hearts::hidden_from(after, N);
  for (const char* c : {"QC", "KD", "AH"})
    EXPECT_EQ(std::find(hidden_n.begin(), hidden_n.end(), card(c)), hidden_n.end()) << c;
  auto hidden_s = Hearts::hidden_from(after, S);
  EXPECT_NE(std::find(hidden_s.begin(), hidden_s.end(), card("AH")), hidden_s.end());
}

TEST(HeartsViews, SpectatorsSeeOnlyPublicFacts) {
  State s = example2_after(6);
  json::object v = game_view<Hearts>(s, std::nullopt);
  EXPECT_EQ(v.at("seat"), nullptr);
  EXPECT_EQ(v.at("cards"), nullptr);
  EXPECT_EQ(v.at("pass"), nullptr);
  EXPECT_EQ(v.at("card_counts"), parse("[13, 12, 12, 13]"));
  EXPECT_EQ(v.at("trick"), parse(R"({"leader":1,"cards":[{"seat":1,"card":"2C"},{"seat":2,"card":"8C"}]})"));
  EXPECT_EQ(v.at("trick_number"), 1);
  EXPECT_EQ(v.at("hand"), 0);
  EXPECT_EQ(v.at("phase"), "playing");
  EXPECT_EQ(v.at("hand_seed_sha256"), nullptr);  // explicit deal
  EXPECT_EQ(Hearts::hidden_from(s, std::nullopt).size(), 50u);
  json::object seat = game_view<Hearts>(s, W);
  EXPECT_EQ(seat.at("cards"), card_list(cards("KC QD AD 4H 5H 6H 8H JH 2S 3S 9S QS KS")));
}

TEST(HeartsViews, LiveGameWaitsForEachHandSeed) {
  StatePtr g = *create(json::object{{"seed", 5}}, /*live=*/true);
  EXPECT_TRUE(g->awaiting_hand_seed());
  EXPECT_TRUE(g->to_act().empty());
  EXPECT_EQ(g->view(0).at("cards"), json::array{});
  EXPECT_EQ(g->view(0).at("hand_seed_sha256"), nullptr);
  EXPECT_EQ(g->all_cards().size(), 52u);
  g = g->with_hand_seed("first-hand-seed");
  EXPECT_FALSE(g->awaiting_hand_seed());
  EXPECT_EQ(g->to_act().size(), 4u);
  EXPECT_EQ(g->view(0).at("hand_seed_sha256"), json::value(sha256_hex("first-hand-seed")));
  EXPECT_FALSE(g->view(0).contains("hand_seed"));
  // Play the hand out with the first legal move each time.
  while (!g->awaiting_hand_seed()) {
    int seat = g->to_act().front();
    g = *g->apply(seat, g->legal_moves(seat).front());
  }
  json::object v = g->view(2);
  EXPECT_EQ(v.at("phase"), "dealing");
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("tricks").as_array().size(), 13u);  // the finished hand, for review
  EXPECT_EQ(v.at("hands").at(0).at("hand_seed"), "first-hand-seed");
  EXPECT_EQ(v.at("hand_seed_sha256"), nullptr);
  g = g->with_hand_seed("second");
  EXPECT_EQ(g->view(2).at("tricks"), json::array{});
  EXPECT_EQ(g->view(2).at("pass_direction"), "right");
}

TEST(HeartsState, JsonRoundTripAndValidation) {
  State s = example2_after(30);
  json::value j = Hearts::state_to_json(s);
  auto back = Hearts::state_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, s);
  EXPECT_EQ(json::serialize(Hearts::state_to_json(*back)), json::serialize(j));
  EXPECT_EQ(Hearts::state_from_json(json::value(1)).error().code, "bad_state");
  json::object broken = j.as_object();
  broken["totals"] = parse("[1, 2, 3, 4]");
  auto r = Hearts::state_from_json(broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("totals"), std::string::npos) << r.error().message;
  broken = j.as_object();
  broken["hands"].as_array()[0].as_array().emplace_back("2C");
  EXPECT_EQ(Hearts::state_from_json(broken).error().code, "bad_state");
  broken = j.as_object();
  std::swap(broken["taken"].as_array()[N], broken["taken"].as_array()[W]);
  r = Hearts::state_from_json(broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("tricks won"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace parlor::rules::hearts
