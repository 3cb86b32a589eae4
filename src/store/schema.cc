#include "store/schema.h"

#include <string>

namespace parlor::store {
namespace {

// Version 1: the whole first schema. Notes on the choices:
// - room_log is WITHOUT ROWID, clustered on (room_id, seq): a room's log is
//   one contiguous range, read in order by load_log. Rows are small moves.
// - No foreign key from room_log/snapshots/chat to rooms: the log is the
//   truth and an append must never fail because room metadata was not saved
//   yet. The one foreign key ties result_players to their result.
// - rooms_open is a partial index: finished rooms pile up, open ones are few.
// - A room can host several games (rematch), so results has its own id;
//   (room_id, record_sha256) makes saving the same finished game twice (say,
//   after a restart replays it) replace instead of counting it twice.
// - chat ids come from AUTOINCREMENT: they only grow, even if old rows are
//   ever pruned.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE players (
  id   TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE rooms (
  id          TEXT PRIMARY KEY NOT NULL,
  game        TEXT NOT NULL,
  options     TEXT NOT NULL,
  is_private  INTEGER NOT NULL,
  invite      TEXT NOT NULL,
  host_player TEXT NOT NULL,
  status      TEXT NOT NULL,
  seats       TEXT NOT NULL,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL
);
CREATE INDEX rooms_open ON rooms(created_ms, id) WHERE status IN ('waiting', 'playing');

CREATE TABLE room_log (
  room_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  seat    INTEGER NOT NULL,
  body    TEXT NOT NULL,
  at_ms   INTEGER NOT NULL,
  PRIMARY KEY (room_id, seq)
) WITHOUT ROWID;

CREATE TABLE snapshots (
  room_id TEXT PRIMARY KEY NOT NULL,
  seq     INTEGER NOT NULL,
  state   TEXT NOT NULL
);

CREATE TABLE chat (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  channel   TEXT NOT NULL,
  player_id TEXT NOT NULL,
  name      TEXT NOT NULL,
  text      TEXT NOT NULL,
  at_ms     INTEGER NOT NULL
);
CREATE INDEX chat_by_channel ON chat(channel, id);

CREATE TABLE results (
  id            INTEGER PRIMARY KEY,
  room_id       TEXT NOT NULL,
  game          TEXT NOT NULL,
  record        TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  result        TEXT NOT NULL,
  finished_ms   INTEGER NOT NULL,
  UNIQUE (room_id, record_sha256)
);

CREATE TABLE result_players (
  result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
  seat      INTEGER NOT NULL,
  player_id TEXT NOT NULL,
  won       INTEGER NOT NULL,
  PRIMARY KEY (result_id, seat)
) WITHOUT ROWID;
CREATE INDEX result_players_by_player ON result_players(player_id, result_id);
)sql";

// Version 2: the log's tail. Appends go to log_tail, a rowid table in
// arrival order, so a commit writes the few pages at its end instead of one
// room_log page per room in the batch (measured: 8-12 us of writer CPU per
// move with 2,000 rooms, against 1-1.5; bench/store_bench). The writer moves
// the tail into room_log a slice of rooms at a time (write_connection.h,
// fold), so each room's page is written once for many of its moves. A
// room's log is room_log and log_tail together; a row may be in both for a
// moment (copied, not yet deleted): readers keep one.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE log_tail (
  id      INTEGER PRIMARY KEY,
  room_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  seat    INTEGER NOT NULL,
  body    TEXT NOT NULL,
  at_ms   INTEGER NOT NULL
);
)sql";

// Version 3: the log is one table in arrival order that is never rewritten,
// and log_index gives each room's entries. Folding the tail into the
// clustered room_log rewrote each row and the pages of every room it
// touched (37 % of the WAL's frames at 20,000 moves/s, and the p99 doubled
// while a fold ran; bench/load/RESULTS.md, session 16); indexing writes only
// (room_id, seq, entry_id), a room's entries together. The new room_log
// keeps the old room_log's entries (first, in room and seq order) and then
// the tail's, less any the tail shares with it (copied by a fold a killed
// server did not finish). log_fold.indexed_upto: every entry with an id up
// to it is in log_index (entries after it may be too; readers keep one).
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE log_entries (
  id      INTEGER PRIMARY KEY,
  room_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  seat    INTEGER NOT NULL,
  body    TEXT NOT NULL,
  at_ms   INTEGER NOT NULL
);
INSERT INTO log_entries (room_id, seq, kind, seat, body, at_ms)
  SELECT room_id, seq, kind, seat, body, at_ms FROM room_log ORDER BY room_id, seq;
INSERT INTO log_entries (room_id, seq, kind, seat, body, at_ms)
  SELECT room_id, seq, kind, seat, body, at_ms FROM log_tail t
  WHERE NOT EXISTS (SELECT 1 FROM room_log r WHERE r.room_id = t.room_id AND r.seq = t.seq)
  ORDER BY id;
DROP TABLE room_log;
DROP TABLE log_tail;
ALTER TABLE log_entries RENAME TO room_log;

