// Tests of the SQLite store on real files in a temporary directory:
// migrations, round trips of every method, group commit, back-pressure,
// reopening, and a kill -9 crash test of the durability contract.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/store_test_util.h"

namespace parlor::store {
namespace {

using namespace std::chrono_literals;
using namespace parlor::store::test_util;

// ---- helpers

room::RoomRecord room_record(std::string id, std::string status, std::int64_t created) {
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

void expect_same_room(const room::RoomRecord& a, const room::RoomRecord& b) {
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

room::GameResult game_result(std::string room_id, std::string game, std::string record,
                             std::vector<std::string> players, std::vector<bool> winners) {
  return room::GameResult{std::move(room_id),
                          std::move(game),
                          std::move(record),
                          R"({"scores":[1,2]})",
                          std::move(players),
                          std::move(winners),
                          777};
}

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
                    "('players','rooms','room_log','snapshots','chat','results',"
                    "'result_players')"),
            7);
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

// ---- group commit

TEST(SqliteStore, DuplicateSeqFailsOnlyThatEntry) {
  TempDir dir;
  std::mutex mutex;
  std::vector<CommitInfo> commits;
  Options options;
  options.on_commit = [&](const CommitInfo& info) {
    std::lock_guard lock(mutex);
    commits.push_back(info);
  };
  auto store = open_store(dir.file("dup.db"), options);
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(1, "one")).ok());
  ASSERT_TRUE(append_and_wait(*store, "r1", entry(2, "two")).ok());

  std::vector<Status> outcomes(4);
  {
    WriterGate gate(*store);  // the next four writes form one batch
    store->append("r1", entry(3, "three"), [&](Status s) { outcomes[0] = s; });
    store->append("r1", entry(2, "two again"), [&](Status s) { outcomes[1] = s; });
    store->append("r1", entry(4, "four"), [&](Status s) { outcomes[2] = s; });
    store->append("r1", entry(4, "four again"), [&](Status s) { outcomes[3] = s; });
    gate.release();
    store->flush();
  }
  EXPECT_TRUE(outcomes[0].ok());
  ASSERT_FALSE(outcomes[1].ok());
  EXPECT_EQ(outcomes[1].error().code, "duplicate_seq");
  EXPECT_TRUE(outcomes[2].ok());
  ASSERT_FALSE(outcomes[3].ok());
  EXPECT_EQ(outcomes[3].error().code, "duplicate_seq");

