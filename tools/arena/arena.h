#pragma once
// The bot arena: seeded games between bot levels through the JSON game API,
// asking the bots exactly as the server does (choose_move with the seat's
// view), with the seats rotated over the same deals so that every level
// plays every seat's cards, and statistics per entrant.
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "rules/game.h"

namespace parlor::tools::arena {

namespace json = boost::json;

struct Config {
  std::vector<std::string> seats;  // one level per entrant, e.g. {"hard", "easy", "easy", "easy"}
  json::object options;            // the game's options
  int hands = 100;                 // play whole games until at least this many hands
  std::uint64_t seed = 1;
  int threads = 1;                 // > 1 runs rotation sets in parallel (totals then vary)
};

// What one entrant (one element of Config::seats) did over the match.
struct EntrantStats {
  std::string level;
  int hands = 0;
  double avg_points = 0;  // per hand: points (Spades: the entrant's team), Golf: hole score
  double ci95 = 0;        // half-width of the 95% confidence interval of avg_points
  int games = 0;
  double wins = 0;        // games won; a shared win counts 1/k
  double win_rate = 0;
  int decisions = 0;      // choose_move calls
  double decision_ms_p50 = 0, decision_ms_p99 = 0;
};

struct Report {
  std::string game;
  int hands = 0, games = 0;
  std::uint64_t seed = 0;
  std::vector<EntrantStats> seats;   // in Config::seats order
  std::vector<EntrantStats> levels;  // pooled per distinct level, first appearance order
};

// Plays the match. Errors: the options are refused by the game (bad_option),
// or a bot move is refused (a bug: reported, not hidden).
Result<Report> run(const rules::GameType& game, const Config& config);

json::object report_json(const Report& r);
std::string report_text(const Report& r);

}  // namespace parlor::tools::arena
