#include "tools/arena/arena.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include <boost/json/serialize.hpp>

#include "bots/bot.h"
#include "rules/deal.h"

namespace parlor::tools::arena {
namespace {

// A game that has not ended after this many moves is a bug (every game ends).
constexpr int kMaxMovesPerGame = 200000;

// What one entrant did in one rotation set.
struct Tally {
  std::vector<double> hand_points;
  std::vector<double> decision_ms;
  int games = 0;
  double wins = 0;
};

struct SetResult {
  std::vector<Tally> entrants;
  int hands = 0;
  int games = 0;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a * 0x9E3779B97F4A7C15ull + b + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int as_int(const json::value& v) { return static_cast<int>(v.to_number<std::int64_t>()); }

// Spades scores per team (team = seat mod 2); every other game per seat.
bool team_game(const rules::GameType& game) { return game.name() == "spades"; }

// Plays one game with entrant i in seat (i + rotation) mod n.
Status play_game(const rules::GameType& game, const Config& config, std::uint64_t deal_index,
                 int rotation, SetResult& out) {
  const int n = static_cast<int>(config.seats.size());
  json::object record{{"game", game.name()},
                      {"options", config.options},
                      {"players", n},
                      {"seed", config.seed + deal_index}};
  auto setup = rules::setup_from_record(record);
  if (!setup.ok()) return setup.error();
  auto created = game.create(*setup);
  if (!created.ok()) return created.error();
  rules::StatePtr state = *created;
  auto entrant_at = [&](int seat) { return ((seat - rotation) % n + n) % n; };
  std::uint64_t decision = 0;
  int moves = 0;
  while (!state->is_over()) {
    const auto acting = state->to_act();
    if (acting.empty() || ++moves > kMaxMovesPerGame)
      return make_error("stuck", std::string(game.name()) + " did not end");
    for (int seat : acting) {
      const int who = entrant_at(seat);
      json::object view = state->view(seat);
      view["seat"] = seat;  // the room adds it to every view (Room::view_of)
      const std::uint64_t seed = mix(mix(config.seed, deal_index), mix(rotation, decision++));
      const auto t0 = std::chrono::steady_clock::now();
      const json::value move = bots::choose_move(view, config.seats[who], seed);
      const auto t1 = std::chrono::steady_clock::now();
      out.entrants[who].decision_ms.push_back(
          std::chrono::duration<double, std::milli>(t1 - t0).count());
      auto next = state->apply(seat, move);
      if (!next.ok())
        return make_error(next.error().code, "seat " + std::to_string(seat) + " (" +
                                                 config.seats[who] + ") played " +
                                                 json::serialize(move) + ": " + next.error().message);
      state = *next;
    }
  }
  const json::object result = state->result();
  const bool teams = team_game(game);
  for (const auto& h : result.at("hands").as_array()) {
    const auto& points = h.as_object().at("points").as_array();
    for (int i = 0; i < n; ++i) {
      const int seat = (i + rotation) % n;
      out.entrants[i].hand_points.push_back(as_int(points[teams ? seat % 2 : seat]));
    }
    ++out.hands;
  }
  const auto& winners = result.at("winners").as_array();
  for (int i = 0; i < n; ++i) {
    const int seat = (i + rotation) % n;
    const int id = teams ? seat % 2 : seat;
    ++out.entrants[i].games;
    for (const auto& w : winners)
      if (as_int(w) == id) out.entrants[i].wins += teams ? 1.0 : 1.0 / winners.size();
  }
  ++out.games;
  return Status::Ok();
}

Result<SetResult> play_set(const rules::GameType& game, const Config& config, std::uint64_t deal_index) {
  SetResult set;
  set.entrants.resize(config.seats.size());
  for (int r = 0; r < static_cast<int>(config.seats.size()); ++r)
    if (Status st = play_game(game, config, deal_index, r, set); !st) return st.error();
  return set;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, k == 0 ? 0 : k - 1)];
}

EntrantStats summarize(const std::string& level, const std::vector<const Tally*>& tallies) {
  EntrantStats s;
  s.level = level;
  std::vector<double> points, ms;
  for (const Tally* t : tallies) {
    points.insert(points.end(), t->hand_points.begin(), t->hand_points.end());
    ms.insert(ms.end(), t->decision_ms.begin(), t->decision_ms.end());
    s.games += t->games;
    s.wins += t->wins;
  }
  s.hands = static_cast<int>(points.size());
  if (!points.empty()) {
    double sum = 0, sq = 0;
    for (double p : points) sum += p;
    s.avg_points = sum / points.size();
    for (double p : points) sq += (p - s.avg_points) * (p - s.avg_points);
    const double sd = points.size() > 1 ? std::sqrt(sq / (points.size() - 1)) : 0;
    s.ci95 = 1.96 * sd / std::sqrt(static_cast<double>(points.size()));
  }
  s.win_rate = s.games ? s.wins / s.games : 0;
  s.decisions = static_cast<int>(ms.size());
  s.decision_ms_p50 = percentile(ms, 0.50);
  s.decision_ms_p99 = percentile(ms, 0.99);
  return s;
}

}  // namespace

