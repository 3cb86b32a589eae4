// Golf: the easy bot decides swap, discard and flip from expected scores
// (golf_policy). Normal and hard deal the unseen cards (face-down grid cards
// and the stock) at random, consistent with everything visible, and play each
// candidate move out to the end of the hole with every seat on the
// heuristics; the reward is the mean hole score of the others minus ours.
#include <algorithm>
#include <string>

#include "bots/games.h"
#include "bots/golf_world.h"
#include "bots/search.h"

namespace parlor::bots {
namespace golf_bot {
namespace {

using rules::golf::Golf;

void apply_ok(go::State& s, int seat, const go::Move& m) {
  const Status st = Golf::apply(s, seat, m);
  PARLOR_CHECK(st.ok(), "golf playout: " << st.error().message);
}

double play_out(go::State s, int seat, const go::Move& first) {
  const int hole = s.hole;
  apply_ok(s, seat, first);
  while (s.hole == hole && (s.phase == go::Phase::kTurn || s.phase == go::Phase::kDrawn)) {
    const int who = s.turn;
    const Table t = table_from_state(s, who);
    apply_ok(s, who, s.phase == go::Phase::kTurn ? choose_turn(t) : choose_drawn(t));
  }
  const auto& points = s.history[static_cast<size_t>(hole)].points;
  double others = 0;
  for (int p = 0; p < s.players; ++p)
    if (p != seat) others += points[static_cast<size_t>(p)];
  return others / (s.players - 1) - points[static_cast<size_t>(seat)];
}

}  // namespace
}  // namespace golf_bot

size_t golf_choice(const BotInput& in) {
  using namespace golf_bot;
  const auto moves = typed_legal<Golf>(in.legal);
  const World w = read_world(in.view);
  const std::string_view phase = string_at(in.view, "phase");
  if (phase == "reveal") return index_of(moves, go::Move::reveal(choose_reveal(w.table)));
  const go::Move favourite = phase == "turn" ? choose_turn(w.table) : choose_drawn(w.table);
  if (!in.level.searches()) return index_of(moves, favourite);
  std::vector<go::Move> candidates{favourite};
  for (const auto& m : moves)
    if (!(m == favourite)) candidates.push_back(m);
  const int seat = w.table.seat;
  const auto outcome = monte_carlo(static_cast<int>(candidates.size()), in.level, in.seed,
                                   [&](FastRng& deal_rng, std::span<double> sum) {
                                     const go::State s = sample_state(w, deal_rng);
                                     for (size_t i = 0; i < candidates.size(); ++i)
                                       sum[i] += play_out(s, seat, candidates[i]);
                                   });
  return index_of(moves, candidates[static_cast<size_t>(outcome.best)]);
}

}  // namespace parlor::bots
