#pragma once
// Parlor's schema and its migrations.
//
// A Parlor database is marked by PRAGMA application_id = kApplicationId and
// versioned by PRAGMA user_version: version N means migrations 1..N have been
// applied. Migrations are an append-only ordered list: never edit a released
// step, add a new one. Each step runs in its own transaction together with
// the user_version bump, so a crash mid-migration leaves the previous version.
#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"
#include "store/sqlite_db.h"

namespace parlor::store {

// "PRLR" in ASCII: tells a Parlor database from any other SQLite file.
inline constexpr std::int32_t kApplicationId = 0x50524c52;

struct Migration {
  std::string_view name;  // for error messages
  std::string_view sql;   // one or more statements
};

// The migrations this build knows, in order; their count is the schema
// version this build writes.
std::span<const Migration> parlor_migrations();

// Checks that `db` is either empty (a new file) or a Parlor database.
// Errors: "not_parlor_database" (another application's database, or not an
// SQLite file at all), "store_open_failed" (cannot read it).
Status check_identity(Db& db);

// Brings `db` to version migrations.size(), applying the missing steps in
// order. Errors: "schema_too_new" (the file was written by a newer Parlor),
// "migration_failed" (a step failed; the file keeps the version before it).
// Safe against a concurrent opener: the version is re-read inside each
// step's write transaction.
Status migrate(Db& db, std::span<const Migration> migrations);

// PRAGMA user_version, or an error.
Result<std::int64_t> schema_version(Db& db);

}  // namespace parlor::store
