#pragma once
// Helpers shared by the store's tests: temporary directories, synchronous
// wrappers of the asynchronous writes, raw SQL on a database file, and room
// and game result records.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "base/check.h"
#include "room/store.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace parlor::store::test_util {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "parlor_store_test_XXXXXX").string();
    PARLOR_CHECK(mkdtemp(pattern.data()) != nullptr, "mkdtemp " << pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

inline std::unique_ptr<room::Store> open_store(const std::string& path, Options options = {}) {
  auto store = open_sqlite_store(path, std::move(options));
  PARLOR_CHECK(store.ok(), store.error().code << ": " << store.error().message);
  return std::move(store).value();
}

inline std::string error_code_of(const std::string& path, Options options = {}) {
  auto store = open_sqlite_store(path, std::move(options));
  return store.ok() ? "ok" : store.error().code;
}

inline room::LogEntry entry(std::int64_t seq, std::string body = "{}", std::string kind = "move",
                            int seat = 0) {
  return room::LogEntry{seq, std::move(kind), seat, std::move(body), 1000 + seq};
}

inline Status append_and_wait(room::Store& store, const std::string& room_id, room::LogEntry e) {
  std::promise<Status> outcome;
  auto future = outcome.get_future();
  store.append(room_id, std::move(e), [&](Status s) { outcome.set_value(std::move(s)); });
  return future.get();
}

inline Result<room::ChatMessage> chat_and_wait(room::Store& store, room::ChatMessage message) {
  std::promise<Result<room::ChatMessage>> outcome;
  auto future = outcome.get_future();
  store.add_chat(std::move(message),
                 [&](Result<room::ChatMessage> r) { outcome.set_value(std::move(r)); });
  return future.get();
}

inline room::ChatMessage chat(std::string channel, std::string text) {
  return room::ChatMessage{0, std::move(channel), "p1", "Ann", std::move(text), 42};
}

inline std::vector<std::int64_t> seqs_of(const std::vector<room::LogEntry>& log) {
  std::vector<std::int64_t> seqs;
  for (const auto& e : log) seqs.push_back(e.seq);
  return seqs;
}

inline std::vector<std::int64_t> one_to(std::int64_t n) {
  std::vector<std::int64_t> seqs;
  for (std::int64_t i = 1; i <= n; ++i) seqs.push_back(i);
  return seqs;
}

// Runs one integer query on the file with a separate raw connection. The
// busy timeout: a new connection's first read of the schema can find the WAL
// being reset by a checkpoint (SQLITE_BUSY for a moment).
inline std::int64_t raw_int(const std::string& path, const std::string& sql) {
  auto db = Db::open(path, SQLITE_OPEN_READWRITE);
  PARLOR_CHECK(db.ok(), db.error().message);
  sqlite3_busy_timeout(db.value().get(), 5000);
  auto statement = Statement::prepare(db.value().get(), sql);
  PARLOR_CHECK(statement.ok(), statement.error().message);
  Query query(statement.value());
  auto row = query.step();
  PARLOR_CHECK(row.ok() && row.value(), sql);
  return query.int64_at(0);
}

inline void raw_exec(const std::string& path, const std::string& sql) {
  auto db = Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  PARLOR_CHECK(db.ok(), db.error().message);
  sqlite3_busy_timeout(db.value().get(), 5000);
  Status done = db.value().exec(sql, "raw_exec");
  PARLOR_CHECK(done.ok(), done.error().message);
}

// Blocks the writer thread inside a `done` callback until release(), so
// that the jobs queued meanwhile form one batch.
class WriterGate {
 public:
  explicit WriterGate(room::Store& store) : released_(release_.get_future().share()) {
    std::future<void> entered = entered_.get_future();
    store.append("gate", entry(++gate_seq_), [gate = this](Status) {
      gate->entered_.set_value();
      gate->released_.wait();
    });
    entered.wait();
  }
  void release() { release_.set_value(); }

 private:
  inline static std::atomic<std::int64_t> gate_seq_{0};
  std::promise<void> entered_;
  std::promise<void> release_;
  std::shared_future<void> released_;
};

inline room::RoomRecord room_record(std::string id, std::string status, std::int64_t created) {
  room::RoomRecord r;
  r.id = std::move(id);
  r.game = "hearts";
  r.options = R"({"target":100})";
  r.is_private = false;
  r.host_player = "p1";
  r.status = std::move(status);
  r.seats = R"([{"player":"p1"},{"bot":"easy"}])";
  r.created_ms = created;
  r.updated_ms = created + 5;
  return r;
}

inline void expect_same_room(const room::RoomRecord& a, const room::RoomRecord& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.game, b.game);
  EXPECT_EQ(a.options, b.options);
  EXPECT_EQ(a.is_private, b.is_private);
  EXPECT_EQ(a.invite, b.invite);
  EXPECT_EQ(a.host_player, b.host_player);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.seats, b.seats);
  EXPECT_EQ(a.created_ms, b.created_ms);
  EXPECT_EQ(a.updated_ms, b.updated_ms);
}

inline room::GameResult game_result(std::string room_id, std::string game, std::string record,
                                    std::vector<std::string> players, std::vector<bool> winners) {
  return room::GameResult{std::move(room_id),
                          std::move(game),
                          std::move(record),
                          R"({"scores":[1,2]})",
                          std::move(players),
                          std::move(winners),
                          777};
}

}  // namespace parlor::store::test_util
