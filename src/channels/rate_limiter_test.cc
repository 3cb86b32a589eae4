#include "channels/rate_limiter.h"

#include <gtest/gtest.h>

namespace parlor::channels {
namespace {

constexpr int64_t kMs = 1'000'000;

TEST(TokenBucket, BurstThenRefillAtRate) {
  TokenBucket b(10, 3, 0);  // 10/s, burst 3
  EXPECT_TRUE(b.take(0));
  EXPECT_TRUE(b.take(0));
  EXPECT_TRUE(b.take(0));
  EXPECT_FALSE(b.take(0));
  EXPECT_FALSE(b.take(50 * kMs));  // half a token
  EXPECT_TRUE(b.take(100 * kMs));  // one token after 100 ms
  EXPECT_FALSE(b.take(100 * kMs));
}

TEST(TokenBucket, NeverExceedsBurst) {
  TokenBucket b(1000, 5, 0);
  EXPECT_DOUBLE_EQ(b.available(3600'000 * kMs), 5.0);
  int taken = 0;
  while (b.take(3600'000 * kMs)) ++taken;
  EXPECT_EQ(taken, 5);
}

TEST(TokenBucket, TimeGoingBackwardsGivesNothing) {
  TokenBucket b(1, 1, 1000 * kMs);
  EXPECT_TRUE(b.take(1000 * kMs));
  EXPECT_FALSE(b.take(0));
  EXPECT_FALSE(b.take(1500 * kMs));
  EXPECT_TRUE(b.take(2000 * kMs));
}

TEST(TokenBucket, IsSmall) { EXPECT_LE(sizeof(TokenBucket), 24u); }

}  // namespace
}  // namespace parlor::channels
