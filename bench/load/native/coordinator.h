#pragma once
// What the coordinator's two parts share: main.cc (options, the worker
// threads, the ramp, the totals) and step.cc (one rate step's window).
#include <sys/types.h>

#include <memory>
#include <vector>

#include "options.h"
#include "report.h"
#include "stats.h"
#include "worker.h"

namespace parlor::load {

// A progress line: "[rooms HH:MM:SS] ...", flushed.
void log(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void sleep_ms(int64_t ms);

template <class F>
int64_t sum(const std::vector<Snapshot>& v, F f) {
  int64_t s = 0;
  for (const auto& x : v) s += f(x);
  return s;
}

// The run: its options and worker threads (the last one runs the probe
// tables, if any).
struct Run {
  const Options& o;
  std::vector<std::unique_ptr<Worker>> workers;
  bool has_probe = false;
  bool prerolled = false;
  pid_t perf = -1;
  bool perf_done = false;

  std::vector<Snapshot> all(bool with_hist = false) {
    std::vector<Snapshot> out;
    for (auto& w : workers) out.push_back(w->stats(with_hist));
    return out;
  }
  bool is_probe(size_t i) const { return has_probe && i + 1 == workers.size(); }
};

// One rate step on the tables already set up: `go` at `rate` moves/s in
// total over `rooms` tables, the pre-roll before the first step, the
// warm-up, then the window, measured and printed (rooms-step.mjs).
StepResult table_step(Run& run, double rate, int64_t rooms);

}  // namespace parlor::load
