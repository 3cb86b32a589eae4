// What the bots know: their input holds no hidden card; seeded decisions
// reproduce; the deals they sample agree with everything their seat has seen
// (the sampled state shows the seat the same cards and the same legal moves).
#include <gtest/gtest.h>

#include <map>

#include "bots/bot.h"
#include "bots/bots_test_util.h"
#include "bots/golf_world.h"
#include "bots/hearts_world.h"
#include "bots/sheepshead_world.h"
#include "bots/spades_world.h"
#include "rules/typed_game.h"

namespace parlor::bots {
namespace {

using testing::bot_games;
using testing::play_game;

// Every card code anywhere in a JSON value.
void collect_cards(const json::value& v, std::map<std::string, int>& out) {
  if (v.is_string()) {
    if (Card::parse(v.get_string())) ++out[std::string(v.get_string())];
  } else if (v.is_array()) {
    for (const auto& x : v.get_array()) collect_cards(x, out);
  } else if (v.is_object()) {
    for (const auto& [k, x] : v.get_object()) collect_cards(x, out);
  }
}

TEST(BotsKnowledge, InputHoldsNoHiddenCard) {
  for (const auto* type : bot_games()) {
    int k = 0;
    for (const auto& setup : type->test_setups()) {
      SCOPED_TRACE(std::string(type->name()) + " setup " + std::to_string(k++));
      int checked = 0;
      play_game(*type, setup, 300 + k, {"easy"}, 20000,
                [&](const rules::GameState& state, const json::object& view, int seat) {
                  // A code may be shown if some copy of it is not hidden from
                  // the seat (two-deck Golf holds each card twice).
                  std::map<std::string, int> copies, hidden, shown;
                  for (Card c : state.all_cards()) ++copies[c.str()];
                  for (Card c : state.hidden_from(seat)) ++hidden[c.str()];
                  collect_cards(view, shown);
                  for (const auto& [code, n] : shown)
                    EXPECT_GT(copies[code] - hidden[code], 0) << seat << " was shown hidden " << code;
                  ++checked;
                });
      EXPECT_GT(checked, 0);
    }
  }
}

TEST(BotsKnowledge, SeededDecisionsReproduce) {
  for (const auto* type : bot_games()) {
    SCOPED_TRACE(std::string(type->name()));
    int compared = 0;
    play_game(*type, type->test_setups().front(), 7, {"easy"}, 400,
              [&](const rules::GameState&, const json::object& view, int) {
                if (view.at("legal").as_array().size() < 2 || compared >= 12) return;
                for (const char* level : {"easy", "normal:playouts=6", "hard:playouts=10"}) {
                  const auto a = choose_move(view, level, 42 + compared);
                  const auto b = choose_move(view, level, 42 + compared);
                  EXPECT_EQ(a, b) << level;
                }
                ++compared;
              });
    EXPECT_GT(compared, 0);
  }
}

// A Hearts bot in a room reads its seat's knowledge straight from the state
// (choose_move_for_seat): on every state of random games under every option
// set, that is exactly what the seat's view tells, and the move is the one
// choose_move() picks from the view, at every level.
TEST(BotsKnowledge, HeartsKnowledgeFromTheStateIsTheViewsKnowledge) {
  const rules::GameType* hearts = nullptr;
  for (const auto* type : bot_games())
    if (type->name() == "hearts") hearts = type;
  ASSERT_NE(hearts, nullptr);
  int k = 0, compared = 0, chosen = 0;
  for (const auto& setup : hearts->test_setups()) {
    SCOPED_TRACE("setup " + std::to_string(k++));
    play_game(*hearts, setup, 700 + k, {"easy", "normal:playouts=2"}, 20000,
              [&](const rules::GameState& state, const json::object& view, int seat) {
                const auto& typed = dynamic_cast<const rules::TypedState<rules::hearts::Hearts>&>(state).typed();
                ASSERT_EQ(hearts_bot::knowledge_of_state(typed, seat), hearts_bot::knowledge_of_view(view))
                    << json::serialize(view);
                ++compared;
                if (compared % 7) return;  // the searching levels are slower: every 7th state
                for (const char* level : {"easy", "normal:playouts=3"}) {
                  ASSERT_EQ(choose_move_for_seat(state, seat, level, 11 + compared), choose_move(view, level, 11 + compared))
                      << level << " " << json::serialize(view);
                  ++chosen;
                }
              });
  }
  EXPECT_GT(compared, 1000);
  EXPECT_GT(chosen, 200);
}

// The legal moves a sampled state offers the seat, as JSON.
template <class G>
json::array legal_in(const typename G::State& s, int seat) {
  return rules::TypedState<G>(s).legal_moves(seat);
}

TEST(BotsKnowledge, SampledDealsAgreeWithTheView) {
  FastRng rng(5);
  int checked = 0;
  for (const auto* type : bot_games()) {
    const std::string name(type->name());
    int k = 0;
    for (const auto& setup : type->test_setups()) {
      SCOPED_TRACE(name + " setup " + std::to_string(k++));
      play_game(*type, setup, 500 + k, {"easy"}, 20000,
                [&](const rules::GameState&, const json::object& view, int seat) {
                  const json::value* phase_field = view.if_contains("phase");
                  if (!phase_field) return;  // Klondike: nothing hidden to deal
                  const std::string_view phase = phase_field->as_string();
                  const json::array& legal = view.at("legal").as_array();
                  if (name == "hearts" && (phase == "playing" || phase == "passing")) {
                    const auto k = hearts_bot::knowledge_of_view(view);
                    const auto w = phase == "playing" ? hearts_bot::read_world(k) : hearts_bot::read_pass_world(k);
                    for (int i = 0; i < 3; ++i) {
                      const auto s = hearts_bot::sample_state(w, rng);
                      ASSERT_EQ(legal_in<rules::hearts::Hearts>(s, seat), legal);
                      EXPECT_EQ(rules::hearts::Hearts::broken_invariant(s), std::nullopt);
                      ++checked;
                    }
                  } else if (name == "spades" && (phase == "play" || (phase == "bidding" && !view.at("cards").is_null()))) {
                    const auto w = spades_bot::read_world(view);
                    for (int i = 0; i < 3; ++i) {
                      const auto s = spades_bot::sample_state(w, rng);
                      ASSERT_EQ(legal_in<rules::spades::Spades>(s, seat), legal);
                      EXPECT_EQ(rules::spades::Spades::all_cards(s).size(), 52u);
                      ++checked;
                    }
                  } else if (name == "sheepshead" && phase == "playing") {
                    const auto w = sheepshead_bot::read_world(view);
                    for (int i = 0; i < 3; ++i) {
                      rules::sheepshead::State s;
                      ASSERT_TRUE(sheepshead_bot::sample_state(w, rng, s));
                      ASSERT_EQ(legal_in<rules::sheepshead::Sheepshead>(s, seat), legal);
                      EXPECT_EQ(rules::sheepshead::Sheepshead::all_cards(s).size(), 32u);
                      if (s.partner >= 0 && !s.partner_revealed) {
                        EXPECT_TRUE(s.hands[s.partner].contains(s.called));
                      }
                      ++checked;
                    }
                  } else if (name == "golf" && (phase == "turn" || phase == "drawn")) {
                    const auto w = golf_bot::read_world(view);
                    for (int i = 0; i < 3; ++i) {
                      const auto s = golf_bot::sample_state(w, rng);
                      ASSERT_EQ(legal_in<rules::golf::Golf>(s, seat), legal);
                      EXPECT_EQ(rules::golf::Golf::broken_invariant(s), std::nullopt);
                      ++checked;
                    }
                  }
                });
    }
  }
  EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace parlor::bots
