// Durable move throughput of the SQLite store (group commit).
//
// BM_DurableMoves/rooms:K/full:F — K rooms, each appending a move and
// waiting for its acknowledgement before the next one: the pattern of real
// rooms, where a move is acknowledged to its player once durable. The ack
// hops from the writer thread to the driver (this thread), as it would to a
// room's strand. Reports moves/s (items_per_second), commits/s and the
// average batch. F=1 uses Durability::kPowerLoss (synchronous=FULL).
//
// BM_Firehose — appends without waiting, then flush: the writer's ceiling.
//
// BM_LoadLog/tail:T — reading one room's log (40 entries) while the log's
// tail holds T entries of 2,000 rooms (a read scans the tail; the fold keeps
// it near Options::fold_after_rows, 65,536 by default).
//
// Files go to $PARLOR_BENCH_DIR, else the system temp directory: it must be
// a real disk (not tmpfs) for the numbers to mean anything.
//
//   build-store/bench/store_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "base/check.h"
#include "store/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
using parlor::Status;
using parlor::room::LogEntry;

class BenchDir {
 public:
  BenchDir() {
    const char* base = std::getenv("PARLOR_BENCH_DIR");
    fs::path root = base ? fs::path(base) : fs::temp_directory_path();
    std::string pattern = (root / "parlor_store_bench_XXXXXX").string();
    PARLOR_CHECK(mkdtemp(pattern.data()) != nullptr, "mkdtemp " << pattern);
    path_ = pattern;
  }
  ~BenchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string db() const { return (path_ / "bench.db").string(); }

 private:
  fs::path path_;
};

// A move of realistic size: a card play as the room stores it.
LogEntry move(std::int64_t seq) {
  return LogEntry{seq, "move", static_cast<int>(seq % 4),
                  R"({"type":"play","card":"QS","t":)" + std::to_string(seq) + "}",
                  1'700'000'000'000 + seq};
}

// Rooms whose ack arrived and may make their next move.
class ReadyRooms {
 public:
  void push(int room) {
    {
      std::lock_guard lock(mutex_);
      ready_.push_back(room);
    }
    cv_.notify_one();
  }
  int pop() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !ready_.empty(); });
    int room = ready_.front();
    ready_.pop_front();
    return room;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<int> ready_;
};

struct Counted {
  std::atomic<std::uint64_t> commits{0};
  std::atomic<std::uint64_t> failed{0};
  std::atomic<std::uint64_t> busy_us{0};  // inside transactions (execute + commit)
};

std::unique_ptr<parlor::room::Store> open_bench_store(const std::string& path, Counted& counted,
                                                      bool full) {
  parlor::store::Options options;
  options.durability =
      full ? parlor::store::Durability::kPowerLoss : parlor::store::Durability::kProcessCrash;
  options.on_commit = [&counted](const parlor::store::CommitInfo& info) {
    ++counted.commits;
    counted.failed += info.failed;
    counted.busy_us += static_cast<std::uint64_t>(info.duration.count());
  };
  auto store = parlor::store::open_sqlite_store(path, std::move(options));
  PARLOR_CHECK(store.ok(), store.error().message);
  return std::move(store).value();
}

