// Room logic against the real SQLite store, through a scripted host that plays
// the part of the actor: it records what the room sends, keeps timers and bot
// requests for the test to fire, and runs durable acks when the test says so
// (as the actor's strand would, one at a time).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "room/room.h"
#include "rules/json_util.h"
#include "rules/registry.h"
#include "store/sqlite_store.h"

namespace parlor::room {
namespace {

namespace json = boost::json;

class ScriptedHost final : public RoomHost {
 public:
  explicit ScriptedHost(Store& store) : store_(store) {}
  // The store's writer thread calls back into acks_ for every append it
  // completes: none may still be in flight when the host is gone.
  ~ScriptedHost() override { store_.flush(); }

  struct Sent {
    ConnId conn;
    std::string event;
    json::object payload;
  };
  struct Replied {
    std::uint64_t token;
    bool ok;
    json::object payload;
  };
  struct BotAsk {
    int seat;
    json::object view;
  };

  void push(ConnId conn, std::string_view event, json::object payload) override {
    if (on_push) on_push(event, payload);
    sent.push_back({conn, std::string(event), std::move(payload)});
  }
  // Views arrive as text: read back, they are checked like any push.
  void push_text(ConnId conn, std::string_view event, std::string_view payload_json) override {
    push(conn, event, json::parse(payload_json).as_object());
  }
  // Optional: sees every push as it is made (to check what is stored by then).
  std::function<void(std::string_view, const json::object&)> on_push;
  void reply(const ReplyTo& to, bool ok, json::object payload) override {
    replies.push_back({to.token, ok, std::move(payload)});
  }
  void append(LogEntry entry, std::function<void(Status)> on_durable) override {
    store_.append(room_id, std::move(entry), on_room_strand(std::move(on_durable)));
  }
  std::function<void(Status)> on_room_strand(std::function<void(Status)> f) override {
    return [this, f = std::move(f)](Status st) {
      std::lock_guard lock(mu_);
      acks_.push_back([f, st] { f(st); });
    };
  }
  void store_chat(ChatMessage msg, std::function<void(Result<ChatMessage>)> done) override {
    store_.add_chat(std::move(msg), [this, cb = std::move(done)](Result<ChatMessage> r) {
      std::lock_guard lock(mu_);
      acks_.push_back([cb, r] { cb(r); });
    });
  }
  Store& store() override { return store_; }
  void start_timer(TimerKey key, std::chrono::milliseconds after) override {
    std::erase(timers, key);
    timers.push_back(key);
    if (key.kind == TimerKind::kBotTurn) bot_waits.push_back(after);
  }
  void cancel_timer(TimerKey key) override { std::erase(timers, key); }
  void request_bot_move(int seat, std::int64_t, std::string, rules::StatePtr state, std::uint64_t) override {
    // What the computer player may know: the seat's view, without the room's fields.
    const std::string view = rules::joined_members_text(state->seat_view_text(seat), state->shared_view_text());
    bot_asks.push_back({seat, json::parse(view).as_object()});
  }
  void summary_changed(json::object s) override { summaries.push_back(std::move(s)); }
  std::int64_t now_ms() override { return clock_ms; }
  std::string fresh_hand_seed() override {
    return std::string(63, '0') + std::to_string(seeds++ % 10);
  }

  // Runs every durable ack the store has delivered so far (after a flush).
  int run_acks() {
    store_.flush();
    std::deque<std::function<void()>> ready;
    {
      std::lock_guard lock(mu_);
      ready.swap(acks_);
    }
    for (auto& f : ready) f();
    return static_cast<int>(ready.size());
  }
  bool has_timer(TimerKey k) const { return std::find(timers.begin(), timers.end(), k) != timers.end(); }

