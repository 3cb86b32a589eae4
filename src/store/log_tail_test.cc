// The log's tail (schema version 3): appends land in room_log, in arrival
// order, and the writer indexes them by room (log_index) a few rooms at a
// time. Whatever the tail and the fold are doing, a room's log reads
// complete, in order, each entry once.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"
#include "store/store_test_util.h"
#include "store/write_connection.h"

namespace parlor::store {
namespace {

using namespace std::chrono_literals;
using namespace parlor::store::test_util;

Options small_folds() {
  Options options;
  options.fold_after_rows = 10;
  options.fold_rows_per_step = 3;
  return options;
}

// The log's tail: its entries not yet indexed (the fold's cut is recorded).
constexpr const char* kTailRows =
    "SELECT count(*) FROM room_log WHERE id > (SELECT indexed_upto FROM log_fold)";
constexpr const char* kIndexed = "SELECT count(*) FROM log_index";

std::string room_name(int r) { return "room-" + std::to_string(r); }

// A file as an older Parlor left it: schema `version`, then `rows_sql`.
void write_old_file(const std::string& path, std::size_t version, const std::string& rows_sql) {
  auto db = Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db.value().exec("PRAGMA journal_mode = WAL", "wal").ok());
  ASSERT_TRUE(migrate(db.value(), parlor_migrations().first(version)).ok());
  ASSERT_TRUE(db.value().exec(rows_sql, "old rows").ok());
}

// Waits (bounded) until `sql` on a separate connection reaches `at_least`.
bool eventually_at_least(const std::string& path, const std::string& sql, std::int64_t at_least) {
  for (int i = 0; i < 500; ++i) {
    if (raw_int(path, sql) >= at_least) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(LogTail, ReadsSeeEveryEntryOnceWhileTheTailIsFolded) {
  TempDir dir;
  const std::string path = dir.file("fold.db");
  auto store = open_store(path, small_folds());
  constexpr int kRooms = 4, kPerRoom = 30;
  for (std::int64_t seq = 1; seq <= kPerRoom; ++seq) {
    for (int r = 0; r < kRooms; ++r) {
      ASSERT_TRUE(append_and_wait(*store, room_name(r), entry(seq, "{\"n\":" + std::to_string(seq) + "}")).ok());
    }
    // After every round, mid-fold or not, each room reads whole.
    for (int r = 0; r < kRooms; ++r) {
      auto log = store->load_log(room_name(r), 0);
      ASSERT_EQ(seqs_of(log), one_to(seq)) << room_name(r) << " after round " << seq;
      EXPECT_EQ(log.back().body, "{\"n\":" + std::to_string(seq) + "}");
    }
  }
  // The folds ran: most of the log is indexed, the tail stays short.
  ASSERT_TRUE(eventually_at_least(path, kIndexed, kRooms * kPerRoom - 12));
  EXPECT_LE(raw_int(path, kTailRows), 12);
  EXPECT_EQ(seqs_of(store->load_log(room_name(2), 25)), (std::vector<std::int64_t>{26, 27, 28, 29, 30}));
}

TEST(LogTail, ARowIndexedBeyondTheCutIsReadOnceAndTheNextOpenFinishesTheFold) {
  TempDir dir;
  const std::string path = dir.file("half.db");
  {
    auto store = open_store(path);  // default settings: no fold in this test
    for (std::int64_t seq = 1; seq <= 6; ++seq) {
      ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq, "{\"v\":" + std::to_string(seq) + "}")).ok());
      ASSERT_TRUE(append_and_wait(*store, "r2", entry(seq)).ok());
    }
    ASSERT_EQ(raw_int(path, kTailRows), 12);
    // What a server killed in the middle of a fold leaves: rows indexed by
    // its first steps, while log_fold still has the cut before them.
    raw_exec(path,
             "INSERT INTO log_index (room_id, seq, entry_id) "
             "SELECT room_id, seq, id FROM room_log WHERE room_id = 'r1' AND seq <= 4");
    auto log = store->load_log("r1", 0);
    ASSERT_EQ(seqs_of(log), one_to(6));
    EXPECT_EQ(log[3].body, "{\"v\":4}");
    EXPECT_EQ(seqs_of(store->load_log("r1", 2)), (std::vector<std::int64_t>{3, 4, 5, 6}));
    // Indexed or not, a stored seq is still refused, and the next one goes on.
    Status again = append_and_wait(*store, "r1", entry(3, "{\"v\":\"again\"}"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "duplicate_seq");
    ASSERT_TRUE(append_and_wait(*store, "r1", entry(7)).ok());
  }
  auto store = open_store(path);  // indexes the whole tail first
  EXPECT_EQ(raw_int(path, kTailRows), 0);
  EXPECT_EQ(raw_int(path, kIndexed), 13);
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM room_log"), 13);
  auto log = store->load_log("r1", 0);
  ASSERT_EQ(seqs_of(log), one_to(7));
  EXPECT_EQ(log[2].body, "{\"v\":3}");  // the original stays
  EXPECT_EQ(seqs_of(store->load_log("r2", 0)), one_to(6));
  // Ids go on after the last one: a new entry is found by the index.
  ASSERT_TRUE(append_and_wait(*store, "r2", entry(7)).ok());
  EXPECT_EQ(raw_int(path, "SELECT max(id) FROM room_log"), 14);
  EXPECT_EQ(seqs_of(store->load_log("r2", 0)), one_to(7));
}

TEST(LogTail, AnEntryAlreadyFoldedIsStillADuplicate) {
  TempDir dir;
  const std::string path = dir.file("dup.db");
  auto store = open_store(path, small_folds());
  for (std::int64_t seq = 1; seq <= 40; ++seq) ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq)).ok());
  ASSERT_TRUE(eventually_at_least(path, kIndexed, 30));
  for (std::int64_t seq : {1, 17, 30, 40}) {
    Status again = append_and_wait(*store, "r1", entry(seq, "{\"again\":true}"));
    ASSERT_FALSE(again.ok()) << "seq " << seq;
    EXPECT_EQ(again.error().code, "duplicate_seq");
  }
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(41)).ok());
  auto log = store->load_log("r1", 0);
  ASSERT_EQ(seqs_of(log), one_to(41));
  EXPECT_EQ(log[16].body, "{}");
}

