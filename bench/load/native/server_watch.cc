#include "server_watch.h"

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "http_client.h"

extern char** environ;

namespace parlor::load {

namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

int64_t status_field(const std::string& txt, const char* key) {
  const std::string k = std::string("\n") + key + ":";
  auto at = txt.find(k);
  if (at == std::string::npos) return 0;
  return std::strtoll(txt.c_str() + at + k.size(), nullptr, 10);
}

}  // namespace

ServerSample server_sample(int pid) {
  ServerSample s;
  const std::string st = slurp("/proc/" + std::to_string(pid) + "/status");
  s.rss_kib = status_field(st, "VmRSS");
  s.hwm_kib = status_field(st, "VmHWM");
  s.threads = status_field(st, "Threads");
  const std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");
  const auto rp = stat.rfind(')');
  if (rp != std::string::npos) {
    std::istringstream in(stat.substr(rp + 2));
    std::string f;
    // Fields from 3 (state); utime is field 14, stime 15.
    for (int i = 3; i <= 15 && (in >> f); i++) {
      if (i == 14) s.user_ticks = std::stoll(f);
      if (i == 15) s.sys_ticks = std::stoll(f);
    }
  }
  return s;
}

MachineCpu machine_cpu() {
  std::ifstream f("/proc/stat");
  std::string cpu;
  f >> cpu;
  MachineCpu m;
  int64_t v, idle = 0;
  for (int i = 0; i < 10 && (f >> v); i++) {
    m.total += v;
    if (i == 3 || i == 4) idle += v;  // idle + iowait
  }
  m.busy = m.total - idle;
  return m;
}

std::array<double, 3> load_avg() {
  std::array<double, 3> a{};
  std::ifstream f("/proc/loadavg");
  f >> a[0] >> a[1] >> a[2];
  return a;
}

SelfSample self_sample() {
  SelfSample s;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  s.sys_us = ru.ru_stime.tv_sec * 1'000'000LL + ru.ru_stime.tv_usec;
  s.cpu_us = ru.ru_utime.tv_sec * 1'000'000LL + ru.ru_utime.tv_usec + s.sys_us;
  s.rss_kib = status_field(slurp("/proc/self/status"), "VmRSS");
  return s;
}

std::optional<Metrics> fetch_metrics(const std::string& host, int port) {
  auto body = http_get(host, port, "/metrics", 5000);
  if (!body) return std::nullopt;
  Metrics m;
  size_t s = 0;
  while (s < body->size()) {
    size_t e = body->find('\n', s);
    if (e == std::string::npos) e = body->size();
    const std::string_view line(body->data() + s, e - s);
    s = e + 1;
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.rfind(' ');
    if (sp == std::string_view::npos) continue;
    m[std::string(line.substr(0, sp))] = std::strtod(std::string(line.substr(sp + 1)).c_str(), nullptr);
  }
  return m;
}

std::optional<double> metric(const std::optional<Metrics>& m, const std::string& k) {
  if (!m) return std::nullopt;
  auto it = m->find(k);
  if (it == m->end()) return std::nullopt;
  return it->second;
}

std::optional<double> metric_delta(const std::optional<Metrics>& a, const std::optional<Metrics>& b, const std::string& k) {
  auto x = metric(a, k), y = metric(b, k);
  if (!x || !y) return std::nullopt;
  return *y - *x;
}

std::optional<std::vector<double>> server_move_quantiles(const std::optional<Metrics>& a, const std::optional<Metrics>& b,
                                                         const std::vector<double>& qs) {
  return histogram_quantiles(a, b, "parlor_move_seconds", "", qs);
}

