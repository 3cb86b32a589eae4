#include "net/serial_executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <thread>

namespace parlor::net {
namespace {

// A tiny real thread pool, so the executor runs on several threads.
class Pool {
 public:
  explicit Pool(int n) {
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { loop(); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void post(SerialExecutor::Task t) {
    {
      std::lock_guard lock(mu_);
      q_.push_back(std::move(t));
    }
    cv_.notify_one();
  }

 private:
  void loop() {
    for (;;) {
      SerialExecutor::Task t;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stop_ || !q_.empty(); });
        if (q_.empty()) return;
        t = std::move(q_.front());
        q_.pop_front();
      }
      t();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<SerialExecutor::Task> q_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

TEST(SerialExecutor, OneAtATimeInPostOrderAcrossThreads) {
  Pool pool(4);
  auto poster = std::make_shared<const SerialExecutor::Pool>([&pool](SerialExecutor::Task t) { pool.post(std::move(t)); });
  auto exec = std::make_shared<SerialExecutor>(poster);
  constexpr int kPerProducer = 20000;
  std::atomic<int> running{0}, overlaps{0}, done{0};
  std::vector<int> seen[2];
  auto produce = [&](int who) {
    for (int i = 0; i < kPerProducer; ++i) {
      exec->post([&, who, i] {
        if (running.fetch_add(1) != 0) overlaps++;
        seen[who].push_back(i);  // unsynchronised on purpose: the executor serialises
        running.fetch_sub(1);
        done++;
      });
    }
  };
  std::thread a(produce, 0), b(produce, 1);
  a.join();
  b.join();
  while (done.load() < 2 * kPerProducer) std::this_thread::yield();
  EXPECT_EQ(overlaps.load(), 0);
  for (auto& s : seen) {
    ASSERT_EQ(s.size(), size_t{kPerProducer});
    for (int i = 0; i < kPerProducer; ++i) ASSERT_EQ(s[i], i);
  }
}

TEST(SerialExecutor, DispatchRunsInlineOnlyOnItsOwnThread) {
  std::deque<SerialExecutor::Task> q;
  auto poster = std::make_shared<const SerialExecutor::Pool>([&q](SerialExecutor::Task t) { q.push_back(std::move(t)); });
  auto exec = std::make_shared<SerialExecutor>(poster);
  auto other = std::make_shared<SerialExecutor>(poster);
  std::vector<std::string> log;
  exec->dispatch([&] { log.push_back("outside: posted"); });
  EXPECT_TRUE(log.empty());
  exec->post([&] {
    exec->dispatch([&] { log.push_back("inline"); });
    other->dispatch([&] { log.push_back("other: posted"); });
    log.push_back("after");
  });
  while (!q.empty()) {
    auto t = std::move(q.front());
    q.pop_front();
    t();
  }
  EXPECT_EQ(log, (std::vector<std::string>{"outside: posted", "inline", "after", "other: posted"}));
}

TEST(SerialExecutor, AThrowingTaskDoesNotStopTheOthers) {
  std::deque<SerialExecutor::Task> q;
  auto poster = std::make_shared<const SerialExecutor::Pool>([&q](SerialExecutor::Task t) { q.push_back(std::move(t)); });
  auto exec = std::make_shared<SerialExecutor>(poster);
  int ran = 0;
  exec->post([] { throw std::runtime_error("boom"); });
  exec->post([&] { ++ran; });
  while (!q.empty()) {
    auto t = std::move(q.front());
    q.pop_front();
    t();
  }
  EXPECT_EQ(ran, 1);
}

}  // namespace
}  // namespace parlor::net