TEST(LogTail, RowsAppendedDuringAFoldAfterTheTailEmptiedAreKept) {
  TempDir dir;
  const std::string path = dir.file("empty.db");
  auto store = open_store(path, small_folds());
  {
    WriterGate gate(*store);  // 30 rows in one batch: the fold starts in a later one
    for (std::int64_t seq = 1; seq <= 10; ++seq)
      for (const char* room : {"a", "b", "c"}) store->append(room, entry(seq), nullptr);
    gate.release();
    store->flush();
  }
  // Batches without appends carry the fold to its end: the tail is empty.
  for (int i = 0; i < 20 && raw_int(path, kTailRows) > 0; ++i)
    ASSERT_TRUE(store->save_snapshot("other", {i + 1, "{}"}).ok());
  ASSERT_EQ(raw_int(path, kTailRows), 0);
  // A second fold, and while it runs, more moves of a room it has moved already.
  std::int64_t next_a = 11;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(append_and_wait(*store, "a", entry(next_a++)).ok());
  for (std::int64_t seq = 11; seq <= 13; ++seq) ASSERT_TRUE(append_and_wait(*store, "b", entry(seq)).ok());
  for (std::int64_t seq = 11; seq <= 13; ++seq) {
    ASSERT_TRUE(append_and_wait(*store, "c", entry(seq)).ok());
    ASSERT_TRUE(append_and_wait(*store, "a", entry(next_a++)).ok());
  }
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(store->save_snapshot("other", {100 + i, "{}"}).ok());
  EXPECT_EQ(seqs_of(store->load_log("a", 0)), one_to(next_a - 1));
  EXPECT_EQ(seqs_of(store->load_log("b", 0)), one_to(13));
  EXPECT_EQ(seqs_of(store->load_log("c", 0)), one_to(13));
  store.reset();
  store = open_store(path);
  EXPECT_EQ(seqs_of(store->load_log("a", 0)), one_to(next_a - 1));
}

