// Whole games against the real store (room_test_util.h): computer players'
// pacing, finished games and their records, views built ahead of the log,
// restores from the log and from snapshots.
#include "room/room_test_util.h"

namespace parlor::room::test_support {
namespace {

// Computer players wait bot_delay +- the spread, drawn anew for each turn, so
// tables that once moved in step drift apart (room.h, bot_delay_spread_pct).
TEST_F(RoomTest, ComputerPlayersWaitsSpreadAroundTheDelay) {
  config_.bot_delay = std::chrono::milliseconds(700);
  config_.bot_delay_spread_pct = 25;
  ASSERT_NO_FATAL_FAILURE(start_short_hearts_with_three_bots());
  play_out(this, *host_, *room_, 1);
  ASSERT_GE(host_->bot_waits.size(), 30u);
  std::set<std::int64_t> distinct;
  for (auto wait : host_->bot_waits) {
    EXPECT_GE(wait.count(), 525);
    EXPECT_LE(wait.count(), 875);
    distinct.insert(wait.count());
  }
  // 351 possible waits: at least half the draws differ, or 100 of them in a long game.
  EXPECT_GE(distinct.size(), std::min<size_t>(host_->bot_waits.size() / 2, 100)) << "the waits hardly vary";

}

TEST_F(RoomTest, WithoutASpreadEveryComputerPlayerWaitsTheDelay) {
  config_.bot_delay = std::chrono::milliseconds(700);
  config_.bot_delay_spread_pct = 0;
  ASSERT_NO_FATAL_FAILURE(start_short_hearts_with_three_bots());
  play_out(this, *host_, *room_, 1, 20);
  ASSERT_FALSE(host_->bot_waits.empty());
  for (auto wait : host_->bot_waits) EXPECT_EQ(wait.count(), 700);
}

TEST_F(RoomTest, AFullGameWithBotsFinishesAndIsRecorded) {
  ASSERT_NO_FATAL_FAILURE(start_short_hearts_with_three_bots());
  // Nobody is shown the end before the result is stored: a client seeing
  // game_over may fetch the record at once.
  int game_over_views = 0;
  host_->on_push = [&](std::string_view event, const json::object& p) {
    if (event != "view" || !p.contains("status") || p.at("status") != "game_over") return;
    ++game_over_views;
    EXPECT_TRUE(store_->load_result("r_test").has_value()) << "game_over shown before the result was stored";
  };
  play_out(this, *host_, *room_, 1);
  ASSERT_EQ(room_->status(), "finished");
  EXPECT_GT(game_over_views, 0);
  host_->on_push = nullptr;
  auto result = store_->load_result("r_test");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->game, "hearts");
  EXPECT_EQ(result->seat_players[0], "p_alice");
  auto stats = store_->player_stats("p_alice");
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].played, 1);
  // Every hand seed was revealed in the record, and a rematch starts a new game.
  EXPECT_NE(result->record.find("hand_seeds"), std::string::npos);
  EXPECT_TRUE(send(1, "rematch", {}).ok);
  EXPECT_EQ(room_->status(), "playing");
  EXPECT_EQ(room_->version(), 0);
}

// The stored record of a room's last finished game is its log read back:
// the "start" entry's setup, every hand's seed, every move with its seat;
// and replaying it gives the stored result.
void expect_record_is_the_log(Store& store, const std::string& room_id) {
  store.flush();
  auto result = store.load_result(room_id);
  ASSERT_TRUE(result.has_value()) << "no result stored";
  json::object expected;
  json::array seeds, moves;
  for (const auto& e : store.load_log(room_id, 0)) {
    json::object body = json::parse(e.body).as_object();
    if (e.kind == "start") {
      expected = body;
      seeds.clear();
      moves.clear();
    } else if (e.kind == "hand_seed") {
      seeds.push_back(body.at("seed"));
    } else if (e.kind == "move") {
      body["seat"] = e.seat;
      moves.push_back(std::move(body));
    }
  }
  ASSERT_GT(moves.size(), 52u);
  expected["hand_seeds"] = std::move(seeds);
  expected["moves"] = std::move(moves);
  const json::value record = json::parse(result->record);
  EXPECT_EQ(record, json::value(expected));
  json::object replayed = rules::run_record(record.as_object());
  EXPECT_EQ(replayed["status"], "game_over");
  EXPECT_EQ(replayed["error"], nullptr);
  const json::value stored = json::parse(result->result);
  for (const auto& [key, value] : stored.as_object()) EXPECT_EQ(replayed[key], value) << key;
}

TEST_F(RoomTest, TheRecordOfAFinishedGameIsItsLog) {
  ASSERT_NO_FATAL_FAILURE(start_short_hearts_with_three_bots());
  play_out(this, *host_, *room_, 1);
  ASSERT_EQ(room_->status(), "finished");
  expect_record_is_the_log(*store_, "r_test");
  // A rematch's record holds its own game only.
  ASSERT_TRUE(send(1, "rematch", {}).ok);
  play_out(this, *host_, *room_, 1);
  ASSERT_EQ(room_->status(), "finished");
  expect_record_is_the_log(*store_, "r_test");
}

