#pragma once
// BotRunner: computer players think off the rooms' strands, on their own
// small pool of threads, so a slow decision never delays any room's messages.
#include <boost/asio/thread_pool.hpp>
#include <functional>

namespace parlor::app {

class BotRunner {
 public:
  explicit BotRunner(unsigned threads) : pool_(threads) {}
  ~BotRunner() { stop(); }
  void run(std::function<void()> work);
  void stop();

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace parlor::app
