#pragma once
// Monte Carlo over determinized deals (perfect-information Monte Carlo).
//
// Each round samples one deal consistent with what the seat knows and plays
// every candidate move out on it, with the same deal and the same random
// stream for every candidate, so that the differences between candidates are
// the candidates' own. The candidate with the best mean reward wins; ties go
// to the earlier candidate, so callers list their heuristic favourite first.
//
// At most level.playouts rounds run; with level.budget_ms > 0 they also stop
// once that much time has passed (after at least one round). Without a budget
// no clock is read: the choice depends only on the inputs and the seed.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/shuffle.h"
#include "bots/level.h"

namespace parlor::bots {

class Deadline {
 public:
  explicit Deadline(int budget_ms)
      : end_(std::chrono::steady_clock::now() + std::chrono::milliseconds(budget_ms)) {}
  bool passed() const { return std::chrono::steady_clock::now() >= end_; }

 private:
  std::chrono::steady_clock::time_point end_;
};

struct SearchOutcome {
  int best = 0;
  int rounds = 0;
  std::vector<double> mean;  // mean reward per candidate
};

// `round(rng, rewards)` samples a deal with `rng`, plays each candidate i out
// and adds its reward to rewards[i].
template <class Round>
SearchOutcome monte_carlo(int candidates, const Level& level, std::uint64_t seed, Round&& round) {
  SearchOutcome out;
  out.mean.assign(static_cast<size_t>(candidates), 0.0);
  if (candidates <= 1) return out;
  FastRng rng(seed ^ 0x6A09E667F3BCC909ull);
  std::vector<double> sum(static_cast<size_t>(candidates), 0.0);
  std::optional<Deadline> deadline;  // no clock at all without a budget
  if (level.budget_ms > 0) deadline.emplace(level.budget_ms);
  while (out.rounds < std::max(1, level.playouts)) {
    round(rng, std::span<double>(sum));
    ++out.rounds;
    if (deadline && deadline->passed()) break;
  }
  for (int i = 0; i < candidates; ++i) {
    out.mean[static_cast<size_t>(i)] = sum[static_cast<size_t>(i)] / out.rounds;
    if (out.mean[static_cast<size_t>(i)] > out.mean[static_cast<size_t>(out.best)]) out.best = i;
  }
  return out;
}

}  // namespace parlor::bots
