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

// Moves up to kFoldRowsPerStatement tail rows (by id; unused places hold 0,
// which is no row's id) into room_log: one statement for many rows.
constexpr int kFoldRowsPerStatement = 64;
const std::string& fold_rows_sql() {
  static const std::string sql = [] {
    std::string s =
        "INSERT INTO room_log (room_id, seq, kind, seat, body, at_ms) "
        "SELECT room_id, seq, kind, seat, body, at_ms FROM log_tail WHERE id IN (?";
    for (int i = 1; i < kFoldRowsPerStatement; ++i) s += ", ?";
    return s + ") ON CONFLICT (room_id, seq) DO NOTHING";
  }();
  return sql;
}

}  // namespace

Result<std::unique_ptr<WriteConnection>> WriteConnection::create(Db db) {
  std::unique_ptr<WriteConnection> conn(new WriteConnection(std::move(db)));
  const Prepared statements[] = {
      {&conn->begin_, "BEGIN IMMEDIATE"},
      {&conn->commit_, "COMMIT"},
      {&conn->rollback_, "ROLLBACK"},
      {&conn->savepoint_, "SAVEPOINT job"},
      {&conn->release_, "RELEASE job"},
      {&conn->rollback_to_, "ROLLBACK TO job"},
      {&conn->insert_log_,
       "INSERT INTO log_tail (id, room_id, seq, kind, seat, body, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"},
      {&conn->max_logged_seq_, "SELECT max(seq) FROM room_log WHERE room_id = ?"},
      {&conn->logged_seq_, "SELECT 1 FROM room_log WHERE room_id = ? AND seq = ?"},
      // DO NOTHING on the primary key only: a row copied by a fold that did
      // not get to delete it (a killed server) is copied again harmlessly.
      {&conn->fold_rows_, fold_rows_sql()},
      {&conn->delete_folded_, "DELETE FROM log_tail WHERE id > ? AND id <= ?"},
      // "WHERE true": SQLite's parser needs it before an upsert clause.
      {&conn->fold_all_,
       "INSERT INTO room_log (room_id, seq, kind, seat, body, at_ms) "
       "SELECT room_id, seq, kind, seat, body, at_ms FROM log_tail WHERE true "
       "ORDER BY room_id, seq ON CONFLICT (room_id, seq) DO NOTHING"},
      {&conn->delete_tail_, "DELETE FROM log_tail"},
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
  // New to the tail: its log so far is all in room_log (the tail was folded
  // at open, and since then every tail row passed through here).
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
  const bool under_way = fold_cut_ != 0 || deleted_upto_ < delete_cut_;
  if (!under_way) return tail_rows_ >= fold_settings_.start_after_rows;
  // A step in every transaction made a fold a burst (at 21,500 moves/s, 277
  // steps in one second, batches of 100-350 writes, commits of 5-17 ms, then
  // nothing for 2 s). So a busy writer takes a step once half a step's rows
  // were appended since the last one: the fold still runs at twice the
  // appends' rate. A transaction that appended little always takes one.
  constexpr std::size_t kFewAppends = 8;
  return appended_since_step_ * 2 >= fold_settings_.rows_per_step || unconfirmed_.size() < kFewAppends;
}

Status WriteConnection::move_rows(const std::vector<std::int64_t>& ids) {
  for (size_t from = 0; from < ids.size(); from += kFoldRowsPerStatement) {
    Query query(fold_rows_);
    for (size_t i = from; i < from + kFoldRowsPerStatement; ++i) query.bind(i < ids.size() ? ids[i] : 0);
    if (Status done = query.run(); !done.ok()) return done;
  }
  return Status::Ok();
}

Status WriteConnection::fold_step() {
  PARLOR_CHECK(in_transaction() && !staged_, "fold_step() belongs at the end of a batch, once");
  const bool deleting = deleted_upto_ < delete_cut_;
  if (!deleting && fold_cut_ == 0) {
    if (last_row_id_ == 0) return Status::Ok();
    fold_cut_ = last_row_id_;  // committed rows only: this batch's are the next fold's
    fold_next_room_.clear();
  }
  // A savepoint: a failed step is undone alone, and the batch commits.
  if (Status opened = Query(savepoint_).run(); !opened.ok()) return opened;
  FoldStep step;
  Status done = deleting ? delete_step(step) : copy_step(step);
  if (!done.ok()) {
    if (in_transaction()) {
      (void)Query(rollback_to_).run();
      (void)Query(release_).run();
    }
    return done;  // the next batch tries again
  }
  if (Status released = Query(release_).run(); !released.ok()) return released;
  staged_ = std::move(step);
  appended_since_step_ = 0;
  return Status::Ok();
}

// Copies the next rooms' rows with id <= fold_cut_ (rows appended after the
// cut wait for the next fold).
Status WriteConnection::copy_step(FoldStep& step) {
  std::vector<std::int64_t> ids;
  auto it = tail_.lower_bound(fold_next_room_);
  for (; it != tail_.end() && static_cast<std::int64_t>(ids.size()) < fold_settings_.rows_per_step; ++it) {
    for (const TailRow& r : it->second.rows)
      if (r.id <= fold_cut_) ids.push_back(r.id);
    step.rooms.push_back(it->first);
  }
  step.last = it == tail_.end();
  step.next_room = step.last ? std::string() : it->first;
  return move_rows(ids);
}

// Deletes the next copied rows: ids are given in arrival order, so the
// oldest `deletes_per_step` ids of the copied range.
Status WriteConnection::delete_step(FoldStep& step) {
  step.deleted_upto = std::min(delete_cut_, deleted_upto_ + fold_settings_.deletes_per_step);
  Query query(delete_folded_);
  query.bind(deleted_upto_).bind(step.deleted_upto);
  return query.run();
}

// The step's transaction committed: its rows are in room_log for good.
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
  if (staged_->deleted_upto != 0) {
    deleted_upto_ = staged_->deleted_upto;
  } else {
    fold_next_room_ = staged_->next_room;
    if (staged_->last) {
      delete_cut_ = fold_cut_;  // every row up to the cut is in room_log now
      fold_cut_ = 0;
    }
  }
  staged_.reset();
}

Status WriteConnection::fold_all() {
  PARLOR_CHECK(tail_.empty(), "fold_all() is for a tail this connection has not written to");
  if (Status begun = begin(); !begun.ok()) return begun;
  for (Statement* step : {&fold_all_, &delete_tail_}) {
    if (Status done = Query(*step).run(); !done.ok()) {
      rollback();
      return done;
    }
  }
  if (Status done = commit(); !done.ok()) {
    rollback();
    return done;
  }
  return Status::Ok();
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
