#include "store/write_connection.h"

#include <algorithm>
#include <utility>

#include "base/check.h"
#include "base/sha256.h"

namespace parlor::store {
namespace {

struct Prepared {
  Statement* target;
  std::string_view sql;
};

// Index entries of up to kIndexRowsPerStatement tail rows, which the writer
// knows from its bookkeeping: nothing is read back from room_log. DO NOTHING
// on the primary key: indexing a row twice is harmless.
constexpr int kIndexRowsPerStatement = 32;
std::string index_rows_sql(int rows) {
  std::string s = "INSERT INTO log_index (room_id, seq, entry_id) VALUES (?, ?, ?)";
  for (int i = 1; i < rows; ++i) s += ", (?, ?, ?)";
  return s + " ON CONFLICT (room_id, seq) DO NOTHING";
}

}  // namespace

Result<std::unique_ptr<WriteConnection>> WriteConnection::create(Db db) {
  std::unique_ptr<WriteConnection> conn(new WriteConnection(std::move(db)));
  static const std::string index_many_sql = index_rows_sql(kIndexRowsPerStatement);
  static const std::string index_one_sql = index_rows_sql(1);
  const Prepared statements[] = {
      {&conn->begin_, "BEGIN IMMEDIATE"},
      {&conn->commit_, "COMMIT"},
      {&conn->rollback_, "ROLLBACK"},
      {&conn->savepoint_, "SAVEPOINT job"},
      {&conn->release_, "RELEASE job"},
      {&conn->rollback_to_, "ROLLBACK TO job"},
      {&conn->insert_log_,
       "INSERT INTO room_log (id, room_id, seq, kind, seat, body, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"},
      {&conn->max_logged_seq_, "SELECT max(seq) FROM log_index WHERE room_id = ?"},
      {&conn->logged_seq_, "SELECT 1 FROM log_index WHERE room_id = ? AND seq = ?"},
      {&conn->index_rows_, index_many_sql},
      {&conn->index_row_, index_one_sql},
      {&conn->set_indexed_upto_, "UPDATE log_fold SET indexed_upto = ?"},
      // In room order: each room's index entries are written together.
      {&conn->index_all_,
       "INSERT INTO log_index (room_id, seq, entry_id) "
       "SELECT room_id, seq, id FROM room_log WHERE id > (SELECT indexed_upto FROM log_fold) "
       "ORDER BY room_id, seq ON CONFLICT (room_id, seq) DO NOTHING"},
      {&conn->last_id_, "SELECT coalesce(max(id), 0) FROM room_log"},
      {&conn->insert_chat_,
       "INSERT INTO chat (channel, player_id, name, text, at_ms) VALUES (?, ?, ?, ?, ?)"},
      {&conn->upsert_room_,
       "INSERT INTO rooms (id, game, options, is_private, invite, host_player, status, seats, "
       "created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
       "ON CONFLICT (id) DO UPDATE SET game = excluded.game, options = excluded.options, "
       "is_private = excluded.is_private, invite = excluded.invite, "
       "host_player = excluded.host_player, status = excluded.status, seats = excluded.seats, "
       "created_ms = excluded.created_ms, updated_ms = excluded.updated_ms"},
      {&conn->upsert_snapshot_,
       "INSERT INTO snapshots (room_id, seq, state) VALUES (?, ?, ?) "
       "ON CONFLICT (room_id) DO UPDATE SET seq = excluded.seq, state = excluded.state "
       "WHERE excluded.seq >= snapshots.seq"},
      {&conn->upsert_player_,
       "INSERT INTO players (id, name) VALUES (?, ?) "
       "ON CONFLICT (id) DO UPDATE SET name = excluded.name"},
      {&conn->delete_result_, "DELETE FROM results WHERE room_id = ? AND record_sha256 = ?"},
      {&conn->insert_result_,
       "INSERT INTO results (room_id, game, record, record_sha256, result, finished_ms) "
       "VALUES (?, ?, ?, ?, ?, ?)"},
      {&conn->insert_result_player_,
       "INSERT INTO result_players (result_id, seat, player_id, won) VALUES (?, ?, ?, ?)"},
  };
  for (const Prepared& p : statements) {
    Result<Statement> statement = Statement::prepare(conn->db_.get(), p.sql);
    if (!statement.ok()) return statement.error();
    *p.target = std::move(statement).value();
  }
  return conn;
}

Status WriteConnection::begin() {
  forget_unconfirmed();  // a transaction SQLite ended without a commit
  return Query(begin_).run();
}

Status WriteConnection::commit() {
  if (Status done = Query(commit_).run(); !done.ok()) return done;
  for (const auto& [room, id] : unconfirmed_) last_row_id_ = std::max(last_row_id_, id);
  last_commit_appends_ = unconfirmed_.size();
  unconfirmed_.clear();
  if (staged_) apply_fold_step();
  return Status::Ok();
}

void WriteConnection::rollback() {
  if (in_transaction()) (void)Query(rollback_).run();
  forget_unconfirmed();
}

void WriteConnection::forget_unconfirmed() {
  for (const auto& [room, id] : unconfirmed_) {
    auto it = tail_.find(room);
    if (it == tail_.end()) continue;
    auto& rows = it->second.rows;
    tail_rows_ -= static_cast<std::int64_t>(
        std::erase_if(rows, [id = id](const TailRow& r) { return r.id == id; }));
  }
  unconfirmed_.clear();
  staged_.reset();
}

Result<WriteConnection::RoomTail*> WriteConnection::room_tail(const std::string& room_id) {
  auto it = tail_.find(room_id);
  if (it != tail_.end()) return &it->second;
  // New to the tail: its log so far is all in log_index (the whole log was
  // indexed at open, and since then every row passed through here).
  Query query(max_logged_seq_);
  query.bind(room_id);
  Result<bool> row = query.step();
  if (!row.ok()) return row.error();
  RoomTail fresh;
  fresh.stored_max = row.value() ? query.int64_at(0) : 0;
  return &tail_.emplace(room_id, std::move(fresh)).first->second;
}

Result<bool> WriteConnection::is_stored(const std::string& room_id, RoomTail& tail, std::int64_t seq) {
  if (seq > tail.max_seq()) return false;  // the usual case: the next seq
  const auto& rows = tail.rows;
  auto at = std::lower_bound(rows.begin(), rows.end(), seq,
                             [](const TailRow& r, std::int64_t s) { return r.seq < s; });
  if (at != rows.end() && at->seq == seq) return true;
  Query query(logged_seq_);
  query.bind(room_id).bind(seq);
  return query.step();
}

Status WriteConnection::append(const std::string& room_id, const room::LogEntry& entry) {
  if (room_id.empty() || entry.seq < 1) {
    return make_error("invalid_entry", "a log entry needs a room id and a seq >= 1 (room '" +
                                           room_id + "', seq " + std::to_string(entry.seq) + ")");
  }
  Result<RoomTail*> tail = room_tail(room_id);
  if (!tail.ok()) return tail.error();
  Result<bool> stored = is_stored(room_id, *tail.value(), entry.seq);
  if (!stored.ok()) return stored.error();
  if (stored.value()) {
    return make_error("duplicate_seq", "room " + room_id + " already has an entry with seq " +
                                           std::to_string(entry.seq));
  }
  const TailRow row{entry.seq, next_row_id_++};
  Query query(insert_log_);
  query.bind(row.id)
      .bind(room_id)
      .bind(entry.seq)
      .bind(entry.kind)
      .bind(entry.seat)
      .bind(entry.body)
      .bind(entry.at_ms);
  if (Status done = query.run(); !done.ok()) return done;
  auto& rows = tail.value()->rows;
  rows.insert(std::upper_bound(rows.begin(), rows.end(), row.seq,
                               [](std::int64_t s, const TailRow& r) { return s < r.seq; }),
              row);
  ++tail_rows_;
  ++appended_since_step_;
  unconfirmed_.emplace_back(room_id, row.id);
  return Status::Ok();
}

bool WriteConnection::fold_due() const {
  if (fold_cut_ == 0) return tail_rows_ >= fold_settings_.start_after_rows;
  // A step in every transaction made a fold a burst (at 21,500 moves/s, 277
  // steps in one second, batches of 100-350 writes, commits of 5-17 ms, then
  // nothing for 2 s). So a busy writer takes a step once half a step's rows
  // were appended since the last one: the fold still runs at twice the
  // appends' rate. After a transaction that appended little it takes one.
  constexpr std::size_t kFewAppends = 8;
  return appended_since_step_ * 2 >= fold_settings_.rows_per_step || last_commit_appends_ < kFewAppends;
}

Status WriteConnection::index_rows(const std::vector<IndexRow>& rows) {
  std::size_t next = 0;
  for (; next + kIndexRowsPerStatement <= rows.size(); next += kIndexRowsPerStatement) {
    Query query(index_rows_);
    for (std::size_t i = next; i < next + kIndexRowsPerStatement; ++i)
      query.bind(*rows[i].room).bind(rows[i].seq).bind(rows[i].id);
    if (Status done = query.run(); !done.ok()) return done;
  }
  for (; next < rows.size(); ++next) {
    Query query(index_row_);
    query.bind(*rows[next].room).bind(rows[next].seq).bind(rows[next].id);
    if (Status done = query.run(); !done.ok()) return done;
  }
  return Status::Ok();
}

Status WriteConnection::fold_step() {
  PARLOR_CHECK(in_transaction() && !staged_ && unconfirmed_.empty(),
               "fold_step() takes a transaction of its own, once");
  if (fold_cut_ == 0) {
    if (last_row_id_ == 0) return Status::Ok();
    fold_cut_ = last_row_id_;  // committed rows only
    fold_next_room_.clear();
  }
  FoldStep step;
  if (Status done = index_step(step); !done.ok()) return done;
  if (step.last) {
    if (Status done = record_indexed_upto(fold_cut_); !done.ok()) return done;
  }
  staged_ = std::move(step);
  appended_since_step_ = 0;
  return Status::Ok();
}

// Indexes the next rooms' rows with id <= fold_cut_ (rows appended after the
// cut wait for the next fold).
Status WriteConnection::index_step(FoldStep& step) {
  std::vector<IndexRow> rows;
  auto it = tail_.lower_bound(fold_next_room_);
  for (; it != tail_.end() && static_cast<std::int64_t>(rows.size()) < fold_settings_.rows_per_step; ++it) {
    for (const TailRow& r : it->second.rows)
      if (r.id <= fold_cut_) rows.push_back({&it->first, r.seq, r.id});
    step.rooms.push_back(it->first);
  }
  step.last = it == tail_.end();
  step.next_room = step.last ? std::string() : it->first;
  return index_rows(rows);
}

// The step's transaction committed: its rows are in log_index for good.
void WriteConnection::apply_fold_step() {
  for (const std::string& room : staged_->rooms) {
    auto at = tail_.find(room);
    if (at == tail_.end()) continue;
    RoomTail& t = at->second;
    const auto gone = std::erase_if(t.rows, [&](const TailRow& r) {
      if (r.id > fold_cut_) return false;
      t.stored_max = std::max(t.stored_max, r.seq);
      return true;
    });
    tail_rows_ -= static_cast<std::int64_t>(gone);
    if (t.rows.empty()) tail_.erase(at);
  }
  fold_next_room_ = staged_->next_room;
  if (staged_->last) fold_cut_ = 0;  // every row up to the cut is indexed
  staged_.reset();
}

Status WriteConnection::fold_all() {
  PARLOR_CHECK(tail_.empty() && last_row_id_ == 0, "fold_all() is for a connection that has not appended");
  if (Status begun = begin(); !begun.ok()) return begun;
  Result<std::int64_t> last_id = index_everything();
  if (!last_id.ok()) {
    rollback();
    return last_id.error();
  }
  if (Status done = commit(); !done.ok()) {
    rollback();
    return done;
  }
  last_row_id_ = last_id.value();
  next_row_id_ = last_id.value() + 1;
  return Status::Ok();
}

// fold_all()'s statements; returns the log's last id.
Result<std::int64_t> WriteConnection::index_everything() {
  std::int64_t last_id = 0;
  {
    Query query(last_id_);
    Result<bool> row = query.step();
    if (!row.ok()) return row.error();
    if (row.value()) last_id = query.int64_at(0);
  }
  if (Status done = Query(index_all_).run(); !done.ok()) return done.error();
  if (Status done = record_indexed_upto(last_id); !done.ok()) return done.error();
  return last_id;
}

// log_fold.indexed_upto: readers scan the entries after it for a room's tail.
Status WriteConnection::record_indexed_upto(std::int64_t id) {
  Query query(set_indexed_upto_);
  query.bind(id);
  return query.run();
}

Result<std::int64_t> WriteConnection::add_chat(const room::ChatMessage& message) {
  Query query(insert_chat_);
  query.bind(message.channel)
      .bind(message.player_id)
      .bind(message.name)
      .bind(message.text)
      .bind(message.at_ms);
  if (Status done = query.run(); !done.ok()) return done.error();
  return sqlite3_last_insert_rowid(db_.get());
}

Status WriteConnection::save_room(const room::RoomRecord& room) {
  Query query(upsert_room_);
  query.bind(room.id)
      .bind(room.game)
      .bind(room.options)
      .bind(room.is_private ? 1 : 0)
      .bind(room.invite)
      .bind(room.host_player)
      .bind(room.status)
      .bind(room.seats)
      .bind(room.created_ms)
      .bind(room.updated_ms);
  return query.run();
}

Status WriteConnection::save_snapshot(const std::string& room_id, const room::Snapshot& snapshot) {
  Query query(upsert_snapshot_);
  query.bind(room_id).bind(snapshot.seq).bind(snapshot.state);
  return query.run();
}

Status WriteConnection::upsert_player(const std::string& id, const std::string& name) {
  Query query(upsert_player_);
  query.bind(id).bind(name);
  return query.run();
}

Status WriteConnection::save_result(const room::GameResult& result) {
  if (result.room_id.empty() || result.seat_players.size() != result.winners.size()) {
    return make_error("invalid_result", "a result needs a room id and one winner flag per seat (" +
                                            std::to_string(result.seat_players.size()) +
                                            " players, " + std::to_string(result.winners.size()) +
                                            " winner flags)");
  }
  // Several statements: a savepoint makes them all-or-nothing without
  // touching the other jobs of the batch.
  if (Status opened = Query(savepoint_).run(); !opened.ok()) return opened;
  Status saved = save_result_rows(result);
  if (!saved.ok()) {
    if (in_transaction()) {
      (void)Query(rollback_to_).run();
      (void)Query(release_).run();
    }
    return saved;
  }
  return Query(release_).run();
}

Status WriteConnection::save_result_rows(const room::GameResult& result) {
  const std::string digest = sha256_hex(result.record);
  {
    Query query(delete_result_);  // ON DELETE CASCADE removes its players
    query.bind(result.room_id).bind(digest);
    if (Status done = query.run(); !done.ok()) return done;
  }
  {
    Query query(insert_result_);
    query.bind(result.room_id)
        .bind(result.game)
        .bind(result.record)
        .bind(digest)
        .bind(result.result)
        .bind(result.finished_ms);
    if (Status done = query.run(); !done.ok()) return done;
  }
  const std::int64_t result_id = sqlite3_last_insert_rowid(db_.get());
  for (size_t seat = 0; seat < result.seat_players.size(); ++seat) {
    Query query(insert_result_player_);
    query.bind(result_id)
        .bind(static_cast<std::int64_t>(seat))
        .bind(result.seat_players[seat])
        .bind(result.winners[seat] ? 1 : 0);
    if (Status done = query.run(); !done.ok()) return done;
  }
  return Status::Ok();
}

}  // namespace parlor::store
