#pragma once
// PARLOR_CHECK: a broken invariant is a bug. It aborts loudly with the values
// involved instead of limping on. Expected failures (a player's mistake, bad
// input) are never CHECKed: they are returned as parlor::Error values.
#include <sstream>
#include <string>

namespace parlor::detail {
[[noreturn]] void check_failed(const char* file, int line, const char* expr,
                               const std::string& details);
}  // namespace parlor::detail

// Usage: PARLOR_CHECK(seat < players, "seat=" << seat << " players=" << players);
#define PARLOR_CHECK(cond, ...)                                                  \
  do {                                                                           \
    if (!(cond)) [[unlikely]] {                                                  \
      std::ostringstream parlor_check_os_;                                       \
      parlor_check_os_ __VA_OPT__(<< __VA_ARGS__);                               \
      ::parlor::detail::check_failed(__FILE__, __LINE__, #cond,                  \
                                     parlor_check_os_.str());                    \
    }                                                                            \
  } while (0)
