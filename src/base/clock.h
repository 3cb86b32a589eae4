#pragma once
// The two clocks the server reads: wall time for what people and the store
// see (chat times, activity, idle rooms), and the monotonic clock for
// durations (latencies, rate limits), which never jumps.
#include <chrono>
#include <cstdint>

namespace parlor {

// Milliseconds since the Unix epoch.
inline std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Nanoseconds on the monotonic clock (only differences mean anything).
inline std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace parlor
