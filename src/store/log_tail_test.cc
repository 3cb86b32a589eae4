// The log's tail (schema version 2): appends land in log_tail and the writer
// folds them into room_log a few rooms at a time. Whatever the tail and the
// fold are doing, a room's log reads complete, in order, each entry once.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
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
  options.fold_deletes_per_step = 4;
  return options;
}

std::string room_name(int r) { return "room-" + std::to_string(r); }

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
  // The folds ran: most of the log is in room_log, the tail stays short.
  ASSERT_TRUE(eventually_at_least(path, "SELECT count(*) FROM room_log", kRooms * kPerRoom - 12));
  EXPECT_LE(raw_int(path, "SELECT count(*) FROM log_tail"), 12);
  EXPECT_EQ(seqs_of(store->load_log(room_name(2), 25)), (std::vector<std::int64_t>{26, 27, 28, 29, 30}));
}

TEST(LogTail, ARowCopiedButNotYetDeletedIsReadOnceAndTheNextOpenFinishesTheFold) {
  TempDir dir;
  const std::string path = dir.file("half.db");
  {
    auto store = open_store(path);  // default settings: no fold in this test
    for (std::int64_t seq = 1; seq <= 6; ++seq) {
      ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq, "{\"v\":" + std::to_string(seq) + "}")).ok());
      ASSERT_TRUE(append_and_wait(*store, "r2", entry(seq)).ok());
    }
    ASSERT_EQ(raw_int(path, "SELECT count(*) FROM log_tail"), 12);
    // What a server killed in the middle of a fold leaves: rows copied to
    // room_log and still in the tail.
    raw_exec(path,
             "INSERT INTO room_log (room_id, seq, kind, seat, body, at_ms) "
             "SELECT room_id, seq, kind, seat, body, at_ms FROM log_tail WHERE room_id = 'r1' AND seq <= 4");
    auto log = store->load_log("r1", 0);
    ASSERT_EQ(seqs_of(log), one_to(6));
    EXPECT_EQ(log[3].body, "{\"v\":4}");
    EXPECT_EQ(seqs_of(store->load_log("r1", 2)), (std::vector<std::int64_t>{3, 4, 5, 6}));
    // Copied or not, a stored seq is still refused, and the next one goes on.
    Status again = append_and_wait(*store, "r1", entry(3, "{\"v\":\"again\"}"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "duplicate_seq");
    ASSERT_TRUE(append_and_wait(*store, "r1", entry(7)).ok());
  }
  auto store = open_store(path);  // folds the whole tail first
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM log_tail"), 0);
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM room_log"), 13);
  auto log = store->load_log("r1", 0);
  ASSERT_EQ(seqs_of(log), one_to(7));
  EXPECT_EQ(log[2].body, "{\"v\":3}");  // the original stays
  EXPECT_EQ(seqs_of(store->load_log("r2", 0)), one_to(6));
}

TEST(LogTail, AnEntryAlreadyFoldedIsStillADuplicate) {
  TempDir dir;
  const std::string path = dir.file("dup.db");
  auto store = open_store(path, small_folds());
  for (std::int64_t seq = 1; seq <= 40; ++seq) ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq)).ok());
  ASSERT_TRUE(eventually_at_least(path, "SELECT count(*) FROM room_log", 30));
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
  for (int i = 0; i < 20 && raw_int(path, "SELECT count(*) FROM log_tail") > 0; ++i)
    ASSERT_TRUE(store->save_snapshot("other", {i + 1, "{}"}).ok());
  ASSERT_EQ(raw_int(path, "SELECT count(*) FROM log_tail"), 0);
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

