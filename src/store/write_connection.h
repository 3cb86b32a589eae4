#pragma once
// The single write connection and the SQL of every write. Used only by the
// writer thread (after open), so it needs no lock.
//
// Each write method is atomic on its own inside the batch transaction: a
// single statement is undone alone by SQLite when it fails, and save_result
// (several statements) uses a savepoint. So one failed job never takes the
// other jobs of its batch down — unless SQLite rolled back the whole
// transaction (I/O error, disk full), which in_transaction() tells.
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "room/store.h"
#include "store/sqlite_db.h"

namespace parlor::store {

class WriteConnection {
 public:
  // Prepares every write statement on `db` (the statement cache).
  static Result<std::unique_ptr<WriteConnection>> create(Db db);

  // Batch transaction. BEGIN IMMEDIATE takes the write lock up front.
  Status begin();
  Status commit();
  void rollback();  // no-op when no transaction is open
  bool in_transaction() const { return db_.in_transaction(); }
  // The raw connection (tests use it to make a commit fail).
  Db& db() { return db_; }

  // "duplicate_seq" when (room_id, seq) is already stored (the stored entry
  // is kept); "invalid_entry" for an empty room id or a seq below 1.
  Status append(const std::string& room_id, const room::LogEntry& entry);
  // Returns the id assigned to the message.
  Result<std::int64_t> add_chat(const room::ChatMessage& message);
  Status save_room(const room::RoomRecord& room);
  // Keeps the snapshot with the highest seq: an older one is ignored.
  Status save_snapshot(const std::string& room_id, const room::Snapshot& snapshot);
  Status upsert_player(const std::string& id, const std::string& name);
  // Replaces an earlier save of the same finished game (same room, same
  // record); "invalid_result" when seat_players and winners differ in size.
  Status save_result(const room::GameResult& result);

 private:
  explicit WriteConnection(Db db) : db_(std::move(db)) {}
  Status save_result_rows(const room::GameResult& result);

  Db db_;  // declared first: destroyed after the statements below
  Statement begin_, commit_, rollback_;
  Statement savepoint_, release_, rollback_to_;
  Statement insert_log_, insert_chat_, upsert_room_, upsert_snapshot_, upsert_player_;
  Statement delete_result_, insert_result_, insert_result_player_;
};

}  // namespace parlor::store
