#include "store/read_connection.h"

#include <algorithm>
#include <utility>

namespace parlor::store {
namespace {

struct Prepared {
  Statement* target;
  std::string_view sql;
};

constexpr std::string_view kRoomColumns =
    "id, game, options, is_private, invite, host_player, status, seats, created_ms, updated_ms";

room::RoomRecord room_from(const Query& q) {
  room::RoomRecord room;
  room.id = q.text_at(0);
  room.game = q.text_at(1);
  room.options = q.text_at(2);
  room.is_private = q.int64_at(3) != 0;
  room.invite = q.text_at(4);
  room.host_player = q.text_at(5);
  room.status = q.text_at(6);
  room.seats = q.text_at(7);
  room.created_ms = q.int64_at(8);
  room.updated_ms = q.int64_at(9);
  return room;
}

}  // namespace

Result<std::unique_ptr<ReadConnection>> ReadConnection::create(Db db) {
  std::unique_ptr<ReadConnection> conn(new ReadConnection(std::move(db)));
  const std::string room_sql = "SELECT " + std::string(kRoomColumns) + " FROM rooms WHERE id = ?";
  // The WHERE repeats rooms_open's condition word for word so SQLite uses
  // that partial index.
  const std::string open_rooms_sql = "SELECT " + std::string(kRoomColumns) +
                                     " FROM rooms WHERE status IN ('waiting', 'playing')"
                                     " ORDER BY created_ms, id";
  const Prepared statements[] = {
      {&conn->room_, room_sql},
      {&conn->open_rooms_, open_rooms_sql},
      {&conn->log_,
       // A room's log: its indexed entries, and the tail (the entries after
       // log_fold.indexed_upto) scanned for it, in one statement (one
       // snapshot, whatever a fold does meanwhile).
       "SELECT l.seq, l.kind, l.seat, l.body, l.at_ms FROM log_index i "
       "JOIN room_log l ON l.id = i.entry_id WHERE i.room_id = ?1 AND i.seq > ?2 "
       "UNION ALL "
       "SELECT seq, kind, seat, body, at_ms FROM room_log "
       "WHERE id > (SELECT indexed_upto FROM log_fold) AND room_id = ?1 AND seq > ?2 "
       "ORDER BY seq"},
      {&conn->snapshot_, "SELECT seq, state FROM snapshots WHERE room_id = ?"},
      // Newest first with LIMIT, reversed in code to oldest first.
      {&conn->chat_,
       "SELECT id, channel, player_id, name, text, at_ms FROM chat WHERE channel = ? "
       "ORDER BY id DESC LIMIT ?"},
      // The latest result of a room and its seats, in one statement so that
      // both come from the same snapshot of the database.
      {&conn->result_,
       "SELECT r.room_id, r.game, r.record, r.result, r.finished_ms, p.seat, p.player_id, "
       "p.won FROM results r LEFT JOIN result_players p ON p.result_id = r.id "
       "WHERE r.id = (SELECT id FROM results WHERE room_id = ? ORDER BY id DESC LIMIT 1) "
       "ORDER BY p.seat"},
      // DISTINCT: a player holding two seats of one game played it once.
      {&conn->stats_,
       "SELECT r.game, count(DISTINCT r.id), count(DISTINCT CASE WHEN p.won THEN r.id END) "
       "FROM result_players p JOIN results r ON r.id = p.result_id "
       "WHERE p.player_id = ? GROUP BY r.game ORDER BY r.game"},
  };
  for (const Prepared& p : statements) {
    Result<Statement> statement = Statement::prepare(conn->db_.get(), p.sql);
    if (!statement.ok()) return statement.error();
    *p.target = std::move(statement).value();
  }
  return conn;
}

Result<std::optional<room::RoomRecord>> ReadConnection::load_room(const std::string& id) {
  Query query(room_);
  query.bind(id);
  Result<bool> row = query.step();
  if (!row.ok()) return row.error();
  if (!row.value()) return std::optional<room::RoomRecord>();
  return std::optional<room::RoomRecord>(room_from(query));
}

Result<std::vector<room::RoomRecord>> ReadConnection::load_open_rooms() {
  std::vector<room::RoomRecord> rooms;
  Query query(open_rooms_);
  while (true) {
    Result<bool> row = query.step();
    if (!row.ok()) return row.error();
    if (!row.value()) return rooms;
    rooms.push_back(room_from(query));
  }
}

Result<std::vector<room::LogEntry>> ReadConnection::load_log(const std::string& room_id,
                                                             std::int64_t after_seq) {
  std::vector<room::LogEntry> entries;
  Query query(log_);
  query.bind(room_id).bind(after_seq);
  while (true) {
    Result<bool> row = query.step();
    if (!row.ok()) return row.error();
    if (!row.value()) return entries;
    const std::int64_t seq = query.int64_at(0);
    // A row of the tail that a fold under way has indexed comes twice.
    if (!entries.empty() && entries.back().seq == seq) continue;
    room::LogEntry& entry = entries.emplace_back();
    entry.seq = seq;
    entry.kind = query.text_at(1);
    entry.seat = static_cast<int>(query.int64_at(2));
    entry.body = query.text_at(3);
    entry.at_ms = query.int64_at(4);
  }
}

Result<std::optional<room::Snapshot>> ReadConnection::load_snapshot(const std::string& room_id) {
  Query query(snapshot_);
  query.bind(room_id);
  Result<bool> row = query.step();
  if (!row.ok()) return row.error();
  if (!row.value()) return std::optional<room::Snapshot>();
  return std::optional<room::Snapshot>(room::Snapshot{query.int64_at(0), query.text_at(1)});
}

Result<std::vector<room::ChatMessage>> ReadConnection::load_chat(const std::string& channel,
                                                                 int limit) {
  std::vector<room::ChatMessage> messages;
  if (limit <= 0) return messages;
  Query query(chat_);
  query.bind(channel).bind(limit);
  while (true) {
    Result<bool> row = query.step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    room::ChatMessage& message = messages.emplace_back();
    message.id = query.int64_at(0);
    message.channel = query.text_at(1);
    message.player_id = query.text_at(2);
    message.name = query.text_at(3);
    message.text = query.text_at(4);
    message.at_ms = query.int64_at(5);
  }
  std::reverse(messages.begin(), messages.end());
  return messages;
}

Result<std::optional<room::GameResult>> ReadConnection::load_result(const std::string& room_id) {
  Query query(result_);
  query.bind(room_id);
  std::optional<room::GameResult> result;
  while (true) {
    Result<bool> row = query.step();
    if (!row.ok()) return row.error();
    if (!row.value()) return result;
    if (!result) {
      result.emplace();
      result->room_id = query.text_at(0);
      result->game = query.text_at(1);
      result->record = query.text_at(2);
      result->result = query.text_at(3);
      result->finished_ms = query.int64_at(4);
    }
    if (sqlite3_column_type(result_.get(), 5) == SQLITE_NULL) continue;  // no seats
    // Seats are stored 0..n-1 for every seat (bots with ""), in order.
    result->seat_players.push_back(query.text_at(6));
    result->winners.push_back(query.int64_at(7) != 0);
  }
}

Result<std::vector<room::PlayerStats>> ReadConnection::player_stats(const std::string& player_id) {
  std::vector<room::PlayerStats> stats;
  if (player_id.empty()) return stats;  // "" marks a bot's seat, not a player
  Query query(stats_);
  query.bind(player_id);
  while (true) {
    Result<bool> row = query.step();
    if (!row.ok()) return row.error();
    if (!row.value()) return stats;
    stats.push_back(room::PlayerStats{query.text_at(0), static_cast<int>(query.int64_at(1)),
                                      static_cast<int>(query.int64_at(2))});
  }
}

// ---- ReaderPool

ReaderPool::ReaderPool(std::vector<std::unique_ptr<ReadConnection>> readers)
    : readers_(std::move(readers)) {
  PARLOR_CHECK(!readers_.empty(), "a reader pool needs at least one connection");
  for (const auto& reader : readers_) free_.push_back(reader.get());
}

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !free_.empty(); });
  ReadConnection* conn = free_.back();
  free_.pop_back();
  return Lease(*this, conn);
}

void ReaderPool::give_back(ReadConnection* conn) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(conn);
  }
  available_.notify_one();
}

}  // namespace parlor::store
