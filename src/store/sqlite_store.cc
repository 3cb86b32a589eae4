#include "store/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "store/checkpointer.h"
#include "store/group_commit_writer.h"
#include "store/read_connection.h"
#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/write_connection.h"

namespace parlor::store {
namespace {

// Per-connection settings of the writer, and why:
// - cache_size 64 MiB: a fold indexes 2,000 rooms, about one log_index leaf
//   page each, and the log's own pages are read back to index them; with
//   the default 2 MiB cache SQLite would read them from the file again.
// - Checkpoints run on a thread of their own (checkpointer.h) every
//   Options::checkpoint_every; the writer's automatic threshold is only a
//   backstop (100,000 pages, ~400 MiB) should that thread fall behind.
//   Without the thread: 10,000 pages (~40 MiB). Each room's tail page is
//   rewritten by every batch and a checkpoint copies each page once however
//   often it was rewritten, so rarer checkpoints copy far less. (SQLite's
//   default, 1,000 pages, would checkpoint after nearly every large batch.)
// - journal_size_limit 256 MiB: truncates the WAL back after a checkpoint
//   only past the restart threshold (Options::wal_restart_pages, 128 MiB).
// - temp_store MEMORY: each job runs in a savepoint, whose statement journal
//   (the pages' content before the savepoint) SQLite otherwise spills to a
//   new temporary file past 64 KiB. When fold steps ran in a savepoint of
//   the batch, every batch created, wrote and deleted a file: a third of the
//   fold's CPU (profile in bench/load/RESULTS.md). In memory it is bounded
//   by the pages one job touches.
constexpr std::string_view kWriterSettings =
    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA journal_size_limit = 268435456; "
    "PRAGMA temp_store = MEMORY; ";
constexpr std::string_view kInlineCheckpoints = "PRAGMA wal_autocheckpoint = 10000";
constexpr std::string_view kBackstopCheckpoints = "PRAGMA wal_autocheckpoint = 100000";

// An asynchronous write whose caller hears the outcome through `done` (on
// the writer thread, after the commit). Appends and snapshots.
template <class Write>
class ReportingJob final : public WriteJob {
 public:
  ReportingJob(Write write, std::function<void(Status)> done) : write_(std::move(write)), done_(std::move(done)) {}
  Status execute(WriteConnection& conn) override { return write_(conn); }
  void complete(Status outcome) override {
    if (done_) done_(std::move(outcome));
  }

 private:
  Write write_;
  std::function<void(Status)> done_;
};

template <class Write>
std::unique_ptr<WriteJob> reporting_job(Write write, std::function<void(Status)> done) {
  return std::make_unique<ReportingJob<Write>>(std::move(write), std::move(done));
}

class ChatJob final : public WriteJob {
 public:
  ChatJob(room::ChatMessage message, std::function<void(Result<room::ChatMessage>)> done)
      : message_(std::move(message)), done_(std::move(done)) {}
  Status execute(WriteConnection& conn) override {
    Result<std::int64_t> id = conn.add_chat(message_);
    if (!id.ok()) return id.error();
    message_.id = id.value();
    return Status::Ok();
  }
  void complete(Status outcome) override {
    if (!done_) return;
    if (outcome.ok()) {
      done_(std::move(message_));
    } else {
      done_(outcome.error());
    }
  }

 private:
  room::ChatMessage message_;
  std::function<void(Result<room::ChatMessage>)> done_;
};

// A synchronous write: its caller waits for the outcome, so `write` may
// refer to the caller's arguments.
template <class Write>
class SyncJob final : public WriteJob {
 public:
  explicit SyncJob(Write write) : write_(std::move(write)) {}
  Status execute(WriteConnection& conn) override { return write_(conn); }
  void complete(Status) override {}

 private:
  Write write_;
};

template <class Write>
std::unique_ptr<WriteJob> sync_job(Write write) {
  return std::make_unique<SyncJob<Write>>(std::move(write));
}

template <class T>
T value_or_throw(Result<T> result) {
  if (!result.ok()) throw StoreError(result.error());
  return std::move(result).value();
}

class SqliteStore final : public room::Store {
 public:
  SqliteStore(std::unique_ptr<ReaderPool> readers, std::unique_ptr<Checkpointer> checkpointer,
              std::unique_ptr<GroupCommitWriter> writer)
      : readers_(std::move(readers)), checkpointer_(std::move(checkpointer)), writer_(std::move(writer)) {}

  void append(const std::string& room_id, room::LogEntry entry,
              std::function<void(Status)> done) override {
    writer_->submit(reporting_job(
        [room_id, entry = std::move(entry)](WriteConnection& conn) { return conn.append(room_id, entry); },
        std::move(done)));
  }

