#include "app/bot_runner.h"

#include <boost/asio/post.hpp>

namespace parlor::app {

void BotRunner::run(std::function<void()> work) { boost::asio::post(pool_, std::move(work)); }

void BotRunner::stop() {
  pool_.stop();
  pool_.join();
}

}  // namespace parlor::app
