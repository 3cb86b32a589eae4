#pragma once
// Names the calling thread, so `top -H`, `perf` and /proc/<pid>/task/*/comm
// tell the server's threads apart (I/O, store writer, checkpointer, ...).
// Linux keeps at most 15 characters; longer names are cut there.
#include <pthread.h>

#include <string>

namespace parlor {

inline void name_this_thread(const std::string& name) {
  (void)pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

}  // namespace parlor
