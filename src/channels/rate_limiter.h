#pragma once
// A token bucket: `rate` tokens per second refill up to `burst`; each message
// takes one. Small on purpose (one lives in every socket, 24 bytes) and with
// no clock of its own: the caller passes monotonic time in nanoseconds.
#include <cstdint>

namespace parlor::channels {

class TokenBucket {
 public:
  // rate_per_s > 0 and burst >= 1; the bucket starts full at time `now_ns`.
  TokenBucket(double rate_per_s, double burst, int64_t now_ns);
  // Takes one token if one is available. Time going backwards counts as no
  // time passing.
  bool take(int64_t now_ns);
  // Tokens available at `now_ns` (for tests and metrics).
  double available(int64_t now_ns) const;

 private:
  double refilled(int64_t now_ns) const;
  double tokens_;
  int64_t last_ns_;
  float rate_per_s_;
  float burst_;
};

}  // namespace parlor::channels
