// machine_probe: how steady is this machine right now? Latency benchmarks
// (bench/load) on a shared virtual machine depend on what the host does with
// its vCPUs and caches, which the guest cannot see (no steal time here). This
// tool measures it from inside, best with nothing else running:
//
//   stalls   a thread sleeps 1 ms again and again; how late it wakes. At
//            real-time priority (--rt, root) nothing in an idle guest delays
//            it, so a late wake-up is the host not running the vCPU.
//   compute  the time of a fixed piece of work in a 256 KiB buffer.
//   cache    10,000 dependent loads (640 KiB of cache lines, spread over a
//            4 MiB ring), timed twice: after the thread was away for ~100 ms,
//            and again at once. Alone on a machine both are cache hits; when
//            other tenants share the caches the first pass finds its lines
//            gone. The server's own state meets the same between two moves.
//
// Each second it prints the worst wake-up delay, the wake-ups late by over
// 2 ms, and medians of ten samples of each; at the end the same per 30 s
// block. docs/benchmarks.md ("Session 17") reads them.
//
//   build/bench/machine_probe --seconds 120 [--rt] [--cpu N]
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

struct Options {
  int seconds = 60;
  bool rt = false;
  int cpu = -1;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) o.seconds = std::max(1, std::atoi(argv[++i]));
    else if (a == "--rt") o.rt = true;
    else if (a == "--cpu" && i + 1 < argc) o.cpu = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: machine_probe [--seconds N] [--rt] [--cpu N]\n");
      std::exit(2);
    }
  }
  return o;
}

void apply_placement(const Options& o) {
  if (o.cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(o.cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) std::perror("machine_probe: sched_setaffinity");
  }
  if (o.rt) {
    sched_param p{};
    p.sched_priority = 50;
    if (sched_setscheduler(0, SCHED_FIFO, &p) != 0) std::perror("machine_probe: SCHED_FIFO (needs root)");
  }
}

// Results of the work land here, so the compiler keeps it.
volatile std::uint32_t g_sink = 0;

// The fixed pieces of work.
class Work {
 public:
  static constexpr std::size_t kRingEntries = (std::size_t{4} << 20) / sizeof(std::uint32_t);
  static constexpr int kHops = 10000;

  Work() : buffer_(64 * 1024), ring_(kRingEntries) {
    for (std::size_t i = 0; i < buffer_.size(); ++i) buffer_[i] = static_cast<std::uint32_t>(i * 2654435761u);
    // One random cycle through the ring: every load depends on the last.
    std::vector<std::uint32_t> order(ring_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin() + 1, order.end(), std::mt19937(1));
    for (std::size_t i = 0; i < order.size(); ++i) ring_[order[i]] = order[(i + 1) % order.size()];
  }

  std::uint32_t compute() const {
    std::uint32_t h = 0;
    for (int pass = 0; pass < 8; ++pass)
      for (std::size_t i = 0; i < buffer_.size(); ++i) h = (h ^ buffer_[(i * 7919) & 0xffff]) * 16777619u;
    return h;
  }

  // The same kHops lines every time (from index 0).
  std::uint32_t walk() const {
    std::uint32_t p = 0;
    for (int i = 0; i < kHops; ++i) p = ring_[p];
    return p;
  }

 private:
  std::vector<std::uint32_t> buffer_;
  std::vector<std::uint32_t> ring_;
};

struct Second {
  double worst_wake_ms = 0;
  int late_wakes = 0;  // over 2 ms late
  double compute_us = 0, cold_ns = 0, warm_ns = 0;  // medians of the second's samples
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double timed_walk_ns_per_load(const Work& work) {
  const auto t = Clock::now();
  g_sink = work.walk();
  return micros_since(t) * 1000 / Work::kHops;
}

// One second: ten rounds of (compute, the walk twice, then 1 ms sleeps until
// the round's 100 ms are over).
Second measure_second(const Work& work) {
  Second s;
  std::vector<double> compute, cold, warm;
  const auto second_end = Clock::now() + std::chrono::seconds(1);
  for (int round = 0; round < 10; ++round) {
    const auto round_end = Clock::now() + std::chrono::milliseconds(100);
    auto t = Clock::now();
    g_sink = g_sink + work.compute();
    compute.push_back(micros_since(t));
    cold.push_back(timed_walk_ns_per_load(work));
    warm.push_back(timed_walk_ns_per_load(work));
    while (Clock::now() < std::min(round_end, second_end)) {
      t = Clock::now();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      const double late_ms = micros_since(t) / 1000 - 1;
      s.worst_wake_ms = std::max(s.worst_wake_ms, late_ms);
      if (late_ms > 2) ++s.late_wakes;
    }
  }
  s.compute_us = median(compute);
  s.cold_ns = median(cold);
  s.warm_ns = median(warm);
  return s;
}

void print_block(const char* label, const std::vector<Second>& seconds, std::size_t from, std::size_t to) {
  double worst = 0;
  int late = 0;
  std::vector<double> compute, cold, warm;
  for (std::size_t i = from; i < to; ++i) {
    worst = std::max(worst, seconds[i].worst_wake_ms);
    late += seconds[i].late_wakes;
    compute.push_back(seconds[i].compute_us);
    cold.push_back(seconds[i].cold_ns);
    warm.push_back(seconds[i].warm_ns);
  }
  std::printf("%s worst wake-up +%.1f ms, %d late by > 2 ms; compute %.0f us; cache %.0f ns per load after 100 ms away, %.0f at once\n",
              label, worst, late, median(compute), median(cold), median(warm));
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  apply_placement(o);
  const Work work;
  std::vector<Second> seconds;
  for (int i = 0; i < o.seconds; ++i) {
    seconds.push_back(measure_second(work));
    char label[32];
    std::snprintf(label, sizeof label, "second %3d:", i);
    print_block(label, seconds, seconds.size() - 1, seconds.size());
    std::fflush(stdout);
  }
  std::printf("per 30 s (medians of the seconds' values):\n");
  for (std::size_t from = 0; from < seconds.size(); from += 30) {
    const std::size_t to = std::min(seconds.size(), from + 30);
    char label[32];
    std::snprintf(label, sizeof label, "  %3zu-%3zu s:", from, to);
    print_block(label, seconds, from, to);
  }
  return 0;
}