  void flush() override { writer_->flush(); }

  Status save_room(const room::RoomRecord& room) override {
    return writer_->submit_and_wait(
        sync_job([&](WriteConnection& conn) { return conn.save_room(room); }));
  }

  void save_room_later(room::RoomRecord room, std::function<void(Status)> done) override {
    writer_->submit(reporting_job(
        [room = std::move(room)](WriteConnection& conn) { return conn.save_room(room); }, std::move(done)));
  }

  std::optional<room::RoomRecord> load_room(const std::string& id) override {
    return value_or_throw(readers_->acquire()->load_room(id));
  }

  std::vector<room::RoomRecord> load_open_rooms() override {
    return value_or_throw(readers_->acquire()->load_open_rooms());
  }

  std::vector<room::LogEntry> load_log(const std::string& room_id,
                                       std::int64_t after_seq) override {
    return value_or_throw(readers_->acquire()->load_log(room_id, after_seq));
  }

  Status save_snapshot(const std::string& room_id, const room::Snapshot& snap) override {
    return writer_->submit_and_wait(
        sync_job([&](WriteConnection& conn) { return conn.save_snapshot(room_id, snap); }));
  }

  void save_snapshot_later(const std::string& room_id, room::Snapshot snap,
                           std::function<void(Status)> done) override {
    writer_->submit(reporting_job(
        [room_id, snap = std::move(snap)](WriteConnection& conn) { return conn.save_snapshot(room_id, snap); },
        std::move(done)));
  }

  std::optional<room::Snapshot> load_snapshot(const std::string& room_id) override {
    return value_or_throw(readers_->acquire()->load_snapshot(room_id));
  }

  void add_chat(room::ChatMessage msg,
                std::function<void(Result<room::ChatMessage>)> done) override {
    writer_->submit(std::make_unique<ChatJob>(std::move(msg), std::move(done)));
  }

  std::vector<room::ChatMessage> load_chat(const std::string& channel, int limit) override {
    return value_or_throw(readers_->acquire()->load_chat(channel, limit));
  }

  Status upsert_player(const std::string& id, const std::string& name) override {
    return writer_->submit_and_wait(
        sync_job([&](WriteConnection& conn) { return conn.upsert_player(id, name); }));
  }

  Status save_result(const room::GameResult& result) override {
    return writer_->submit_and_wait(
        sync_job([&](WriteConnection& conn) { return conn.save_result(result); }));
  }

  void save_result_later(room::GameResult result, std::function<void(Status)> done) override {
    writer_->submit(reporting_job(
        [result = std::move(result)](WriteConnection& conn) { return conn.save_result(result); },
        std::move(done)));
  }

  std::optional<room::GameResult> load_result(const std::string& room_id) override {
    return value_or_throw(readers_->acquire()->load_result(room_id));
  }

  std::vector<room::PlayerStats> player_stats(const std::string& player_id) override {
    return value_or_throw(readers_->acquire()->player_stats(player_id));
  }

