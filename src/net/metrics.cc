#include "net/metrics.h"

#include <unistd.h>

#include <cstdio>

namespace parlor::net {

void Metrics::error(std::string_view code) {
  std::lock_guard lock(mu_);
  auto it = errors_.find(code);
  if (it == errors_.end()) it = errors_.emplace(std::string(code), 0).first;
  ++it->second;
}

void Metrics::channel(std::string_view topic, int delta) {
  std::string_view prefix = topic.substr(0, topic.find(':'));
  std::lock_guard lock(mu_);
  auto it = channels_.find(prefix);
  if (it == channels_.end()) it = channels_.emplace(std::string(prefix), 0).first;
  it->second += delta;
}

int64_t Metrics::error_count(std::string_view code) const {
  std::lock_guard lock(mu_);
  auto it = errors_.find(code);
  return it == errors_.end() ? 0 : it->second;
}

int64_t Metrics::channels_for(std::string_view prefix) const {
  std::lock_guard lock(mu_);
  auto it = channels_.find(prefix);
  return it == channels_.end() ? 0 : it->second;
}

int64_t process_rss_bytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long long size = 0, resident = 0;
  int n = std::fscanf(f, "%lld %lld", &size, &resident);
  std::fclose(f);
  if (n != 2) return -1;
  return static_cast<int64_t>(resident) * sysconf(_SC_PAGESIZE);
}

namespace {

// Label values here are topic prefixes and error codes; escape anyway.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void metric(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void value(std::string& out, const char* name, int64_t v) {
  out += name;
  out += ' ';
  out += std::to_string(v);
  out += '\n';
}

}  // namespace

std::string Metrics::render() const {
  std::string out;
  auto load = [](const std::atomic<int64_t>& a) { return a.load(std::memory_order_relaxed); };
  append_metric(out, "parlor_connections", "gauge", "Open WebSocket connections.", load(connections));
  append_metric(out, "parlor_connections_total", "counter", "WebSocket connections accepted.", load(connections_total));
  append_metric(out, "parlor_frames_in_total", "counter", "WebSocket messages received.", load(frames_in));
  append_metric(out, "parlor_frames_out_total", "counter", "WebSocket messages sent.", load(frames_out));
  append_metric(out, "parlor_bytes_in_total", "counter", "WebSocket payload bytes received.", load(bytes_in));
  append_metric(out, "parlor_bytes_out_total", "counter", "WebSocket payload bytes sent.", load(bytes_out));
  append_metric(out, "parlor_http_requests_total", "counter", "HTTP requests handled (not upgrades).", load(http_requests));
  {
    std::lock_guard lock(mu_);
    metric(out, "parlor_channels_joined", "gauge", "Joined channels by topic prefix.");
    for (const auto& [prefix, n] : channels_) {
      out += "parlor_channels_joined{prefix=\"" + label(prefix) + "\"} " + std::to_string(n) + "\n";
    }
    metric(out, "parlor_errors_total", "counter", "Refused input and dropped sockets by code.");
    for (const auto& [code, n] : errors_) {
      out += "parlor_errors_total{code=\"" + label(code) + "\"} " + std::to_string(n) + "\n";
    }
  }
  append_metric(out, "parlor_process_resident_memory_bytes", "gauge", "Resident set size of the process.", process_rss_bytes());
  std::vector<std::function<std::string()>> sources;
  {
    std::lock_guard lock(mu_);
    sources = sources_;
  }
  for (const auto& source : sources) out += source();
  return out;
}

void Metrics::add_source(std::function<std::string()> source) {
  std::lock_guard lock(mu_);
  sources_.push_back(std::move(source));
}

Histogram::Histogram(std::vector<double> bounds_seconds)
    : bounds_(std::move(bounds_seconds)), buckets_(new std::atomic<int64_t>[bounds_.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
  for (double b : bounds_) bounds_ns_.push_back(static_cast<int64_t>(b * 1e9));
}

void Histogram::observe_ns(int64_t ns) {
  size_t i = 0;
  while (i < bounds_ns_.size() && ns > bounds_ns_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(ns, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void Histogram::append(std::string& out, const char* name, const char* help) const {
  append_header(out, name, help);
  append_series(out, name, "");
}

void Histogram::append_header(std::string& out, const char* name, const char* help) {
  metric(out, name, "histogram", help);
}

void Histogram::append_series(std::string& out, const char* name, std::string_view labels) const {
  const std::string n(name);
  const std::string more = labels.empty() ? std::string() : std::string(labels) + ",";
  const std::string own = labels.empty() ? std::string() : "{" + std::string(labels) + "}";
  int64_t cumulative = 0;
  char le[32];
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    if (i < bounds_.size()) std::snprintf(le, sizeof le, "%g", bounds_[i]);
    else std::snprintf(le, sizeof le, "+Inf");
    out += n + "_bucket{" + more + "le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  char sum[48];
  std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9);
  out += n + "_sum" + own + " " + sum + "\n";
  out += n + "_count" + own + " " + std::to_string(count_.load(std::memory_order_relaxed)) + "\n";
}

void append_metric(std::string& out, const char* name, const char* type, const char* help, int64_t v) {
  metric(out, name, type, help);
  value(out, name, v);
}

}  // namespace parlor::net
