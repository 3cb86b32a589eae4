#include "app/completion_relay.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace parlor::app {

void CompletionRelay::post(std::function<void()> task) {
  // Until the first batch_done() no thread is the writer: posted directly.
  if (std::this_thread::get_id() == writer_.load(std::memory_order_relaxed)) {
    pending_.push_back(std::move(task));
    return;
  }
  boost::asio::post(io_, std::move(task));
}

void CompletionRelay::batch_done() {
  writer_.store(std::this_thread::get_id(), std::memory_order_relaxed);
  if (pending_.empty()) return;
  std::vector<std::function<void()>> tasks;
  tasks.swap(pending_);
  boost::asio::post(io_, [tasks = std::move(tasks)] {
    for (const auto& task : tasks) task();
  });
}

}  // namespace parlor::app
