#pragma once
// Small RAII wrappers over the SQLite C API: a connection (Db), a prepared
// statement (Statement) and one use of a statement (Query). Internal to
// src/store: the only folder that includes sqlite3.h.
//
// Thread contract: connections are opened with SQLITE_OPEN_NOMUTEX, so one
// Db and its statements are used by one thread at a time; the owners (the
// writer thread, the reader pool) guarantee that.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace parlor::store {

// Builds an Error from a failed SQLite call: `code` is Parlor's machine code,
// the message names what was being done and SQLite's own words.
Error sqlite_error(sqlite3* db, int rc, std::string_view code, std::string_view what);

// An open connection; closes it on destruction. Statements prepared on it
// must be destroyed first (members declared after the Db go first).
class Db {
 public:
  static Result<Db> open(const std::string& path, int flags);
  Db() = default;
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  sqlite3* get() const { return db_; }
  // Runs SQL text (possibly several statements) that returns no rows we need.
  Status exec(std::string_view sql, std::string_view what);
  // True while a transaction is open (an error may have rolled it back).
  bool in_transaction() const { return db_ && !sqlite3_get_autocommit(db_); }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// A prepared statement, kept for the life of its connection (the statement
// cache: every SQL text Parlor runs is prepared once at open).
class Statement {
 public:
  static Result<Statement> prepare(sqlite3* db, std::string_view sql);
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  sqlite3_stmt* get() const { return stmt_; }

 private:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  sqlite3_stmt* stmt_ = nullptr;
};

// One execution of a cached statement: bind parameters in order, step, read
// columns. The destructor resets the statement and clears its bindings, which
// also ends the implicit read transaction a SELECT holds open — a statement
// left un-reset would pin an old WAL snapshot and stall checkpoints.
//
// Text is bound without copying (SQLITE_STATIC): the bound strings must
// outlive the Query.
class Query {
 public:
  explicit Query(Statement& statement);
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  Query& bind(std::int64_t value);
  Query& bind(std::string_view text);

  // Steps once. Ok(true): a row is ready; Ok(false): done; else an error
  // (with code "storage_error", or "constraint" for a constraint failure).
  Result<bool> step();
  // Steps to completion, for statements that return no rows.
  Status run();

  std::int64_t int64_at(int column) const;
  std::string text_at(int column) const;

 private:
  sqlite3_stmt* stmt_;
  int next_param_ = 1;
};

}  // namespace parlor::store
