#include "store/sqlite_db.h"

#include <utility>

namespace parlor::store {

Error sqlite_error(sqlite3* db, int rc, std::string_view code, std::string_view what) {
  std::string message(what);
  message += ": ";
  // The connection's message is more specific, when it belongs to this rc.
  if (db && sqlite3_errcode(db) == rc) {
    message += sqlite3_errmsg(db);
  } else {
    message += sqlite3_errstr(rc);
  }
  message += " (sqlite code " + std::to_string(rc) + ")";
  return make_error(std::string(code), std::move(message));
}

// ---- Db

Result<Db> Db::open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);  // sqlite3_open_v2 may hand out a handle even on failure: close it.
  if (rc != SQLITE_OK) {
    return sqlite_error(raw, rc, "store_open_failed", "cannot open " + path);
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Db::Db(Db&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Db::~Db() {
  if (db_) sqlite3_close_v2(db_);
}

Status Db::exec(std::string_view sql, std::string_view what) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db_, rc, "storage_error", what);
  return Status::Ok();
}

// ---- Statement

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return sqlite_error(db, rc, "storage_error", "prepare " + std::string(sql));
  }
  return Statement(stmt);
}

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

// ---- Query

Query::Query(Statement& statement) : stmt_(statement.get()) {
  PARLOR_CHECK(stmt_ != nullptr, "Query on an unprepared statement");
}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::bind(std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, next_param_++, value);
  PARLOR_CHECK(rc == SQLITE_OK, "bind int64 #" << next_param_ - 1 << ": " << sqlite3_errstr(rc)
                                               << " in " << sqlite3_sql(stmt_));
  return *this;
}

Query& Query::bind(std::string_view text) {
  // A non-null pointer even for "", so that empty text is stored as '' and not NULL.
  const char* data = text.empty() ? "" : text.data();
  int rc = sqlite3_bind_text64(stmt_, next_param_++, data, text.size(), SQLITE_STATIC, SQLITE_UTF8);
  PARLOR_CHECK(rc == SQLITE_OK, "bind text #" << next_param_ - 1 << ": " << sqlite3_errstr(rc)
                                              << " in " << sqlite3_sql(stmt_));
  return *this;
}

Result<bool> Query::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  bool constraint = (rc & 0xff) == SQLITE_CONSTRAINT;
  return sqlite_error(db, rc, constraint ? "constraint" : "storage_error", sqlite3_sql(stmt_));
}

Status Query::run() {
  while (true) {
    Result<bool> row = step();
    if (!row.ok()) return row.error();
    if (!row.value()) return Status::Ok();
  }
}

std::int64_t Query::int64_at(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Query::text_at(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

}  // namespace parlor::store
