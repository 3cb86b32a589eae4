// Golf: the legality of every move, refusals and their codes, move JSON, views.
#include <gtest/gtest.h>

#include "rules/golf/golf_test_util.h"
#include "rules/typed_game.h"

namespace parlor::rules::golf::testing {
namespace {

StatePtr fresh(int players, json::object options, int dealer = 0) {
  return state_of({{"players", players}, {"dealer", dealer}, {"seed", 5}, {"options", std::move(options)}});
}

void apply_ok(StatePtr& s, int seat, std::string_view move) {
  auto next = s->apply(seat, parse(move));
  ASSERT_TRUE(next.ok()) << move << ": " << next.error().message;
  s = *next;
}

// Applies `move` through the typed API and checks the refusal and that the
// state did not change.
Error refused(const StatePtr& s, int seat, std::string_view move) {
  const State& before = dynamic_cast<const TypedState<Golf>&>(*s).typed();
  auto m = Golf::move_from_json(parse(move).as_object());
  if (!m) return m.error();
  State copy = before;
  Status st = Golf::apply(copy, seat, *m);
  EXPECT_FALSE(st.ok()) << move << " was accepted";
  EXPECT_TRUE(copy == before) << move << " changed the state";
  return st.ok() ? Error{} : st.error();
}

const State& typed(const StatePtr& s) { return dynamic_cast<const TypedState<Golf>&>(*s).typed(); }

// Two players, dealer 0, both reveal positions 0 and 1; seat 1 is to play.
StatePtr after_reveal(json::object options = {}) {
  StatePtr s = fresh(2, std::move(options));
  apply_ok(s, 0, R"({"type":"reveal","positions":[0,1]})");
  apply_ok(s, 1, R"({"type":"reveal","positions":[0,1]})");
  return s;
}

// ---- initial reveal ----------------------------------------------------

TEST(GolfReveal, LegalListsEverySetOfPositions) {
  auto s = fresh(2, {});
  auto legal = s->legal_moves(0);
  ASSERT_EQ(legal.size(), 15u);  // C(6, 2)
  EXPECT_EQ(legal.front(), parse(R"({"type":"reveal","positions":[0,1]})"));
  EXPECT_EQ(legal.at(1), parse(R"({"type":"reveal","positions":[0,2]})"));
  EXPECT_EQ(legal.back(), parse(R"({"type":"reveal","positions":[4,5]})"));
  EXPECT_EQ(fresh(3, {{"layout", 9}})->legal_moves(2).size(), 84u);  // C(9, 3)
  EXPECT_EQ(fresh(2, {{"initial_flips", 1}})->legal_moves(1).size(), 6u);
  EXPECT_EQ(s->to_act(), (std::vector<int>{0, 1}));  // simultaneous
}

TEST(GolfReveal, Refusals) {
  auto s = fresh(2, {});
  EXPECT_EQ(refused(s, 0, R"({"type":"reveal","positions":[0]})").code, "illegal_move");
  EXPECT_EQ(refused(s, 0, R"({"type":"reveal","positions":[0,1,2]})").code, "illegal_move");
  auto off = refused(s, 0, R"({"type":"reveal","positions":[0,6]})");
  EXPECT_EQ(off.code, "illegal_move");
  EXPECT_NE(off.message.find("position 6"), std::string::npos) << off.message;
  EXPECT_EQ(refused(s, 0, R"({"type":"reveal","positions":[1,1]})").code, "bad_payload");
  EXPECT_EQ(refused(s, 0, R"({"type":"draw"})").code, "illegal_move");
  apply_ok(s, 0, R"({"type":"reveal","positions":[2,3]})");
  EXPECT_EQ(refused(s, 0, R"({"type":"reveal","positions":[0,1]})").code, "not_your_turn");
  EXPECT_EQ(s->to_act(), std::vector<int>{1});
}

TEST(GolfReveal, ChoicesStayHiddenUntilEveryoneChose) {
  auto s = fresh(2, {});
  const auto full = s->to_json().as_object();
  const auto& mine = full.at("grids").at(0).at("cards").as_array();
  apply_ok(s, 0, R"({"type":"reveal","positions":[2,5]})");
  EXPECT_EQ(s->view(0).at("grids").at(0).at("cards"),
            (json::array{nullptr, nullptr, mine.at(2), nullptr, nullptr, mine.at(5)}));
  EXPECT_EQ(s->view(0).at("grids").at(0).at("face_up"), parse("[false,false,false,false,false,false]"));
  EXPECT_EQ(s->view(1).at("grids").at(0).at("cards"), parse("[null,null,null,null,null,null]"));
  EXPECT_EQ(s->view(std::nullopt).at("grids").at(0).at("cards"), parse("[null,null,null,null,null,null]"));
  apply_ok(s, 1, R"({"type":"reveal","positions":[0,1]})");
  for (Viewer v : {Viewer{0}, Viewer{1}, Viewer{}}) {
    EXPECT_EQ(s->view(v).at("grids").at(0).at("cards"),
              (json::array{nullptr, nullptr, mine.at(2), nullptr, nullptr, mine.at(5)}));
    EXPECT_EQ(s->view(v).at("grids").at(0).at("face_up"), parse("[false,false,true,false,false,true]"));
  }
  EXPECT_EQ(s->to_act(), std::vector<int>{1});  // the dealer's left plays first
}

// ---- a turn -------------------------------------------------------------

TEST(GolfTurn, StartOfTurnChoices) {
  auto s = after_reveal();
  EXPECT_EQ(json::value(s->legal_moves(1)),
            parse(R"([{"type":"draw"},{"type":"take_discard","position":0},{"type":"take_discard","position":1},
                      {"type":"take_discard","position":2},{"type":"take_discard","position":3},
                      {"type":"take_discard","position":4},{"type":"take_discard","position":5}])"));
  EXPECT_TRUE(s->legal_moves(0).empty());
  auto e = refused(s, 0, R"({"type":"draw"})");
  EXPECT_EQ(e.code, "not_your_turn");
  EXPECT_EQ(e.message, "it is seat 1's turn");
  EXPECT_EQ(refused(s, 1, R"({"type":"swap","position":2})").code, "illegal_move");
  EXPECT_EQ(refused(s, 1, R"({"type":"discard"})").code, "illegal_move");
  EXPECT_EQ(refused(s, 1, R"({"type":"knock"})").code, "illegal_move");
  EXPECT_EQ(refused(s, 1, R"({"type":"take_discard","position":6})").code, "illegal_move");
  EXPECT_EQ(refused(s, 1, R"({"type":"reveal","positions":[2,3]})").code, "illegal_move");
}

TEST(GolfTurn, TakeTheDiscardIntoTheGrid) {
  auto s = after_reveal();
  const State before = typed(s);
  const Card top = before.discard.top();
  const Card face_up_old = before.grids[1].cards[0];
  apply_ok(s, 1, R"({"type":"take_discard","position":0})");  // a face-up card may be exchanged
  const State after = typed(s);
  EXPECT_EQ(after.grids[1].cards[0], top);
  EXPECT_EQ(after.discard.top(), face_up_old);
  EXPECT_EQ(after.discard.size, 1);
  EXPECT_EQ(s->to_act(), std::vector<int>{0});  // the taken card cannot go straight back: the turn is over
  // Taking into a face-down position turns it up; the old card goes up on the pile.
  const Card hidden = after.grids[0].cards[4];
  apply_ok(s, 0, R"({"type":"take_discard","position":4})");
  EXPECT_EQ(s->view(1).at("grids").at(0).at("cards").at(4), json::value(face_up_old.str()));
  EXPECT_EQ(s->view(1).at("discard").as_array().back(), json::value(hidden.str()));
}

TEST(GolfTurn, TheDrawnCardIsSeenOnlyByTheDrawer) {
  auto s = after_reveal();
  const Card top = typed(s).stock.top();
  apply_ok(s, 1, R"({"type":"draw"})");
  EXPECT_EQ(s->view(1).at("drawn"), (json::object{{"seat", 1}, {"card", top.str()}}));
  EXPECT_EQ(s->view(0).at("drawn"), (json::object{{"seat", 1}, {"card", nullptr}}));
  EXPECT_EQ(s->view(std::nullopt).at("drawn"), (json::object{{"seat", 1}, {"card", nullptr}}));
  EXPECT_EQ(s->view(0).at("phase"), "drawn");
  EXPECT_EQ(refused(s, 1, R"({"type":"draw"})").code, "illegal_move");
  EXPECT_EQ(refused(s, 1, R"({"type":"take_discard","position":3})").code, "illegal_move");
  EXPECT_EQ(refused(s, 1, R"({"type":"swap","position":9})").code, "bad_payload");
  apply_ok(s, 1, R"({"type":"swap","position":3})");
  EXPECT_EQ(s->view(0).at("grids").at(1).at("cards").at(3), json::value(top.str()));
  EXPECT_EQ(s->view(0).at("drawn"), nullptr);
}

TEST(GolfTurn, DiscardWithOptionalFlip) {
  auto s = after_reveal();
  apply_ok(s, 1, R"({"type":"draw"})");
  EXPECT_EQ(json::value(s->legal_moves(1)),
            parse(R"([{"type":"swap","position":0},{"type":"swap","position":1},{"type":"swap","position":2},
                      {"type":"swap","position":3},{"type":"swap","position":4},{"type":"swap","position":5},
                      {"type":"discard"},{"type":"discard","flip":2},{"type":"discard","flip":3},
                      {"type":"discard","flip":4},{"type":"discard","flip":5}])"));
  auto up = refused(s, 1, R"({"type":"discard","flip":0})");
  EXPECT_EQ(up.code, "illegal_move");
  EXPECT_EQ(up.message, "position 0 is already face up");
  EXPECT_EQ(refused(s, 1, R"({"type":"discard","flip":7})").code, "illegal_move");
  auto flipped = s->apply(1, parse(R"({"type":"discard","flip":2})"));
  ASSERT_TRUE(flipped.ok());
  EXPECT_EQ((*flipped)->view(0).at("grids").at(1).at("face_up"), parse("[true,true,true,false,false,false]"));
  apply_ok(s, 1, R"({"type":"discard"})");
  EXPECT_EQ(s->view(0).at("grids").at(1).at("face_up"), parse("[true,true,false,false,false,false]"));
}

TEST(GolfTurn, RequiredFlip) {
  auto s = after_reveal({{"flip_after_discard", "required"}});
  apply_ok(s, 1, R"({"type":"draw"})");
  auto legal = s->legal_moves(1);
  EXPECT_EQ(legal.size(), 10u);  // 6 swaps + 4 flips, no plain discard
  EXPECT_EQ(std::count(legal.begin(), legal.end(), parse(R"({"type":"discard"})")), 0);
  auto e = refused(s, 1, R"({"type":"discard"})");
  EXPECT_EQ(e.code, "must_flip");
  EXPECT_NE(e.message.find("face-down"), std::string::npos);
  apply_ok(s, 1, R"({"type":"discard","flip":5})");
}

TEST(GolfTurn, NoFlip) {
  auto s = after_reveal({{"flip_after_discard", "none"}});
  apply_ok(s, 1, R"({"type":"draw"})");
  auto legal = s->legal_moves(1);
  EXPECT_EQ(legal.size(), 7u);
  EXPECT_EQ(legal.back(), parse(R"({"type":"discard"})"));
  auto e = refused(s, 1, R"({"type":"discard","flip":3})");
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("flip_after_discard"), std::string::npos);
}

TEST(GolfTurn, FourCardChoicesAndKnock) {
  auto s = fresh(3, {{"layout", 4}});
  EXPECT_EQ(json::value(s->legal_moves(1)),
            parse(R"([{"type":"draw"},{"type":"take_discard","position":0},{"type":"take_discard","position":1},
                      {"type":"take_discard","position":2},{"type":"take_discard","position":3},{"type":"knock"}])"));
  apply_ok(s, 1, R"({"type":"draw"})");
  EXPECT_EQ(json::value(s->legal_moves(1)),
            parse(R"([{"type":"swap","position":0},{"type":"swap","position":1},{"type":"swap","position":2},
                      {"type":"swap","position":3},{"type":"discard"}])"));
  EXPECT_EQ(refused(s, 1, R"({"type":"discard","flip":0})").code, "illegal_move");
  EXPECT_EQ(refused(s, 1, R"({"type":"knock"})").code, "illegal_move");  // after drawing
  apply_ok(s, 1, R"({"type":"swap","position":0})");
  // The placed card stays face down; only its owner knows it.
  EXPECT_EQ(s->view(1).at("grids").at(1).at("face_up"), parse("[false,false,false,false]"));
  EXPECT_FALSE(s->view(1).at("grids").at(1).at("cards").at(0).is_null());
  EXPECT_TRUE(s->view(2).at("grids").at(1).at("cards").at(0).is_null());
  apply_ok(s, 2, R"({"type":"knock"})");  // knocking on one's first turn is allowed
  auto legal = s->legal_moves(0);
  EXPECT_EQ(legal.size(), 5u);  // no second knock
  EXPECT_EQ(refused(s, 0, R"({"type":"knock"})").code, "already_knocked");
  apply_ok(s, 0, R"({"type":"draw"})");
  apply_ok(s, 0, R"({"type":"discard"})");
  apply_ok(s, 1, R"({"type":"take_discard","position":1})");
  // Seat 2 knocked: after seats 0 and 1 the hole ends.
  EXPECT_EQ(s->result().at("hands").as_array().size(), 1u);
  EXPECT_EQ(s->result().at("hands").at(0).at("out"), 2);
}

// ---- moves as JSON --------------------------------------------------------

TEST(GolfMoves, EveryLegalMoveRoundTrips) {
  for (const auto& s : {fresh(2, {}), after_reveal(), fresh(3, {{"layout", 4}})}) {
    for (int seat : s->to_act())
      for (const auto& m : s->legal_moves(seat)) {
        auto back = Golf::move_from_json(m.as_object());
        ASSERT_TRUE(back.ok()) << json::serialize(m);
        EXPECT_EQ(Golf::move_to_json(*back), m);
      }
  }
}

TEST(GolfMoves, MalformedPayloads) {
  for (const char* bad : {R"({})", R"({"type":"fold"})", R"({"type":7})", R"({"type":"swap"})",
                          R"({"type":"swap","position":"2"})", R"({"type":"take_discard","position":-1})",
                          R"({"type":"take_discard","position":9})", R"({"type":"discard","flip":12})",
                          R"({"type":"reveal"})", R"({"type":"reveal","positions":[0,"1"]})",
                          R"({"type":"reveal","positions":3})"}) {
    auto m = Golf::move_from_json(parse(bad).as_object());
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.error().code, "bad_payload") << bad;
  }
  auto plain = Golf::move_from_json(parse(R"({"type":"discard","flip":null,"seat":3})").as_object());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, Move::discard());
}

