// Tests of the SQLite store's writer on real files in a temporary directory:
// group commit, flush, back-pressure, callbacks that use the store, reopening
// after close, read failures, and power-loss durability.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/store_test_util.h"

namespace parlor::store {
namespace {

using namespace std::chrono_literals;
using namespace parlor::store::test_util;

// ---- group commit

TEST(SqliteStore, DuplicateSeqFailsOnlyThatEntry) {
  TempDir dir;
  std::mutex mutex;
  std::vector<CommitInfo> commits;
  Options options;
  options.on_commit = [&](const CommitInfo& info) {
    std::lock_guard lock(mutex);
    commits.push_back(info);
  };
  auto store = open_store(dir.file("dup.db"), options);
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(1, "one")).ok());
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(2, "two")).ok());

  std::vector<Status> outcomes(4);
  {
    WriterGate gate(*store);  // the next four writes form one batch
    store->append("r1", entry(3, "three"), [&](Status s) { outcomes[0] = s; });
    store->append("r1", entry(2, "two again"), [&](Status s) { outcomes[1] = s; });
    store->append("r1", entry(4, "four"), [&](Status s) { outcomes[2] = s; });
    store->append("r1", entry(4, "four again"), [&](Status s) { outcomes[3] = s; });
    gate.release();
    store->flush();
  }
  EXPECT_TRUE(outcomes[0].ok());
  ASSERT_FALSE(outcomes[1].ok());
  EXPECT_EQ(outcomes[1].error().code, "duplicate_seq");
  EXPECT_TRUE(outcomes[2].ok());
  ASSERT_FALSE(outcomes[3].ok());
  EXPECT_EQ(outcomes[3].error().code, "duplicate_seq");

  auto log = store->load_log("r1", 0);
  ASSERT_EQ(seqs_of(log), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(log[1].body, "two");  // the original stays
  EXPECT_EQ(log[3].body, "four");
  std::lock_guard lock(mutex);
  ASSERT_FALSE(commits.empty());
  EXPECT_EQ(commits.back().jobs, 4u);
  EXPECT_EQ(commits.back().failed, 2u);
}