  auto log = store->load_log("r1", 0);
  ASSERT_EQ(seqs_of(log), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(log[1].body, "two");  // the original stays
  EXPECT_EQ(log[3].body, "four");
  std::lock_guard lock(mutex);
  ASSERT_FALSE(commits.empty());
  EXPECT_EQ(commits.back().jobs, 4u);
  EXPECT_EQ(commits.back().failed, 2u);
}

TEST(SqliteStore, ManyThreadsManyRoomsGroupCommit) {
  TempDir dir;
  constexpr int kThreads = 4, kRoomsPerThread = 25, kEntries = 40;
  constexpr int kTotal = kThreads * kRoomsPerThread * kEntries;
  std::atomic<std::uint64_t> batches{0}, batched_jobs{0};
  Options options;
  options.on_commit = [&](const CommitInfo& info) {
    ++batches;
    batched_jobs += info.jobs;
  };
  auto store = open_store(dir.file("group.db"), options);

  // Written on the writer thread only; read after flush().
  std::map<std::string, std::vector<std::int64_t>> acked;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::thread reader([&] {  // reads run concurrently with the writer
    while (writing) {
      auto log = store->load_log("t0-r0", 0);
      for (size_t i = 0; i < log.size(); ++i) {
        if (log[i].seq != static_cast<std::int64_t>(i + 1)) ++failures;
      }
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int seq = 1; seq <= kEntries; ++seq) {
        for (int r = 0; r < kRoomsPerThread; ++r) {
          std::string room_id = "t" + std::to_string(t) + "-r" + std::to_string(r);
          store->append(room_id, entry(seq, "{\"n\":" + std::to_string(seq) + "}"),
                        [&acked, &failures, room_id, seq](Status s) {
                          if (!s.ok()) ++failures;
                          acked[room_id].push_back(seq);
                        });
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  store->flush();
  writing = false;
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(acked.size(), static_cast<size_t>(kThreads * kRoomsPerThread));
  for (const auto& [room_id, seqs] : acked) {
    EXPECT_EQ(seqs, one_to(kEntries)) << room_id;  // each done once, in seq order
    EXPECT_EQ(seqs_of(store->load_log(room_id, 0)), one_to(kEntries)) << room_id;
  }
  EXPECT_EQ(batched_jobs.load(), static_cast<std::uint64_t>(kTotal));
  EXPECT_LT(batches.load(), static_cast<std::uint64_t>(kTotal)) << "no batch had two entries";
}

TEST(SqliteStore, FlushWaitsForEverythingQueuedBefore) {
  TempDir dir;
  auto store = open_store(dir.file("flush.db"));
  std::atomic<int> done{0};
  for (int seq = 1; seq <= 2000; ++seq) {
    store->append("r1", entry(seq), [&](Status s) {
      EXPECT_TRUE(s.ok());
      ++done;
    });
    if (seq % 500 == 0)
      store->add_chat(chat("lobby", "x"), [&](auto r) {
        EXPECT_TRUE(r.ok());
        ++done;
      });
  }
  store->flush();
  EXPECT_EQ(done.load(), 2004);
  EXPECT_EQ(store->load_log("r1", 0).size(), 2000u);
  EXPECT_EQ(store->load_chat("lobby", 10).size(), 4u);
  store->flush();  // nothing queued: returns at once
}

TEST(SqliteStore, FullQueueBlocksTheCallerAndDropsNothing) {
  TempDir dir;
  Options options;
  options.max_queued = 8;
  auto store = open_store(dir.file("pressure.db"), options);
  std::atomic<int> returned{0}, acked{0};
  auto gate = std::make_unique<WriterGate>(*store);  // the writer takes nothing meanwhile
  std::thread producer([&] {
    for (int seq = 1; seq <= 100; ++seq) {
      store->append("r1", entry(seq), [&](Status s) {
        EXPECT_TRUE(s.ok());
        ++acked;
      });
      ++returned;
    }
  });
  for (int i = 0; i < 1000 && returned.load() < 8; ++i) std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(100ms);  // time for a wrong 9th append to return
  EXPECT_EQ(returned.load(), 8) << "the 9th append should wait for space";
  EXPECT_EQ(acked.load(), 0);
  gate->release();
  producer.join();
  store->flush();
  EXPECT_EQ(acked.load(), 100);
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(100));
}

TEST(SqliteStore, CallbacksMayUseTheStore) {
  TempDir dir;
  Options options;
  options.max_queued = 1;  // an append from a callback must not wait for space
  auto store = open_store(dir.file("reentrant.db"), options);
  std::promise<void> finished;
  std::function<void(std::int64_t)> next = [&](std::int64_t seq) {
    store->append("r1", entry(seq), [&, seq](Status s) {
      EXPECT_TRUE(s.ok());
      // A synchronous write and a read on the writer thread.
      EXPECT_TRUE(store->save_snapshot("r1", {seq, "{}"}).ok());
      EXPECT_EQ(store->load_log("r1", seq - 1).size(), 1u);
      if (seq < 50) {
        store->append("r2", entry(seq), nullptr);  // queue more from the writer
        next(seq + 1);
      } else {
        finished.set_value();
      }
    });
  };
  next(1);
  finished.get_future().wait();
  store->flush();
  EXPECT_EQ(store->load_snapshot("r1")->seq, 50);
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(50));
  EXPECT_EQ(seqs_of(store->load_log("r2", 0)), one_to(49));
}

TEST(SqliteStore, ReopenAfterCloseKeepsEverything) {
  TempDir dir;
  const std::string path = dir.file("reopen-all.db");
  std::atomic<int> acked{0};
  {
    auto store = open_store(path);
    ASSERT_TRUE(store->upsert_player("p1", "Ann").ok());
    ASSERT_TRUE(store->save_room(room_record("r1", "playing", 1)).ok());
    ASSERT_TRUE(store->save_snapshot("r1", {3, "{\"state\":3}"}).ok());
    ASSERT_TRUE(store->save_result(game_result("r0", "golf", "{}", {"p1"}, {true})).ok());
    for (int seq = 1; seq <= 500; ++seq) {
      store->append("r1", entry(seq), [&](Status s) { acked += s.ok(); });
    }
    store->add_chat(chat("r1", "bye"), [&](auto r) { acked += r.ok(); });
    // No flush: destruction completes the queue.
  }
  EXPECT_EQ(acked.load(), 501);
  auto store = open_store(path);
  EXPECT_EQ(store->load_room("r1")->status, "playing");
  EXPECT_EQ(store->load_open_rooms().size(), 1u);
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(500));
  EXPECT_EQ(store->load_snapshot("r1")->state, "{\"state\":3}");
  EXPECT_EQ(store->load_chat("r1", 5).at(0).text, "bye");
  EXPECT_EQ(store->load_result("r0")->game, "golf");
  ASSERT_EQ(store->player_stats("p1").size(), 1u);
  // Chat ids keep increasing across a reopen.
  auto later = chat_and_wait(*store, chat("r1", "back"));
  ASSERT_TRUE(later.ok());
  EXPECT_GT(later->id, store->load_chat("r1", 2).at(0).id);
}

TEST(SqliteStore, ReadFailuresThrowStoreError) {
  TempDir dir;
  const std::string path = dir.file("broken.db");
  auto store = open_store(path);
  ASSERT_TRUE(chat_and_wait(*store, chat("lobby", "hi")).ok());
  raw_exec(path, "DROP TABLE chat");  // behind the store's back
  try {
    (void)store->load_chat("lobby", 5);
    FAIL() << "load_chat of a dropped table returned";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.error().code, "storage_error");
    EXPECT_NE(std::string(e.what()).find("no such table: chat"), std::string::npos) << e.what();
  }
}

TEST(SqliteStore, PowerLossDurabilityWorksTheSame) {
  TempDir dir;
  Options options;
  options.durability = Durability::kPowerLoss;
  options.read_connections = 1;
  auto store = open_store(dir.file("full.db"), options);
  for (int seq = 1; seq <= 20; ++seq) ASSERT_TRUE(append_and_wait(*store, "r1", entry(seq)).ok());
  EXPECT_EQ(seqs_of(store->load_log("r1", 0)), one_to(20));
}

// ---- crash test: kill -9 never loses an acknowledged entry

constexpr int kCrashRooms = 8;

// What the child writes to the pipe: an acknowledged entry, or (room
// kOpened) that the store is open.
constexpr std::int32_t kOpened = -1;

struct Ack {
  std::int32_t room = 0;
  std::int32_t unused = 0;
  std::int64_t seq = 0;
};

std::string crash_room(int round, int room) {
  return "crash" + std::to_string(round) + "-r" + std::to_string(room);
}

// The child: appends to kCrashRooms rooms until killed, writing each
// acknowledged (room, seq) to the pipe from its `done`.
[[noreturn]] void append_until_killed(const std::string& path, int round, int ack_fd) {
  alarm(60);  // never outlive a parent that failed to kill us
  Options options;
  options.max_queued = 1000;
  auto store = open_sqlite_store(path, options);
  if (!store.ok()) _exit(3);
  Ack opened{kOpened, 0, 0};
  if (write(ack_fd, &opened, sizeof opened) != sizeof opened) _exit(5);
  for (std::int64_t seq = 1;; ++seq) {
    for (int r = 0; r < kCrashRooms; ++r) {
      store.value()->append(crash_room(round, r), entry(seq, "{\"move\":1}"),
                            [ack_fd, r, seq](Status s) {
                              if (!s.ok()) _exit(4);
                              Ack ack{r, 0, seq};
                              // Below PIPE_BUF: one atomic write.
                              if (write(ack_fd, &ack, sizeof ack) != sizeof ack) _exit(5);
                            });
    }
  }
}

// Reads everything the child acknowledged; kills it `delay` after it
// opened the store (or after the fork, when `from_fork`).
std::vector<Ack> collect_acks_then_kill(pid_t child, int fd, std::chrono::microseconds delay,
                                        bool from_fork) {
  std::vector<Ack> acks;
  std::string buffer;
  size_t parsed = 0;
  bool opened = false;
  auto drain = [&](int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    for (; parsed + sizeof(Ack) <= buffer.size(); parsed += sizeof(Ack)) {
      Ack ack;
      std::memcpy(&ack, buffer.data() + parsed, sizeof ack);
      if (ack.room == kOpened) {
        opened = true;
      } else {
        acks.push_back(ack);
      }
    }
    return true;
  };
  const auto forked = std::chrono::steady_clock::now();
  while (!from_fork && !opened && std::chrono::steady_clock::now() < forked + 30s) drain(1);
  const auto deadline = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < deadline) drain(1);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the child ended by itself, status " << status;
  while (drain(0)) {
  }
  return acks;
}