TEST(LogTail, EachFoldStepFollowsABatchInACommitOfItsOwnAndIndexesWholeRooms) {
  TempDir dir;
  const std::string path = dir.file("steps.db");
  // The writer reports each commit in order, on its thread; the index is
  // counted there too, so each figure is the one that commit left.
  std::mutex mutex;
  std::vector<std::pair<bool, std::int64_t>> commits;  // (fold step?, entries indexed after it)
  Options options = small_folds();                     // whole rooms, >= 3 rows a step
  options.on_commit = [&](const CommitInfo& info) {
    const std::int64_t indexed = raw_int(path, kIndexed);
    std::lock_guard lock(mutex);
    EXPECT_EQ(info.fold_step, info.jobs == 0);  // a step carries no writes
    commits.emplace_back(info.fold_step, indexed);
  };
  auto store = open_store(path, options);
  {
    WriterGate gate(*store);  // 30 rows in one batch, after the gate's own
    for (std::int64_t seq = 1; seq <= 10; ++seq)
      for (const char* room : {"a", "b", "c"}) store->append(room, entry(seq), nullptr);
    gate.release();
    store->flush();
  }
  // Batches without appends carry the fold to its end; every room reads
  // whole throughout.
  for (int batch = 1; batch <= 20 && raw_int(path, kTailRows) > 0; ++batch) {
    ASSERT_TRUE(store->save_snapshot("other", {batch, "{}"}).ok());
    for (const char* room : {"a", "b", "c"}) ASSERT_EQ(seqs_of(store->load_log(room, 0)), one_to(10)) << room;
  }
  store.reset();  // the writer has stopped: `commits` is complete
  std::vector<std::int64_t> indexed_by_step;
  for (std::size_t i = 0; i < commits.size(); ++i) {
    if (!commits[i].first) continue;
    ASSERT_GT(i, 0u);
    EXPECT_FALSE(commits[i - 1].first) << "commit " << i << ": one step after each batch";
    indexed_by_step.push_back(commits[i].second);
  }
  // Rooms in order, whole: a, b, c (10 rows each), then the gate's room.
  EXPECT_EQ(indexed_by_step, (std::vector<std::int64_t>{10, 20, 30, 31}));
  EXPECT_EQ(raw_int(path, kTailRows), 0);
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM room_log"), 31);
}

TEST(LogTail, ABusyWriterTakesAFoldStepOncePerHalfAStepOfAppends) {
  TempDir dir;
  const std::string path = dir.file("paced.db");
  { auto store = open_store(path); }  // creates and migrates the file
  auto db = Db::open(path, SQLITE_OPEN_READWRITE);
  ASSERT_TRUE(db.ok());
  auto opened = WriteConnection::create(std::move(db).value());
  ASSERT_TRUE(opened.ok());
  WriteConnection& conn = *opened.value();
  conn.set_fold({.start_after_rows = 80, .rows_per_step = 40});
  // Transaction t appends seq t to `rooms` rooms; then, when fold_due()
  // says so, a fold step follows in a transaction of its own, as the writer
  // does.
  std::vector<int> stepped;
  auto transaction = [&](int t, int rooms) {
    ASSERT_TRUE(conn.begin().ok());
    for (int r = 0; r < rooms; ++r) ASSERT_TRUE(conn.append(room_name(r), entry(t)).ok());
    ASSERT_TRUE(conn.commit().ok());
    if (!conn.fold_due()) return;
    ASSERT_TRUE(conn.begin().ok());
    ASSERT_TRUE(conn.fold_step().ok());
    ASSERT_TRUE(conn.commit().ok());
    stepped.push_back(t);
  };
  // Ten appends each (a busy writer): a fold starts once 80 rows wait (8 a
  // room; a step takes 5 rooms), and its second step waits until 20 more
  // rows (half a step) were appended: the transaction after next.
  for (int t = 1; t <= 16; ++t) transaction(t, 10);
  EXPECT_EQ(stepped, (std::vector<int>{8, 10, 16}));
  // One append (a writer with time to spare): a step at once, the rest of
  // the fold under way (17). Then nothing is under way and the tail holds
  // 2 rows: no step (18).
  transaction(17, 1);
  transaction(18, 1);
  EXPECT_EQ(stepped, (std::vector<int>{8, 10, 16, 17}));
  opened.value().reset();
  auto store = open_store(path);
  EXPECT_EQ(raw_int(path, kTailRows), 0);  // indexed at open
  EXPECT_EQ(seqs_of(store->load_log(room_name(0), 0)), one_to(18));
  EXPECT_EQ(seqs_of(store->load_log(room_name(9), 0)), one_to(16));
}