TEST(SqliteStore, ManyThreadsManyRoomsGroupCommit) {
  TempDir dir;
  constexpr int kThreads = 4, kRoomsPerThread = 25, kEntries = 40;
  constexpr int kTotal = kThreads * kRoomsPerThread * kEntries;
  std::atomic<std::uint64_t> batches{0}, batched_jobs{0};
  Options options;
  options.on_commit = [&](const CommitInfo& info) {
    ++batches;
    batched_jobs += info.jobs;
  };
  auto store = open_store(dir.file("group.db"), options);

  // Written on the writer thread only; read after flush().
  std::map<std::string, std::vector<std::int64_t>> acked;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::thread reader([&] {  // reads run concurrently with the writer
    while (writing) {
      auto log = store->load_log("t0-r0", 0);
      for (size_t i = 0; i < log.size(); ++i) {
        if (log[i].seq != static_cast<std::int64_t>(i + 1)) ++failures;
      }
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int seq = 1; seq <= kEntries; ++seq) {
        for (int r = 0; r < kRoomsPerThread; ++r) {
          std::string room_id = "t" + std::to_string(t) + "-r" + std::to_string(r);
          store->append(room_id, entry(seq, "{\"n\":" + std::to_string(seq) + "}"),
                        [&acked, &failures, room_id, seq](Status s) {
                          if (!s.ok()) ++failures;
                          acked[room_id].push_back(seq);
                        });
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  store->flush();
  writing = false;
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(acked.size(), static_cast<size_t>(kThreads * kRoomsPerThread));
  for (const auto& [room_id, seqs] : acked) {
    EXPECT_EQ(seqs, one_to(kEntries)) << room_id;  // each done once, in seq order
    EXPECT_EQ(seqs_of(store->load_log(room_id, 0)), one_to(kEntries)) << room_id;
  }
  EXPECT_EQ(batched_jobs.load(), static_cast<std::uint64_t>(kTotal));
  EXPECT_LT(batches.load(), static_cast<std::uint64_t>(kTotal)) << "no batch had two entries";
}

TEST(SqliteStore, FlushWaitsForEverythingQueuedBefore) {
  TempDir dir;
  auto store = open_store(dir.file("flush.db"));
  std::atomic<int> done{0};
  for (int seq = 1; seq <= 2000; ++seq) {
    store->append("r1", entry(seq), [&](Status s) {
      EXPECT_TRUE(s.ok());
      ++done;
    });
    if (seq % 500 == 0)
      store->add_chat(chat("lobby", "x"), [&](auto r) {
        EXPECT_TRUE(r.ok());
        ++done;
      });
  }
  store->flush();
  EXPECT_EQ(done.load(), 2004);
  EXPECT_EQ(store->load_log("r1", 0).size(), 2000u);
  EXPECT_EQ(store->load_chat("lobby", 10).size(), 4u);
  store->flush();  // nothing queued: returns at once
}

TEST(SqliteStore, AQueuedSnapshotCommitsAfterTheEntriesBeforeIt) {
  TempDir dir;
  auto store = open_store(dir.file("snap.db"));
  // Each snapshot is queued right after the entry it includes and never
  // waits; whenever one is visible, its entries are too.
  std::atomic<int> saved{0};
  for (int seq = 1; seq <= 300; ++seq) {
    store->append("r1", entry(seq), nullptr);
    if (seq % 50 == 0) {
      store->save_snapshot_later("r1", {seq, "{\"at\":" + std::to_string(seq) + "}"}, [&](Status s) {
        EXPECT_TRUE(s.ok());
        ++saved;
      });
    }
    if (auto snap = store->load_snapshot("r1")) {
      EXPECT_GE(static_cast<std::int64_t>(store->load_log("r1", 0).size()), snap->seq);
    }
  }
  store->flush();
  EXPECT_EQ(saved.load(), 6);
  auto last = store->load_snapshot("r1");
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->seq, 300);
  EXPECT_EQ(last->state, "{\"at\":300}");
}

// A game's end as a room queues it: the last entries, the room's record and
// the result, none waited for. Each `done` sees its own write and every
// earlier one; a result the store refuses fails that job only.
TEST(SqliteStore, QueuedRoomRecordsAndResultsCommitInOrder) {
  TempDir dir;
  auto store = open_store(dir.file("later.db"));
  std::atomic<int> checked{0};
  for (int seq = 1; seq <= 40; ++seq) store->append("r1", entry(seq), nullptr);
  store->save_room_later(room_record("r1", "finished", 5), [&](Status s) {
    EXPECT_TRUE(s.ok());
    auto room = store->load_room("r1");
    EXPECT_TRUE(room.has_value() && room->status == "finished");
    EXPECT_GE(store->load_log("r1", 0).size(), 40u);  // its batch may hold the next one too
    ++checked;
  });
  store->save_result_later(game_result("r1", "hearts", R"({"seed":"a"})", {"p1", "", "", ""},
                                       {true, false, false, false}),
                           [&](Status s) {
                             EXPECT_TRUE(s.ok());
                             EXPECT_TRUE(store->load_result("r1").has_value());
                             ++checked;
                           });
  store->save_result_later(game_result("r2", "hearts", "{}", {"p1", "p2"}, {true}), [&](Status s) {
    EXPECT_FALSE(s.ok());
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, "invalid_result");
    }
    ++checked;
  });
  store->append("r1", entry(41), [&](Status s) {
    EXPECT_TRUE(s.ok());
    ++checked;
  });
  store->flush();
  EXPECT_EQ(checked.load(), 4);
  EXPECT_FALSE(store->load_result("r2").has_value());
  EXPECT_EQ(store->load_log("r1", 0).size(), 41u);
}

// The WAL reaches the database file while the store is open only through a
// checkpoint: with the background checkpointer the file grows within moments
// of the writes; with only SQLite's inline threshold (far above what these
// writes fill) it does not, because no commit stopped to checkpoint.
TEST(SqliteStore, TheBackgroundCheckpointerCopiesTheWalWhileCommitsGoOn) {
  auto db_size_after_writes = [](std::chrono::milliseconds every) {
    TempDir dir;
    Options options;
    options.checkpoint_every = every;
    auto store = open_store(dir.file("ckpt.db"), options);
    const auto before = std::filesystem::file_size(dir.file("ckpt.db"));
    const std::string body = "{\"pad\":\"" + std::string(400, 'x') + "\"}";
    for (int seq = 1; seq <= 3000; ++seq) store->append("r" + std::to_string(seq % 50), entry(seq / 50 + 1, body), nullptr);
    store->flush();
    std::this_thread::sleep_for(400ms);
    EXPECT_EQ(store->load_log("r7", 0).size(), 60u);  // everything readable either way
    return std::filesystem::file_size(dir.file("ckpt.db")) - before;
  };
  EXPECT_GT(db_size_after_writes(50ms), 1'000'000u);
  EXPECT_LT(db_size_after_writes(0ms), 100'000u);
}

// Under a steady stream of commits a passive checkpoint never catches up with
// the last frame, so the WAL would grow with everything written (the rooms
// benchmark saw 390 MiB); past wal_restart_pages the checkpointer starts it
// over, and its file stays about that size.
TEST(SqliteStore, TheWalStaysBoundedUnderSteadyCommits) {
  // The same 60 MB of appends each time, however fast the machine.
  constexpr std::int64_t kAppends = 15'000;
  auto wal_size_after_steady_writes = [](int restart_pages) {
    TempDir dir;
    Options options;
    options.checkpoint_every = 20ms;
    options.wal_restart_pages = restart_pages;
    // No folds of the log's tail: their bursts of log_index pages are not
    // what this measures.
    options.fold_after_rows = std::int64_t{1} << 40;
    auto store = open_store(dir.file("steady.db"), options);
    const std::string body = "{\"pad\":\"" + std::string(4000, 'x') + "\"}";
    std::int64_t seq = 0;
    // Like a busy server: a commit every millisecond or so, the writer idle
    // in between (a saturated writer starves the restart, see checkpointer.cc).
    while (seq < kAppends) {
      for (int i = 0; i < 20; ++i, ++seq) store->append("r" + std::to_string(seq % 50), entry(seq / 50 + 1, body), nullptr);
      store->flush();
      std::this_thread::sleep_for(1ms);
    }
    EXPECT_EQ(store->load_log("r7", 0).size(), static_cast<size_t>(kAppends / 50));
    return std::filesystem::file_size(dir.file("steady.db-wal"));
  };
  // Measured: never restarted, 45-73 MB; restarted past 1 MiB, 2.5-5.5 MB
  // (Release, alone or beside other tests; ASan alike). Compared, not absolute: how far a
  // restart lags depends on how busy the machine is.
  const auto restarted = wal_size_after_steady_writes(256);  // 256 pages = 1 MiB
  const auto grown = wal_size_after_steady_writes(1'000'000);
  // (A passive checkpoint that catches up lets the next commit start the
  // WAL over by itself, now and then, so "grown" varies: 45-73 MB.)
  EXPECT_GT(grown, 20'000'000u) << "too little growth to tell";
  EXPECT_LT(restarted * 4, grown) << "restarted " << restarted << ", grown " << grown;
}

TEST(SqliteStore, FullQueueBlocksTheCallerAndDropsNothing) {
  TempDir dir;
  Options options;
  options.max_queued = 8;
  auto store = open_store(dir.file("pressure.db"), options);
  std::atomic<int> returned{0}, acked{0};
  auto gate = std::make_unique<WriterGate>(*store);  // the writer takes nothing meanwhile
  std::thread producer([&] {
    for (int seq = 1; seq <= 100; ++seq) {
      store->append("r1", entry(seq), [&](Status s) {
        EXPECT_TRUE(s.ok());
        ++acked;
      });
      ++returned;
    }
  });
  for (int i = 0; i < 1000 && returned.load() < 8; ++i) std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(100ms);  // time for a wrong 9th append to return
  EXPECT_EQ(returned.load(), 8) << "the 9th append should wait for space";
  EXPECT_EQ(acked.load(), 0);
  gate->release();
  producer.join();
  store->flush();
  EXPECT_EQ(acked.load(), 100);
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(100));
}

TEST(SqliteStore, CallbacksMayUseTheStore) {
  TempDir dir;
  Options options;
  options.max_queued = 1;  // an append from a callback must not wait for space
  auto store = open_store(dir.file("reentrant.db"), options);
  std::promise<void> finished;
  std::function<void(std::int64_t)> next = [&](std::int64_t seq) {
    store->append("r1", entry(seq), [&, seq](Status s) {
      EXPECT_TRUE(s.ok());
      // A synchronous write and a read on the writer thread.
      EXPECT_TRUE(store->save_snapshot("r1", {seq, "{}"}).ok());
      EXPECT_EQ(store->load_log("r1", seq - 1).size(), 1u);
      if (seq < 50) {
        store->append("r2", entry(seq), nullptr);  // queue more from the writer
        next(seq + 1);
      } else {
        finished.set_value();
      }
    });
  };
  next(1);
  finished.get_future().wait();
  store->flush();
  EXPECT_EQ(store->load_snapshot("r1")->seq, 50);
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(50));
  EXPECT_EQ(seqs_of(store->load_log("r2", 0)), one_to(49));
}

