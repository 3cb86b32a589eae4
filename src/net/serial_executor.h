#pragma once
// A serialised executor ("strand") over any thread pool, without Asio in the
// header: tasks posted to one SerialExecutor run one at a time, in post
// order, on whatever pool thread picks them up. Each topic has one (the
// ordering guarantees of channels-protocol.md 7.5 rest on it).
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace parlor::net {

class SerialExecutor : public std::enable_shared_from_this<SerialExecutor> {
 public:
  using Task = std::function<void()>;
  // Schedules a task on some worker thread (asio::post in production).
  using Pool = std::function<void(Task)>;

  explicit SerialExecutor(std::shared_ptr<const Pool> pool) : pool_(std::move(pool)) {}

  // Queues `t`; it runs after everything posted before it.
  void post(Task t);
  // Runs `t` at once if the calling thread is running this executor's tasks,
  // else posts it. Keeps "broadcast, then reply" in order inside handlers.
  void dispatch(Task t);
  // True on the thread currently running this executor's tasks.
  bool running_here() const { return current_ == this; }

 private:
  void drain();

  std::shared_ptr<const Pool> pool_;
  std::mutex mu_;
  std::vector<Task> queue_;
  bool scheduled_ = false;
  static thread_local const SerialExecutor* current_;
};

}  // namespace parlor::net
