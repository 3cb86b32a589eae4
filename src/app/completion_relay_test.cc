// CompletionRelay: what the store's writer thread posts waits for the end of
// its batch and then reaches the io_context as one task; posts from any
// other thread go straight through.
#include "app/completion_relay.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace parlor::app {
namespace {

TEST(CompletionRelay, WhatTheWriterPostsWaitsForItsBatchAndArrivesAsOneTaskInOrder) {
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);  // poll() does not stop it when it runs dry
  CompletionRelay relay(io);
  std::vector<std::string> ran;  // appended by tasks, which run on this thread (poll)
  std::promise<void> posted, go, second_batch_done;
  std::thread writer([&] {
    relay.batch_done();  // the store's on_commit: this thread is the writer now
    relay.post([&] { ran.push_back("a"); });
    relay.post([&] { ran.push_back("b"); });
    posted.set_value();
    go.get_future().wait();
    relay.batch_done();
    second_batch_done.set_value();
  });
  posted.get_future().wait();
  EXPECT_EQ(io.poll(), 0u) << "posted before the batch was done";
  go.set_value();
  second_batch_done.get_future().wait();
  EXPECT_EQ(io.poll(), 1u);  // one task for the whole batch
  EXPECT_EQ(ran, (std::vector<std::string>{"a", "b"}));
  writer.join();
}

TEST(CompletionRelay, PostsFromAnyOtherThreadGoStraightToTheIoContext) {
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);  // poll() does not stop it when it runs dry
  CompletionRelay relay(io);
  int ran = 0;
  relay.post([&] { ++ran; });  // before any batch: no writer known yet
  EXPECT_EQ(io.poll(), 1u);
  std::thread writer([&] { relay.batch_done(); });
  writer.join();
  relay.post([&] { ++ran; });  // this thread is not the writer
  EXPECT_EQ(io.poll(), 1u);
  EXPECT_EQ(ran, 2);
}

}  // namespace
}  // namespace parlor::app
