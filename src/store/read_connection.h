#pragma once
// Read connections and their pool. In WAL mode a reader sees the last
// committed state and never waits for the writer, so reads run concurrently
// with the writer thread. Each statement runs as its own implicit read
// transaction (queries that need one consistent view are single statements).
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "room/store.h"
#include "store/sqlite_db.h"

namespace parlor::store {

class ReadConnection {
 public:
  // Prepares every read statement on `db` (the statement cache).
  static Result<std::unique_ptr<ReadConnection>> create(Db db);

  Result<std::optional<room::RoomRecord>> load_room(const std::string& id);
  Result<std::vector<room::RoomRecord>> load_open_rooms();
  Result<std::vector<room::LogEntry>> load_log(const std::string& room_id, std::int64_t after_seq);
  Result<std::optional<room::Snapshot>> load_snapshot(const std::string& room_id);
  Result<std::vector<room::ChatMessage>> load_chat(const std::string& channel, int limit);
  Result<std::optional<room::GameResult>> load_result(const std::string& room_id);
  Result<std::vector<room::PlayerStats>> player_stats(const std::string& player_id);

 private:
  explicit ReadConnection(Db db) : db_(std::move(db)) {}

  Db db_;  // declared first: destroyed after the statements below
  Statement room_, open_rooms_, log_, snapshot_, chat_, result_, stats_;
};

// A fixed set of read connections; a reader borrows one for one call.
class ReaderPool {
 public:
  explicit ReaderPool(std::vector<std::unique_ptr<ReadConnection>> readers);

  // Returns its connection to the pool when destroyed.
  class Lease {
   public:
    Lease(ReaderPool& pool, ReadConnection* conn) : pool_(pool), conn_(conn) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(conn_); }
    ReadConnection* operator->() const { return conn_; }

   private:
    ReaderPool& pool_;
    ReadConnection* conn_;
  };

  // Waits while every connection is in use.
  Lease acquire();

 private:
  void give_back(ReadConnection* conn);

  std::vector<std::unique_ptr<ReadConnection>> readers_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<ReadConnection*> free_;  // guarded by mutex_
};

}  // namespace parlor::store
