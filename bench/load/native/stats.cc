#include "stats.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace parlor::load {

void merge_into(CountMap& into, const CountMap& from) {
  for (const auto& [k, v] : from) into[k] += v;
}

CountMap diff_counts(const CountMap& a, const CountMap& b) {
  CountMap out;
  for (const auto& [k, v] : b) {
    auto it = a.find(k);
    int64_t d = v - (it == a.end() ? 0 : it->second);
    if (d) out[k] = d;
  }
  return out;
}

void Hist::add(int64_t us) {
  if (us < 0) us = 0;
  int i;
  if (us < 1000) i = static_cast<int>(us);
  else if (us < 100'000) i = kB1 + static_cast<int>((us - 1000) / 10);
  else if (us < 10'000'000) i = kB1 + kB2 + static_cast<int>((us - 100'000) / 1000);
  else i = kSize - 1;
  c_[i]++;
}

void Hist::merge(const Hist& o) {
  for (int i = 0; i < kSize; i++) c_[i] += o.c_[i];
}

namespace {
// Upper edge of bucket i, in microseconds.
double bucket_upper(int i) {
  if (i < Hist::kB1) return i + 1;
  if (i < Hist::kB1 + Hist::kB2) return 1000 + (i - Hist::kB1 + 1) * 10.0;
  if (i < Hist::kB1 + Hist::kB2 + Hist::kB3) return 100'000 + (i - Hist::kB1 - Hist::kB2 + 1) * 1000.0;
  return std::numeric_limits<double>::infinity();
}
}  // namespace

LatencyStats Hist::stats() const {
  LatencyStats s;
  int64_t n = 0;
  for (uint32_t c : c_) n += c;
  s.count = n;
  auto q = [&](double p) {
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    const int64_t target = static_cast<int64_t>(std::ceil(p * static_cast<double>(n)));
    int64_t c = 0;
    for (int i = 0; i < kSize; i++) {
      c += c_[i];
      if (c >= target) return bucket_upper(i);
    }
    return std::numeric_limits<double>::infinity();
  };
  s.p50 = q(0.5);
  s.p90 = q(0.9);
  s.p99 = q(0.99);
  s.p999 = q(0.999);
  s.max = std::numeric_limits<double>::quiet_NaN();
  for (int i = kSize - 1; i >= 0; i--) {
    if (c_[i]) {
      s.max = bucket_upper(i);
      break;
    }
  }
  return s;
}

void series_add(Series& s, int64_t window_start_us, int64_t at_us, int64_t us) {
  const int64_t i = (at_us - window_start_us) / 1'000'000;
  if (i < 0 || i > 3600) return;
  if (static_cast<size_t>(i) >= s.size()) s.resize(i + 1, {0, 0, 0});
  auto& e = s[i];
  e[0]++;
  if (us > 10'000) e[1]++;
  if (us > e[2]) e[2] = us;
}

std::string fmt_us(double us) {
  char b[64];
  if (std::isnan(us)) return "NaN";
  if (std::isinf(us)) return "Infinity";
  if (us < 1000) std::snprintf(b, sizeof b, "%.0f us", us);
  else std::snprintf(b, sizeof b, "%.2f ms", us / 1000);
  return b;
}

}  // namespace parlor::load
