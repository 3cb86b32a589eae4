#include "channels/rate_limiter.h"

#include <algorithm>

#include "base/check.h"

namespace parlor::channels {

TokenBucket::TokenBucket(double rate_per_s, double burst, int64_t now_ns)
    : tokens_(burst),
      last_ns_(now_ns),
      rate_per_s_(static_cast<float>(rate_per_s)),
      burst_(static_cast<float>(burst)) {
  PARLOR_CHECK(rate_per_s > 0 && burst >= 1, "rate=" << rate_per_s << " burst=" << burst);
}

double TokenBucket::refilled(int64_t now_ns) const {
  int64_t dt = std::max<int64_t>(0, now_ns - last_ns_);
  return std::min<double>(burst_, tokens_ + static_cast<double>(dt) * 1e-9 * rate_per_s_);
}

double TokenBucket::available(int64_t now_ns) const { return refilled(now_ns); }

bool TokenBucket::take(int64_t now_ns) {
  tokens_ = refilled(now_ns);
  last_ns_ = std::max(last_ns_, now_ns);
  if (tokens_ < 1.0 - 1e-9) return false;  // tolerate rounding
  tokens_ = std::max(0.0, tokens_ - 1.0);
  return true;
}

}  // namespace parlor::channels
