// Rules engine speed: random playouts per second per core, and the cost of one
// legal_moves and one apply, through each game's typed API (what bots use).
//   cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/release --target engines_bench && build/release/bench/engines_bench
#include <benchmark/benchmark.h>

#include <bit>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "base/shuffle.h"
#include "rules/deal.h"
#include "rules/golf/golf.h"
#include "rules/json_util.h"
#include "rules/registry.h"
#include "rules/hearts/hearts.h"
#include "rules/klondike/klondike.h"
#include "rules/sheepshead/sheepshead.h"
#include "rules/spades/spades.h"

namespace parlor::bench {
namespace {

namespace json = boost::json;
using namespace parlor::rules;

template <class G>
typename G::State make_game(json::object record, std::uint64_t seed) {
  record["seed"] = seed;
  auto setup = setup_from_record(record);
  PARLOR_CHECK(setup.ok(), setup.error().message);
  auto s = G::create(*setup);
  PARLOR_CHECK(s.ok(), s.error().message);
  return std::move(*s);
}

// One random legal move for a random acting seat; false when nobody may act.
template <class G>
bool random_step(typename G::State& s, FastRng& rng, std::vector<typename G::Move>& buf) {
  std::uint32_t mask = G::to_act(s);
  if (mask == 0) return false;
  int n = std::popcount(mask);
  int k = static_cast<int>(rng.below(static_cast<std::uint32_t>(n)));
  while (k-- > 0) mask &= mask - 1;
  int seat = std::countr_zero(mask);
  buf.clear();
  G::legal_moves(s, seat, buf);
  auto st = G::apply(s, seat, buf[rng.below(static_cast<std::uint32_t>(buf.size()))]);
  PARLOR_CHECK(st.ok(), st.error().message);
  return true;
}

// Plays random hands from the start of a game: each iteration copies the
// dealt state and plays until the hand number changes (the next hand is
// dealt, or the game ends).
template <class G, class HandOf>
void BM_RandomHand(benchmark::State& bs, json::object record, HandOf hand_of) {
  std::vector<typename G::Move> buf;
  FastRng rng(1);
  std::vector<typename G::State> starts;
  for (std::uint64_t seed = 0; seed < 64; ++seed) starts.push_back(make_game<G>(record, seed));
  std::int64_t hands = 0, moves = 0;
  size_t i = 0;
  for (auto _ : bs) {
    typename G::State s = starts[i++ % starts.size()];
    auto h = hand_of(s);
    while (hand_of(s) == h && random_step<G>(s, rng, buf)) ++moves;
    ++hands;
  }
  bs.counters["hands/s"] = benchmark::Counter(static_cast<double>(hands), benchmark::Counter::kIsRate);
  bs.counters["moves/s"] = benchmark::Counter(static_cast<double>(moves), benchmark::Counter::kIsRate);
}

template <class G>
void BM_RandomGame(benchmark::State& bs, json::object record) {
  std::vector<typename G::Move> buf;
  FastRng rng(2);
  std::uint64_t seed = 0;
  std::int64_t games = 0, moves = 0;
  for (auto _ : bs) {
    auto s = make_game<G>(record, seed++);
    while (random_step<G>(s, rng, buf)) ++moves;
    ++games;
  }
  bs.counters["games/s"] = benchmark::Counter(static_cast<double>(games), benchmark::Counter::kIsRate);
  bs.counters["moves/s"] = benchmark::Counter(static_cast<double>(moves), benchmark::Counter::kIsRate);
}

// A state `steps` random moves into a game, for the per-call costs.
template <class G>
typename G::State midgame(const json::object& record, int steps) {
  auto s = make_game<G>(record, 7);
  std::vector<typename G::Move> buf;
  FastRng rng(3);
  for (int i = 0; i < steps; ++i) {
    auto copy = s;
    if (!random_step<G>(copy, rng, buf) || G::to_act(copy) == 0) break;
    s = copy;
  }
  return s;
}

template <class G>
void BM_LegalMoves(benchmark::State& bs, json::object record, int steps) {
  auto s = midgame<G>(record, steps);
  int seat = std::countr_zero(G::to_act(s));
  std::vector<typename G::Move> buf;
  for (auto _ : bs) {
    buf.clear();
    G::legal_moves(s, seat, buf);
    benchmark::DoNotOptimize(buf.data());
  }
}

// Copy + apply: what a pure apply costs (the state is a value).
template <class G>
void BM_Apply(benchmark::State& bs, json::object record, int steps) {
  auto s = midgame<G>(record, steps);
  int seat = std::countr_zero(G::to_act(s));
  std::vector<typename G::Move> buf;
  G::legal_moves(s, seat, buf);
  auto move = buf.front();
  for (auto _ : bs) {
    auto next = s;
    auto st = G::apply(next, seat, move);
    benchmark::DoNotOptimize(st);
    benchmark::DoNotOptimize(next);
  }
}

// A live room's Hearts game (a fresh seed per hand, as Room supplies them)
// played at random until hand `hand` is in its 7th trick: the state whose
// views a room builds on every move late in a game.
StatePtr live_hearts(int hand) {
  auto setup = setup_from_record(json::object{{"options", json::object{}}}, true);
  PARLOR_CHECK(setup.ok(), setup.error().message);
  auto created = find_game("hearts")->create(*setup);
  PARLOR_CHECK(created.ok(), created.error().message);
  StatePtr s = *created;
  FastRng rng(11);
  int seeds = 0;
  for (;;) {
    if (s->awaiting_hand_seed()) {
      s = s->with_hand_seed("bench-seed-" + std::to_string(seeds++));
      continue;
    }
    const json::object v = s->shared_view();
    if (v.at("hand").as_int64() == hand && v.at("trick_number").is_int64() &&
        v.at("trick_number").as_int64() == 7)
      return s;
    PARLOR_CHECK(!s->is_over(), "the game ended before hand " << hand);
    const std::vector<int> acting = s->to_act();
    const int seat = acting[rng.below(static_cast<std::uint32_t>(acting.size()))];
    const json::array legal = s->legal_moves(seat);
    auto next = s->apply(seat, legal[rng.below(static_cast<std::uint32_t>(legal.size()))]);
    PARLOR_CHECK(next.ok(), next.error().message);
    s = *next;
  }
}

// What a room pays per move for the views of one state (GameState API).
void BM_SharedViewTree(benchmark::State& bs, int hand) {
  const StatePtr s = live_hearts(hand);
  for (auto _ : bs) benchmark::DoNotOptimize(s->shared_view());
}
void BM_SharedViewText(benchmark::State& bs, int hand) {
  const StatePtr s = live_hearts(hand);
  bs.counters["bytes"] = static_cast<double>(members_text(s->shared_view()).size());
  for (auto _ : bs) benchmark::DoNotOptimize(members_text(s->shared_view()));
}
// The same text written directly where the game can (GameState::shared_view_text).
void BM_SharedViewWritten(benchmark::State& bs, int hand) {
  const StatePtr s = live_hearts(hand);
  bs.counters["bytes"] = static_cast<double>(s->shared_view_text().size());
  for (auto _ : bs) benchmark::DoNotOptimize(s->shared_view_text());
}
// What a computer player pays to read a seat's whole view back from its text
// (bots::choose_move_in_text reads it the same way, into an arena).
void BM_ViewTextParsed(benchmark::State& bs, int hand) {
  const StatePtr s = live_hearts(hand);
  const std::string text = joined_members_text(s->seat_view_text(s->to_act().front()), s->shared_view_text());
  bs.counters["bytes"] = static_cast<double>(text.size());
  alignas(std::max_align_t) static unsigned char buffer[16384];
  for (auto _ : bs) {
    json::monotonic_resource arena(buffer, sizeof buffer);
    benchmark::DoNotOptimize(json::parse(text, &arena));
  }
}
void BM_SeatViewText(benchmark::State& bs, int hand) {
  const StatePtr s = live_hearts(hand);
  const int seat = s->to_act().front();
  for (auto _ : bs) benchmark::DoNotOptimize(s->seat_view_text(seat));
}

json::object rec(json::object options, int players = 0) {
  json::object r{{"options", std::move(options)}, {"dealer", 0}};
  if (players) r["players"] = players;
  return r;
}

using hearts::Hearts;
using spades::Spades;
using golf::Golf;
using sheepshead::Sheepshead;
using klondike::Klondike;

// Registered by name "<game-case>/<what>"; BENCHMARK_CAPTURE cannot take templates.
const bool kRegistered = [] {
  benchmark::RegisterBenchmark("hearts/RandomHand", [](benchmark::State& bs) {
    BM_RandomHand<Hearts>(bs, rec({}), [](const hearts::State& s) { return s.hand_index; });
  });
  benchmark::RegisterBenchmark("hearts/RandomGame", [](benchmark::State& bs) {
    BM_RandomGame<Hearts>(bs, rec({}));
  });
  benchmark::RegisterBenchmark("hearts_play/LegalMoves", [](benchmark::State& bs) {
    BM_LegalMoves<Hearts>(bs, rec({}), 30);
  });
  benchmark::RegisterBenchmark("hearts_play/Apply", [](benchmark::State& bs) {
    BM_Apply<Hearts>(bs, rec({}), 30);
  });
  benchmark::RegisterBenchmark("spades/RandomHand", [](benchmark::State& bs) {
    BM_RandomHand<Spades>(bs, rec({}), [](const spades::State& s) { return s.hand; });
  });
  benchmark::RegisterBenchmark("spades_losing_m200/RandomGame", [](benchmark::State& bs) {
    BM_RandomGame<Spades>(bs, rec({{"losing_score", -200}}));
  });
  benchmark::RegisterBenchmark("spades_play/LegalMoves", [](benchmark::State& bs) {
    BM_LegalMoves<Spades>(bs, rec({}), 30);
  });
  benchmark::RegisterBenchmark("spades_play/Apply", [](benchmark::State& bs) {
    BM_Apply<Spades>(bs, rec({}), 30);
  });
  benchmark::RegisterBenchmark("golf_4p/RandomHand", [](benchmark::State& bs) {
    BM_RandomHand<Golf>(bs, rec({}, 4), [](const golf::State& s) { return s.hole; });
  });
  benchmark::RegisterBenchmark("golf_4p_9holes/RandomGame", [](benchmark::State& bs) {
    BM_RandomGame<Golf>(bs, rec({}, 4));
  });
  benchmark::RegisterBenchmark("golf_4p/LegalMoves", [](benchmark::State& bs) {
    BM_LegalMoves<Golf>(bs, rec({}, 4), 20);
  });
  benchmark::RegisterBenchmark("golf_4p/Apply", [](benchmark::State& bs) {
    BM_Apply<Golf>(bs, rec({}, 4), 20);
  });
  benchmark::RegisterBenchmark("sheepshead_5p/RandomHand", [](benchmark::State& bs) {
    BM_RandomHand<Sheepshead>(bs, rec({}, 5), [](const sheepshead::State& s) { return s.history.get().size(); });
  });
  benchmark::RegisterBenchmark("sheepshead_5p_2rounds/RandomGame", [](benchmark::State& bs) {
    BM_RandomGame<Sheepshead>(bs, rec({}, 5));
  });
  benchmark::RegisterBenchmark("sheepshead_5p/LegalMoves", [](benchmark::State& bs) {
    BM_LegalMoves<Sheepshead>(bs, rec({}, 5), 12);
  });
  benchmark::RegisterBenchmark("sheepshead_5p/Apply", [](benchmark::State& bs) {
    BM_Apply<Sheepshead>(bs, rec({}, 5), 12);
  });
  benchmark::RegisterBenchmark("klondike_draw1/RandomGame", [](benchmark::State& bs) {
    BM_RandomGame<Klondike>(bs, rec({}));
  });
  benchmark::RegisterBenchmark("klondike_draw3/RandomGame", [](benchmark::State& bs) {
    BM_RandomGame<Klondike>(bs, rec({{"draw", 3}}));
  });
  benchmark::RegisterBenchmark("klondike/LegalMoves", [](benchmark::State& bs) {
    BM_LegalMoves<Klondike>(bs, rec({}), 10);
  });
  benchmark::RegisterBenchmark("klondike/Apply", [](benchmark::State& bs) {
    BM_Apply<Klondike>(bs, rec({}), 10);
  });
  for (int hand : {0, 4}) {
    const std::string at = "hearts_views_hand" + std::to_string(hand) + "_trick7/";
    benchmark::RegisterBenchmark((at + "SharedViewTree").c_str(), BM_SharedViewTree, hand);
    benchmark::RegisterBenchmark((at + "SharedViewText").c_str(), BM_SharedViewText, hand);
    benchmark::RegisterBenchmark((at + "SharedViewWritten").c_str(), BM_SharedViewWritten, hand);
    benchmark::RegisterBenchmark((at + "ViewTextParsed").c_str(), BM_ViewTextParsed, hand);
    benchmark::RegisterBenchmark((at + "SeatViewText").c_str(), BM_SeatViewText, hand);
  }
  return true;
}();

}  // namespace
}  // namespace parlor::bench
