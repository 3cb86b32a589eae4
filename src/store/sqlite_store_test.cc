// Tests of the SQLite store on real files in a temporary directory:
// migrations and opening, and round trips of every method (group commit,
// back-pressure and reopening: sqlite_store_group_commit_test.cc; the kill -9
// crash test: sqlite_store_crash_test.cc).
#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/store_test_util.h"

namespace parlor::store {
namespace {

using namespace parlor::store::test_util;

// ---- migrations and opening

TEST(SqliteStoreSchema, FreshFileGetsTheLatestSchema) {
  TempDir dir;
  const std::string path = dir.file("fresh.db");
  { auto store = open_store(path); }
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"),
            static_cast<std::int64_t>(parlor_migrations().size()));
  EXPECT_EQ(raw_int(path, "PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(raw_int(path,
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                    "('players','rooms','room_log','log_index','log_fold','snapshots','chat',"
                    "'results','result_players')"),
            9);
  auto db = Db::open(path, SQLITE_OPEN_READWRITE);
  ASSERT_TRUE(db.ok());
  auto mode = Statement::prepare(db.value().get(), "PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  Query query(mode.value());
  ASSERT_TRUE(query.step().value());
  EXPECT_EQ(query.text_at(0), "wal");
}

TEST(SqliteStoreSchema, ExistingFileGetsOnlyTheMissingSteps) {
  TempDir dir;
  const std::string path = dir.file("existing.db");
  // Step 1 would fail if it ran twice (the table exists).
  const Migration v1[] = {{"one", "CREATE TABLE a (x)"}};
  const Migration v2[] = {{"one", "CREATE TABLE a (x)"},
                          {"two", "CREATE TABLE b (y); INSERT INTO a VALUES (1)"}};
  {
    auto db = Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(migrate(db.value(), v1).ok());
    EXPECT_EQ(schema_version(db.value()).value(), 1);
    ASSERT_TRUE(migrate(db.value(), v1).ok());  // nothing to do
  }
  {
    auto db = Db::open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.ok());
    Status migrated = migrate(db.value(), v2);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    EXPECT_EQ(schema_version(db.value()).value(), 2);
  }
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM a"), 1);
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM b"), 0);
  EXPECT_EQ(raw_int(path, "PRAGMA application_id"), kApplicationId);
}

TEST(SqliteStoreSchema, FailedStepKeepsThePreviousVersion) {
  TempDir dir;
  const std::string path = dir.file("failing.db");
  const Migration steps[] = {{"one", "CREATE TABLE a (x)"},
                             {"broken", "CREATE TABLE c (z); INSERT INTO missing VALUES (1)"}};
  auto db = Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(db.ok());
  Status migrated = migrate(db.value(), steps);
  ASSERT_FALSE(migrated.ok());
  EXPECT_EQ(migrated.error().code, "migration_failed");
  EXPECT_NE(migrated.error().message.find("migration 2 (broken)"), std::string::npos)
      << migrated.error().message;
  EXPECT_EQ(schema_version(db.value()).value(), 1);
  EXPECT_FALSE(db.value().in_transaction());
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'c'"), 0);
}

TEST(SqliteStoreSchema, ReopeningAParlorFileKeepsItsVersion) {
  TempDir dir;
  const std::string path = dir.file("reopen.db");
  {
    auto store = open_store(path);
    ASSERT_TRUE(append_and_wait(*store, "r1", entry(1)).ok());
  }
  { auto store = open_store(path); }
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"),
            static_cast<std::int64_t>(parlor_migrations().size()));
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM room_log"), 1);
}

TEST(SqliteStoreSchema, NewerSchemaIsAnError) {
  TempDir dir;
  const std::string path = dir.file("newer.db");
  { auto store = open_store(path); }
  raw_exec(path, "PRAGMA user_version = " + std::to_string(parlor_migrations().size() + 1));
  auto store = open_sqlite_store(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "schema_too_new");
  EXPECT_NE(store.error().message.find("newer Parlor"), std::string::npos);
}

TEST(SqliteStoreSchema, OtherFilesAreRejectedClearly) {
  TempDir dir;
  const std::string text = dir.file("notes.txt");
  std::ofstream(text) << "this is not a database, just some text that is long enough\n"
                      << std::string(200, 'x');
  EXPECT_EQ(error_code_of(text), "not_parlor_database");

  const std::string other = dir.file("other.db");
  raw_exec(other, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
  EXPECT_EQ(error_code_of(other), "not_parlor_database");

  const std::string foreign_app = dir.file("foreign.db");
  raw_exec(foreign_app, "PRAGMA application_id = 1234");
  EXPECT_EQ(error_code_of(foreign_app), "not_parlor_database");

  EXPECT_EQ(error_code_of(dir.file("no/such/dir/x.db")), "store_open_failed");
  Options no_create;
  no_create.create_if_missing = false;
  EXPECT_EQ(error_code_of(dir.file("missing.db"), no_create), "store_open_failed");
  EXPECT_FALSE(fs::exists(dir.file("missing.db")));

  // The message names the file.
  auto store = open_sqlite_store(other);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find(other), std::string::npos);
}

