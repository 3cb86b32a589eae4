#include "app/room_actor.h"

#include <gtest/gtest.h>

#include <chrono>

namespace parlor::app {
namespace {

using std::chrono::steady_clock;

steady_clock::time_point at_ns(std::int64_t ns) { return steady_clock::time_point(std::chrono::nanoseconds(ns)); }

// Room timers fire on the grid: never earlier than asked, at most one step
// later, and every time in one step lands on the same instant (so those
// rooms wake together).
TEST(RoomTimers, FireOnTheGridNeverEarlierAndAtMostOneStepLater) {
  const std::int64_t step = std::chrono::nanoseconds(RoomActor::kTimerGrid).count();
  EXPECT_EQ(RoomActor::on_timer_grid(at_ns(8 * step)), at_ns(8 * step));  // on the grid already
  EXPECT_EQ(RoomActor::on_timer_grid(at_ns(8 * step + 1)), at_ns(9 * step));
  EXPECT_EQ(RoomActor::on_timer_grid(at_ns(9 * step - 1)), at_ns(9 * step));
  for (std::int64_t ns = 1'000'000'007; ns < 1'100'000'000; ns += 777'777) {
    const auto fired = RoomActor::on_timer_grid(at_ns(ns));
    EXPECT_GE(fired, at_ns(ns));
    EXPECT_LT(fired, at_ns(ns + step));
    EXPECT_EQ(fired.time_since_epoch().count() % step, 0);
  }
}

}  // namespace
}  // namespace parlor::app
