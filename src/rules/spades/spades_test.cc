// Spades tests: the edge cases of shared/rules/spades.md section 9, end of
// game, option and record validation, live dealing, views, state JSON (worked
// examples: spades_examples_test.cc; legality: spades_legality_test.cc; the
// conformance suite runs in registry_test.cc).
#include <gtest/gtest.h>

#include <bit>
#include <boost/json/serialize.hpp>

#include "base/sha256.h"
#include "base/shuffle.h"
#include "rules/json_util.h"
#include "rules/spades/spades_test_util.h"

namespace parlor::rules::spades {
namespace {

using namespace test_util;

// ---------------------------------------------------------------- section 9

TEST(SpadesEdgeCases, TrumpingOnTrickOneBreaksSpades) {
  const std::array<CardSet, kSeats> hands = {
      CardSet::suit(Suit::kClubs), CardSet::suit(Suit::kSpades), CardSet::suit(Suit::kDiamonds),
      CardSet::suit(Suit::kHearts)};
  StatePtr s = create(make_record({}, W, json::array{deck_json(hands, W)}, {}));
  s = apply_all(s, concat({bids_in_turn(W, {1, 13, 1, 1}), {play(N, "2C")}}));
  EXPECT_EQ(s->legal_moves(E).size(), 13u);
  s = apply_all(s, {play(E, "2S"), play(S, "AD"), play(W, "AH")});
  EXPECT_TRUE(typed(s).spades_broken);
  EXPECT_EQ(s->to_act(), std::vector<int>{E});
  EXPECT_EQ(s->view(N).at("last_trick").at("winner"), E);
}

TEST(SpadesEdgeCases, TotalBidsAboveThirteenAreAllowed) {
  StatePtr s = apply_all(create(example2_record()), bids_in_turn(W, {13, 13, 13, 13}));
  EXPECT_EQ(s->view(N).at("contracts"), j("[26,26]"));
  EXPECT_EQ(s->view(N).at("phase"), "play");
}

TEST(SpadesEdgeCases, FailedNilWithPartnerSetUnderEachNilTricksMode) {
  const std::array<int, kSeats> bids = {0, 4, 4, 4}, tricks = {2, 4, 3, 4};
  json::object r = run_record(game_type(), scripted_record(N, bids, tricks));
  EXPECT_EQ(first_hand(r).at("points"), j("[-138,80]"));  // -40 -100 +2
  EXPECT_EQ(first_hand(r).at("bags"), j("[2,0]"));
  r = run_record(game_type(), scripted_record(N, bids, tricks, {{"nil_tricks", "count_toward_bid"}}));
  EXPECT_EQ(first_hand(r).at("points"), j("[-59,80]"));  // +40 +1 -100
  EXPECT_EQ(first_hand(r).at("counted_tricks"), j("[5,8]"));
  EXPECT_EQ(first_hand(r).at("bags"), j("[1,0]"));
  r = run_record(game_type(), scripted_record(N, bids, tricks, {{"nil_tricks", "ignore"}}));
  EXPECT_EQ(first_hand(r).at("points"), j("[-140,80]"));
  EXPECT_EQ(first_hand(r).at("bags"), j("[0,0]"));
}

TEST(SpadesEdgeCases, DoubleNilUnderCountTowardBidScoresOvertricks) {
  json::object r = run_record(game_type(), scripted_record(N, {0, 5, 0, 5}, {0, 6, 2, 5},
                                                           {{"nil_tricks", "count_toward_bid"}}));
  EXPECT_EQ(first_hand(r).at("points"), j("[2,101]"));  // +100 -100 +2 overtricks
  EXPECT_EQ(first_hand(r).at("overtricks"), j("[2,1]"));
  EXPECT_EQ(first_hand(r).at("bags"), j("[2,1]"));
}

TEST(SpadesEdgeCases, BagsAboveTwiceTheLimitInOneHand) {
  json::object r = run_record(game_type(),
                              scripted_record(N, {1, 1, 1, 1}, {7, 0, 6, 0}, {{"bag_limit", 5}}));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("bags"), j("[11,0]"));
  EXPECT_EQ(h.at("bag_penalties"), j("[2,0]"));
  EXPECT_EQ(h.at("bag_count"), j("[1,0]"));
  EXPECT_EQ(h.at("points"), j("[-169,-20]"));  // 20 + 11 - 200
}

TEST(SpadesEdgeCases, BagPenaltyOption) {
  json::object record = scripted_record(N, {2, 2, 4, 2}, {5, 2, 4, 2}, {{"bag_penalty", 50}});
  json::object r = play_moves(start_with_scores(record, {0, 0}, {7, 0}), record);
  EXPECT_EQ(first_hand(r).at("points"), j("[13,40]"));  // 60 + 3 - 50
}

TEST(SpadesEdgeCases, NilBidderWinningOnlyTheLastTrickFails) {
  const std::array<int, kSeats> bids = {0, 4, 4, 4};
  // Winners: E E S S W W E S W | E (trump) | S W N.
  ScriptedHand last = scripted_hand_winners(N, {E, E, S, S, W, W, E, S, W, E, S, W, N});
  json::object r = run_record(
      game_type(), make_record({}, N, json::array{deck_json(last.hands, N)},
                               concat({bids_in_turn(N, bids), last.plays})));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(first_hand(r).at("tricks"), j("[1,4,4,4]"));
  EXPECT_EQ(first_hand(r).at("nil_points"), j("[-100,0]"));
}

TEST(SpadesEdgeCases, NegativeScoresAreCarried) {
  ScriptedHand second = scripted_hand(N, {3, 3, 4, 3});
  json::object record = make_record(
      {}, W, json::array{deck_json(kExample2Hands, W), deck_json(second.hands, N)},
      concat({bids_in_turn(W, {0, 3, 4, 3}), example2_plays(), bids_in_turn(N, {3, 3, 4, 3}),
              second.plays}));
  json::object r = run_record(game_type(), record);
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(r.at("hands").as_array().size(), 2u);
  EXPECT_EQ(r.at("hands").as_array()[1].at("dealer"), N);
  EXPECT_EQ(r.at("totals"), j("[13,120]"));  // -57 + 70, 60 + 60
}

// ---------------------------------------------------------------- end of game

TEST(SpadesEndOfGame, Winners) {
  Options o;
  EXPECT_EQ(game_winners(o, {500, 499}), 1);
  EXPECT_EQ(game_winners(o, {499, 500}), 2);
  EXPECT_EQ(game_winners(o, {520, 530}), 2);
  EXPECT_EQ(game_winners(o, {510, 510}), 0);
  EXPECT_EQ(game_winners(o, {499, 499}), 0);
  EXPECT_EQ(game_winners(o, {-5000, 0}), 0) << "losing_score off";
  o.losing_score = -200;
  EXPECT_EQ(game_winners(o, {-200, 0}), 2);
  EXPECT_EQ(game_winners(o, {0, -201}), 1);
  EXPECT_EQ(game_winners(o, {-199, 0}), 0);
  EXPECT_EQ(game_winners(o, {-250, -300}), 1);
  EXPECT_EQ(game_winners(o, {-250, -250}), 0);
  EXPECT_EQ(game_winners(o, {500, -300}), 1) << "6.1 decides";
  o.target_score = 100;
  EXPECT_EQ(game_winners(o, {100, 0}), 1);
}

TEST(SpadesEndOfGame, LosingScoreEndsTheGame) {
  // N-S bid 4 + 4 and take 5: set, -80, from -150 to -230.
  json::object record = scripted_record(N, {4, 1, 4, 1}, {2, 4, 3, 4}, {{"losing_score", -200}});
  json::object r = play_moves(start_with_scores(record, {-150, 0}, {0, 0}), record);
  EXPECT_EQ(r.at("totals"), j("[-230,26]"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("winners"), j("[1]"));
  // Without the mercy rule the game goes on.
  record = scripted_record(N, {4, 1, 4, 1}, {2, 4, 3, 4});
  r = play_moves(start_with_scores(record, {-5000, 0}, {0, 0}), record);
  EXPECT_EQ(r.at("status"), "in_progress");
  EXPECT_EQ(r.at("totals"), j("[-5080,26]"));
}

TEST(SpadesEndOfGame, TargetScoreOption) {
  json::object record = scripted_record(N, {4, 3, 3, 3}, {4, 3, 3, 3}, {{"target_score", 100}});
  json::object r = run_record(game_type(), record);
  EXPECT_EQ(r.at("status"), "in_progress");  // 70 and 60
  r = play_moves(start_with_scores(record, {0, 40}, {0, 0}), record);
  EXPECT_EQ(r.at("winners"), j("[1]"));  // 70 against 100
}

TEST(SpadesEndOfGame, NilValueOption) {
  json::object r = run_record(game_type(),
                              scripted_record(N, {0, 3, 5, 3}, {0, 3, 7, 3}, {{"nil_value", 50}}));
  EXPECT_EQ(first_hand(r).at("points"), j("[102,60]"));
}

// ---------------------------------------------------------------- options and records

TEST(SpadesOptions, DefaultsAreNormalized) {
  StatePtr s = create(example2_record());
  EXPECT_EQ(json::value(s->options()),
            j(R"({"target_score":500,"losing_score":"off","nil_allowed":true,"nil_value":100,
                  "nil_tricks":"bags","blind_nil":false,"blind_nil_exchange":2,"bag_limit":10,
                  "bag_penalty":100,"must_break_spades":true})"));
  s = create(example2_record({{"losing_score", -300}, {"nil_tricks", "ignore"}}));
  EXPECT_EQ(s->options().at("losing_score"), -300);
  EXPECT_EQ(s->options().at("nil_tricks"), "ignore");
}

TEST(SpadesOptions, BadValuesNameTheKey) {
  const std::pair<const char*, json::value> cases[] = {
      {"target_score", 99},          {"target_score", 1001},     {"target_score", "500"},
      {"losing_score", -99},         {"losing_score", -1001},    {"losing_score", "on"},
      {"nil_allowed", "yes"},        {"nil_value", 49},          {"nil_value", 201},
      {"nil_tricks", "count"},       {"blind_nil", 1},           {"blind_nil_exchange", 1},
      {"blind_nil_exchange", 3},     {"bag_limit", 4},           {"bag_limit", 21},
      {"bag_penalty", 49},           {"bag_penalty", 201},       {"must_break_spades", "no"},
  };
  for (const auto& [key, value] : cases) {
    json::object r = run_record(game_type(), example2_record({{key, value}}));
    const auto& err = r.at("error").as_object();
    EXPECT_EQ(err.at("code"), "bad_option") << key;
    EXPECT_TRUE(err.at("move").is_null());
    EXPECT_NE(std::string(err.at("message").as_string()).find(key), std::string::npos)
        << err.at("message");
  }
  json::object r = run_record(game_type(), example2_record({{"jokers", true}}));
  EXPECT_EQ(r.at("error").at("code"), "bad_option");
  EXPECT_EQ(r.at("error").at("message"), "unknown option \"jokers\"");
}

TEST(SpadesOptions, BadRecords) {
  json::object record = example2_record();
  record["players"] = 3;
  EXPECT_EQ(run_record(game_type(), record).at("error").at("code"), "bad_record");
  record["players"] = 4;
  record["dealer"] = 4;
  EXPECT_EQ(run_record(game_type(), record).at("error").at("code"), "bad_record");
  record["dealer"] = 3;
  record["deals"].as_array()[0].as_array()[0] = "AS";  // AS twice, 4C missing
  json::object r = run_record(game_type(), record);
  EXPECT_EQ(r.at("error").at("code"), "bad_record");
  EXPECT_TRUE(r.at("error").at("move").is_null());
  record.erase("players");
  record["deals"] = json::array{deck_json(kExample2Hands, W)};
  EXPECT_TRUE(run_record(game_type(), record).at("error").is_null()) << "players is optional";
}

// ---------------------------------------------------------------- dealing

TEST(SpadesDealing, ReproducibleDealAndFirstDealerFromSeed) {
  // "12345:0" shuffles to AD JC 9C 5S ...; with dealer N, d[k] goes to seat (1 + k) mod 4.
  StatePtr s = create(j(R"({"game":"spades","seed":12345,"dealer":0})").as_object());
  const State& t = typed(s);
  EXPECT_TRUE(t.hands[E].contains(card("AD")));
  EXPECT_TRUE(t.hands[S].contains(card("JC")));
  EXPECT_TRUE(t.hands[W].contains(card("9C")));
  EXPECT_TRUE(t.hands[N].contains(card("5S")));
  for (CardSet h : t.hands) EXPECT_EQ(h.size(), 13);
  // Without "dealer": uniform(4) of "12345:dealer" is 3.
  s = create(j(R"({"game":"spades","seed":12345})").as_object());
  EXPECT_EQ(s->view(N).at("dealer"), 3);
  EXPECT_EQ(s->to_act(), std::vector<int>{0});
  EXPECT_EQ(s->view(N).at("hand_seed_sha256"), json::value(sha256_hex("12345:0")));
}

TEST(SpadesDealing, LiveGameWaitsForEachHandSeed) {
  StatePtr s = create(j(R"({"game":"spades","dealer":2})").as_object(), /*live=*/true);
  EXPECT_TRUE(s->awaiting_hand_seed());
  EXPECT_TRUE(s->to_act().empty());
  EXPECT_EQ(s->view(N).at("phase"), "awaiting_deal");
  EXPECT_TRUE(s->view(N).at("hand_seed_sha256").is_null());
  expect_refused(s, bid(W, 3), "not_your_turn");
  s = s->with_hand_seed("abc");
  EXPECT_FALSE(s->awaiting_hand_seed());
  EXPECT_EQ(s->to_act(), std::vector<int>{W});
  json::object v = s->view(W);
  EXPECT_EQ(v.at("hand_seed_sha256"), json::value(sha256_hex("abc")));
  EXPECT_FALSE(v.contains("hand_seed"));
  std::vector<Card> deck = standard_deck();
  portable_shuffle(deck, "abc");
  EXPECT_TRUE(typed(s).hands[W].contains(deck[0]));
}

// ---------------------------------------------------------------- views

TEST(SpadesViews, EachSeatSeesOnlyItsOwnCards) {
  StatePtr s = apply_all(create(example2_record()),
                         concat({bids_in_turn(W, {0, 3, 4, 3}), {play(N, "4C")}}));
  for (int seat = 0; seat < kSeats; ++seat) {
    json::object v = s->view(seat);
    EXPECT_EQ(v.at("seat"), seat);
    EXPECT_EQ(v.at("cards"), cards_json(typed(s).hands[static_cast<size_t>(seat)]));
    EXPECT_EQ(s->hidden_from(seat).size(), 51u - typed(s).hands[static_cast<size_t>(seat)].size());
  }
  json::object spectator = s->view(std::nullopt);
  EXPECT_TRUE(spectator.at("cards").is_null());
  EXPECT_EQ(spectator.at("hand_counts"), j("[12,13,13,13]"));
  EXPECT_EQ(spectator.at("bids"), j("[0,3,4,3]"));
  EXPECT_EQ(spectator.at("trick"), j(R"({"leader":0,"cards":[{"seat":0,"card":"4C"}]})"));
  EXPECT_EQ(spectator.at("legal"), j("[]"));
  EXPECT_EQ(s->hidden_from(std::nullopt).size(), 51u);
  EXPECT_TRUE(spectator.at("hand_seed_sha256").is_null()) << "explicit deals have no seed";
}

TEST(SpadesViews, EndOfHandSummaryAndTrickCounts) {
  StatePtr s = create(example2_record());
  auto moves = concat({bids_in_turn(W, {0, 3, 4, 3}), example2_plays()});
  s = apply_all(s, std::vector<json::object>(moves.begin(), moves.begin() + 8));
  json::object v = s->view(S);
  EXPECT_EQ(v.at("tricks_won"), j("[0,1,0,0]"));
  EXPECT_EQ(v.at("last_trick"),
            j(R"({"leader":0,"cards":[{"seat":0,"card":"4C"},{"seat":1,"card":"KC"},
                 {"seat":2,"card":"TC"},{"seat":3,"card":"2C"}],"winner":1})"));
  s = apply_all(s, std::vector<json::object>(moves.begin() + 8, moves.end()));
  v = s->view(S);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("phase"), "bidding");
  EXPECT_EQ(v.at("scores"), j("[-57,60]"));
  EXPECT_EQ(v.at("bags"), j("[3,0]"));
  EXPECT_TRUE(v.at("last_trick").is_null());
  const auto& summary = v.at("hand_results").as_array().at(0).as_object();
  EXPECT_EQ(summary.at("hand"), 0);
  EXPECT_EQ(summary.at("points"), j("[-57,60]"));
  EXPECT_EQ(summary.at("tricks"), j("[2,3,5,3]"));
  EXPECT_TRUE(summary.at("hand_seed_sha256").is_null());
  // Hand 1 comes from the seed "0:1"; its seed is revealed once it is over.
  EXPECT_EQ(v.at("hand_seed_sha256"), json::value(sha256_hex("0:1")));
  EXPECT_FALSE(v.contains("hand_seed"));
}