Result<Report> run(const rules::GameType& game, const Config& config) {
  if (config.seats.empty()) return make_error("bad_usage", "no seats");
  std::map<std::uint64_t, SetResult> sets;
  std::mutex mu;
  std::atomic<std::uint64_t> next{0};
  std::atomic<int> hands{0};
  std::optional<Error> failure;
  auto worker = [&] {
    for (;;) {
      if (hands.load() >= config.hands) return;
      {
        std::lock_guard lock(mu);
        if (failure) return;
      }
      const std::uint64_t d = next++;
      auto set = play_set(game, config, d);
      std::lock_guard lock(mu);
      if (!set.ok()) {
        if (!failure) failure = set.error();
        return;
      }
      hands += set->hands;
      sets.emplace(d, std::move(*set));
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, config.threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) return *failure;

  Report r;
  r.game = std::string(game.name());
  r.seed = config.seed;
  std::vector<std::vector<const Tally*>> by_entrant(config.seats.size());
  for (const auto& [d, set] : sets) {
    r.hands += set.hands;
    r.games += set.games;
    for (size_t i = 0; i < set.entrants.size(); ++i) by_entrant[i].push_back(&set.entrants[i]);
  }
  std::vector<std::string> levels;
  for (size_t i = 0; i < config.seats.size(); ++i) {
    r.seats.push_back(summarize(config.seats[i], by_entrant[i]));
    if (std::find(levels.begin(), levels.end(), config.seats[i]) == levels.end())
      levels.push_back(config.seats[i]);
  }
  for (const auto& level : levels) {
    std::vector<const Tally*> pooled;
    for (size_t i = 0; i < config.seats.size(); ++i)
      if (config.seats[i] == level) pooled.insert(pooled.end(), by_entrant[i].begin(), by_entrant[i].end());
    r.levels.push_back(summarize(level, pooled));
  }
  return r;
}

json::object report_json(const Report& r) {
  auto entrant = [](const EntrantStats& s) {
    return json::object{{"level", s.level},
                        {"hands", s.hands},
                        {"avg_points", s.avg_points},
                        {"ci95", s.ci95},
                        {"games", s.games},
                        {"wins", s.wins},
                        {"win_rate", s.win_rate},
                        {"decisions", s.decisions},
                        {"decision_ms_p50", s.decision_ms_p50},
                        {"decision_ms_p99", s.decision_ms_p99}};
  };
  json::array seats, levels;
  for (const auto& s : r.seats) seats.push_back(entrant(s));
  for (const auto& s : r.levels) levels.push_back(entrant(s));
  return json::object{{"game", r.game},   {"hands", r.hands},          {"games", r.games},
                      {"seed", r.seed},   {"seats", std::move(seats)}, {"levels", std::move(levels)}};
}

std::string report_text(const Report& r) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%s: %d hands in %d games, seed %llu%s\n", r.game.c_str(), r.hands,
                r.games, static_cast<unsigned long long>(r.seed),
                r.game == "spades" ? " (points are the entrant's team's)" : "");
  out += line;
  auto table = [&](const char* title, const std::vector<EntrantStats>& rows, bool numbered) {
    out += title;
    out += "               level  avg pts/hand   95% CI   win rate   games   ms p50   ms p99\n";
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& s = rows[i];
      std::snprintf(line, sizeof line, "%3s %20s  %12.3f  ±%6.3f   %7.1f%%  %6d  %7.2f  %7.2f\n",
                    numbered ? std::to_string(i).c_str() : "", s.level.c_str(), s.avg_points, s.ci95,
                    100.0 * s.win_rate, s.games, s.decision_ms_p50, s.decision_ms_p99);
      out += line;
    }
  };
  table("entrants\n", r.seats, true);
  if (r.levels.size() < r.seats.size()) table("by level\n", r.levels, false);
  return out;
}

}  // namespace parlor::tools::arena