std::optional<std::vector<double>> histogram_quantiles(const std::optional<Metrics>& a, const std::optional<Metrics>& b,
                                                       const std::string& name, const std::string& label,
                                                       const std::vector<double>& qs) {
  if (!b) return std::nullopt;
  const std::string pre = name + "_bucket{" + (label.empty() ? "" : label + ",") + "le=\"";
  const std::string count = name + "_count" + (label.empty() ? "" : "{" + label + "}");
  std::vector<std::pair<double, std::string>> bounds;
  for (const auto& [k, v] : *b) {
    if (k.rfind(pre, 0) != 0) continue;
    const std::string le = k.substr(pre.size(), k.size() - pre.size() - 2);
    bounds.emplace_back(le == "+Inf" ? INFINITY : std::strtod(le.c_str(), nullptr), k);
  }
  std::sort(bounds.begin(), bounds.end());
  const auto total = metric_delta(a, b, count);
  if (bounds.empty() || !total || *total == 0) return std::nullopt;
  std::vector<double> out;
  for (double q : qs) {
    double hit = INFINITY;
    for (const auto& [bound, key] : bounds) {
      auto d = metric_delta(a, b, key);
      if (d && *d >= q * *total) {
        hit = bound * 1e6;
        break;
      }
    }
    out.push_back(hit);
  }
  return out;
}

std::map<std::string, double> server_errors(const std::optional<Metrics>& m) {
  std::map<std::string, double> out;
  if (!m) return out;
  for (const auto& [k, v] : *m)
    if (k.rfind("parlor_errors_total", 0) == 0 && v) out[k] = v;
  return out;
}

// ---------------------------------------------------------------- store

namespace {
// Bytes the server has caused to be written to disk (write_bytes in
// /proc/<pid>/io): in synchronous=NORMAL the WAL is synced only at a
// checkpoint, which writes a burst of tens of MiB.
std::optional<int64_t> write_bytes(int pid) {
  const std::string io = slurp("/proc/" + std::to_string(pid) + "/io");
  const auto at = io.find("write_bytes:");
  if (at == std::string::npos) return std::nullopt;
  return std::strtoll(io.c_str() + at + 12, nullptr, 10);
}
}  // namespace

StoreSampler::StoreSampler(std::string host, int port, int pid, int64_t t0_us)
    : host_(std::move(host)), port_(port), pid_(pid), t0_(t0_us), prev_t_(t0_us), last_commit_at_(t0_us) {
  prev_ = fetch_metrics(host_, port_);
  prev_w_ = write_bytes(pid_);
  present_ = metric(prev_, "parlor_store_commits_total").has_value();
}

void StoreSampler::sample(int64_t now) {
  if (!present_) return;
  auto m = fetch_metrics(host_, port_);
  auto w = write_bytes(pid_);
  if (w && prev_w_ && *w - *prev_w_ > 8 * 1048576) {
    const int64_t sec = (now - t0_) / 1'000'000;
    if (write_bursts.empty() || write_bursts.back() != sec) write_bursts.push_back(sec);
  }
  prev_w_ = w;
  if (!m) return;
  if (*metric(m, "parlor_store_commits_total") > *metric(prev_, "parlor_store_commits_total")) last_commit_at_ = now;
  longest_no_commit_ms = std::max(longest_no_commit_ms, (now - last_commit_at_) / 1000);
  const auto busy = metric_delta(prev_, m, "parlor_store_commit_microseconds_total");
  if (busy) {
    const double slice_ms = std::max<double>(1, (now - prev_t_) / 1000.0);
    max_commit_ms_per_slice = std::max(max_commit_ms_per_slice, *busy / 1000 * (100 / slice_ms));
  }
  prev_ = std::move(m);
  prev_t_ = now;
}

// ---------------------------------------------------------------- perf

pid_t start_perf(int server_pid, double secs, const std::string& out, const std::string& call_graph) {
  const std::string freq = call_graph.rfind("dwarf", 0) == 0 ? "199" : "499";
  const std::string pid = std::to_string(server_pid), dur = std::to_string(secs);
  std::vector<std::string> args = {"perf", "record", "-F", freq, "--call-graph", call_graph, "-p", pid, "-o", out, "--", "sleep", dur};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  pid_t child = -1;
  if (posix_spawnp(&child, "perf", &fa, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "perf: could not start it\n");
    child = -1;
  }
  posix_spawn_file_actions_destroy(&fa);
  return child;
}

void wait_perf(pid_t pid) {
  if (pid <= 0) return;
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace parlor::load