// ---- round trips

TEST(SqliteStore, RoomsRoundTrip) {
  TempDir dir;
  auto store = open_store(dir.file("rooms.db"));
  EXPECT_FALSE(store->load_room("nope").has_value());

  room::RoomRecord waiting = room_record("r-wait", "waiting", 300);
  room::RoomRecord playing = room_record("r-play", "playing", 100);
  playing.is_private = true;
  playing.invite = "INV123";
  room::RoomRecord finished = room_record("r-done", "finished", 200);
  for (const auto* r : {&waiting, &playing, &finished}) ASSERT_TRUE(store->save_room(*r).ok());

  auto loaded = store->load_room("r-play");
  ASSERT_TRUE(loaded.has_value());
  expect_same_room(*loaded, playing);

  auto open = store->load_open_rooms();  // oldest first, finished left out
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, "r-play");
  EXPECT_EQ(open[1].id, "r-wait");

  // Saving again replaces the whole record.
  waiting.status = "closed";
  waiting.seats = "[]";
  waiting.updated_ms = 999;
  ASSERT_TRUE(store->save_room(waiting).ok());
  expect_same_room(*store->load_room("r-wait"), waiting);
  ASSERT_EQ(store->load_open_rooms().size(), 1u);
}

TEST(SqliteStore, LogRoundTripInOrderAfterSeq) {
  TempDir dir;
  auto store = open_store(dir.file("log.db"));
  const std::vector<room::LogEntry> written = {
      entry(1, R"({"game":"hearts","seed":"abc"})", "start", -1),
      entry(2, R"({"seed":"h1"})", "hand_seed", -1),
      entry(3, R"({"card":"QS","t":17})", "move", 2),
      entry(4, "", "restart", -1),
      entry(5, "{\"text\":\"caf\xc3\xa9 \\u2665\"}", "move", 0),
  };
  for (const auto& e : written) ASSERT_TRUE(append_and_wait(*store, "r1", e).ok());
  ASSERT_TRUE(append_and_wait(*store, "r2", entry(1)).ok());

  auto log = store->load_log("r1", 0);
  ASSERT_EQ(log.size(), written.size());
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].seq, written[i].seq);
    EXPECT_EQ(log[i].kind, written[i].kind);
    EXPECT_EQ(log[i].seat, written[i].seat);
    EXPECT_EQ(log[i].body, written[i].body);
    EXPECT_EQ(log[i].at_ms, written[i].at_ms);
  }
  EXPECT_EQ(seqs_of(store->load_log("r1", 3)), (std::vector<std::int64_t>{4, 5}));
  EXPECT_TRUE(store->load_log("r1", 5).empty());
  EXPECT_EQ(seqs_of(store->load_log("r2", 0)), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(store->load_log("unknown", 0).empty());
}

TEST(SqliteStore, InvalidEntriesAreErrorsNotCrashes) {
  TempDir dir;
  auto store = open_store(dir.file("invalid.db"));
  Status no_room = append_and_wait(*store, "", entry(1));
  ASSERT_FALSE(no_room.ok());
  EXPECT_EQ(no_room.error().code, "invalid_entry");
  Status zero_seq = append_and_wait(*store, "r1", entry(0));
  ASSERT_FALSE(zero_seq.ok());
  EXPECT_EQ(zero_seq.error().code, "invalid_entry");
  store->append("r1", entry(1), nullptr);  // no callback is fine
  store->flush();
  EXPECT_EQ(store->load_log("r1", 0).size(), 1u);
}

TEST(SqliteStore, SnapshotKeepsTheLatest) {
  TempDir dir;
  auto store = open_store(dir.file("snap.db"));
  EXPECT_FALSE(store->load_snapshot("r1").has_value());
  ASSERT_TRUE(store->save_snapshot("r1", {10, R"({"s":10})"}).ok());
  ASSERT_EQ(store->load_snapshot("r1")->seq, 10);
  ASSERT_TRUE(store->save_snapshot("r1", {20, R"({"s":20})"}).ok());
  ASSERT_TRUE(store->save_snapshot("r1", {15, R"({"s":15})"}).ok());  // older: ignored
  auto snap = store->load_snapshot("r1");
  ASSERT_TRUE(snap.has_value());
  EXPECT_EQ(snap->seq, 20);
  EXPECT_EQ(snap->state, R"({"s":20})");
  ASSERT_TRUE(store->save_snapshot("r1", {20, R"({"s":"20b"})"}).ok());  // same seq: replaced
  EXPECT_EQ(store->load_snapshot("r1")->state, R"({"s":"20b"})");
  EXPECT_FALSE(store->load_snapshot("r2").has_value());
}

