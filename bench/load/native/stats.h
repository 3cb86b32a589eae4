#pragma once
// Counters, latency histograms and the per-second series of one worker
// thread, and the snapshot of them the coordinator reads. The histogram has
// the buckets of bench/load/lib.mjs (1 us wide below 1 ms, 10 us to 100 ms,
// 1 ms to 10 s), so its quantiles are those the Node tool reports.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/clock.h"

namespace parlor::load {

// The monotonic clock in microseconds (the server's own, base/clock.h): one
// clock for every thread, so a table's four sockets compare stamps.
inline int64_t now_us() { return parlor::steady_ns() / 1000; }

using CountMap = std::map<std::string, int64_t>;
inline void bump(CountMap& m, const std::string& k, int64_t n = 1) { m[k] += n; }
void merge_into(CountMap& into, const CountMap& from);
// b - a per key, keeping only the keys that changed.
CountMap diff_counts(const CountMap& a, const CountMap& b);

// A latency summary; NaN without samples, +inf past the last bucket.
struct LatencyStats {
  int64_t count = 0;
  double p50, p90, p99, p999, max;
};

class Hist {
 public:
  static constexpr int kB1 = 1000, kB2 = 9900, kB3 = 9900, kSize = kB1 + kB2 + kB3 + 1;
  Hist() : c_(kSize, 0) {}
  void add(int64_t us);
  void merge(const Hist& o);
  void clear() { std::fill(c_.begin(), c_.end(), 0); }
  LatencyStats stats() const;

 private:
  std::vector<uint32_t> c_;
};

// Per second of the window: [samples, samples over 10 ms, worst us].
using Series = std::vector<std::array<int64_t, 3>>;
void series_add(Series& s, int64_t window_start_us, int64_t at_us, int64_t us);

// What a worker counts (the Node tool's `st`, same meanings).
struct Counters {
  int64_t sessions = 0, opened = 0, open_failed = 0, joined = 0, join_failed = 0, closed = 0;
  CountMap close_codes, errors, moves_refused;
  int64_t rooms_ready = 0, rooms_failed = 0, prerolled = 0;
  int64_t frames_in = 0, bytes_in = 0, views = 0, view_bytes = 0, other_frames = 0;
  int64_t pushes = 0, moves_ok = 0, version_gaps = 0, version_advance = 0;
  int64_t rematches = 0, games_over = 0, hb_sent = 0, hb_ok = 0, hb_missed = 0;
  int64_t late_replies = 0, room_closed_pushes = 0;
};

// A worker's state as the coordinator sees it.
struct Snapshot {
  Counters st;
  int64_t rooms = 0, open = 0;
  int64_t cpu_us = 0, cpu_sys_us = 0;  // this worker thread (RUSAGE_THREAD)
  double loop_p99_ms = 0, loop_max_ms = 0;  // lateness of a 10 ms tick in this window
  bool with_hist = false;
  Hist all, ack, ack_in_socket, first_view;  // with_hist only
  Series series;
  LatencyStats all_so_far;  // without with_hist: the all-views summary so far
};

// "512 us" / "3.25 ms", as lib.mjs fmtUs.
std::string fmt_us(double us);

}  // namespace parlor::load
