#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace parlor::detail {
void check_failed(const char* file, int line, const char* expr,
                  const std::string& details) {
  std::fprintf(stderr, "PARLOR_CHECK failed at %s:%d: %s %s\n", file, line,
               expr, details.c_str());
  std::fflush(stderr);
  std::abort();
}
}  // namespace parlor::detail
