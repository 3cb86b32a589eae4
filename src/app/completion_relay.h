#pragma once
// CompletionRelay: moves the store's completions off its writer thread.
//
// The store runs each write's `done` on its writer thread, and a room's done
// posts a task to the room's strand. At 20,000 moves/s that was ~50 posts
// per commit from the writer thread, each taking the io_context's lock (which
// the I/O threads take for every handler) and often waking an I/O thread
// that then preempted the writer: 1,500 lock waits and 1,500 preemptions of
// the writer in 12 s (`perf record -e sched:sched_switch -g -t WRITER`). The
// writer is every room's way to durability, so what delays it delays them
// all. Here the writer only queues those tasks, and when the batch is done
// (the store's on_commit, on the same thread) hands them to the io_context as
// one task, which an I/O thread runs.
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace parlor::app {

class CompletionRelay {
 public:
  explicit CompletionRelay(boost::asio::io_context& io) : io_(io) {}

  // Runs `task` on an I/O thread. On the store's writer thread it waits for
  // the end of the batch being completed (batch_done()); anywhere else it is
  // posted at once.
  void post(std::function<void()> task);
  // The store's on_commit: every completion of the batch has run. Hands over
  // what they queued, and marks the calling thread as the writer.
  void batch_done();

 private:
  boost::asio::io_context& io_;
  std::atomic<std::thread::id> writer_{};
  std::vector<std::function<void()>> pending_;  // the writer thread's only
};

}  // namespace parlor::app
