// The worked examples of golf.md section 10, each played as a record.
#include <gtest/gtest.h>

#include "rules/golf/golf_test_util.h"

namespace parlor::rules::golf::testing {
namespace {

std::vector<Card> cards(const Cards& codes) {
  std::vector<Card> out;
  for (const auto& c : codes) out.push_back(*Card::parse(c));
  return out;
}

TEST(GolfExamples, Example1MatchedColumn) {
  EXPECT_EQ(grid_score(cards({"7H", "KS", "2C", "7D", "QS", "5H"}), 6), 13);
  auto r = score_as_dealt({{"7H", "KS", "2C", "7D", "QS", "5H"}, {"AC", "AD", "AH", "AS", "3C", "3D"}}, 1);
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(points_of(r, 0), (std::vector<int>{13, 8}));  // second grid: A/A 0, A+3 4, A+3 4
}

TEST(GolfExamples, Example2MatchesOnlyCountInColumns) {
  EXPECT_EQ(grid_score(cards({"2C", "2H", "JD", "7S", "7C", "QS"}), 6), 30);
  EXPECT_EQ(grid_score(cards({"JH", "QD", "TC", "9H", "9S", "9D"}), 6), 57);
  auto r = score_as_dealt({{"2C", "2H", "JD", "7S", "7C", "QS"}, {"JH", "QD", "TC", "9H", "9S", "9D"}}, 0);
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(points_of(r, 0), (std::vector<int>{30, 57}));
}

TEST(GolfExamples, Example3CompleteTwoPlayerHole) {
  auto deck = deck_dealing(1, {{"9C", "KD", "4S", "9H", "JC", "3D"}, {"QH", "5S", "2D", "8C", "5D", "AH"}}, "6S",
                           {"4H", "KC", "7S", "3C", "2H", "TS", "6H", "KH", "AC"});
  for (const char* penalty : {"none", "double"}) {
    RecordBuilder b;
    b.players(2).dealer(1).options({{"holes", 1}, {"out_penalty", penalty}}).deal(deck);
    b.add(reveal(0, {0, 4})).add(reveal(1, {1, 3}));
    b.add(move(0, "draw")).add(move(0, "swap", "position", 4));            // 1: 4H for JC
    b.add(move(1, "draw")).add(move(1, "swap", "position", 1));            // 2: KC for 5S
    b.add(move(0, "draw")).add(move(0, "discard", "flip", 3));             // 3: 7S away, 9H up
    b.add(move(1, "draw")).add(move(1, "swap", "position", 0));            // 4: 3C for QH
    b.add(move(0, "draw")).add(move(0, "swap", "position", 5));            // 5: 2H for 3D
    b.add(move(1, "take_discard", "position", 3));                         // 6: 3D for 8C
    b.add(move(0, "draw")).add(move(0, "discard", "flip", 1));             // 7: TS away, KD up
    b.add(move(1, "draw")).add(move(1, "discard", "flip", 4));             // 8: 6H away, 5D up
    b.add(move(0, "draw")).add(move(0, "swap", "position", 2));            // 9: KH for 4S: P0 out
    b.add(move(1, "draw")).add(move(1, "swap", "position", 5));            // 10: AC for AH
    auto r = b.run();
    ASSERT_EQ(error_code(r), "") << json::serialize(r);
    EXPECT_EQ(r.at("status"), "game_over");
    EXPECT_EQ(points_of(r, 0), (std::vector<int>{2, 4})) << penalty;
    const auto& hand = r.at("hands").as_array().at(0).as_object();
    EXPECT_EQ(hand.at("out"), 0);
    EXPECT_EQ(hand.at("doubled"), false);
    EXPECT_EQ(r.at("winners"), parse("[0]"));

    // Before the final turn: P0 has gone out and P1 is to act.
    json::object before = b.build();
    auto& moves = before["moves"].as_array();
    moves.erase(moves.end() - 2, moves.end());
    auto s = state_of(before);
    auto v = s->view(1);
    EXPECT_EQ(v.at("out"), 0);
    EXPECT_EQ(v.at("to_act"), parse("[1]"));
    EXPECT_EQ(v.at("grids").at(0).at("cards"), parse(R"(["9C","KD","KH","9H","4H","2H"])"));
    EXPECT_EQ(v.at("grids").at(1).at("cards"), parse(R"(["3C","KC",null,"3D","5D",null])"));
    EXPECT_EQ(v.at("discard"), parse(R"(["6S","JC","5S","7S","QH","8C","TS","6H","4S"])"));
  }
}

TEST(GolfExamples, Example4NineHolesAndATie) {
  const std::vector<std::vector<int>> scores = {{5, 2, -1, 13, 4, 0, 6, 3, 8},
                                                {9, 4, 4, 2, 10, -2, 3, 7, 3},
                                                {2, 11, 6, 5, 6, 1, 8, 4, 0}};
  // 4-card holes ended by an immediate knock; each grid is a matched pair in
  // column 0 and two cards worth the wanted score in column 1.
  auto grid_for = [](int score, int seat) -> Cards {
    static const char* pair_rank[] = {"9", "8", "7"};
    static const char* suits[] = {"C", "D", "H", "S"};
    // Column 1 = (x, y) with value(x) + value(y) = score; ranks other than the pairs'.
    const std::vector<std::pair<std::string, int>> ranks = {{"2", -2}, {"A", 1}, {"3", 3}, {"4", 4}, {"5", 5},
                                                            {"6", 6},  {"T", 10}, {"J", 10}, {"K", 0}};
    if (score == 0)  // a second matched pair
      return {std::string(pair_rank[seat]) + "C", std::string("K") + suits[seat], std::string(pair_rank[seat]) + "D",
              "KS"};
    for (const auto& [x, vx] : ranks)
      for (const auto& [y, vy] : ranks)
        if (x != y && vx + vy == score)
          return {std::string(pair_rank[seat]) + "C", x + suits[seat], std::string(pair_rank[seat]) + "D",
                  y + suits[seat]};
    ADD_FAILURE() << "no grid for score " << score;
    return {};
  };
  RecordBuilder b;
  b.players(3).dealer(2).options({{"layout", 4}});
  for (int h = 0; h < 9; ++h) {
    const int dealer = (2 + h) % 3;
    std::vector<Cards> grids;
    for (int seat = 0; seat < 3; ++seat) grids.push_back(grid_for(scores[seat][h], seat));
    b.deal(deck_dealing(dealer, grids, "QH", {}));
    add_knock_at_once(b, 3, dealer);
  }
  auto r = b.run();
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(r.at("status"), "game_over");
  ASSERT_EQ(r.at("hands").as_array().size(), 9u);
  for (size_t h = 0; h < 9; ++h)
    EXPECT_EQ(points_of(r, h), (std::vector<int>{scores[0][h], scores[1][h], scores[2][h]})) << "hole " << h;
  EXPECT_EQ(r.at("totals"), parse("[40, 40, 43]"));
  EXPECT_EQ(r.at("winners"), parse("[0, 1]"));
  EXPECT_EQ(r.at("places"), parse("[1, 1, 3]"));
}

TEST(GolfExamples, Example5NineCardScoring) {
  EXPECT_EQ(grid_score(cards({"5H", "5S", "7C", "5D", "KH", "7D", "5C", "2S", "QH"}), 9), 27);
  auto r = score_as_dealt({{"5H", "5S", "7C", "5D", "KH", "7D", "5C", "2S", "QH"},
                           {"AC", "AD", "AH", "3C", "3D", "3H", "4C", "4D", "4H"}},
                          0);
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(points_of(r, 0), (std::vector<int>{27, 24}));  // 1+3+4 per column, no row cancels
}

TEST(GolfExamples, Example6FourCardKnock) {
  // Dealer P2; P0 plays first. The dealt grids become the final ones after
  // P1 swaps a drawn 2C into position 3 and P2 takes QS from the discard pile.
  auto deck = deck_dealing(2, {{"8S", "3H", "8D", "KC"}, {"4C", "6D", "AS", "9H"}, {"QC", "QD", "7C", "5H"}}, "TD",
                           {"3S", "2C", "4D", "6C", "QS", "7D", "5C"});
  RecordBuilder b;
  b.players(3).dealer(2).options({{"layout", 4}, {"holes", 1}}).deal(deck);
  b.add(move(0, "draw")).add(move(0, "discard"));                  // 3S away
  b.add(move(1, "draw")).add(move(1, "swap", "position", 3));      // 2C in, 9H away
  b.add(move(2, "draw")).add(move(2, "discard"));                  // 4D away
  b.add(move(0, "draw")).add(move(0, "discard"));                  // 6C away
  b.add(move(1, "draw")).add(move(1, "discard"));                  // QS away
  b.add(move(2, "take_discard", "position", 2));                   // QS in, 7C away
  b.add(move(0, "knock"));                                         // third turn: knock
  auto mid = state_of(b.build());
  // P1 knows its swapped-in card; only P2's card from the discard pile is public.
  auto v1 = mid->view(1);
  EXPECT_EQ(v1.at("grids").at(1).at("cards"), parse(R"([null,null,"AS","2C"])"));
  EXPECT_EQ(v1.at("grids").at(2).at("cards"), parse(R"([null,null,"QS",null])"));
  EXPECT_EQ(v1.at("grids").at(0).at("cards"), parse("[null,null,null,null]"));
  EXPECT_EQ(v1.at("grids").at(1).at("face_up"), parse("[false,false,false,false]"));
  auto v0 = mid->view(0);
  EXPECT_EQ(v0.at("grids").at(0).at("cards"), parse(R"([null,null,"8D","KC"])"));
  EXPECT_EQ(v0.at("grids").at(1).at("cards"), parse("[null,null,null,null]"));
  EXPECT_EQ(mid->view(std::nullopt).at("grids").at(2).at("cards"), parse(R"([null,null,"QS",null])"));
  EXPECT_EQ(v0.at("out"), 0);
  EXPECT_EQ(v0.at("to_act"), parse("[1]"));
  // A second knock is refused; the knocker does not play again.
  auto again = mid->apply(1, parse(R"({"type":"knock"})"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "already_knocked");
  EXPECT_EQ(mid->apply(0, parse(R"({"type":"draw"})")).error().code, "not_your_turn");

  b.add(move(1, "draw")).add(move(1, "discard"));  // P1's final turn (7D)
  b.add(move(2, "draw")).add(move(2, "discard"));  // P2's final turn (5C)
  for (const char* penalty : {"none", "double"}) {
    b.options({{"layout", 4}, {"holes", 1}, {"out_penalty", penalty}});
    auto r = b.run();
    ASSERT_EQ(error_code(r), "") << json::serialize(r);
    EXPECT_EQ(r.at("status"), "game_over");
    EXPECT_EQ(points_of(r, 0), (std::vector<int>{3, 9, 15})) << penalty;
    EXPECT_EQ(r.at("hands").at(0).at("out"), 0);
    EXPECT_EQ(r.at("hands").at(0).at("doubled"), false);
    EXPECT_EQ(r.at("winners"), parse("[0]"));
  }
  // At the end every card is face up for everyone.
  auto end = state_of(b.build());
  EXPECT_EQ(end->view(std::nullopt).at("grids").at(2).at("cards"), parse(R"(["QC","QD","QS","5H"])"));
}

TEST(GolfExamples, Example7OutPenalty) {
  // Dealer P0, so P1 plays first and goes out; the others take final turns.
  const json::object dbl{{"out_penalty", "double"}};
  const Cards p0_12 = {"6H", "4H", "2S", "6D", "8H", "2D"};  // 6/6 0, 4+8 12, 2/2 0
  const Cards p1_12 = {"AC", "3C", "5C", "AD", "4C", "KC"};  // A/A 0, 3+4 7, 5+K 5
  const Cards p2_20 = {"9C", "7D", "QD", "9D", "3D", "KH"};  // 9/9 0, 7+3 10, Q+K 10
  auto r = score_as_dealt({p0_12, p1_12, p2_20}, 0, dbl);
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(points_of(r, 0), (std::vector<int>{12, 24, 20}));
  EXPECT_EQ(r.at("hands").at(0).at("out"), 1);
  EXPECT_EQ(r.at("hands").at(0).at("doubled"), true);
  EXPECT_EQ(r.at("winners"), parse("[0]"));
  // Without the option nothing is doubled.
  EXPECT_EQ(points_of(score_as_dealt({p0_12, p1_12, p2_20}, 0), 0), (std::vector<int>{12, 12, 20}));

  const Cards p0_minus3 = {"2H", "2S", "7H", "AH", "KS", "7S"};  // 2+A -1, 2+K -2, 7/7 0
  const Cards p1_minus1 = {"2C", "5C", "KC", "AC", "5D", "KD"};  // 2+A -1, 5/5 0, K/K 0
  auto r2 = score_as_dealt({p0_minus3, p1_minus1, p2_20}, 0, dbl);
  ASSERT_EQ(error_code(r2), "") << json::serialize(r2);
  EXPECT_EQ(points_of(r2, 0), (std::vector<int>{-3, -1, 20}));
  EXPECT_EQ(r2.at("hands").at(0).at("doubled"), false);

  // The rule itself (5.4, edge case 9): strictly lowest or <= 0 is never doubled.
  std::vector<int> strictly_lowest = {13, 12, 20};
  EXPECT_FALSE(apply_out_penalty(strictly_lowest, 1));
  std::vector<int> zero = {0, 0, 5};
  EXPECT_FALSE(apply_out_penalty(zero, 1));
  std::vector<int> higher = {3, 7, 5};
  EXPECT_TRUE(apply_out_penalty(higher, 1));
  EXPECT_EQ(higher, (std::vector<int>{3, 14, 5}));
}

TEST(GolfExamples, Example8Jokers) {
  EXPECT_EQ(grid_score(cards({"X1", "9S", "AH", "X2", "9D", "6C"}), 6), 7);
  EXPECT_EQ(grid_score(cards({"X1", "3C", "8C", "3H", "KD", "8H"}), 6), 4);
  auto r = score_as_dealt({{"X1", "9S", "AH", "X2", "9D", "6C"}, {"2C", "3C", "8C", "3H", "KD", "8H"}}, 0,
                          {{"jokers", true}});
  ASSERT_EQ(error_code(r), "") << json::serialize(r);
  EXPECT_EQ(points_of(r, 0), (std::vector<int>{7, 4}));  // 2C stands in for the second grid's X1 (both -2)
}

}  // namespace
}  // namespace parlor::rules::golf::testing
