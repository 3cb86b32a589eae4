#include "bots/sampler.h"

#include <algorithm>
#include <bit>

#include "base/check.h"

namespace parlor::bots {
namespace {

constexpr int kTries = 24;

// One attempt: cards in random order, the most constrained first; each card
// goes to a place that may take it, chosen with probability proportional to
// the room left there (which keeps the deal close to uniform).
// `limits`: the sets each place may receive, or nullptr for no limit.
bool try_deal(const DealProblem& p, FastRng& rng, const std::array<CardSet, kMaxPlaces>* limits, Deal& out) {
  std::array<Card, 64> cards{};
  std::array<std::uint8_t, 64> eligible{};
  int n = 0;
  for (Card c : p.pool) cards[n++] = c;
  for (int i = n - 1; i > 0; --i) std::swap(cards[i], cards[rng.below(static_cast<std::uint32_t>(i + 1))]);
  for (int i = 0; i < n; ++i) {
    std::uint8_t mask = 0;
    for (int place = 0; place < p.places; ++place)
      if (p.count[place] > 0 && (!limits || (*limits)[place].contains(cards[i])))
        mask = static_cast<std::uint8_t>(mask | (1u << place));
    eligible[i] = mask;
  }
  std::array<int, 64> order{};
  for (int i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.begin() + n, [&](int a, int b) {
    return std::popcount(eligible[a]) < std::popcount(eligible[b]);
  });
  std::array<int, kMaxPlaces> room = p.count;
  out = Deal{};
  for (int k = 0; k < n; ++k) {
    const int i = order[k];
    int total = 0;
    for (int place = 0; place < p.places; ++place)
      if ((eligible[i] >> place) & 1u) total += room[place];
    if (total == 0) return false;
    int pick = static_cast<int>(rng.below(static_cast<std::uint32_t>(total)));
    for (int place = 0; place < p.places; ++place) {
      if (!((eligible[i] >> place) & 1u)) continue;
      if (pick < room[place]) {
        out.cards[place].add(cards[i]);
        --room[place];
        break;
      }
      pick -= room[place];
    }
  }
  return true;
}

}  // namespace

Deal sample_deal(const DealProblem& problem, FastRng& rng) {
  PARLOR_CHECK(problem.places > 0 && problem.places <= kMaxPlaces, "places=" << problem.places);
  int total = 0;
  for (int place = 0; place < problem.places; ++place) total += problem.count[place];
  PARLOR_CHECK(total == problem.pool.size(),
               "deal counts add up to " << total << " for " << problem.pool.size() << " cards");
  Deal deal;
  for (int t = 0; t < kTries; ++t)
    if (try_deal(problem, rng, &problem.allowed, deal)) return deal;
  if (problem.has_required) {
    for (int t = 0; t < kTries; ++t)
      if (try_deal(problem, rng, &problem.required, deal)) {
        deal.relaxed = Relaxed::kInferences;
        return deal;
      }
  }
  PARLOR_CHECK(try_deal(problem, rng, nullptr, deal), "a deal by counts alone cannot fail");
  deal.relaxed = Relaxed::kEverything;
  return deal;
}

}  // namespace parlor::bots
