// The worked examples of shared/rules/klondike.md, section 10, one test each.
#include "rules/klondike/klondike_test_util.h"

namespace parlor::rules::klondike::testing {
namespace {

// Example 2's fifteen actions (draw-1, Standard) with the score after each.
struct Step {
  json::object move;
  int score;
};
std::vector<Step> example2_steps() {
  return {
      {mv("t1", "f1", "AS"), 10},
      {mv("t4", "f1", "2S"), 25},
      {mv("t3", "t2", "7H"), 30},
      {mv("t6", "t2", "6C"), 35},
      {mv("t7", "t1", "KD"), 40},
      {draw(), 40},
      {mv("waste", "f1", "3S"), 50},
      {mv("t6", "f1", "4S"), 65},
      {mv("t3", "t4", "TS"), 70},
      {draw(), 70},
      {mv("waste", "t1", "QC"), 75},
      {mv("t4", "t1", "JD"), 80},
      {draw(), 80},
      {mv("waste", "t2", "5D"), 85},
      {mv("f1", "t2", "4S"), 70},
  };
}

json::array example2_moves(size_t count) {
  json::array moves;
  auto steps = example2_steps();
  for (size_t i = 0; i < count; ++i) moves.push_back(steps[i].move);
  return moves;
}

json::array column_view(const StatePtr& s, int c) {
  return s->view(0).at("tableau").as_array()[c].as_array();
}

TEST(KlondikeExample1, TheDeal) {
  StatePtr s = play(record({}, cards_of(kExampleDeck)));
  const json::array want_view[7] = {
      cards_of("AS"),
      {nullptr, "8C"},
      {nullptr, nullptr, "7H"},
      {nullptr, nullptr, nullptr, "2S"},
      {nullptr, nullptr, nullptr, nullptr, "9D"},
      {nullptr, nullptr, nullptr, nullptr, nullptr, "6C"},
      {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "KD"},
  };
  for (int c = 0; c < 7; ++c) EXPECT_EQ(column_view(s, c), want_view[c]) << "column " << c + 1;
  const char* want_down[7] = {
      "", "4D", "KH TS", "2C JH JD", "5S AD KC 3C", "4C 2D 6H JS 4S", "7C QD 5H QS 2H TC"};
  json::value full = s->to_json();
  for (int c = 0; c < 7; ++c)
    EXPECT_EQ(full.at("tableau").as_array()[c].at("down").as_array(), cards_of(want_down[c]))
        << "column " << c + 1;
  EXPECT_EQ(full.at("stock").as_array(),
            cards_of("3S QC 5D 7S AH 3D TH 9H 8H TD KS 3H 9C 6D 8D 8S AC 5C QH 4H JC 6S 9S 7D"));
  EXPECT_EQ(s->view(0).at("stock").as_int64(), 24);
  EXPECT_EQ(score(s), 0);  // 3.3: the face-up cards of the deal do not score
}

TEST(KlondikeExample2, StandardScoringDrawOne) {
  auto steps = example2_steps();
  for (size_t n = 1; n <= steps.size(); ++n) {
    json::object result = run(record({}, cards_of(kExampleDeck), example2_moves(n)));
    ASSERT_EQ(error_code(result), "") << "action " << n << ": " << json::serialize(result.at("error"));
    EXPECT_EQ(total(result), steps[n - 1].score) << "after action " << n;
  }
  StatePtr s = play(record({}, cards_of(kExampleDeck), example2_moves(2)));
  EXPECT_EQ(column_view(s, 3).back(), json::value("JD"));  // turned up by action 2

  StatePtr after15 = play(record({}, cards_of(kExampleDeck), example2_moves(15)));
  StatePtr undone = must(after15, simple("undo"));
  EXPECT_EQ(score(undone), 85);
  EXPECT_EQ(undone->view(0).at("foundations").as_array()[0], json::value("4S"));
  StatePtr redone = must(undone, mv("f1", "t2", "4S"));
  EXPECT_EQ(score(redone), 70);

  // Draw the other 21 cards, recycle: 70 - 100 floors at 0; 7S is on top.
  StatePtr s2 = redone;
  for (int i = 0; i < 21; ++i) s2 = must(s2, draw());
  EXPECT_EQ(score(s2), 70);
  s2 = must(s2, simple("recycle"));
  EXPECT_EQ(score(s2), 0);
  EXPECT_EQ(s2->view(0).at("pass").as_int64(), 2);
  s2 = must(s2, draw());
  EXPECT_EQ(s2->view(0).at("waste").as_array(), cards_of("7S"));
}

TEST(KlondikeExample3, VegasDrawThreePassLimit) {
  json::object vegas3{{"scoring", "vegas"}, {"draw", 3}};
  json::array moves{mv("t1", "f1", "AS"), mv("t4", "f1", "2S")};
  EXPECT_EQ(total(run(record(vegas3, cards_of(kExampleDeck), {}))), -52);
  EXPECT_EQ(total(run(record(vegas3, cards_of(kExampleDeck), moves))), -42);
  for (auto m : {mv("t3", "t2", "7H"), mv("t6", "t2", "6C"), mv("t7", "t1", "KD")}) moves.push_back(m);
  EXPECT_EQ(total(run(record(vegas3, cards_of(kExampleDeck), moves))), -42);
  moves.push_back(draw());
  StatePtr s = play(record(vegas3, cards_of(kExampleDeck), moves));
  EXPECT_EQ(s->view(0).at("waste").as_array(), cards_of("3S QC 5D"));
  EXPECT_FALSE(has_legal(s, mv("waste", "t1", "QC")));  // only 5D is playable
  refused(s, mv("waste", "t1", "QC"));
  for (auto m : {mv("waste", "t2", "5D"), mv("waste", "t1", "QC"), mv("waste", "f1", "3S")})
    moves.push_back(m);
  EXPECT_EQ(total(run(record(vegas3, cards_of(kExampleDeck), moves))), -37);
  moves.push_back(mv("t6", "f1", "4S"));
  EXPECT_EQ(total(run(record(vegas3, cards_of(kExampleDeck), moves))), -32);
  for (int pass = 1; pass <= 3; ++pass) {
    for (int i = 0; i < 7; ++i) moves.push_back(draw());
    moves.push_back(simple("recycle"));
  }
  json::object result = run(record(vegas3, cards_of(kExampleDeck), moves));
  EXPECT_EQ(error_code(result), "illegal_move");
  EXPECT_EQ(result.at("error").at("move").as_int64(), static_cast<std::int64_t>(moves.size() - 1));
  EXPECT_NE(std::string(result.at("error").at("message").as_string()).find("3 passes"), std::string::npos);
  EXPECT_EQ(total(result), -32);  // no recycle changes a Vegas score
  moves.pop_back();
  StatePtr end = play(record(vegas3, cards_of(kExampleDeck), moves));
  EXPECT_EQ(end->view(0).at("pass").as_int64(), 3);
  EXPECT_FALSE(has_legal(end, simple("recycle")));
  EXPECT_TRUE(has_legal(end, simple("abandon")));  // 9.9: other moves remain
}

TEST(KlondikeExample4, LegalityChecks) {
  StatePtr s = play(record({}, cards_of(kExampleDeck), example2_moves(15)));
  EXPECT_NE(refused(s, mv("t7", "t3")).find("takes only a black queen"), std::string::npos);
  refused(s, mv("t7", "t3", "TC"));
  must(s, mv("t5", "t1", "9D"));
  must(s, mv("t5", "t7", "9D"));
  for (const char* to : {"t1", "t2", "t3", "t5", "t6", "t7"}) refused(s, mv("t4", to, "JH"));
  refused(s, mv("t2", "t3", "6C"));
  refused(s, mv("f1", "t2", "3S"));
  EXPECT_EQ(s->view(0).at("foundations").as_array()[0], json::value("3S"));
  std::string msg = refused(s, mv("t6", "t1", "4C"));
  EXPECT_EQ(msg, "4C is not a face-up card in column 6");  // same words as for a card elsewhere
  EXPECT_EQ(refused(s, mv("t6", "t1", "AH")), "AH is not a face-up card in column 6");
  refused(s, mv("t5", "f2", "3C"));

  // The full legal list of this position, in its documented order.
  json::array want{
      json::object{{"type", "draw"}},
      json::object{{"type", "move"}, {"from", "t1"}, {"to", "t3"}, {"card", "QC"}},
      json::object{{"type", "move"}, {"from", "t1"}, {"to", "t4"}, {"card", "TS"}},
      json::object{{"type", "move"}, {"from", "t2"}, {"to", "t5"}, {"card", "8C"}},
      json::object{{"type", "move"}, {"from", "t2"}, {"to", "f1"}, {"card", "4S"}},
      json::object{{"type", "move"}, {"from", "t5"}, {"to", "t1"}, {"card", "9D"}},
      json::object{{"type", "move"}, {"from", "t5"}, {"to", "t7"}, {"card", "9D"}},
      json::object{{"type", "move"}, {"from", "t7"}, {"to", "t4"}, {"card", "TC"}},
      json::object{{"type", "undo"}},
      json::object{{"type", "abandon"}},
  };
  EXPECT_EQ(s->legal_moves(0), want);
}

// Example 5's position: foundations up to the jacks, four king-queen columns.
json::object example5_state(json::object options) {
  json::object st = state_json(options);
  json::array tableau;
  for (const char* col : {"KH QS", "KC QD", "KS QH", "KD QC", "", "", ""})
    tableau.push_back(json::object{{"down", json::array{}}, {"up", cards_of(col)}});
  st["tableau"] = std::move(tableau);
  st["stock"] = json::array{};
  st["waste"] = json::array{};
  st["foundations"] = cards_of("JC JD JH JS");
  st["score"] = 500;
  return st;
}

TEST(KlondikeExample5, AutoComplete) {
  StatePtr s = from_json(example5_state({}));
  ASSERT_TRUE(has_legal(s, simple("auto_complete")));
  std::vector<std::string> order;
  for (const Move& m : auto_complete_moves(typed(s))) order.push_back(m.card.str() + ">" + pile_name(m.to));
  EXPECT_EQ(order, (std::vector<std::string>{"QS>f4", "QD>f2", "QH>f3", "QC>f1", "KH>f3", "KC>f1", "KS>f4",
                                             "KD>f2"}));
  StatePtr won = must(s, simple("auto_complete"));
  EXPECT_EQ(won->status(), "won");
  EXPECT_EQ(score(won), 580);  // 8 x 10
  EXPECT_TRUE(won->legal_moves(0).empty());
  refused(won, simple("undo"), "not_your_turn");  // 4.8.3

  // With one card in the waste instead, auto-complete is not offered.
  json::object st = example5_state({});
  st["tableau"].as_array()[3] = json::object{{"down", json::array{}}, {"up", cards_of("KD")}};
  st["waste"] = cards_of("QC");
  StatePtr waste = from_json(st);
  EXPECT_FALSE(has_legal(waste, simple("auto_complete")));
  refused(waste, simple("auto_complete"));
}

TEST(KlondikeExample6, TimedStandardWin) {
  // 51 cards home and KS on column 1, 665 points before the last move; the
  // clock last read 0 s and the winning move comes at 245 s.
  json::object st = state_json({{"timed", true}});
  json::array tableau;
  for (const char* col : {"KS", "", "", "", "", "", ""})
    tableau.push_back(json::object{{"down", json::array{}}, {"up", cards_of(col)}});
  st["tableau"] = std::move(tableau);
  st["stock"] = json::array{};
  st["waste"] = json::array{};
  st["foundations"] = cards_of("KC KD KH QS");
  st["score"] = 665;
  StatePtr won = must(from_json(st), mv("t1", "f4", "KS", 245));
  EXPECT_EQ(won->status(), "won");
  EXPECT_EQ(score(won), 3484);  // 675 - 24 x 2 + floor(700000 / 245)
  json::object result = won->result();
  EXPECT_EQ(result.at("hands").as_array()[0].at("time_bonus").as_int64(), 2857);
  EXPECT_EQ(result.at("hands").as_array()[0].at("elapsed").as_int64(), 245);
}

// Example 7: a draw-3 position with 140 points, the stock empty.
StatePtr recycle_position(int draw_count) {
  json::object st = state_json({{"draw", draw_count}});
  st["waste"] = st["stock"];
  st["stock"] = json::array{};
  st["score"] = 140;
  return from_json(st);
}

std::vector<std::int64_t> five_recycles(StatePtr s, int draws_per_pass) {
  std::vector<std::int64_t> scores;
  for (int r = 0; r < 5; ++r) {
    s = must(s, simple("recycle"));
    scores.push_back(score(s));
    for (int i = 0; i < draws_per_pass; ++i) s = must(s, draw());
  }
  return scores;
}

TEST(KlondikeExample7, RecyclePenalties) {
  EXPECT_EQ(five_recycles(recycle_position(3), 8), (std::vector<std::int64_t>{140, 140, 140, 120, 100}));
  EXPECT_EQ(five_recycles(recycle_position(1), 24), (std::vector<std::int64_t>{40, 0, 0, 0, 0}));
}

TEST(KlondikeExample8, CumulativeVegas) {
  // Each deal is one game (section 6); the platform adds the deals' points.
  json::object options{{"scoring", "vegas"}, {"vegas_cumulative", true}};
  json::array deal1;
  for (const char* f : {"f1", "f2", "f3", "f4", "f1", "f2", "f3", "f4", "f1"}) {
    deal1.push_back(draw());
    deal1.push_back(mv("waste", f));
  }
  deal1.push_back(simple("abandon"));
  json::object r1 = run(record(options, foundation_deck(), deal1));
  ASSERT_EQ(error_code(r1), "");
  EXPECT_EQ(r1.at("status"), json::value("abandoned"));
  EXPECT_EQ(r1.at("hands").as_array()[0].at("foundation_cards").as_int64(), 9);
  EXPECT_EQ(total(r1), -7);

  StatePtr s = play(record(options, foundation_deck()));
  json::array deal2;
  while (s->status() == "in_progress") {
    json::object pick;
    for (const auto& m : s->legal_moves(0)) {
      const auto* to = m.as_object().if_contains("to");
      if (to && to->as_string().starts_with("f")) {
        pick = m.as_object();
        break;
      }
    }
    if (pick.empty()) pick = json::object{{"type", "draw"}};
    pick["seat"] = 0;
    deal2.push_back(pick);
    s = must(s, pick);
  }
  json::object r2 = run(record(options, foundation_deck(), deal2));
  EXPECT_EQ(r2.at("status"), json::value("won"));
  EXPECT_EQ(total(r2), 208);
  EXPECT_EQ(r2.at("winners"), (json::array{0}));
  EXPECT_EQ(total(r1) + total(r2), 201);  // -7, then -7 - 52 + 260
}

}  // namespace
}  // namespace parlor::rules::klondike::testing
