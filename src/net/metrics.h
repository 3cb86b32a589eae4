#pragma once
// Process-wide counters, rendered in the Prometheus text format at /metrics.
// Hot counters are relaxed atomics; the labelled ones (errors by code,
// channels by topic prefix) sit behind a mutex since they change rarely.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace parlor::net {

class Metrics {
 public:
  std::atomic<int64_t> connections{0};       // open WebSockets
  std::atomic<int64_t> connections_total{0};  // accepted upgrades
  std::atomic<int64_t> frames_in{0};
  std::atomic<int64_t> frames_out{0};
  std::atomic<int64_t> bytes_in{0};
  std::atomic<int64_t> bytes_out{0};
  std::atomic<int64_t> http_requests{0};

  // Counts one error by its code (bad_json, rate_limited, ...).
  void error(std::string_view code);
  // A channel joined (+1) or ended (-1) on `topic`; grouped by prefix
  // (the part before the first ':').
  void channel(std::string_view topic, int delta);

  int64_t error_count(std::string_view code) const;
  int64_t channels_for(std::string_view prefix) const;
  // Adds a source of further exposition text (the application's own
  // metrics, already in the text format), appended to every render. Call
  // before the server starts; the source runs on an I/O thread.
  void add_source(std::function<std::string()> source);
  // The whole exposition, process RSS included.
  std::string render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, int64_t, std::less<>> errors_;
  std::map<std::string, int64_t, std::less<>> channels_;
  std::vector<std::function<std::string()>> sources_;
};

// A latency histogram in the Prometheus form (cumulative buckets, _sum and
// _count in seconds). Fixed bucket bounds; observing is a few relaxed atomic
// adds, safe from any thread.
class Histogram {
 public:
  // Upper bounds of the buckets in seconds, ascending (+Inf is implied).
  explicit Histogram(std::vector<double> bounds_seconds);
  void observe_ns(int64_t ns);
  int64_t count() const { return count_.load(std::memory_order_relaxed); }
  // Appends the HELP/TYPE lines, the buckets, _sum and _count.
  void append(std::string& out, const char* name, const char* help) const;
  // Appends the buckets, _sum and _count with `labels` (`stage="store"`)
  // on each line: one series of a labelled histogram whose HELP and TYPE
  // lines the caller wrote once (append_header).
  void append_series(std::string& out, const char* name, std::string_view labels) const;
  static void append_header(std::string& out, const char* name, const char* help);

 private:
  std::vector<double> bounds_;
  std::vector<int64_t> bounds_ns_;
  std::unique_ptr<std::atomic<int64_t>[]> buckets_;  // per bucket, not cumulative
  std::atomic<int64_t> count_{0};
  std::atomic<int64_t> sum_ns_{0};
};

// Appends one metric in the text format: its HELP and TYPE lines and value.
void append_metric(std::string& out, const char* name, const char* type, const char* help, int64_t v);

// Resident set size of this process in bytes (from /proc/self/statm), or -1.
int64_t process_rss_bytes();

}  // namespace parlor::net