TEST(SpadesViews, FinishedGameRevealsTheLastHandSeed) {
  // A seeded deal in which everyone bids 13 and plays its highest legal card:
  // both teams are set (-260) and fall below the losing score, N-S higher.
  json::object record{{"game", "spades"}, {"dealer", 0}, {"seed", 9},
                      {"options", {{"losing_score", -100}}}};
  StatePtr s = start_with_scores(record, {0, -10}, {0, 0});
  State t = typed(s);
  std::vector<Move> legal;
  while (t.phase != Phase::kGameOver) {
    int seat = std::countr_zero(Spades::to_act(t));
    Spades::legal_moves(t, seat, legal);
    ASSERT_TRUE(Spades::apply(t, seat, legal.back()).ok());
  }
  StatePtr over = std::make_shared<TypedState<Spades>>(t);
  json::object v = over->view(std::nullopt);
  EXPECT_EQ(v.at("hand_seed"), "9:0");
  EXPECT_EQ(v.at("hand_seed_sha256"), json::value(sha256_hex("9:0")));
  EXPECT_EQ(v.at("phase"), "game_over");
  EXPECT_EQ(v.at("winners"), j("[0]"));
  EXPECT_EQ(v.at("scores"), j("[-260,-270]"));
  EXPECT_EQ(v.at("hand_results").as_array().at(0).at("hand_seed"), "9:0");
}