TEST(LogTail, AFailedAppendLeavesItsSeqFree) {
  TempDir dir;
  const std::string path = dir.file("failed.db");
  auto store = open_store(path, small_folds());
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(1)).ok());
  // The statement fails (a failed batch is group_commit_writer_test's).
  raw_exec(path, "CREATE TRIGGER refuse BEFORE INSERT ON room_log WHEN NEW.seq = 2 "
                 "BEGIN SELECT RAISE(ABORT, 'refused'); END");
  Status refused = append_and_wait(*store, "r1", entry(2));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "constraint");
  raw_exec(path, "DROP TRIGGER refuse");
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(2)).ok());
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(2));
}

TEST(LogTail, AVersionOneFileKeepsItsLogAndGoesOn) {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  // A file written before the tail existed: schema version 1, its log in room_log.
  write_old_file(path, 1,
                 "INSERT INTO room_log VALUES ('r1', 1, 'start', -1, '{}', 1), "
                 "('r1', 2, 'move', 0, '{\"old\":2}', 2)");
  auto store = open_store(path, small_folds());
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"), static_cast<std::int64_t>(parlor_migrations().size()));
  Status again = append_and_wait(*store, "r1", entry(2));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "duplicate_seq");
  for (std::int64_t seq = 3; seq <= 30; ++seq) ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq)).ok());
  auto log = store->load_log("r1", 0);
  ASSERT_EQ(seqs_of(log), one_to(30));
  EXPECT_EQ(log[1].body, "{\"old\":2}");
}

TEST(LogTail, AVersionTwoFileKeepsItsLogAndItsTailOnceEachAndGoesOn) {
  TempDir dir;
  const std::string path = dir.file("v2.db");
  // Schema version 2, as a server killed mid-fold left it: r1's 1-3 in
  // room_log, 3 (copied, not yet deleted) and 4-5 in log_tail; r2 only in
  // the tail.
  write_old_file(path, 2,
                 "INSERT INTO room_log VALUES ('r1', 1, 'start', -1, '{}', 1), "
                 "('r1', 2, 'move', 0, '{\"old\":2}', 2), ('r1', 3, 'move', 1, '{\"old\":3}', 3); "
                 "INSERT INTO log_tail VALUES (7, 'r1', 3, 'move', 1, '{\"old\":3}', 3), "
                 "(8, 'r2', 1, 'start', -1, '{}', 4), (9, 'r1', 4, 'move', 2, '{\"old\":4}', 5), "
                 "(10, 'r1', 5, 'move', 3, '{\"old\":5}', 6)");
  auto store = open_store(path, small_folds());
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"), static_cast<std::int64_t>(parlor_migrations().size()));
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM room_log"), 6);  // r1's 3 once
  EXPECT_EQ(raw_int(path, kIndexed), 6);
  EXPECT_EQ(raw_int(path, kTailRows), 0);
  auto log = store->load_log("r1", 0);
  ASSERT_EQ(seqs_of(log), one_to(5));
  EXPECT_EQ(log[2].body, "{\"old\":3}");
  EXPECT_EQ(log[4].seat, 3);
  EXPECT_EQ(seqs_of(store->load_log("r2", 0)), one_to(1));
  Status again = append_and_wait(*store, "r1", entry(4));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "duplicate_seq");
  for (std::int64_t seq = 6; seq <= 30; ++seq) ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq)).ok());
  ASSERT_TRUE(eventually_at_least(path, kIndexed, 20));
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(30));
}

}  // namespace
}  // namespace parlor::store
