#pragma once
// Enumerates the k-element subsets of a sorted list in lexicographic order,
// which is the order `legal` lists multi-card choices (Hearts pass, Sheepshead
// bury, Spades exchange).
#include <vector>

namespace parlor::rules {

template <class T, class F>
void for_each_combination(const std::vector<T>& items, int k, F&& f) {
  const int n = static_cast<int>(items.size());
  if (k < 0 || k > n) return;
  std::vector<int> idx(static_cast<size_t>(k));
  for (int i = 0; i < k; ++i) idx[static_cast<size_t>(i)] = i;
  std::vector<T> pick(static_cast<size_t>(k));
  for (;;) {
    for (int i = 0; i < k; ++i) pick[static_cast<size_t>(i)] = items[static_cast<size_t>(idx[static_cast<size_t>(i)])];
    f(static_cast<const std::vector<T>&>(pick));
    int i = k - 1;
    while (i >= 0 && idx[static_cast<size_t>(i)] == n - k + i) --i;
    if (i < 0) return;
    ++idx[static_cast<size_t>(i)];
    for (int j = i + 1; j < k; ++j) idx[static_cast<size_t>(j)] = idx[static_cast<size_t>(j - 1)] + 1;
  }
}

}  // namespace parlor::rules