// ---------------------------------------------------------------- state JSON

TEST(SpadesState, JsonRoundTripIsExact) {
  StatePtr s = start_with_scores(example2_record({{"blind_nil", true}}), {330, 220}, {2, 9});
  s = apply_all(s, {bid(N, 3), look(E), bid(E, 0), bid(S, 4), blind_nil(W), exchange(W, "2C", "3D")});
  json::value js = s->to_json();
  auto back = game_type().from_json(js);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(json::serialize((*back)->to_json()), json::serialize(js));
  EXPECT_TRUE(typed(*back) == typed(s));
  EXPECT_EQ(game_type().from_json(j("[]")).error().code, "bad_state");
  json::object broken = js.as_object();
  broken.erase("hands");
  EXPECT_EQ(game_type().from_json(broken).error().code, "bad_state");
  broken = js.as_object();
  broken["hands"].as_array()[0].as_array().emplace_back("2C");  // a card in two places
  EXPECT_EQ(game_type().from_json(broken).error().code, "bad_state");
  broken = js.as_object();
  broken["phase"] = "dancing";
  EXPECT_EQ(game_type().from_json(broken).error().code, "bad_state");
}

TEST(SpadesState, InvariantsHoldThroughARecord) {
  StatePtr s = create(example2_record());
  for (const auto& m : concat({bids_in_turn(W, {0, 3, 4, 3}), example2_plays()})) {
    s = apply_all(s, {m});
    auto broken = s->broken_invariant();
    EXPECT_FALSE(broken.has_value()) << *broken;
    EXPECT_EQ(s->all_cards().size(), 52u);
  }
}

}  // namespace
}  // namespace parlor::rules::spades