CREATE TABLE log_index (
  room_id  TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  entry_id INTEGER NOT NULL,
  PRIMARY KEY (room_id, seq)
) WITHOUT ROWID;
INSERT INTO log_index (room_id, seq, entry_id)
  SELECT room_id, seq, id FROM room_log WHERE true ORDER BY room_id, seq;

CREATE TABLE log_fold (indexed_upto INTEGER NOT NULL);
INSERT INTO log_fold (indexed_upto) SELECT coalesce(max(id), 0) FROM room_log;
)sql";

constexpr Migration kMigrations[] = {
    {"initial schema", kSchemaV1},
    {"log tail", kSchemaV2},
    {"log index", kSchemaV3},
};

Result<std::int64_t> pragma_int(Db& db, std::string_view sql, std::string_view error_code) {
  Result<Statement> statement = Statement::prepare(db.get(), sql);
  if (!statement.ok()) return make_error(std::string(error_code), statement.error().message);
  Query query(statement.value());
  Result<bool> row = query.step();
  if (!row.ok()) return make_error(std::string(error_code), row.error().message);
  if (!row.value()) return make_error(std::string(error_code), std::string(sql) + ": no row");
  return query.int64_at(0);
}

Status fail_step(Db& db, std::int64_t version, const Migration& step, const Error& cause) {
  if (db.in_transaction()) (void)db.exec("ROLLBACK", "rollback migration");
  return make_error("migration_failed", "migration " + std::to_string(version + 1) + " (" +
                                            std::string(step.name) + "): " + cause.message);
}

Error too_new(std::int64_t version, size_t known) {
  return make_error("schema_too_new", "the database has schema version " + std::to_string(version) +
                                          " but this Parlor knows versions up to " +
                                          std::to_string(known) +
                                          ": it was written by a newer Parlor");
}

}  // namespace

std::span<const Migration> parlor_migrations() { return kMigrations; }

Result<std::int64_t> schema_version(Db& db) {
  return pragma_int(db, "PRAGMA user_version", "storage_error");
}

Status check_identity(Db& db) {
  // The first read of the file: SQLite reports a file that is not a
  // database (SQLITE_NOTADB) here.
  Result<Statement> probe = Statement::prepare(db.get(), "PRAGMA application_id");
  if (!probe.ok()) {
    int rc = sqlite3_errcode(db.get()) & 0xff;
    bool not_db = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
    return make_error(not_db ? "not_parlor_database" : "store_open_failed", probe.error().message);
  }
  Query query(probe.value());
  Result<bool> row = query.step();
  if (!row.ok()) {
    int rc = sqlite3_errcode(db.get()) & 0xff;
    bool not_db = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
    return make_error(not_db ? "not_parlor_database" : "store_open_failed", row.error().message);
  }
  std::int64_t application_id = row.value() ? query.int64_at(0) : 0;
  if (application_id == kApplicationId) return Status::Ok();
  if (application_id != 0) {
    return make_error("not_parlor_database",
                      "the file belongs to another application (application_id " +
                          std::to_string(application_id) + ")");
  }
  // application_id 0: a new, empty file is fine; anything with content is not ours.
  Result<std::int64_t> objects =
      pragma_int(db, "SELECT count(*) FROM sqlite_schema", "store_open_failed");
  if (!objects.ok()) return objects.error();
  Result<std::int64_t> version = schema_version(db);
  if (!version.ok()) return version.error();
  if (objects.value() != 0 || version.value() != 0) {
    return make_error("not_parlor_database",
                      "the file is an SQLite database but not a Parlor one (no Parlor "
                      "application_id)");
  }
  return Status::Ok();
}

Status migrate(Db& db, std::span<const Migration> migrations) {
  const std::int64_t known = static_cast<std::int64_t>(migrations.size());
  while (true) {
    Result<std::int64_t> seen = schema_version(db);
    if (!seen.ok()) return seen.error();
    if (seen.value() > known) return too_new(seen.value(), migrations.size());
    if (seen.value() == known) return Status::Ok();

    // IMMEDIATE: take the write lock first, then re-read the version, so two
    // processes opening a new file at once do not both apply a step.
    if (Status begun = db.exec("BEGIN IMMEDIATE", "begin migration"); !begun.ok()) {
      return make_error("migration_failed", begun.error().message);
    }
    Result<std::int64_t> version = schema_version(db);
    if (!version.ok() || version.value() >= known) {
      (void)db.exec("ROLLBACK", "rollback migration");
      if (!version.ok()) return version.error();
      continue;  // another opener got there first: re-check from the top
    }
    const Migration& step = migrations[static_cast<size_t>(version.value())];
    if (Status applied = db.exec(step.sql, step.name); !applied.ok()) {
      return fail_step(db, version.value(), step, applied.error());
    }
    std::string bump = "PRAGMA user_version = " + std::to_string(version.value() + 1) +
                       "; PRAGMA application_id = " + std::to_string(kApplicationId);
    if (Status bumped = db.exec(bump, "set schema version"); !bumped.ok()) {
      return fail_step(db, version.value(), step, bumped.error());
    }
    if (Status committed = db.exec("COMMIT", "commit migration"); !committed.ok()) {
      return fail_step(db, version.value(), step, committed.error());
    }
  }
}

}  // namespace parlor::store