  std::string room_id;
  std::vector<Sent> sent;
  std::vector<Replied> replies;
  std::vector<TimerKey> timers;
  std::vector<std::chrono::milliseconds> bot_waits;  // every computer player's wait, in order
  std::vector<BotAsk> bot_asks;
  std::vector<json::object> summaries;
  std::int64_t clock_ms = 1'767'225'600'000;
  int seeds = 0;

 private:
  Store& store_;
  std::mutex mu_;
  std::deque<std::function<void()>> acks_;
};

class RoomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("room_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = store::open_sqlite_store((dir_ / "parlor.db").string());
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    host_ = std::make_unique<ScriptedHost>(*store_);
    config_.test_mode = true;
  }
  void TearDown() override {
    room_.reset();
    host_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void make_room(const std::string& game, json::object options = {}, std::optional<int> players = {},
                 std::optional<int> turn_seconds = {}) {
    CreateParams p;
    p.id = "r_test";
    p.game = game;
    p.options = std::move(options);
    p.players = players;
    p.turn_seconds = turn_seconds;
    p.host = alice;
    host_->room_id = p.id;
    auto r = Room::create(p, config_, *host_);
    ASSERT_TRUE(r.ok()) << r.error().message;
    room_ = std::move(*r);
  }

  // Sends a push and returns its reply (running durable acks first if asked).
  ScriptedHost::Replied send(ConnId conn, std::string_view event, json::object payload,
                             bool run_acks = true) {
    std::uint64_t token = ++token_;
    room_->handle(conn, ReplyTo{conn, token}, event, payload);
    if (run_acks) host_->run_acks();
    for (auto& r : host_->replies)
      if (r.token == token) return r;
    return {token, false, json::object{{"code", "no_reply"}}};
  }


 public:
  json::object last_view(ConnId conn) const {
    for (auto it = host_->sent.rbegin(); it != host_->sent.rend(); ++it)
      if (it->conn == conn && it->event == "view") return it->payload;
    return {};
  }

 protected:
  void seat_four_and_start(json::object start = {}) {
    Player ps[] = {alice, bob, carol, dave};
    for (int i = 0; i < 4; ++i) {
      ASSERT_TRUE(room_->join(static_cast<ConnId>(i + 1), ps[i], {}).ok());
      ASSERT_TRUE(send(static_cast<ConnId>(i + 1), "sit", {{"seat", i}}).ok);
    }
    auto r = send(1, "start", std::move(start));
    ASSERT_TRUE(r.ok) << json::serialize(r.payload);
  }

  // A Hearts game to 25 points: Alice (connection 1) in seat 0, bots in 1-3.
  void start_short_hearts_with_three_bots() {
    make_room("hearts", {{"end_score", 25}});
    ASSERT_TRUE(room_->join(1, alice, {}).ok());
    ASSERT_TRUE(send(1, "sit", {{"seat", 0}}).ok);
    for (int s = 1; s < 4; ++s) ASSERT_TRUE(send(1, "add_bot", {{"seat", s}}).ok);
    ASSERT_TRUE(send(1, "start", {}).ok);
  }

  Player alice{"p_alice", "Alice"}, bob{"p_bob", "Bob"}, carol{"p_carol", "Carol"},
      dave{"p_dave", "Dave"}, eve{"p_eve", "Eve"};
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ScriptedHost> host_;
  std::unique_ptr<Room> room_;
  RoomConfig config_;
  std::uint64_t token_ = 0;
};

TEST_F(RoomTest, CreateValidatesTheGameAndItsOptions) {
  CreateParams p;
  p.id = "r1";
  p.game = "hearts";
  p.options = {{"moon", "sometimes"}};
  host_->room_id = "r1";
  auto bad = Room::create(p, config_, *host_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_option");
  EXPECT_NE(bad.error().message.find("moon"), std::string::npos);
  p.game = "chess";
  p.options = {};
  EXPECT_EQ(Room::create(p, config_, *host_).error().code, "not_found");
}

TEST_F(RoomTest, SeatsAndHostControls) {
  make_room("hearts");
  ASSERT_TRUE(room_->join(1, alice, {}).ok());
  ASSERT_TRUE(room_->join(2, bob, {}).ok());
  EXPECT_TRUE(send(2, "sit", {{"seat", 1}}).ok);
  EXPECT_EQ(send(1, "sit", {{"seat", 1}}).payload["code"], "seat_taken");
  EXPECT_EQ(send(2, "add_bot", {{"seat", 2}}).payload["code"], "not_host");
  EXPECT_EQ(send(1, "start", {}).payload["code"], "seats_open");
  EXPECT_EQ(send(1, "sit", {{"seat", 9}}).payload["code"], "bad_payload");
  EXPECT_TRUE(send(1, "add_bot", {{"seat", 2}, {"level", "easy"}}).ok);
  EXPECT_EQ(send(1, "set_options", {{"options", {{"end_score", 7}}}}).payload["code"], "bad_option");
  EXPECT_TRUE(send(1, "set_options", {{"options", {{"end_score", 50}}}}).ok);
  auto info = room_->info();
  EXPECT_EQ(info["seats"].as_array()[1].as_object()["player"].as_object()["name"], "Bob");
  EXPECT_EQ(info["seats"].as_array()[2].as_object()["bot"], true);
  EXPECT_EQ(info["options"].as_object()["end_score"], 50);
}

TEST_F(RoomTest, MovesAreAnsweredOnlyOnceDurableAndRefusalsChangeNothing) {
  make_room("hearts");
  seat_four_and_start({{"dealer", 0}});
  // Starting tells every connection the room's new status.
  for (ConnId c = 1; c <= 4; ++c) {
    json::object room;
    for (const auto& sent : host_->sent)
      if (sent.conn == c && sent.event == "room") room = sent.payload;
    EXPECT_EQ(room["status"], "playing") << "connection " << c;
  }
  auto v = last_view(1);
  ASSERT_EQ(v["status"], "in_progress");
  EXPECT_EQ(v["version"], 0);
  EXPECT_EQ(v["cards"].as_array().size(), 13u);
  ASSERT_FALSE(v["legal"].as_array().empty());
  json::object pass = v["legal"].as_array()[0].as_object();

  // Durable before answered: no reply until the store's ack runs.
  std::uint64_t token = ++token_;
  room_->handle(1, ReplyTo{1, token}, "move", pass);
  EXPECT_TRUE(host_->replies.empty() || host_->replies.back().token != token);
  host_->run_acks();
  ASSERT_EQ(host_->replies.back().token, token);
  EXPECT_TRUE(host_->replies.back().ok);
  EXPECT_EQ(host_->replies.back().payload["version"], 1);

  // Refusals, each with its code; the version stays at 1.
  EXPECT_EQ(send(1, "move", pass).payload["code"], "not_your_turn");
  EXPECT_EQ(send(2, "move", {{"type", "play"}, {"card", "2C"}}).payload["code"], "illegal_move");
  EXPECT_EQ(send(2, "move", {{"type", "fly"}}).payload["code"], "bad_payload");
  ASSERT_TRUE(room_->join(9, eve, {}).ok());
  EXPECT_EQ(send(9, "move", pass).payload["code"], "not_seated");
  json::object stale = last_view(2)["legal"].as_array()[0].as_object();
  stale["expect_version"] = 0;
  EXPECT_EQ(send(2, "move", stale).payload["code"], "stale_version");
  EXPECT_EQ(room_->version(), 1);
  stale["expect_version"] = 1;
  EXPECT_TRUE(send(2, "move", stale).ok);
  EXPECT_EQ(room_->version(), 2);
}

TEST_F(RoomTest, SpectatorsAndOtherSeatsNeverSeeAHand) {
  make_room("hearts");
  ASSERT_TRUE(room_->join(7, eve, {}).ok());
  seat_four_and_start({{"dealer", 0}});
  auto mine = last_view(1)["cards"].as_array();
  auto spectator = json::serialize(last_view(7));
  auto bobs = json::serialize(last_view(2));
  for (const auto& c : mine) {
    std::string code = "\"" + std::string(c.as_string()) + "\"";
    EXPECT_EQ(spectator.find(code), std::string::npos) << code;
    EXPECT_EQ(bobs.find(code), std::string::npos) << code;
  }
  EXPECT_TRUE(last_view(7)["legal"].as_array().empty());
  EXPECT_EQ(last_view(7)["seat"], nullptr);
}

// Plays first legal moves for every seat (people and bots) until the game
// ends, or until about `stop_at_version` moves when that is given.
void play_out(RoomTest* t, ScriptedHost& host, Room& room, int people, std::int64_t stop_at_version = -1) {
  for (int guard = 0; guard < 5000 && room.status() == "playing" &&
                      (stop_at_version < 0 || room.version() < stop_at_version);
       ++guard) {
    for (auto& ask : std::exchange(host.bot_asks, {}))
      room.on_bot_move(ask.seat, 0, ask.view["legal"].as_array()[0]);
    host.run_acks();
    for (auto k : std::vector<TimerKey>(host.timers)) {
      if (k.kind == TimerKind::kBotTurn || k.kind == TimerKind::kDeal) {
        host.cancel_timer(k);
        room.on_timer(k);
      }
    }
    host.run_acks();
    for (int conn = 1; conn <= people; ++conn) {
      (void)t;
      json::object v;
      for (auto it = host.sent.rbegin(); it != host.sent.rend(); ++it)
        if (it->conn == static_cast<ConnId>(conn) && it->event == "view") {
          v = it->payload;
          break;
        }
      if (v.empty() || v["legal"].as_array().empty()) continue;
      std::uint64_t token = 100000 + guard * 10 + conn;
      room.handle(static_cast<ConnId>(conn), ReplyTo{static_cast<ConnId>(conn), token}, "move",
                  v["legal"].as_array()[0].as_object());
      host.run_acks();
    }
  }
  host.run_acks();  // the end is shown once the result is stored
}

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

TEST_F(RoomTest, ADroppedPlayersSeatWaitsThenABotPlaysUntilTheyReturn) {
  make_room("hearts");
  seat_four_and_start({{"dealer", 0}});
  room_->leave(2);
  ASSERT_TRUE(host_->has_timer({TimerKind::kGrace, 1}));
  EXPECT_TRUE(host_->bot_asks.empty());
  room_->on_timer({TimerKind::kGrace, 1});
  EXPECT_EQ(room_->info()["seats"].as_array()[1].as_object()["standin"], true);
  ASSERT_TRUE(host_->has_timer({TimerKind::kBotTurn, 1}));
  room_->on_timer({TimerKind::kBotTurn, 1});
  ASSERT_EQ(host_->bot_asks.size(), 1u);
  EXPECT_EQ(host_->bot_asks[0].seat, 1);
  // Bob comes back with the same identity before the bot answers: his seat is his.
  ASSERT_TRUE(room_->join(12, bob, {}).ok());
  EXPECT_EQ(room_->info()["seats"].as_array()[1].as_object()["standin"], false);
  auto v = room_->version();
  room_->on_bot_move(1, v, host_->bot_asks[0].view["legal"].as_array()[0]);
  EXPECT_EQ(room_->version(), v);
}

TEST_F(RoomTest, TheTurnTimerPlaysForASlowPlayer) {
  make_room("klondike", {}, {}, /*turn_seconds=*/30);
  ASSERT_TRUE(room_->join(1, alice, {}).ok());
  ASSERT_TRUE(send(1, "sit", {{"seat", 0}}).ok);
  ASSERT_TRUE(send(1, "start", {}).ok);
  ASSERT_TRUE(host_->has_timer({TimerKind::kTurn, 0}));
  EXPECT_TRUE(last_view(1)["seats"].as_array()[0].as_object().contains("turn_deadline_ms"));
  // Time runs out: a computer player is asked to move for her, and its move counts.
  host_->clock_ms += 30'000;
  room_->on_timer({TimerKind::kTurn, 0});
  ASSERT_EQ(host_->bot_asks.size(), 1u);
  room_->on_bot_move(0, 0, host_->bot_asks[0].view["legal"].as_array()[0]);
  host_->run_acks();
  EXPECT_EQ(room_->version(), 1);
  EXPECT_EQ(last_view(1)["version"], 1);
}

// A turn timer runs exactly while its seat is to act: in Hearts all four
// pass at once (four timers), then only the holder of the two of clubs acts.
TEST_F(RoomTest, TurnTimersFollowWhoIsToAct) {
  make_room("hearts", {}, {}, /*turn_seconds=*/30);
  seat_four_and_start();
  for (int s = 0; s < 4; ++s) EXPECT_TRUE(host_->has_timer({TimerKind::kTurn, s})) << s;
  for (int s = 0; s < 4; ++s) {
    const auto conn = static_cast<ConnId>(s + 1);
    ASSERT_TRUE(send(conn, "move", last_view(conn)["legal"].as_array()[0].as_object()).ok) << s;
  }
  int acting = 0;
  for (int s = 0; s < 4; ++s) {
    const auto conn = static_cast<ConnId>(s + 1);
    const bool acts = !last_view(conn)["legal"].as_array().empty();
    acting += acts;
    EXPECT_EQ(host_->has_timer({TimerKind::kTurn, s}), acts) << s;
    EXPECT_EQ(last_view(conn)["seats"].as_array()[static_cast<size_t>(s)].as_object().contains("turn_deadline_ms"), acts) << s;
  }
  EXPECT_EQ(acting, 1);
}

TEST_F(RoomTest, ChatIsLimitedStoredAndComesWithTheJoin) {
  make_room("golf", {}, 2);
  ASSERT_TRUE(room_->join(1, alice, {}).ok());
  EXPECT_EQ(send(1, "chat", {{"text", std::string(501, 'a')}}).payload["code"], "too_long");
  EXPECT_EQ(send(1, "chat", {{"text", "   "}}).payload["code"], "bad_payload");
  EXPECT_TRUE(send(1, "chat", {{"text", "<b>hi</b>"}}).ok);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(send(1, "chat", {{"text", "again"}}).ok);
  EXPECT_EQ(send(1, "chat", {{"text", "flood"}}).payload["code"], "rate_limited");
  host_->clock_ms += 10'000;
  EXPECT_TRUE(send(1, "chat", {{"text", "later"}}).ok);
  auto joined = room_->join(2, bob, {});
  ASSERT_TRUE(joined.ok());
  auto chat = joined->at("chat").as_array();
  ASSERT_EQ(chat.size(), 6u);
  EXPECT_EQ(chat[0].as_object().at("text"), "<b>hi</b>");  // stored as text, verbatim
  EXPECT_EQ(store_->load_chat("r_test", 100).size(), 6u);
}

TEST_F(RoomTest, PrivateRoomsNeedTheirInvite) {
  CreateParams p;
  p.id = "r_priv";
  p.game = "klondike";
  p.is_private = true;
  p.invite = "secret123";
  p.host = alice;
  host_->room_id = p.id;
  auto r = Room::create(p, config_, *host_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->join(2, bob, {}).error().code, "private");
  EXPECT_EQ((*r)->join(2, bob, {{"invite", "nope"}}).error().code, "private");
  EXPECT_TRUE((*r)->join(2, bob, {{"invite", "secret123"}}).ok());
  EXPECT_TRUE((*r)->join(1, alice, {}).ok());  // the host needs no invite
  EXPECT_EQ((*r)->summary()["private"], true);
}

}  // namespace
}  // namespace parlor::room