TEST(SqliteStore, ChatNewestLimitOldestFirst) {
  TempDir dir;
  auto store = open_store(dir.file("chat.db"));
  std::vector<std::int64_t> lobby_ids;
  for (int i = 0; i < 10; ++i) {
    auto sent = chat_and_wait(*store, chat("lobby", "hello " + std::to_string(i)));
    ASSERT_TRUE(sent.ok());
    EXPECT_EQ(sent->text, "hello " + std::to_string(i));
    if (!lobby_ids.empty()) {
      EXPECT_GT(sent->id, lobby_ids.back());
    }
    lobby_ids.push_back(sent->id);
    if (i % 3 == 0) {
      ASSERT_TRUE(chat_and_wait(*store, chat("room-1", "in room")).ok());
    }
  }
  auto last4 = store->load_chat("lobby", 4);
  ASSERT_EQ(last4.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(last4[i].id, lobby_ids[6 + i]);
    EXPECT_EQ(last4[i].text, "hello " + std::to_string(6 + i));
    EXPECT_EQ(last4[i].channel, "lobby");
    EXPECT_EQ(last4[i].player_id, "p1");
    EXPECT_EQ(last4[i].name, "Ann");
    EXPECT_EQ(last4[i].at_ms, 42);
  }
  EXPECT_EQ(store->load_chat("lobby", 100).size(), 10u);
  EXPECT_EQ(store->load_chat("room-1", 100).size(), 4u);
  EXPECT_TRUE(store->load_chat("lobby", 0).empty());
  EXPECT_TRUE(store->load_chat("nobody", 10).empty());
}

TEST(SqliteStore, PlayersResultsAndStats) {
  TempDir dir;
  const std::string path = dir.file("results.db");
  auto store = open_store(path);
  ASSERT_TRUE(store->upsert_player("p1", "Ann").ok());
  ASSERT_TRUE(store->upsert_player("p2", "Bob").ok());
  ASSERT_TRUE(store->upsert_player("p1", "Annie").ok());  // rename
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM players"), 2);
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM players WHERE id = 'p1' AND name = 'Annie'"), 1);

  EXPECT_FALSE(store->load_result("r1").has_value());
  auto first = game_result("r1", "hearts", R"({"seed":"a"})", {"p1", "p2", "", ""},
                           {true, false, false, false});
  ASSERT_TRUE(store->save_result(first).ok());
  ASSERT_TRUE(store->save_result(first).ok());  // the same game again: not counted twice
  auto rematch = game_result("r1", "hearts", R"({"seed":"b"})", {"p1", "p2", "", ""},
                             {false, true, false, false});
  ASSERT_TRUE(store->save_result(rematch).ok());
  ASSERT_TRUE(store
                  ->save_result(game_result("r2", "spades", R"({"seed":"c"})", {"p1", "", "p2", ""},
                                            {true, false, true, false}))
                  .ok());
  ASSERT_TRUE(
      store->save_result(game_result("r3", "klondike", R"({"seed":"d"})", {"p2"}, {false})).ok());

  auto loaded = store->load_result("r1");  // the latest game of the room
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->room_id, "r1");
  EXPECT_EQ(loaded->game, "hearts");
  EXPECT_EQ(loaded->record, rematch.record);
  EXPECT_EQ(loaded->result, rematch.result);
  EXPECT_EQ(loaded->seat_players, rematch.seat_players);
  EXPECT_EQ(loaded->winners, rematch.winners);
  EXPECT_EQ(loaded->finished_ms, 777);

  auto p1 = store->player_stats("p1");
  ASSERT_EQ(p1.size(), 2u);
  EXPECT_EQ(p1[0].game, "hearts");
  EXPECT_EQ(p1[0].played, 2);
  EXPECT_EQ(p1[0].won, 1);
  EXPECT_EQ(p1[1].game, "spades");
  EXPECT_EQ(p1[1].played, 1);
  EXPECT_EQ(p1[1].won, 1);
  auto p2 = store->player_stats("p2");
  ASSERT_EQ(p2.size(), 3u);
  EXPECT_EQ(p2[0].game, "hearts");
  EXPECT_EQ(p2[0].won, 1);
  EXPECT_EQ(p2[1].game, "klondike");
  EXPECT_EQ(p2[1].played, 1);
  EXPECT_EQ(p2[1].won, 0);
  EXPECT_TRUE(store->player_stats("nobody").empty());
  EXPECT_TRUE(store->player_stats("").empty());  // "" is a bot seat

  Status bad = store->save_result(game_result("r4", "hearts", "{}", {"p1", "p2"}, {true}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_result");
  EXPECT_FALSE(store->load_result("r4").has_value());
}

}  // namespace
}  // namespace parlor::store
