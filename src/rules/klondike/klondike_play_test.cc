// Klondike: time penalties, full games, views, random-play properties (the
// shared conformance suite runs in registry_test.cc).
#include "base/shuffle.h"
#include "rules/klondike/klondike_test_util.h"

namespace parlor::rules::klondike::testing {
namespace {

// ---------------------------------------------------------------- time

TEST(KlondikeTime, PenaltiesAreChargedFirstWithTheFloor) {
  json::object timed{{"timed", true}};
  StatePtr s = play(record(timed, foundation_deck(), {draw(0), mv("waste", "f1", "AC", 0)}));
  EXPECT_EQ(score(s), 10);
  s = must(s, draw(100));  // ten penalties at 10 points: 0, and the rest is lost (9.8)
  EXPECT_EQ(score(s), 0);
  s = must(s, mv("waste", "f2", "AD", 100));
  EXPECT_EQ(score(s), 10);
  s = must(s, draw());  // no "t": the clock has not moved
  EXPECT_EQ(score(s), 10);
  EXPECT_EQ(s->view(0).at("elapsed").as_int64(), 100);
  s = must(s, mv("waste", "f3", "AH", 119));  // 110 s: one more penalty, then +10
  EXPECT_EQ(score(s), 18);
  StatePtr before = s;
  EXPECT_NE(refused(s, draw(118)).find("backwards"), std::string::npos);
  EXPECT_EQ(s->to_json(), before->to_json());
}

TEST(KlondikeTime, UntimedGamesIgnoreT) {
  StatePtr s = play(record({}, foundation_deck(), {draw(0), mv("waste", "f1", "AC", 5000), draw(10)}));
  EXPECT_EQ(score(s), 10);
  EXPECT_FALSE(s->view(0).contains("elapsed"));
  EXPECT_EQ(s->to_json().at("elapsed"), json::value(0));
}

TEST(KlondikeTime, UndoRechargesPenaltiesSinceTheSavedState) {
  StatePtr s = play(
      record({{"timed", true}}, cards_of(kExampleDeck), {mv("t1", "f1", "AS", 0), mv("t4", "f1", "2S", 5)}));
  EXPECT_EQ(score(s), 25);
  s = must(s, simple("undo", 25));  // restores 10, then the two penalties since: 6
  EXPECT_EQ(score(s), 6);
  s = must(s, simple("undo", 26));  // restores 0, the same two penalties again: 0
  EXPECT_EQ(score(s), 0);
  EXPECT_EQ(s->view(0).at("elapsed").as_int64(), 26);  // the clock is not turned back
  s = must(s, mv("t1", "f1", "AS", 27));
  EXPECT_EQ(score(s), 10);
}

json::array greedy_win(StatePtr s, bool use_auto_complete, int last_t = -1) {
  json::array moves;
  while (s->status() == "in_progress") {
    json::object pick;
    for (const auto& m : s->legal_moves(0)) {
      const auto& o = m.as_object();
      const auto* to = o.if_contains("to");
      if ((use_auto_complete && o.at("type") == "auto_complete") ||
          (to && to->as_string().starts_with("f"))) {
        pick = o;
        if (o.at("type") == "auto_complete") break;
      }
    }
    if (pick.empty()) pick = json::object{{"type", "draw"}};
    pick["seat"] = 0;
    StatePtr next = must(s, pick);
    if (next == s) break;
    s = next;
    moves.push_back(pick);
  }
  if (last_t >= 0 && !moves.empty()) {
    for (auto& m : moves) m.as_object()["t"] = 0;
    moves.back().as_object()["t"] = last_t;
  }
  return moves;
}

TEST(KlondikeTime, TimedWinInPlay) {
  json::array moves = greedy_win(play(record({}, foundation_deck())), false, 245);
  json::object won = run(record({{"timed", true}}, foundation_deck(), moves));
  EXPECT_EQ(won.at("status"), json::value("won"));
  EXPECT_EQ(total(won), 625 - 48 + 2857);
  moves.back().as_object()["t"] = 29;  // under 30 s: no bonus
  EXPECT_EQ(total(run(record({{"timed", true}}, foundation_deck(), moves))), 625 - 4);
}

// ---------------------------------------------------------------- full games and views

TEST(KlondikeGames, StandardWin) {
  json::array moves = greedy_win(play(record({}, foundation_deck())), false);
  json::object result = run(record({}, foundation_deck(), moves));
  EXPECT_EQ(result.at("status"), json::value("won"));
  EXPECT_EQ(total(result), 52 * 10 + 21 * 5);
  EXPECT_EQ(result.at("winners"), json::array{0});
  const auto& hand = result.at("hands").as_array()[0].as_object();
  EXPECT_EQ(hand.at("won"), json::value(true));
  EXPECT_EQ(hand.at("moves").as_int64(), 24 + 52);
  EXPECT_EQ(hand.at("foundation_cards").as_int64(), 52);
  EXPECT_TRUE(result.at("to_act").as_array().empty());
  EXPECT_TRUE(result.at("legal").as_array().empty());
}

TEST(KlondikeGames, AutoCompleteInPlay) {
  json::array moves = greedy_win(play(record({}, foundation_deck())), true);
  EXPECT_EQ(moves.back().at("type"), json::value("auto_complete"));
  json::object result = run(record({}, foundation_deck(), moves));
  EXPECT_EQ(result.at("status"), json::value("won"));
  EXPECT_EQ(total(result), 625);
  json::object none = run(record({{"scoring", "none"}}, foundation_deck(), moves));
  EXPECT_EQ(total(none), 0);
  EXPECT_EQ(none.at("winners"), json::array{0});
}

TEST(KlondikeViews, ShowOnlyFaceUpCards) {
  StatePtr s = must(play(record({{"draw", 3}}, cards_of(kExampleDeck))), draw());
  json::object v = s->view(0);
  std::string text = json::serialize(v);
  for (Card c : Klondike::hidden_from(typed(s), 0))
    EXPECT_EQ(text.find('"' + c.str() + '"'), std::string::npos) << c.str();
  EXPECT_EQ(v.at("waste").as_array(), cards_of("3S QC 5D"));
  EXPECT_EQ(v.at("stock").as_int64(), 21);
  json::object spectator = s->view(std::nullopt);
  EXPECT_TRUE(spectator.at("legal").as_array().empty());
  EXPECT_TRUE(spectator.at("seat").is_null());
  EXPECT_EQ(v.at("seat"), 0);
  for (const char* own : {"legal", "seat"}) {
    spectator.erase(own);
    v.erase(own);
  }
  EXPECT_EQ(spectator, v);
  StatePtr one = must(play(record({}, cards_of(kExampleDeck), {draw()})), draw());
  EXPECT_EQ(one->view(0).at("waste").as_array(), cards_of("QC"));
  EXPECT_EQ(one->view(0).at("waste_count").as_int64(), 2);
  EXPECT_TRUE(play(record({{"scoring", "none"}}, cards_of(kExampleDeck)))->view(0).at("score").is_null());
}

// ---------------------------------------------------------------- random play properties

// Every candidate move is accepted exactly when `legal` lists it (a move
// without "card" when some listed move has its piles), and a refusal leaves
// the state untouched.
void check_legal_matches_apply(const State& s) {
  std::vector<Move> legal;
  Klondike::legal_moves(s, 0, legal);
  auto listed = [&](const Move& m) {
    for (const Move& l : legal)
      if (l.type == m.type && l.from == m.from && l.to == m.to && (m.card.is_none() || l.card == m.card))
        return true;
    return false;
  };
  std::vector<Move> candidates;
  for (MoveType t :
       {MoveType::kDraw, MoveType::kRecycle, MoveType::kAutoComplete, MoveType::kUndo, MoveType::kAbandon})
    candidates.push_back(Move{t});
  for (Pile from = 0; from < 12; ++from)
    for (Pile to = 0; to < 12; ++to) {
      candidates.push_back(Move{MoveType::kMove, from, to});
      if (is_column(from)) {
        const Column& col = s.tableau[static_cast<size_t>(column_index(from))];
        for (int i = 0; i < col.size; ++i)
          candidates.push_back(Move{MoveType::kMove, from, to, col.cards[static_cast<size_t>(i)]});
      } else if (from == kWaste && s.waste_size > 0) {
        candidates.push_back(Move{MoveType::kMove, from, to, s.waste_top()});
        candidates.push_back(Move{MoveType::kMove, from, to, s.talon[0]});
      } else if (is_foundation(from) &&
                 !s.foundations[static_cast<size_t>(foundation_index(from))].is_none()) {
        candidates.push_back(
            Move{MoveType::kMove, from, to, s.foundations[static_cast<size_t>(foundation_index(from))]});
      }
    }
  for (const Move& m : candidates) {
    State copy = s;
    Status st = Klondike::apply(copy, 0, m);
    ASSERT_EQ(st.ok(), listed(m)) << json::serialize(Klondike::move_to_json(m)) << " "
                                  << (st.ok() ? "" : st.error().message);
    if (!st.ok()) {
      ASSERT_EQ(copy, s);
      ASSERT_FALSE(st.error().message.empty());
    }
  }
}

// Applying an undoable move and then undo gives back the state (4.8.1).
void check_undo_restores(const State& s, const Move& m) {
  if (!s.options.undo || m.type == MoveType::kAbandon || m.type == MoveType::kUndo ||
      m.type == MoveType::kAutoComplete)
    return;
  State copy = s;
  ASSERT_TRUE(Klondike::apply(copy, 0, m).ok());
  if (copy.status != GameStatus::kInProgress) return;
  ASSERT_TRUE(Klondike::apply(copy, 0, Move{MoveType::kUndo}).ok());
  ASSERT_EQ(copy.moves, s.moves + 2);
  copy.moves = s.moves;
  ASSERT_EQ(copy, s) << json::serialize(Klondike::move_to_json(m));
}

// Mostly a simple player (auto-complete, foundations, turn-ups, waste to
// tableau, draw, recycle) so that games reach their end; one move in ten is
// random (undo included), never abandon.
Move pick_move(const State& s, const std::vector<Move>& legal, FastRng& rng) {
  auto first = [&](auto&& wanted) -> const Move* {
    for (const Move& m : legal)
      if (wanted(m)) return &m;
    return nullptr;
  };
  auto turns_up = [&](const Move& m) {
    if (m.type != MoveType::kMove || !is_column(m.from) || !is_column(m.to)) return false;
    const Column& col = s.tableau[static_cast<size_t>(column_index(m.from))];
    return col.down > 0 && col.cards[col.down] == m.card;
  };
  if (rng.below(10) != 0) {
    const Move* m = first([](const Move& x) { return x.type == MoveType::kAutoComplete; });
    if (!m)
      m = first([](const Move& x) {
        return x.type == MoveType::kMove && is_foundation(x.to) && !is_foundation(x.from);
      });
    if (!m) m = first(turns_up);
    if (!m) m = first([](const Move& x) { return x.type == MoveType::kMove && x.from == kWaste; });
    if (!m)
      m = first([](const Move& x) { return x.type == MoveType::kDraw || x.type == MoveType::kRecycle; });
    if (m) return *m;
  }
  for (;;) {
    const Move& m = legal[rng.below(static_cast<std::uint32_t>(legal.size()))];
    if (m.type != MoveType::kAbandon) return m;
  }
}

TEST(KlondikeProperties, RandomPlay) {
  int won = 0, auto_completed = 0;
  const auto setups = Klondike::test_setups();
  for (size_t k = 0; k < setups.size(); ++k) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      json::object rec = setups[k];
      rec["seed"] = seed;
      StatePtr start = play(rec);
      State s = typed(start);
      FastRng rng(seed * 31 + k);
      std::vector<Move> legal;
      for (int step = 0; step < 500 && s.status == GameStatus::kInProgress; ++step) {
        if (step % 20 == 0) {
          ASSERT_NO_FATAL_FAILURE(check_legal_matches_apply(s))
              << "setup " << k << " seed " << seed << " step " << step;
        }
        Klondike::legal_moves(s, 0, legal);
        const Move m = pick_move(s, legal, rng);
        ASSERT_NO_FATAL_FAILURE(check_undo_restores(s, m));
        if (m.type == MoveType::kAutoComplete) ++auto_completed;
        ASSERT_TRUE(Klondike::apply(s, 0, m).ok());
        auto broken = Klondike::broken_invariant(s);
        ASSERT_FALSE(broken) << *broken;
        if (step % 16 == 0) {
          auto back = Klondike::state_from_json(Klondike::state_to_json(s));
          ASSERT_TRUE(back.ok()) << back.error().message;
          ASSERT_EQ(*back, s);
        }
      }
      won += s.status == GameStatus::kWon;
    }
  }
  std::printf("random play: %d won, %d by auto-complete\n", won, auto_completed);
}

}  // namespace
}  // namespace parlor::rules::klondike::testing
