#include "net/serial_executor.h"

#include <cstdio>
#include <exception>

namespace parlor::net {

thread_local const SerialExecutor* SerialExecutor::current_ = nullptr;

void SerialExecutor::post(Task t) {
  bool schedule = false;
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(t));
    if (!scheduled_) scheduled_ = schedule = true;
  }
  if (schedule) (*pool_)([self = shared_from_this()] { self->drain(); });
}

void SerialExecutor::dispatch(Task t) {
  if (running_here()) {
    t();
  } else {
    post(std::move(t));
  }
}

void SerialExecutor::drain() {
  std::vector<Task> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(queue_);
  }
  const SerialExecutor* outer = current_;
  current_ = this;
  for (auto& t : batch) {
    try {
      t();
    } catch (const std::exception& e) {
      // Tasks catch their own handler exceptions; this is a last resort so
      // one bad task never takes the rest of the batch down with it.
      std::fprintf(stderr, "parlor: task failed: %s\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "parlor: task failed\n");
    }
  }
  current_ = outer;
  bool again;
  {
    std::lock_guard lock(mu_);
    again = !queue_.empty();
    if (!again) scheduled_ = false;
  }
  // One batch per turn, then back of the pool's line: a busy topic cannot
  // starve the others (or the sockets' heartbeats).
  if (again) (*pool_)([self = shared_from_this()] { self->drain(); });
}

}  // namespace parlor::net