// ---- views -----------------------------------------------------------------

TEST(GolfView, FieldsForSeatsAndSpectators) {
  auto s = after_reveal();
  for (Viewer v : {Viewer{0}, Viewer{1}, Viewer{}}) {
    auto view = s->view(v);
    for (const char* key : {"players", "layout", "rows", "columns", "holes", "hand", "dealer", "phase", "turn",
                            "grids", "discard", "stock", "rebuilt", "drawn", "out", "totals", "hands", "options",
                            "hand_seed_sha256", "game", "status", "to_act", "legal"})
      EXPECT_TRUE(view.contains(key)) << key;
    for (const char* secret : {"seed", "hand_seeds", "deals", "deck", "stock_cards", "hand_seed"})
      EXPECT_FALSE(view.contains(secret)) << secret;
    EXPECT_EQ(view.at("stock"), 39);
    EXPECT_EQ(view.at("rows"), 2);
    EXPECT_EQ(view.at("columns"), 3);
    EXPECT_EQ(view.at("turn"), 1);
  }
  EXPECT_FALSE(s->view(1).at("legal").as_array().empty());
  EXPECT_TRUE(s->view(0).at("legal").as_array().empty());
  EXPECT_TRUE(s->view(std::nullopt).at("legal").as_array().empty());
}

TEST(GolfView, GameOverRevealsTheLastSeedAndRefusesMoves) {
  RecordBuilder b;
  b.players(2).dealer(0).options({{"layout", 4}, {"holes", 1}});
  b.record["seed"] = 77;
  add_knock_at_once(b, 2, 0);
  auto s = state_of(b.build());
  ASSERT_TRUE(s->is_over());
  auto v = s->view(std::nullopt);
  EXPECT_EQ(v.at("hand_seed"), "77:0");
  EXPECT_EQ(v.at("phase"), "game_over");
  EXPECT_EQ(v.at("hands").at(0).at("hand_seed"), "77:0");
  EXPECT_EQ(v.at("grids").at(0).at("face_up"), parse("[true,true,true,true]"));
  EXPECT_EQ(s->apply(0, parse(R"({"type":"draw"})")).error().code, "not_your_turn");
  EXPECT_TRUE(s->legal_moves(0).empty());
}

}  // namespace
}  // namespace parlor::rules::golf::testing
