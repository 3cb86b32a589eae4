#pragma once
// The room tests' stage: Room logic against the real SQLite store, through a
// scripted host that plays the part of the actor. It records what the room
// sends, keeps timers and bot requests for the test to fire, and runs durable
// acks when the test says so (as the actor's strand would, one at a time).
// Used by room_test.cc (commands, seats, views, timers, chat) and
// room_game_test.cc (whole games, records, computer players, restores).
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

namespace parlor::room::test_support {

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

// Plays first legal moves for every seat (people and bots) until the game
// ends, or until about `stop_at_version` moves when that is given.
inline void play_out(RoomTest* t, ScriptedHost& host, Room& room, int people, std::int64_t stop_at_version = -1) {
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

}  // namespace parlor::room::test_support