 private:
  std::unique_ptr<ReaderPool> readers_;
  std::unique_ptr<Checkpointer> checkpointer_;  // may be null (Options::checkpoint_every 0)
  // Declared last, destroyed first: it flushes (running `done` callbacks,
  // which may still read) while the readers are open.
  std::unique_ptr<GroupCommitWriter> writer_;
};

Error open_error(const std::string& path, const Error& cause) {
  // Keep the cause's code ("not_parlor_database", "schema_too_new"...);
  // name the file in the message.
  return make_error(cause.code, path + ": " + cause.message);
}

// A busy handler that tries again every 100 us until `timeout_ms` (the
// handler's argument) has passed. SQLite's own busy timeout sleeps 1, 2, 5,
// 10, 15, 20, 25... ms between tries, so the writer held up by a checkpoint's
// 3 ms RESTART would sleep 8 ms, and every room's moves with it.
int retry_soon(void* timeout_ms, int tries) {
  constexpr std::int64_t kStepUs = 100;
  if (tries >= reinterpret_cast<std::intptr_t>(timeout_ms) * 1000 / kStepUs) return 0;
  std::this_thread::sleep_for(std::chrono::microseconds(kStepUs));
  return 1;
}

Result<Db> open_connection(const std::string& path, const Options& options, int flags) {
  Result<Db> db = Db::open(path, flags | SQLITE_OPEN_NOMUTEX);
  if (!db.ok()) return db.error();
  sqlite3_busy_handler(db.value().get(), retry_soon,
                       reinterpret_cast<void*>(static_cast<std::intptr_t>(std::max(0, options.busy_timeout_ms))));
  return db;
}

// Sets WAL mode, which is stored in the file, and checks SQLite agreed.
Status enable_wal(Db& db) {
  Result<Statement> pragma = Statement::prepare(db.get(), "PRAGMA journal_mode = WAL");
  if (!pragma.ok()) return make_error("store_open_failed", pragma.error().message);
  Query query(pragma.value());
  Result<bool> row = query.step();
  if (!row.ok()) return make_error("store_open_failed", row.error().message);
  std::string mode = row.value() ? query.text_at(0) : "";
  if (mode != "wal") {
    return make_error("store_open_failed", "cannot use WAL mode (journal_mode is '" + mode + "')");
  }
  return Status::Ok();
}

Result<std::unique_ptr<WriteConnection>> open_writer(const std::string& path,
                                                     const Options& options) {
  int flags = SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  Result<Db> db = open_connection(path, options, flags);
  if (!db.ok()) return db.error();
  if (Status ours = check_identity(db.value()); !ours.ok()) return ours.error();
  if (Status wal = enable_wal(db.value()); !wal.ok()) return wal.error();
  // synchronous is per connection; only this one writes.
  const char* synchronous = options.durability == Durability::kPowerLoss
                                ? "PRAGMA synchronous = FULL; "
                                : "PRAGMA synchronous = NORMAL; ";
  const auto checkpoints = options.checkpoint_every.count() > 0 ? kBackstopCheckpoints : kInlineCheckpoints;
  if (Status set = db.value().exec(synchronous + std::string(kWriterSettings) + std::string(checkpoints),
                                   "writer settings");
      !set.ok()) {
    return make_error("store_open_failed", set.error().message);
  }
  if (Status migrated = migrate(db.value(), parlor_migrations()); !migrated.ok()) {
    return migrated.error();
  }
  Result<std::unique_ptr<WriteConnection>> conn = WriteConnection::create(std::move(db).value());
  if (!conn.ok()) return conn.error();
  conn.value()->set_fold({options.fold_after_rows, options.fold_rows_per_step});
  // What a killed server left in the tail is indexed before anything reads
  // or appends (the writer's bookkeeping starts from an empty tail).
  if (Status folded = conn.value()->fold_all(); !folded.ok()) {
    return make_error("store_open_failed", "folding the log's tail: " + folded.error().message);
  }
  return conn;
}

Result<std::unique_ptr<ReaderPool>> open_readers(const std::string& path, const Options& options) {
  std::vector<std::unique_ptr<ReadConnection>> readers;
  const int count = options.read_connections < 1 ? 1 : options.read_connections;
  for (int i = 0; i < count; ++i) {
    Result<Db> db = open_connection(path, options, SQLITE_OPEN_READWRITE);
    if (!db.ok()) return db.error();
    // query_only: a read connection that tried to write would be a bug.
    if (Status set = db.value().exec("PRAGMA query_only = ON", "reader settings"); !set.ok()) {
      return make_error("store_open_failed", set.error().message);
    }
    Result<std::unique_ptr<ReadConnection>> reader = ReadConnection::create(std::move(db).value());
    if (!reader.ok()) return reader.error();
    readers.push_back(std::move(reader).value());
  }
  return std::make_unique<ReaderPool>(std::move(readers));
}

}  // namespace

Result<std::unique_ptr<room::Store>> open_sqlite_store(const std::string& path, Options options) {
  if (!sqlite3_threadsafe()) {
    return make_error("store_open_failed", "SQLite was built without thread support");
  }
  Result<std::unique_ptr<WriteConnection>> writer = open_writer(path, options);
  if (!writer.ok()) return open_error(path, writer.error());
  Result<std::unique_ptr<ReaderPool>> readers = open_readers(path, options);
  if (!readers.ok()) return open_error(path, readers.error());
  std::unique_ptr<Checkpointer> checkpointer;
  if (options.checkpoint_every.count() > 0) {
    Result<Db> db = open_connection(path, options, SQLITE_OPEN_READWRITE);
    if (!db.ok()) return open_error(path, db.error());
    checkpointer = std::make_unique<Checkpointer>(std::move(db).value(), options.checkpoint_every,
                                                  options.wal_restart_pages);
  }
  auto group_writer = std::make_unique<GroupCommitWriter>(
      std::move(writer).value(), options.max_queued, std::move(options.on_commit),
      options.commit_interval);
  return std::unique_ptr<room::Store>(std::make_unique<SqliteStore>(
      std::move(readers).value(), std::move(checkpointer), std::move(group_writer)));
}

}  // namespace parlor::store
