#include "store/sqlite_store.h"

#include <string_view>
#include <utility>
#include <vector>

#include "store/group_commit_writer.h"
#include "store/read_connection.h"
#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/write_connection.h"

namespace parlor::store {
namespace {

// Per-connection settings of the writer, and why:
// - cache_size 64 MiB: a batch from 2,000 rooms dirties about one room_log
//   leaf page per room; with the default 2 MiB cache SQLite would spill
//   dirty pages to the WAL mid-transaction and read them back.
// - wal_autocheckpoint 10,000 pages (~40 MiB): each room's tail page is
//   rewritten by every batch; a checkpoint copies each page once however
//   often it was rewritten, so rarer checkpoints copy far less. (The default,
//   1,000 pages, would checkpoint after nearly every large batch.)
// - journal_size_limit 64 MiB: truncates the WAL back after a checkpoint.
constexpr std::string_view kWriterSettings =
    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
    "PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864";

class AppendJob final : public WriteJob {
 public:
  AppendJob(std::string room_id, room::LogEntry entry, std::function<void(Status)> done)
      : room_id_(std::move(room_id)), entry_(std::move(entry)), done_(std::move(done)) {}
  Status execute(WriteConnection& conn) override { return conn.append(room_id_, entry_); }
  void complete(Status outcome) override {
    if (done_) done_(std::move(outcome));
  }

 private:
  std::string room_id_;
  room::LogEntry entry_;
  std::function<void(Status)> done_;
};

class SnapshotJob final : public WriteJob {
 public:
  SnapshotJob(std::string room_id, room::Snapshot snapshot, std::function<void(Status)> done)
      : room_id_(std::move(room_id)), snapshot_(std::move(snapshot)), done_(std::move(done)) {}
  Status execute(WriteConnection& conn) override { return conn.save_snapshot(room_id_, snapshot_); }
  void complete(Status outcome) override {
    if (done_) done_(std::move(outcome));
  }

 private:
  std::string room_id_;
  room::Snapshot snapshot_;
  std::function<void(Status)> done_;
};

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
  SqliteStore(std::unique_ptr<ReaderPool> readers, std::unique_ptr<GroupCommitWriter> writer)
      : readers_(std::move(readers)), writer_(std::move(writer)) {}

  void append(const std::string& room_id, room::LogEntry entry,
              std::function<void(Status)> done) override {
    writer_->submit(std::make_unique<AppendJob>(room_id, std::move(entry), std::move(done)));
  }

  void flush() override { writer_->flush(); }

  Status save_room(const room::RoomRecord& room) override {
    return writer_->submit_and_wait(
        sync_job([&](WriteConnection& conn) { return conn.save_room(room); }));
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
    writer_->submit(std::make_unique<SnapshotJob>(room_id, std::move(snap), std::move(done)));
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

  std::optional<room::GameResult> load_result(const std::string& room_id) override {
    return value_or_throw(readers_->acquire()->load_result(room_id));
  }

  std::vector<room::PlayerStats> player_stats(const std::string& player_id) override {
    return value_or_throw(readers_->acquire()->player_stats(player_id));
  }

 private:
  std::unique_ptr<ReaderPool> readers_;
  // Declared last, destroyed first: it flushes (running `done` callbacks,
  // which may still read) while the readers are open.
  std::unique_ptr<GroupCommitWriter> writer_;
};

Error open_error(const std::string& path, const Error& cause) {
  // Keep the cause's code ("not_parlor_database", "schema_too_new"...);
  // name the file in the message.
  return make_error(cause.code, path + ": " + cause.message);
}

Result<Db> open_connection(const std::string& path, const Options& options, int flags) {
  Result<Db> db = Db::open(path, flags | SQLITE_OPEN_NOMUTEX);
  if (!db.ok()) return db.error();
  sqlite3_busy_timeout(db.value().get(), options.busy_timeout_ms);
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
  if (Status set = db.value().exec(synchronous + std::string(kWriterSettings), "writer settings");
      !set.ok()) {
    return make_error("store_open_failed", set.error().message);
  }
  if (Status migrated = migrate(db.value(), parlor_migrations()); !migrated.ok()) {
    return migrated.error();
  }
  return WriteConnection::create(std::move(db).value());
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
  auto group_writer = std::make_unique<GroupCommitWriter>(
      std::move(writer).value(), options.max_queued, std::move(options.on_commit));
  return std::unique_ptr<room::Store>(
      std::make_unique<SqliteStore>(std::move(readers).value(), std::move(group_writer)));
}

}  // namespace parlor::store
