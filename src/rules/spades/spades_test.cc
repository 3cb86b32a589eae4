// Spades tests: every worked example of shared/rules/spades.md section 10, the
// edge cases of section 9, legality of every rule and option, option and record
// validation, views, live dealing, state JSON (the conformance suite runs in registry_test.cc).
#include <boost/json/serialize.hpp>

#include "base/sha256.h"
#include "base/shuffle.h"
#include "rules/json_util.h"
#include "rules/spades/spades_test_support.h"

namespace parlor::rules::spades::test {
namespace {

// ---------------------------------------------------------------- helpers

StatePtr create(const json::object& record, bool live = false) {
  auto setup = setup_from_record(record, live);
  EXPECT_TRUE(setup.ok()) << setup.error().message;
  auto s = game_type().create(*setup);
  EXPECT_TRUE(s.ok()) << s.error().code << " " << s.error().message;
  return *s;
}

StatePtr apply_all(StatePtr s, const std::vector<json::object>& moves) {
  for (const auto& m : moves) {
    auto next = s->apply(static_cast<int>(m.at("seat").as_int64()), m);
    EXPECT_TRUE(next.ok()) << json::serialize(m) << ": " << next.error().code << " "
                           << next.error().message;
    if (!next) return s;
    s = *next;
  }
  return s;
}

// Applies a move that must be refused with `code`, and checks with the typed
// API that the refused move left the state exactly as it was.
std::string expect_refused(const StatePtr& s, const json::object& move, std::string_view code) {
  const int seat = static_cast<int>(move.at("seat").as_int64());
  auto r = s->apply(seat, move);
  EXPECT_FALSE(r.ok()) << json::serialize(move);
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, code) << r.error().message;
  auto typed_move = Spades::move_from_json(move);
  if (typed_move) {
    State copy = typed(s);
    Status st = Spades::apply(copy, seat, *typed_move);
    EXPECT_FALSE(st.ok());
    EXPECT_TRUE(copy == typed(s)) << "a refused move changed the state";
  }
  return r.error().message;
}

json::array plays_json(std::initializer_list<std::string_view> codes) {
  json::array a;
  for (auto c : codes) a.push_back(json::object{{"type", "play"}, {"card", c}});
  return a;
}

json::object result_of(const StatePtr& s) { return result_object("spades", s.get(), 0, nullptr); }

// Example 2's deal (dealer W).
const std::array<CardSet, kSeats> kExample2Hands = {
    set_of("4C 5C 7C QC AC 2D 6D KD 8H 3S 4S 8S AS"),
    set_of("8C 9C KC 9D JD AD 3H 5H 7H TH JH KH 6S"),
    set_of("3C 6C TC JC 8D TD 9H QH AH 2S 7S JS QS"),
    set_of("2C 3D 4D 5D 7D QD 2H 4H 6H 5S 9S TS KS"),
};

// Example 2's tricks, as in the table: seat letter and card, in play order.
std::vector<json::object> example2_plays() {
  const char* tricks[13] = {
      "N 4C E KC S TC W 2C", "E 7H S 9H W 4H N 8H", "S JC W 5S N AC E 8C",
      "W 5D N KD E JD S 8D", "N 8S E 6S S 2S W TS", "W 4D N 6D E 9D S TD",
      "S JS W 9S N 3S E JH", "S 6C W 2H N 7C E 9C", "E KH S QH W 6H N AS",
      "N 2D E AD S 3C W 3D", "E 5H S AH W KS N 5C", "W 7D N QC E 3H S QS",
      "S 7S W QD N 4S E TH"};
  std::vector<json::object> out;
  for (const char* t : tricks) {
    std::istringstream in(t);
    for (std::string who, code; in >> who >> code;)
      out.push_back(play(std::string("NESW").find(who[0]), code));
  }
  return out;
}

json::object example2_record(json::object options = {}) {
  return make_record(std::move(options), W, json::array{deck_json(kExample2Hands, W)},
                     concat({bids_in_turn(W, {0, 3, 4, 3}), example2_plays()}));
}

// A record of one scripted hand: `tricks` won by seat, `bids` by seat.
json::object scripted_record(int dealer, std::array<int, kSeats> bids,
                             std::array<int, kSeats> tricks, json::object options = {}) {
  ScriptedHand h = scripted_hand(dealer, tricks);
  return make_record(std::move(options), dealer, json::array{deck_json(h.hands, dealer)},
                     concat({bids_in_turn(dealer, bids), h.plays}));
}

const json::object& first_hand(const json::object& result) {
  return result.at("hands").as_array().at(0).as_object();
}

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
}  // namespace parlor::rules::spades::test
