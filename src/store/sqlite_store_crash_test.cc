// The kill -9 crash test of the SQLite store's durability contract: a child
// process appends until it is killed, and every entry it acknowledged must
// be in the file afterwards.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "store/store_test_util.h"

namespace parlor::store {
namespace {

using namespace std::chrono_literals;
using namespace parlor::store::test_util;

// ---- crash test: kill -9 never loses an acknowledged entry

constexpr int kCrashRooms = 8;

// What the child writes to the pipe: an acknowledged entry, or (room
// kOpened) that the store is open.
constexpr std::int32_t kOpened = -1;

struct Ack {
  std::int32_t room = 0;
  std::int32_t unused = 0;
  std::int64_t seq = 0;
};

std::string crash_room(int round, int room) {
  return "crash" + std::to_string(round) + "-r" + std::to_string(room);
}

// The child: appends to kCrashRooms rooms until killed, writing each
// acknowledged (room, seq) to the pipe from its `done`.
[[noreturn]] void append_until_killed(const std::string& path, int round, int ack_fd) {
  alarm(60);  // never outlive a parent that failed to kill us
  Options options;
  options.max_queued = 1000;
  // Folds of the log's tail every few dozen entries, so that kills land in
  // the middle of them too (the next open finishes a fold's work).
  options.fold_after_rows = 48;
  options.fold_rows_per_step = 5;
  auto store = open_sqlite_store(path, options);
  if (!store.ok()) _exit(3);
  Ack opened{kOpened, 0, 0};
  if (write(ack_fd, &opened, sizeof opened) != sizeof opened) _exit(5);
  for (std::int64_t seq = 1;; ++seq) {
    for (int r = 0; r < kCrashRooms; ++r) {
      store.value()->append(crash_room(round, r), entry(seq, "{\"move\":1}"),
                            [ack_fd, r, seq](Status s) {
                              if (!s.ok()) _exit(4);
                              Ack ack{r, 0, seq};
                              // Below PIPE_BUF: one atomic write.
                              if (write(ack_fd, &ack, sizeof ack) != sizeof ack) _exit(5);
                            });
    }
  }
}

// Reads everything the child acknowledged; kills it `delay` after it
// opened the store (or after the fork, when `from_fork`).
std::vector<Ack> collect_acks_then_kill(pid_t child, int fd, std::chrono::microseconds delay,
                                        bool from_fork) {
  std::vector<Ack> acks;
  std::string buffer;
  size_t parsed = 0;
  bool opened = false;
  auto drain = [&](int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    for (; parsed + sizeof(Ack) <= buffer.size(); parsed += sizeof(Ack)) {
      Ack ack;
      std::memcpy(&ack, buffer.data() + parsed, sizeof ack);
      if (ack.room == kOpened) {
        opened = true;
      } else {
        acks.push_back(ack);
      }
    }
    return true;
  };
  const auto forked = std::chrono::steady_clock::now();
  while (!from_fork && !opened && std::chrono::steady_clock::now() < forked + 30s) drain(1);
  const auto deadline = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < deadline) drain(1);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the child ended by itself, status " << status;
  while (drain(0)) {
  }
  return acks;
}

TEST(SqliteStoreCrash, Kill9NeverLosesAnAcknowledgedEntry) {
  TempDir dir;
  const std::string path = dir.file("crash.db");
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_us(0, 100'000);
  std::size_t total_acks = 0;
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    // Every fifth round kills early, counting from the fork: maybe while
    // the child opens the store or (round 0) creates and migrates it.
    const bool from_fork = round % 5 == 0;
    const auto delay = std::chrono::microseconds(delay_us(rng) / (from_fork ? 5 : 1));
    SCOPED_TRACE("round " + std::to_string(round) + ", kill " + std::to_string(delay.count()) +
                 " us after " + (from_fork ? "the fork" : "the store opened"));
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      append_until_killed(path, round, fds[1]);
    }
    close(fds[1]);
    std::vector<Ack> acks = collect_acks_then_kill(child, fds[0], delay, from_fork);
    close(fds[0]);
    total_acks += acks.size();

    std::int64_t max_acked[kCrashRooms] = {};
    for (const Ack& ack : acks) {
      ASSERT_TRUE(ack.room >= 0 && ack.room < kCrashRooms);
      max_acked[ack.room] = std::max(max_acked[ack.room], ack.seq);
    }
    auto store = open_store(path);  // recovers the WAL the child left
    for (int r = 0; r < kCrashRooms; ++r) {
      auto seqs = seqs_of(store->load_log(crash_room(round, r), 0));
      // Entries of a room commit in order: what survived is 1..n, with n at
      // least the highest acknowledged seq (so every acknowledged one is there).
      ASSERT_EQ(seqs, one_to(static_cast<std::int64_t>(seqs.size()))) << crash_room(round, r);
      ASSERT_GE(static_cast<std::int64_t>(seqs.size()), max_acked[r]) << crash_room(round, r);
    }
  }
  EXPECT_GT(total_acks, 0u) << "no round acknowledged anything: the kills came too early";
}

}  // namespace
}  // namespace parlor::store