TEST(LogTail, TheFoldDeletesTheCopiedRowsAFewPerBatchAndReadsStayWhole) {
  TempDir dir;
  const std::string path = dir.file("deletes.db");
  auto store = open_store(path, small_folds());  // deletes 4 rows per step
  {
    WriterGate gate(*store);  // 30 rows in one batch
    for (std::int64_t seq = 1; seq <= 10; ++seq)
      for (const char* room : {"a", "b", "c"}) store->append(room, entry(seq), nullptr);
    gate.release();
    store->flush();
  }
  // One fold step rides on each batch: copy steps fill room_log, then delete
  // steps empty the tail at most 4 rows a batch; every room reads whole
  // throughout.
  std::int64_t tail = raw_int(path, "SELECT count(*) FROM log_tail");
  ASSERT_EQ(tail, 31);  // the gate's row too
  int batches = 0, deleting_batches = 0;
  while (tail > 0 && batches < 40) {
    ASSERT_TRUE(store->save_snapshot("other", {++batches, "{}"}).ok());
    const std::int64_t now = raw_int(path, "SELECT count(*) FROM log_tail");
    EXPECT_LE(tail - now, 4) << "batch " << batches;
    if (now < tail) ++deleting_batches;
    tail = now;
    for (const char* room : {"a", "b", "c"}) ASSERT_EQ(seqs_of(store->load_log(room, 0)), one_to(10)) << room;
  }
  EXPECT_EQ(tail, 0);
  EXPECT_GE(deleting_batches, 8);  // 31 rows, at most 4 at a time
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
  conn.set_fold({.start_after_rows = 20, .rows_per_step = 40, .deletes_per_step = 1000});
  // Transaction t appends seq t to `rooms` rooms and takes a fold step when
  // fold_due() says so, as the writer does.
  std::vector<int> stepped;
  auto transaction = [&](int t, int rooms) {
    ASSERT_TRUE(conn.begin().ok());
    for (int r = 0; r < rooms; ++r) ASSERT_TRUE(conn.append(room_name(r), entry(t)).ok());
    if (conn.fold_due()) {
      ASSERT_TRUE(conn.fold_step().ok());
      stepped.push_back(t);
    }
    ASSERT_TRUE(conn.commit().ok());
  };
  // Ten appends each (a busy writer): a fold starts once 20 rows wait (one
  // copy step takes them all), and its delete step waits until 20 more rows
  // (half a step) were appended: every other transaction.
  for (int t = 1; t <= 12; ++t) transaction(t, 10);
  EXPECT_EQ(stepped, (std::vector<int>{2, 4, 5, 7, 8, 10, 11}));
  // One append each (a writer with time to spare): a step every time, the
  // delete under way (13) and the next fold's start (14).
  transaction(13, 1);
  transaction(14, 1);
  EXPECT_EQ(stepped, (std::vector<int>{2, 4, 5, 7, 8, 10, 11, 13, 14}));
  opened.value().reset();
  auto store = open_store(path);
  EXPECT_EQ(seqs_of(store->load_log(room_name(0), 0)), one_to(14));
  EXPECT_EQ(seqs_of(store->load_log(room_name(9), 0)), one_to(12));
}

TEST(LogTail, AFailedAppendLeavesItsSeqFree) {
  TempDir dir;
  const std::string path = dir.file("failed.db");
  auto store = open_store(path, small_folds());
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(1)).ok());
  // The statement fails (a failed batch is group_commit_writer_test's).
  raw_exec(path, "CREATE TRIGGER refuse BEFORE INSERT ON log_tail WHEN NEW.seq = 2 "
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
  {
    // A file written before the tail existed: schema version 1, its log in room_log.
    auto db = Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db.value().exec("PRAGMA journal_mode = WAL", "wal").ok());
    ASSERT_TRUE(migrate(db.value(), parlor_migrations().first(1)).ok());
    ASSERT_TRUE(db.value().exec("INSERT INTO room_log VALUES ('r1', 1, 'start', -1, '{}', 1), "
                                "('r1', 2, 'move', 0, '{\"old\":2}', 2)", "v1 rows").ok());
  }
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

}  // namespace
}  // namespace parlor::store
