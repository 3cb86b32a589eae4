#pragma once
// What the coordinator reads about the server and the machine: CPU and RSS
// from /proc/<pid>, machine CPU from /proc/stat, /metrics (Prometheus text),
// the store's commits and disk write bursts sampled every 100 ms during a
// window (rooms-server-watch.mjs), and an optional `perf record`.
#include <sys/types.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parlor::load {

constexpr double kClkTck = 100;  // sysconf(_SC_CLK_TCK) on Linux

struct ServerSample {
  int64_t rss_kib = 0, hwm_kib = 0, threads = 0;  // /proc/<pid>/status
  int64_t user_ticks = 0, sys_ticks = 0;          // /proc/<pid>/stat
};
ServerSample server_sample(int pid);

struct MachineCpu {
  int64_t busy = 0, total = 0;  // jiffies, all CPUs
};
MachineCpu machine_cpu();
std::array<double, 3> load_avg();

// This process's CPU (user + system) and RSS.
struct SelfSample {
  int64_t cpu_us = 0, sys_us = 0, rss_kib = 0;
};
SelfSample self_sample();

using Metrics = std::map<std::string, double>;
std::optional<Metrics> fetch_metrics(const std::string& host, int port);
std::optional<double> metric_delta(const std::optional<Metrics>& a, const std::optional<Metrics>& b, const std::string& k);
std::optional<double> metric(const std::optional<Metrics>& m, const std::string& k);
// The parlor_move_seconds histogram over a window: for each quantile, the
// upper bound (us) of the bucket it falls in (+inf past the last); nullopt
// without the histogram or without moves.
std::optional<std::vector<double>> server_move_quantiles(const std::optional<Metrics>& a, const std::optional<Metrics>& b,
                                                         const std::vector<double>& qs);
// The same for one series of a labelled histogram: `name` with `label`
// (`stage="store"`), e.g. parlor_move_stage_seconds.
std::optional<std::vector<double>> histogram_quantiles(const std::optional<Metrics>& a, const std::optional<Metrics>& b,
                                                       const std::string& name, const std::string& label,
                                                       const std::vector<double>& qs);
// parlor_errors_total{...} counters above zero.
std::map<std::string, double> server_errors(const std::optional<Metrics>& m);

// The store's commits, sampled every 100 ms: the longest run without a
// commit, the most commit time in one 100 ms slice, and the seconds of the
// window with a disk write burst (> 8 MiB in 100 ms: checkpoints).
class StoreSampler {
 public:
  StoreSampler(std::string host, int port, int pid, int64_t t0_us);
  void sample(int64_t now_us);  // call about every 100 ms
  bool present() const { return present_; }
  int64_t longest_no_commit_ms = 0;
  double max_commit_ms_per_slice = 0;
  std::vector<int64_t> write_bursts;

 private:
  std::string host_;
  int port_, pid_;
  int64_t t0_, prev_t_, last_commit_at_;
  bool present_ = false;
  std::optional<Metrics> prev_;
  std::optional<int64_t> prev_w_;
};

// `perf record` of the server (DWARF call graphs by default) for `secs`.
pid_t start_perf(int server_pid, double secs, const std::string& out, const std::string& call_graph);
void wait_perf(pid_t pid);

}  // namespace parlor::load