void BM_DurableMoves(benchmark::State& state) {
  const int rooms = static_cast<int>(state.range(0));
  const bool full = state.range(1) != 0;
  // Moves per iteration: the same for every case, so that the database grows
  // alike, except one room under FULL: one fsync per move, kept short.
  const std::int64_t target = full && rooms == 1 ? 2'000 : 20'000;
  const std::int64_t per_room = std::max<std::int64_t>(1, target / rooms);
  BenchDir dir;
  Counted counted;
  auto store = open_bench_store(dir.db(), counted, full);
  std::vector<std::string> ids;
  for (int r = 0; r < rooms; ++r) ids.push_back("room-" + std::to_string(r));
  std::vector<std::int64_t> next_seq(static_cast<size_t>(rooms), 1);
  ReadyRooms ready;

  auto append_next = [&](int r) {
    store->append(ids[r], move(next_seq[r]++), [&ready, r](Status s) {
      PARLOR_CHECK(s.ok(), s.error().message);
      ready.push(r);
    });
  };
  std::int64_t moves = 0;
  for (auto _ : state) {
    const std::int64_t total = per_room * rooms;
    std::vector<std::int64_t> left(static_cast<size_t>(rooms), per_room - 1);
    for (int r = 0; r < rooms; ++r) append_next(r);
    for (std::int64_t acked = 0; acked < total; ++acked) {
      int r = ready.pop();  // r's last move is durable: it may make the next one
      if (left[r] > 0) {
        --left[r];
        append_next(r);
      }
    }
    moves += total;
  }
  const double commits = static_cast<double>(counted.commits.load());
  state.SetItemsProcessed(moves);
  state.counters["commits/s"] = benchmark::Counter(commits, benchmark::Counter::kIsRate);
  state.counters["moves/commit"] = commits > 0 ? static_cast<double>(moves) / commits : 0;
  state.counters["us/commit"] =
      commits > 0 ? static_cast<double>(counted.busy_us.load()) / commits : 0;
  PARLOR_CHECK(counted.failed == 0, "failed writes: " << counted.failed);
}
BENCHMARK(BM_DurableMoves)
    ->ArgNames({"rooms", "full"})
    ->Args({1, 0})
    ->Args({100, 0})
    ->Args({2000, 0})
    ->Args({1, 1})
    ->Args({100, 1})
    ->Args({2000, 1})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_Firehose(benchmark::State& state) {
  BenchDir dir;
  Counted counted;
  auto store = open_bench_store(dir.db(), counted, false);
  constexpr int kRooms = 2000;
  constexpr std::int64_t kMoves = 100'000;
  std::vector<std::string> ids;
  for (int r = 0; r < kRooms; ++r) ids.push_back("room-" + std::to_string(r));
  std::int64_t seq = 1, moves = 0;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < kMoves; ++i) {
      store->append(ids[static_cast<size_t>(i % kRooms)], move(seq), nullptr);
      if (i % kRooms == kRooms - 1) ++seq;
    }
    store->flush();
    moves += kMoves;
  }
  const double commits = static_cast<double>(counted.commits.load());
  state.SetItemsProcessed(moves);
  state.counters["commits/s"] = benchmark::Counter(commits, benchmark::Counter::kIsRate);
  state.counters["moves/commit"] = commits > 0 ? static_cast<double>(moves) / commits : 0;
  state.counters["us/commit"] =
      commits > 0 ? static_cast<double>(counted.busy_us.load()) / commits : 0;
  PARLOR_CHECK(counted.failed == 0, "failed writes: " << counted.failed);
}
BENCHMARK(BM_Firehose)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_LoadLog(benchmark::State& state) {
  const std::int64_t tail = state.range(0);
  BenchDir dir;
  Counted counted;
  parlor::store::Options options;
  options.fold_after_rows = std::int64_t{1} << 40;  // the tail stays as written
  options.on_commit = [&counted](const parlor::store::CommitInfo&) { ++counted.commits; };
  auto opened = parlor::store::open_sqlite_store(dir.db(), std::move(options));
  PARLOR_CHECK(opened.ok(), opened.error().message);
  auto store = std::move(opened).value();
  constexpr int kRooms = 2000;
  for (std::int64_t i = 0; i < tail; ++i)
    store->append("room-" + std::to_string(i % kRooms), move(i / kRooms + 1), nullptr);
  for (std::int64_t seq = 1; seq <= 40; ++seq) store->append("the-room", move(seq), nullptr);
  store->flush();
  for (auto _ : state) {
    auto log = store->load_log("the-room", 0);
    PARLOR_CHECK(log.size() == 40, "read " << log.size() << " entries");
    benchmark::DoNotOptimize(log);
  }
}
BENCHMARK(BM_LoadLog)->ArgName("tail")->Arg(0)->Arg(16384)->Arg(65536)->Arg(131072)->Unit(benchmark::kMicrosecond);

}  // namespace
