#include "store/write_connection.h"

#include <utility>

#include "base/sha256.h"

namespace parlor::store {
namespace {

struct Prepared {
  Statement* target;
  std::string_view sql;
};

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
      // DO NOTHING on the primary key only: any other failure is still an error.
      {&conn->insert_log_,
       "INSERT INTO room_log (room_id, seq, kind, seat, body, at_ms) VALUES (?, ?, ?, ?, ?, ?) "
       "ON CONFLICT (room_id, seq) DO NOTHING"},
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

Status WriteConnection::begin() { return Query(begin_).run(); }

Status WriteConnection::commit() { return Query(commit_).run(); }

void WriteConnection::rollback() {
  if (in_transaction()) (void)Query(rollback_).run();
}

Status WriteConnection::append(const std::string& room_id, const room::LogEntry& entry) {
  if (room_id.empty() || entry.seq < 1) {
    return make_error("invalid_entry", "a log entry needs a room id and a seq >= 1 (room '" +
                                           room_id + "', seq " + std::to_string(entry.seq) + ")");
  }
  Query query(insert_log_);
  query.bind(room_id)
      .bind(entry.seq)
      .bind(entry.kind)
      .bind(entry.seat)
      .bind(entry.body)
      .bind(entry.at_ms);
  if (Status done = query.run(); !done.ok()) return done;
  if (sqlite3_changes(db_.get()) == 0) {
    return make_error("duplicate_seq", "room " + room_id + " already has an entry with seq " +
                                           std::to_string(entry.seq));
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