// A room resumed from a snapshot in mid-game has not seen its game's first
// moves: its record still holds them all.
TEST_F(RoomTest, ARoomResumedInMidGameRecordsTheWholeGame) {
  ASSERT_NO_FATAL_FAILURE(start_short_hearts_with_three_bots());
  play_out(this, *host_, *room_, 1, 52 + 4 + 30);  // past the first hand's snapshot
  ASSERT_EQ(room_->status(), "playing");
  store_->flush();
  ASSERT_TRUE(store_->load_snapshot("r_test").has_value());
  ScriptedHost fresh(*store_);
  fresh.room_id = "r_test";
  auto restored = Room::restore("r_test", config_, fresh);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  ASSERT_TRUE((*restored)->join(1, alice, {}).ok());
  play_out(this, fresh, **restored, 1);
  ASSERT_EQ((*restored)->status(), "finished");
  expect_record_is_the_log(*store_, "r_test");
}

// Computer players may be several moves ahead of the log: they are asked
// about states not yet durable, which publish() shows later. Every view
// published for a state a bot also saw must show what the bot was shown,
// except the seat's own fields and the room's (a bot's view has none).
TEST_F(RoomTest, ViewsBuiltForBotsAheadOfTheLogAgreeWithThePublishedOnes) {
  ASSERT_NO_FATAL_FAILURE(start_short_hearts_with_three_bots());
  const size_t before_start = host_->sent.size();  // earlier views are the waiting room's
  // A Hearts state's place in the game: its hand, phase, passes and tricks.
  auto state_key = [](const json::object& v) {
    return json::serialize(json::array{v.at("hand"), v.at("phase"), v.at("passed"), v.at("trick"), v.at("tricks")});
  };
  std::map<std::string, json::object> bot_saw;
  for (int round = 0; round < 2000 && room_->status() == "playing"; ++round) {
    for (int ahead = 0; ahead < 3; ++ahead) {  // bots move 3 times before any ack
      for (auto k : std::vector<TimerKey>(host_->timers)) {
        if (k.kind != TimerKind::kBotTurn && k.kind != TimerKind::kDeal) continue;
        host_->cancel_timer(k);
        room_->on_timer(k);
      }
      for (auto& ask : std::exchange(host_->bot_asks, {})) {
        bot_saw[state_key(ask.view)] = ask.view;
        room_->on_bot_move(ask.seat, 0, ask.view["legal"].as_array()[0]);
      }
    }
    host_->run_acks();
    json::object mine = last_view(1);
    if (!mine.empty() && !mine["legal"].as_array().empty())
      send(1, "move", mine["legal"].as_array()[0].as_object());
  }
  ASSERT_EQ(room_->status(), "finished");
  int compared = 0;
  for (size_t i = before_start; i < host_->sent.size(); ++i) {
    const auto& sent = host_->sent[i];
    if (sent.conn != 1 || sent.event != "view") continue;
    auto seen = bot_saw.find(state_key(sent.payload));
    if (seen == bot_saw.end()) continue;
    for (const auto& [key, value] : sent.payload) {
      if (key == "seat" || key == "cards" || key == "pass" || key == "legal") continue;
      if (key == "version" || key == "room_status" || key == "seats") {
        EXPECT_FALSE(seen->second.contains(key)) << key;
        continue;
      }
      const json::value* theirs = seen->second.if_contains(key);
      ASSERT_TRUE(theirs != nullptr) << key;
      EXPECT_EQ(value, *theirs) << "\"" << key << "\" at " << seen->first;
    }
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

// A person's move between a state's publish() and a computer player's turn:
// the bot must see the newer state. In the pass, all four act on the same state.
TEST_F(RoomTest, BotsLookingAfterAPersonsMoveSeeThatMove) {
  ASSERT_NO_FATAL_FAILURE(start_short_hearts_with_three_bots());
  for (int i = 0; i < 3 && host_->bot_asks.empty(); ++i) {  // deal; bots wait for their timers
    host_->run_acks();
    for (auto k : std::vector<TimerKey>(host_->timers))
      if (k.kind == TimerKind::kDeal) {
        host_->cancel_timer(k);
        room_->on_timer(k);
      }
  }
  host_->run_acks();
  json::object mine = last_view(1);
  ASSERT_EQ(mine.at("phase"), "passing");
  ASSERT_EQ(mine.at("passed"), (json::array{false, false, false, false}));
  ASSERT_TRUE(host_->bot_asks.empty());
  send(1, "move", mine["legal"].as_array()[0].as_object(), /*run_acks=*/false);  // not durable yet
  for (auto k : std::vector<TimerKey>(host_->timers)) {
    if (k.kind != TimerKind::kBotTurn) continue;
    host_->cancel_timer(k);
    room_->on_timer(k);
  }
  ASSERT_EQ(host_->bot_asks.size(), 3u);
  for (const auto& ask : host_->bot_asks)
    EXPECT_EQ(ask.view.at("passed"), (json::array{true, false, false, false})) << "seat " << ask.seat;
}

TEST_F(RoomTest, RestoreRebuildsTheRoomFromItsLog) {
  make_room("spades");
  seat_four_and_start({{"dealer", 0}});
  for (int i = 0; i < 6; ++i) {
    for (ConnId c = 1; c <= 4; ++c) {
      auto legal = last_view(c)["legal"].as_array();
      if (!legal.empty()) {
        ASSERT_TRUE(send(c, "move", legal[0].as_object()).ok);
        break;
      }
    }
  }
  auto before = last_view(2);
  ASSERT_EQ(room_->version(), 6);
  room_.reset();
  ScriptedHost fresh(*store_);
  fresh.room_id = "r_test";
  auto restored = Room::restore("r_test", config_, fresh);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ((*restored)->version(), 6);
  EXPECT_EQ((*restored)->status(), "playing");
  ASSERT_TRUE((*restored)->join(2, bob, {}).ok());
  json::object after;
  for (auto it = fresh.sent.rbegin(); it != fresh.sent.rend(); ++it)
    if (it->conn == 2 && it->event == "view") {
      after = it->payload;
      break;
    }
  EXPECT_EQ(json::serialize(after["cards"]), json::serialize(before["cards"]));
  EXPECT_FALSE(after["cards"].as_array().empty());
  EXPECT_EQ(after["version"], 6);
}

// Plays `moves` moves by whoever may act (never abandoning), then deals the
// next hand if one is due, so the table is mid-hand.
void play_moves(RoomTest* t, ScriptedHost& host, Room& room, int people, int moves) {
  std::uint64_t token = 500000;
  while (moves > 0 && room.status() == "playing") {
    bool moved = false;
    for (int conn = 1; conn <= people && !moved; ++conn) {
      json::object v = t->last_view(static_cast<ConnId>(conn));
      if (v.empty()) continue;
      for (const auto& m : v["legal"].as_array()) {
        if (m.at("type") == "abandon") continue;
        room.handle(static_cast<ConnId>(conn), ReplyTo{static_cast<ConnId>(conn), ++token}, "move", m.as_object());
        host.run_acks();
        moved = true;
        --moves;
        break;
      }
    }
    for (auto k : std::vector<TimerKey>(host.timers))
      if (k.kind == TimerKind::kDeal) {
        host.cancel_timer(k);
        room.on_timer(k);
        host.run_acks();
      }
    ASSERT_TRUE(moved) << "nobody could move";
  }
}

// A room restored from its latest snapshot and the log after it shows every
// seat exactly the view the live room showed.
void expect_restore_matches(RoomTest* t, Store& store, Room& live, const std::vector<Player>& people,
                            const RoomConfig& config) {
  store.flush();
  auto snap = store.load_snapshot("r_test");
  ASSERT_TRUE(snap.has_value()) << "no snapshot was written";
  auto tail = store.load_log("r_test", snap->seq);
  EXPECT_LT(tail.size(), static_cast<size_t>(Room::kSnapshotEvery) + 2) << "the snapshot is stale";
  ScriptedHost fresh(store);
  fresh.room_id = "r_test";
  auto restored = Room::restore("r_test", config, fresh);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ((*restored)->version(), live.version());
  // Everyone back first (seats show who is connected), then compare.
  std::vector<json::object> seen(people.size());
  for (size_t i = 0; i < people.size(); ++i) {
    auto joined = (*restored)->join(static_cast<ConnId>(i + 1), people[i], {});
    ASSERT_TRUE(joined.ok());
    seen[i] = joined->at("view").as_object();
  }
  for (const auto& sent : fresh.sent)
    if (sent.event == "view") seen[sent.conn - 1] = sent.payload;
  for (size_t i = 0; i < people.size(); ++i)
    EXPECT_EQ(json::serialize(seen[i]), json::serialize(t->last_view(static_cast<ConnId>(i + 1)))) << "seat " << i;
}

TEST_F(RoomTest, AHeartsRoomRestoredFromASnapshotIsWhereItsLogSays) {
  make_room("hearts");
  seat_four_and_start({{"dealer", 1}});
  play_moves(this, *host_, *room_, 4, 52 + 4 + 30);  // a whole hand with its pass, then 30 more
  ASSERT_EQ(room_->version(), 86);
  expect_restore_matches(this, *store_, *room_, {alice, bob, carol, dave}, config_);
}

TEST_F(RoomTest, AKlondikeRoomRestoredFromASnapshotIsWhereItsLogSays) {
  make_room("klondike");
  ASSERT_TRUE(room_->join(1, alice, {}).ok());
  ASSERT_TRUE(send(1, "sit", {{"seat", 0}}).ok);
  ASSERT_TRUE(send(1, "start", {}).ok);
  play_moves(this, *host_, *room_, 1, Room::kSnapshotEvery + 10);  // no hands: the move count snapshots
  expect_restore_matches(this, *store_, *room_, {alice}, config_);
}

}  // namespace
}  // namespace parlor::room::test_support
