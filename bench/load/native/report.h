#pragma once
// The results of a run: one StepResult per rate step and the run's totals,
// printed as the Node tool prints them and written as the JSON that
// rooms.mjs writes (same keys, so bench/load/report.mjs reads it; a few
// added keys: client.usPerMove and the like, tool, threads).
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "stats.h"

namespace parlor::load {

struct StepResult {
  bool bots = false;
  double rate = 0, room_rate = 0, window_s = 0;
  int64_t durable_moves = 0;
  double durable_per_s = 0, ok_per_s = 0, pushes_per_s = 0;
  CountMap refused;
  double views_per_s = 0, view_kib_avg = 0, frames_in_per_s = 0;
  LatencyStats lat_all, lat_first, lat_ack, lat_ack_in_socket;
  std::optional<std::vector<double>> server_move_us;  // p50, p99 bucket bounds
  // parlor_move_stage_seconds by stage (queue, store, completion): p50, p90, p99 bucket bounds
  std::map<std::string, std::vector<double>> server_stage_us;
  struct Probe {
    int tables;
    double rate;
    LatencyStats lat_all, lat_ack;
  };
  std::optional<Probe> probe;
  Series series;
  int64_t version_gaps = 0, games_over = 0, rematches = 0, closed = 0;
  CountMap close_codes, client_errors;
  struct Store {
    std::optional<double> commits_per_s, writes_per_s, writes_per_commit, busy_pct;
    bool sampled = false;
    int64_t longest_no_commit_ms = 0;
    double max_commit_ms_per_slice = 0;
    std::vector<int64_t> write_bursts;
  } store;
  struct Server {
    double cpu_pct = 0, user_pct = 0, sys_pct = 0;
    std::optional<double> us_per_move;
    int64_t rss_kib = 0;
    std::optional<double> frames_out_per_s, bytes_out_per_s, frames_in_per_s, connections, rooms_live;
    std::optional<std::map<std::string, double>> errors;
  } server;
  struct Client {
    std::vector<double> cpu_pct;  // per worker thread
    double total_pct = 0, sys_pct = 0, process_pct = 0;
    std::optional<double> us_per_move;
    std::vector<int64_t> rss_kib;
    double loop_p99_ms = 0, loop_max_ms = 0;
  } client;
  double machine_busy_pct = 0, machine_others_pct = 0;
  std::array<double, 3> load_avg{};
};

struct RunResult {
  std::string scenario, when;
  boost::json::object params;
  int64_t tables_started = 0, tables_failed = 0, sockets_open = 0;
  double ramp_s = 0;
  std::vector<StepResult> steps;
  Counters totals;
  int64_t rss_before_kib = 0, rss_after_ramp_kib = 0, rss_end_kib = 0, rss_peak_kib = 0, threads = 0;
  int64_t client_rss_kib = 0;
  std::array<double, 3> load_avg{};
};

void print_step(const StepResult& r);
void print_run(const RunResult& r);
boost::json::object to_json(const RunResult& r);
// Indented JSON text (as JSON.stringify(v, null, 2)).
std::string pretty(const boost::json::value& v);

}  // namespace parlor::load
