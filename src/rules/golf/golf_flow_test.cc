// Golf: the end of a hole (going out, final turns, the stock rebuild and its
// second exhaustion), two decks, live dealing, and long random games that
// draw a lot (the shared suite's uniform random play rarely empties a stock).
#include <gtest/gtest.h>

#include <map>

#include "base/sha256.h"
#include "base/shuffle.h"
#include "rules/golf/golf_test_util.h"
#include "rules/typed_game.h"

namespace parlor::rules::golf::testing {
namespace {

const State& typed(const StatePtr& s) { return dynamic_cast<const TypedState<Golf>&>(*s).typed(); }

// Adds `turns` turns of draw + plain discard, starting with `seat` (2 players).
int add_draw_discard_turns(RecordBuilder& b, int seat, int turns) {
  for (int t = 0; t < turns; ++t, seat ^= 1) b.add(move(seat, "draw")).add(move(seat, "discard"));
  return seat;
}

struct DealCase {
  const char* name;
  json::object extra;     // deals / hand_seeds added to the record
  std::string hole_seed;  // H of hole 0
};

TEST(GolfFlow, StockIsRebuiltOnceThenItsExhaustionEndsTheHole) {
  std::vector<Card> d = canonical_deck(1, false);
  portable_shuffle(d, "99:0");
  std::vector<Card> from_hand_seed = canonical_deck(1, false);
  portable_shuffle(from_hand_seed, "my-seed");
  const std::vector<DealCase> cases = {
      {"seed", {}, "99:0"},
      {"explicit deal", {{"deals", json::array{to_json_array(card_strings(d))}}}, "99:0"},
      {"hand seed", {{"hand_seeds", json::array{"my-seed"}}}, "my-seed"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::vector<Card>& deck = c.hole_seed == "my-seed" ? from_hand_seed : d;
    RecordBuilder b;
    b.players(2).dealer(0).options({{"holes", 1}, {"flip_after_discard", "none"}});
    b.record["seed"] = 99;
    for (const auto& kv : c.extra) b.record[kv.key()] = kv.value();
    b.add(reveal(0, {0, 1})).add(reveal(1, {0, 1}));
    int seat = add_draw_discard_turns(b, 1, 39);  // the 39 stock cards
    auto s = state_of(b.build());
    // Seat 0's turn started with an empty stock: the 39 discards under the top
    // card, in canonical order, were shuffled with H + ":rebuild:0".
    std::vector<Card> rest(deck.begin() + 12, deck.begin() + 51);
    std::sort(rest.begin(), rest.end());
    portable_shuffle(rest, c.hole_seed + ":rebuild:0");
    auto v = s->view(seat);
    EXPECT_EQ(v.at("rebuilt"), true);
    EXPECT_EQ(v.at("stock"), 39);
    EXPECT_EQ(v.at("discard"), (json::array{deck[51].str()}));
    EXPECT_EQ(typed(s).stock.top(), rest[0]);
    auto drawn = s->apply(seat, parse(R"({"type":"draw"})"));
    ASSERT_TRUE(drawn.ok());
    EXPECT_EQ((*drawn)->view(seat).at("drawn").at("card"), json::value(rest[0].str()));

    seat = add_draw_discard_turns(b, seat, 38);
    s = state_of(b.build());
    EXPECT_EQ(s->view(seat).at("stock"), 1);
    add_draw_discard_turns(b, seat, 1);
    auto r = b.run();  // the stock is empty a second time: the hole ends before the next turn
    ASSERT_EQ(error_code(r), "") << json::serialize(r);
    EXPECT_EQ(r.at("status"), "game_over");
    ASSERT_EQ(r.at("hands").as_array().size(), 1u);
    EXPECT_EQ(r.at("hands").at(0).at("out"), nullptr);
    // Nothing but draws and discards: each grid is scored as dealt.
    std::vector<Card> g0, g1;
    for (int pos = 0; pos < 6; ++pos) {
      g1.push_back(deck[static_cast<size_t>(2 * pos)]);
      g0.push_back(deck[static_cast<size_t>(2 * pos + 1)]);
    }
    EXPECT_EQ(points_of(r, 0), (std::vector<int>{grid_score(g0, 6), grid_score(g1, 6)}));
  }
}

TEST(GolfFlow, WithoutFinalTurnsTheHoleEndsWhenSomeoneGoesOut) {
  const std::vector<Cards> grids = {{"AC", "2C", "3C", "4C", "5C", "6C"}, {"AD", "2D", "3D", "4D", "5D", "6D"}};
  RecordBuilder b;
  b.players(2).dealer(0).options({{"holes", 1}, {"initial_flips", 3}, {"final_turns", false}});
  b.deal(deck_dealing(0, grids, "KS", {}));
  b.add(reveal(0, {0, 1, 2})).add(reveal(1, {0, 1, 2}));
  for (int pos = 3; pos < 5; ++pos)
    for (int seat : {1, 0}) b.add(move(seat, "draw")).add(move(seat, "discard", "flip", pos));
  b.add(move(1, "draw")).add(move(1, "discard", "flip", 5));  // seat 1 goes out
  auto r = b.run();
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("hands").at(0).at("out"), 1);
  // A/A... columns: seat 0 A+4, 2+5, 3+6 = 5+3+9; seat 1 the same.
  EXPECT_EQ(points_of(r, 0), (std::vector<int>{17, 17}));
  b.add(move(0, "draw"));
  EXPECT_EQ(error_code(b.run()), "not_your_turn");
}

TEST(GolfFlow, TwoDecksIdenticalCardsMatch) {
  // Five players play 6-card Golf with two decks: two 7H in a column score 0.
  auto r = score_as_dealt({{"7H", "2C", "3C", "7H", "4C", "5C"},
                           {"AD", "2D", "3D", "4D", "5D", "6D"},
                           {"AH", "2H", "3H", "4H", "5H", "6H"},
                           {"AS", "2S", "3S", "4S", "5S", "6S"},
                           {"9C", "9D", "9H", "9S", "9C", "9D"}},
                          2);
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(points_of(r, 0), (std::vector<int>{2 + 8, 17, 17, 17, 0}));
}

TEST(GolfFlow, LiveGameWaitsForEachHolesSeed) {
  json::object record{{"players", 2}, {"dealer", 0}, {"options", {{"layout", 4}, {"holes", 2}}}};
  auto setup = setup_from_record(record, /*live=*/true);
  ASSERT_TRUE(setup.ok());
  StatePtr s = *game_type().create(*setup);
  EXPECT_TRUE(s->awaiting_hand_seed());
  EXPECT_TRUE(s->to_act().empty());
  EXPECT_EQ(s->all_cards().size(), 52u);
  EXPECT_EQ(s->view(0).at("phase"), "awaiting_seed");
  EXPECT_EQ(s->view(0).at("hand_seed_sha256"), nullptr);
  EXPECT_EQ(s->apply(1, parse(R"({"type":"knock"})")).error().code, "not_your_turn");

  s = s->with_hand_seed("first");
  EXPECT_FALSE(s->awaiting_hand_seed());
  EXPECT_EQ(s->view(0).at("hand_seed_sha256"), json::value(sha256_hex("first")));
  std::vector<Card> d = canonical_deck(1, false);
  portable_shuffle(d, "first");
  EXPECT_EQ(s->view(1).at("grids").at(1).at("cards").at(2), json::value(d[4].str()));  // j = 4: seat 1, pos 2
  const std::pair<int, const char*> hole0[] = {
      {1, R"({"type":"knock"})"}, {0, R"({"type":"draw"})"}, {0, R"({"type":"discard"})"}};
  for (const auto& [seat, m] : hole0) {
    auto next = s->apply(seat, parse(m));
    ASSERT_TRUE(next.ok()) << m;
    s = *next;
  }
  // Hole 0 is over; hole 1 waits for its seed and the finished table stays in view.
  EXPECT_TRUE(s->awaiting_hand_seed());
  auto v = s->view(std::nullopt);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("dealer"), 1);
  EXPECT_EQ(v.at("grids").at(1).at("face_up"), parse("[true,true,true,true]"));
  EXPECT_EQ(v.at("hands").at(0).at("hand_seed"), "first");
  EXPECT_EQ(v.at("hand_seed_sha256"), nullptr);
  s = s->with_hand_seed("second");
  EXPECT_EQ(s->to_act(), std::vector<int>{0});
  EXPECT_EQ(s->view(0).at("hand_seed_sha256"), json::value(sha256_hex("second")));
}

// ---- random games that draw a lot ------------------------------------------

std::map<std::string, int> card_strings_in(const json::value& v) {
  std::map<std::string, int> out;
  std::vector<const json::value*> todo{&v};
  while (!todo.empty()) {
    const json::value* x = todo.back();
    todo.pop_back();
    if (x->is_string() && Card::parse(x->get_string())) ++out[std::string(x->get_string())];
    if (x->is_array())
      for (const auto& y : x->get_array()) todo.push_back(&y);
    if (x->is_object())
      for (const auto& kv : x->get_object()) todo.push_back(&kv.value());
  }
  return out;
}

void expect_no_leak(const GameState& s, Viewer viewer) {
  auto shown = card_strings_in(s.view(viewer));
  std::map<std::string, int> total, hidden;
  for (Card c : s.all_cards()) ++total[c.str()];
  for (Card c : s.hidden_from(viewer)) ++hidden[c.str()];
  for (const auto& [card, n] : shown) EXPECT_LE(n, total[card] - hidden[card]) << card << " shown too often";
}

TEST(GolfFlow, RandomGamesThatDrawALot) {
  int rebuilds = 0, exhausted_holes = 0;
  for (const auto& setup_json : Golf::test_setups()) {
    for (std::uint64_t game = 0; game < 4; ++game) {
      json::object record = setup_json;
      record["seed"] = game;
      auto setup = setup_from_record(record);
      StatePtr s = *game_type().create(*setup);
      FastRng rng(game + 1);
      json::array moves;
      while (!s->is_over()) {
        const int seat = s->to_act().front();
        auto legal = s->legal_moves(seat);
        // Prefer drawing and discarding without a flip, so that stocks run out.
        json::value m = legal[rng.below(static_cast<std::uint32_t>(legal.size()))];
        if (rng.below(10) != 0)
          for (const auto& cand : legal)
            if (cand == parse(R"({"type":"draw"})") || cand == parse(R"({"type":"discard"})")) m = cand;
        const bool was_rebuilt = typed(s).rebuilt;
        auto next = s->apply(seat, m);
        ASSERT_TRUE(next.ok()) << json::serialize(m) << ": " << next.error().message;
        s = *next;
        rebuilds += !was_rebuilt && typed(s).rebuilt;
        json::object rec = m.as_object();
        rec["seat"] = seat;
        moves.push_back(rec);
        ASSERT_FALSE(s->broken_invariant().has_value()) << *s->broken_invariant();
        if (game >= 2) continue;  // full checks on the first games only
        auto back = game_type().from_json(s->to_json());
        ASSERT_TRUE(back.ok()) << back.error().message;
        ASSERT_EQ(json::serialize((*back)->to_json()), json::serialize(s->to_json()));
        for (int v = 0; v < s->players(); ++v) expect_no_leak(*s, v);
        expect_no_leak(*s, std::nullopt);
      }
      const json::object result = s->result();
      for (const auto& h : result.at("hands").as_array()) exhausted_holes += h.at("out").is_null();
      record["moves"] = moves;
      record["game"] = "golf";
      auto replay = state_of(record);
      EXPECT_EQ(json::serialize(replay->to_json()), json::serialize(s->to_json()));
    }
  }
  EXPECT_GT(rebuilds, 20) << rebuilds;
  EXPECT_GT(exhausted_holes, 5) << exhausted_holes;
}

// ---- the shared view as text ------------------------------------------------

// write_shared_view reads back as shared_view() also when a hole's deck was
// given in the record (the shared suite never gives one): that hole's summary
// shows "hand_seed": null and the later, seeded holes their seed.
TEST(GolfFlow, SharedViewTextWithAnExplicitDeal) {
  std::vector<Card> d = canonical_deck(1, false);
  portable_shuffle(d, "given");
  json::object record{{"game", "golf"},
                      {"players", 3},
                      {"seed", 5},
                      {"options", {{"holes", 3}}},
                      {"deals", json::array{to_json_array(card_strings(d))}}};
  auto setup = setup_from_record(record);
  ASSERT_TRUE(setup.ok());
  StatePtr s = *game_type().create(*setup);
  FastRng rng(11);
  auto text_agrees = [&s] {
    const std::string text = s->shared_view_text();
    return ::testing::AssertionResult(json::parse(joined_members_text(text, "")) == json::value(s->shared_view()))
           << "{" << text << "} vs " << json::serialize(s->shared_view());
  };
  ASSERT_TRUE(text_agrees());
  while (!s->is_over()) {
    const int seat = s->to_act().front();
    auto legal = s->legal_moves(seat);
    auto next = s->apply(seat, legal[rng.below(static_cast<std::uint32_t>(legal.size()))]);
    ASSERT_TRUE(next.ok());
    s = *next;
    ASSERT_TRUE(text_agrees());
  }
  const json::value hands = s->shared_view().at("hands");
  ASSERT_EQ(hands.as_array().size(), 3u);
  EXPECT_EQ(hands.at(0).at("hand_seed"), nullptr);
  EXPECT_EQ(hands.at(1).at("hand_seed"), "5:1");
  EXPECT_EQ(hands.at(2).at("hand_seed"), "5:2");
}

}  // namespace
}  // namespace parlor::rules::golf::testing