TEST(SqliteStoreCrash, Kill9NeverLosesAnAcknowledgedEntry) {
  TempDir dir;
  const std::string path = dir.file("crash.db");
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_us(0, 100'000);
  std::size_t total_acks = 0;
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    // Every fifth round kills early, counting from the fork: maybe while
    // the child opens the store or (round 0) creates and migrates it.
    const bool from_fork = round % 5 == 0;
    const auto delay = std::chrono::microseconds(delay_us(rng) / (from_fork ? 5 : 1));
    SCOPED_TRACE("round " + std::to_string(round) + ", kill " + std::to_string(delay.count()) +
                 " us after " + (from_fork ? "the fork" : "the store opened"));
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      append_until_killed(path, round, fds[1]);
    }
    close(fds[1]);
    std::vector<Ack> acks = collect_acks_then_kill(child, fds[0], delay, from_fork);
    close(fds[0]);
    total_acks += acks.size();

    std::int64_t max_acked[kCrashRooms] = {};
    for (const Ack& ack : acks) {
      ASSERT_TRUE(ack.room >= 0 && ack.room < kCrashRooms);
      max_acked[ack.room] = std::max(max_acked[ack.room], ack.seq);
    }
    auto store = open_store(path);  // recovers the WAL the child left
    for (int r = 0; r < kCrashRooms; ++r) {
      auto seqs = seqs_of(store->load_log(crash_room(round, r), 0));
      // Entries of a room commit in order: what survived is 1..n, with n at
      // least the highest acknowledged seq (so every acknowledged one is there).
      ASSERT_EQ(seqs, one_to(static_cast<std::int64_t>(seqs.size()))) << crash_room(round, r);
      ASSERT_GE(static_cast<std::int64_t>(seqs.size()), max_acked[r]) << crash_room(round, r);
    }
  }
  EXPECT_GT(total_acks, 0u) << "no round acknowledged anything: the kills came too early";
}

}  // namespace
}  // namespace parlor::store