TEST(SqliteStore, ReopenAfterCloseKeepsEverything) {
  TempDir dir;
  const std::string path = dir.file("reopen-all.db");
  std::atomic<int> acked{0};
  {
    auto store = open_store(path);
    ASSERT_TRUE(store->upsert_player("p1", "Ann").ok());
    ASSERT_TRUE(store->save_room(room_record("r1", "playing", 1)).ok());
    ASSERT_TRUE(store->save_snapshot("r1", {3, "{\"state\":3}"}).ok());
    ASSERT_TRUE(store->save_result(game_result("r0", "golf", "{}", {"p1"}, {true})).ok());
    for (int seq = 1; seq <= 500; ++seq) {
      store->append("r1", entry(seq), [&](Status s) { acked += s.ok(); });
    }
    store->add_chat(chat("r1", "bye"), [&](auto r) { acked += r.ok(); });
    // No flush: destruction completes the queue.
  }
  EXPECT_EQ(acked.load(), 501);
  auto store = open_store(path);
  EXPECT_EQ(store->load_room("r1")->status, "playing");
  EXPECT_EQ(store->load_open_rooms().size(), 1u);
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(500));
  EXPECT_EQ(store->load_snapshot("r1")->state, "{\"state\":3}");
  EXPECT_EQ(store->load_chat("r1", 5).at(0).text, "bye");
  EXPECT_EQ(store->load_result("r0")->game, "golf");
  ASSERT_EQ(store->player_stats("p1").size(), 1u);
  // Chat ids keep increasing across a reopen.
  auto later = chat_and_wait(*store, chat("r1", "back"));
  ASSERT_TRUE(later.ok());
  EXPECT_GT(later->id, store->load_chat("r1", 2).at(0).id);
}

TEST(SqliteStore, ReadFailuresThrowStoreError) {
  TempDir dir;
  const std::string path = dir.file("broken.db");
  auto store = open_store(path);
  ASSERT_TRUE(chat_and_wait(*store, chat("lobby", "hi")).ok());
  raw_exec(path, "DROP TABLE chat");  // behind the store's back
  try {
    (void)store->load_chat("lobby", 5);
    FAIL() << "load_chat of a dropped table returned";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.error().code, "storage_error");
    EXPECT_NE(std::string(e.what()).find("no such table: chat"), std::string::npos) << e.what();
  }
}

TEST(SqliteStore, PowerLossDurabilityWorksTheSame) {
  TempDir dir;
  Options options;
  options.durability = Durability::kPowerLoss;
  options.read_connections = 1;
  auto store = open_store(dir.file("full.db"), options);
  for (int seq = 1; seq <= 20; ++seq) ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq)).ok());
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(20));
}

}  // namespace
}  // namespace parlor::store
