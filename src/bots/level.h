#pragma once
// Bot levels and their search settings.
//
// A level string is a name with optional settings: "easy", "normal", "hard",
// "hard:playouts=400", "normal:budget_ms=50", "hard:playouts=5000,budget_ms=300".
//   easy    sound heuristics from the view, no search;
//   normal  Monte Carlo over sampled deals: up to 150 deals, at most 20 ms;
//   hard    the same search: up to 1500 deals, at most 100 ms.
// (One deal plays every candidate move out once.) `playouts=N` alone asks
// for exactly N deals and reads no clock, so the decision depends only on the
// view, the level and the seed. `budget_ms=M` alone searches until M ms have
// passed (live play). Both: whichever limit comes first. The defaults stop at
// the deal count when the machine is fast enough, at the budget otherwise.
// Unknown names play easy and unknown settings are ignored: the server must
// never fail a turn over a level string.
#include <string_view>

namespace parlor::bots {

enum class Strength { kEasy, kNormal, kHard };

struct Level {
  Strength strength = Strength::kEasy;
  int playouts = 0;   // the most deals to sample
  int budget_ms = 0;  // the time budget; 0 = no clock (exactly `playouts` deals)
  bool searches() const { return strength != Strength::kEasy; }
};

Level parse_level(std::string_view text);

}  // namespace parlor::bots
