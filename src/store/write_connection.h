#pragma once
// The single write connection and the SQL of every write. Used only by the
// writer thread (after open), so it needs no lock.
//
// Each write method is atomic on its own inside the batch transaction: a
// single statement is undone alone by SQLite when it fails, and save_result
// (several statements) uses a savepoint. So one failed job never takes the
// other jobs of its batch down — unless SQLite rolled back the whole
// transaction (I/O error, disk full), which in_transaction() tells.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "room/store.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace parlor::store {

class WriteConnection {
 public:
  // Prepares every write statement on `db` (the statement cache).
  static Result<std::unique_ptr<WriteConnection>> create(Db db);

  // Batch transaction. BEGIN IMMEDIATE takes the write lock up front.
  // Appends of a transaction that does not commit (rolled back, or ended by
  // SQLite after an I/O error) are forgotten by the tail's bookkeeping.
  Status begin();
  Status commit();
  void rollback();  // no-op when no transaction is open
  bool in_transaction() const { return db_.in_transaction(); }
  // The raw connection (tests use it to make a commit fail).
  Db& db() { return db_; }

  // Adds the entry to the log (schema.cc, version 3). "duplicate_seq" when
  // (room_id, seq) is already stored (the stored entry is kept);
  // "invalid_entry" for an empty room id or a seq below 1.
  Status append(const std::string& room_id, const room::LogEntry& entry);

  // The log's tail is its entries not yet in log_index. Folding indexes it a
  // step at a time, each step in a transaction of its own after a batch. A
  // fold starts once the tail holds `start_after_rows`; each step indexes
  // whole rooms, about `rows_per_step` entries, in room order, and the last
  // one moves log_fold.indexed_upto to the fold's cut. A room's index
  // entries are thus written together, however many moves it made since the
  // last fold: the more rows a fold takes, the fewer log_index pages each
  // entry costs.
  // The defaults are the store's (Options in sqlite_store.h, where they are
  // explained); the store sets them from its Options when it opens.
  struct FoldSettings {
    std::int64_t start_after_rows = Options{}.fold_after_rows;
    std::int64_t rows_per_step = Options{}.fold_rows_per_step;
  };
  void set_fold(FoldSettings settings) { fold_settings_ = settings; }
  // Whether a fold step is due after the transaction that just committed:
  // the tail is long enough to start a fold, or one is under way and, if
  // that transaction appended many rows, half a step's rows were appended
  // since its last step.
  bool fold_due() const;
  // One step of the fold in the open transaction, which should hold nothing
  // else (the writer gives it a transaction of its own, so a batch's writes
  // are acknowledged without waiting for it). It takes effect if that
  // transaction commits; after a failure the caller rolls it back and a
  // later step tries again.
  Status fold_step();
  // Indexes the whole tail in one transaction and takes up the log's ids
  // where they stopped. At open, before any append: the tail may hold
  // anything a killed server left there.
  Status fold_all();

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

  // A row of the tail, as the writer remembers it.
  struct TailRow {
    std::int64_t seq = 0;
    std::int64_t id = 0;  // room_log's id: arrival order (next_row_id_)
  };
  struct RoomTail {
    std::int64_t stored_max = 0;  // its highest indexed seq when the room entered tail_
    std::vector<TailRow> rows;    // by seq
    std::int64_t max_seq() const { return rows.empty() ? stored_max : std::max(stored_max, rows.back().seq); }
  };
  // A fold step in the open transaction, applied when it commits.
  struct FoldStep {
    std::vector<std::string> rooms;  // whose rows with id <= fold_cut_ it indexed
    std::string next_room;
    bool last = false;               // the fold's last step
  };
  Result<RoomTail*> room_tail(const std::string& room_id);
  Result<bool> is_stored(const std::string& room_id, RoomTail& tail, std::int64_t seq);
  void forget_unconfirmed();
  struct IndexRow {
    const std::string* room;  // a key of tail_
    std::int64_t seq = 0, id = 0;
  };
  Status index_rows(const std::vector<IndexRow>& rows);
  Status index_step(FoldStep& step);
  void apply_fold_step();
  Result<std::int64_t> index_everything();
  Status record_indexed_upto(std::int64_t id);

  Db db_;  // declared first: destroyed after the statements below
  Statement begin_, commit_, rollback_;
  Statement savepoint_, release_, rollback_to_;
  Statement insert_log_, insert_chat_, upsert_room_, upsert_snapshot_, upsert_player_;
  Statement delete_result_, insert_result_, insert_result_player_;
  Statement max_logged_seq_, logged_seq_, index_rows_, index_row_, set_indexed_upto_, index_all_, last_id_;

  // The tail's bookkeeping (writer thread only): every row of room_log not
  // yet indexed, per room in room order, and what the open transaction added.
  std::map<std::string, RoomTail, std::less<>> tail_;
  std::vector<std::pair<std::string, std::int64_t>> unconfirmed_;  // (room, row id)
  std::int64_t tail_rows_ = 0;
  // Row ids are given here, not by SQLite, so that the bookkeeping knows
  // them without asking; they go on from the log's last id (fold_all).
  std::int64_t next_row_id_ = 1;
  std::int64_t last_row_id_ = 0;  // the newest committed row
  FoldSettings fold_settings_;
  std::int64_t fold_cut_ = 0;  // a fold under way indexes the rows with id <= this; 0: none
  std::string fold_next_room_;  // where its next step starts
  std::int64_t appended_since_step_ = 0;  // rows appended since the last fold step (fold_due())
  std::size_t last_commit_appends_ = 0;   // rows the last committed transaction appended (fold_due())
  std::optional<FoldStep> staged_;
};

}  // namespace parlor::store
