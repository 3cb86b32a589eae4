#include "bots/level.h"

#include <charconv>

namespace parlor::bots {
namespace {

constexpr Level kNormal{Strength::kNormal, 150, 20};
constexpr Level kHard{Strength::kHard, 1500, 100};
// With only a time budget the deal count is bounded by this (more adds nothing).
constexpr int kBudgetOnlyPlayouts = 20000;
constexpr int kMaxPlayouts = 1'000'000;
constexpr int kMaxBudgetMs = 60'000;

// A positive integer no larger than `max`, or 0.
int positive(std::string_view text, int max) {
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return 0;
  return v > max ? max : v;
}

}  // namespace

Level parse_level(std::string_view text) {
  const std::string_view name = text.substr(0, text.find(':'));
  std::string_view settings = name.size() < text.size() ? text.substr(name.size() + 1) : std::string_view();
  Level level;
  if (name == "normal") {
    level = kNormal;
  } else if (name == "hard") {
    level = kHard;
  } else {
    return level;  // easy, and anything unknown
  }
  int playouts = 0, budget_ms = 0;
  while (!settings.empty()) {
    const std::string_view item = settings.substr(0, settings.find(','));
    settings.remove_prefix(item.size() < settings.size() ? item.size() + 1 : item.size());
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "playouts") playouts = positive(value, kMaxPlayouts);
    if (key == "budget_ms") budget_ms = positive(value, kMaxBudgetMs);
  }
  if (playouts > 0 || budget_ms > 0) {
    level.playouts = playouts > 0 ? playouts : kBudgetOnlyPlayouts;
    level.budget_ms = budget_ms;
  }
  return level;
}

}  // namespace parlor::bots
