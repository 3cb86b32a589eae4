// RoomActor and RoomRegistry on a real SQLite store and a running io_context:
// a room that keeps failing is stopped and marked broken (and only it);
// rooms nobody is connected to leave memory and come back from storage
// unchanged; unfinished rooms without activity are closed for good.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "app/bot_runner.h"
#include "app/lobby_hub.h"
#include "app/room_actor.h"
#include "app/room_registry.h"
#include "store/sqlite_store.h"

namespace parlor::app {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A joined channel as the room sees it: records what the room sends.
class RecordingContext final : public channels::ChannelContext,
                               public std::enable_shared_from_this<RecordingContext> {
 public:
  struct Frame {
    std::string kind;  // "reply:<status>" or "push:<event>"
    json::object payload;
  };

  RecordingContext(std::string topic, channels::Identity who) : topic_(std::move(topic)), who_(std::move(who)) {}

  const std::string& topic() const override { return topic_; }
  const channels::Identity& identity() const override { return who_; }
  const channels::Ref& join_ref() const override { return join_ref_; }
  std::shared_ptr<ChannelContext> self() override { return shared_from_this(); }
  void reply(const channels::Ref&, std::string_view status, channels::Payload response) override {
    record("reply:" + std::string(status), std::move(response));
  }
  void push(std::string_view event, channels::Payload payload) override {
    record("push:" + std::string(event), std::move(payload));
  }
  void push_text(std::string_view event, std::string_view payload_json) override {
    push(event, json::parse(payload_json).as_object());
  }
  void broadcast(std::string_view, std::string_view, channels::Payload) override {}
  std::string track(std::string, json::object) override { return ""; }
  std::string update_presence(std::string, json::object) override { return ""; }
  void untrack(std::string) override {}
  void complete_join(channels::JoinResult) override {}
  void send_info(std::any) override {}
  void close() override {
    std::lock_guard lock(mu_);
    closed_ = true;
    changed_.notify_all();
  }
  void disconnect_socket() override {}

  // Waits until `pred` holds for the frames received so far (10 s at most).
  template <class Pred>
  std::optional<Frame> wait_until(Pred pred) {
    std::unique_lock lock(mu_);
    std::optional<Frame> found;
    changed_.wait_for(lock, 10s, [&] {
      found = pred(frames_);
      return found.has_value();
    });
    return found;
  }
  // The `nth` frame (1-based) whose kind starts with `prefix`.
  std::optional<Frame> wait_for(const std::string& prefix, int nth = 1) {
    return wait_until([&](const std::vector<Frame>& frames) -> std::optional<Frame> {
      int n = 0;
      for (const auto& f : frames)
        if (f.kind.starts_with(prefix) && ++n == nth) return f;
      return std::nullopt;
    });
  }
  // Waits (10 s at most) for the room to close this channel.
  bool wait_closed() {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, 10s, [&] { return closed_; });
  }
  std::vector<Frame> frames() {
    std::lock_guard lock(mu_);
    return frames_;
  }

 private:
  void record(std::string kind, channels::Payload payload) {
    std::lock_guard lock(mu_);
    json::object obj;
    if (auto* o = std::get_if<json::object>(&payload)) obj = *o;
    frames_.push_back({std::move(kind), std::move(obj)});
    changed_.notify_all();
  }

  std::string topic_;
  channels::Identity who_;
  channels::Ref join_ref_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Frame> frames_;
  bool closed_ = false;
};

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("parlor-registry-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = store::open_sqlite_store((dir_ / "parlor.db").string(), {});
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    room::RoomConfig config;
    config.test_mode = true;  // enables the "crash" event
    config.bot_delay = 0ms;
    services_ = std::make_unique<RoomServices>(RoomServices{io_, *store_, bots_, lobby_, config});
    io_thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    work_.reset();
    io_.stop();
    if (io_thread_.joinable()) io_thread_.join();
    bots_.stop();
    store_->flush();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  RoomRegistry make_registry(std::chrono::milliseconds evict_after, std::chrono::milliseconds close_after) {
    return RoomRegistry(*services_, RegistryConfig{evict_after, close_after});
  }

  std::shared_ptr<RoomActor> create(RoomRegistry& registry, const std::string& game = "hearts") {
    room::CreateParams p;
    p.game = game;
    p.host = {"p-host", "Ada"};
    auto actor = registry.create(p);
    EXPECT_TRUE(actor.ok()) << actor.error().message;
    return actor.ok() ? *actor : nullptr;
  }

  // Joins `actor` as `who` and waits for the join's answer.
  std::shared_ptr<RecordingContext> join(RoomActor& actor, const room::Player& who) {
    auto ctx = std::make_shared<RecordingContext>("room:" + actor.id(), channels::Identity{who.id, who.name});
    std::promise<Result<json::object>> joined;
    actor.join(ctx, who, {}, [&](Result<json::object> r) { joined.set_value(std::move(r)); });
    auto r = joined.get_future().get();
    EXPECT_TRUE(r.ok()) << r.error().message;
    return ctx;
  }

  // Sends `event` and waits for its reply, the `nth` reply `ctx` gets.
  RecordingContext::Frame send(RoomActor& actor, RecordingContext& ctx, const std::string& event,
                               json::object payload, int nth) {
    actor.handle(ctx.self(), channels::Ref::from_string(std::to_string(nth)), event, std::move(payload));
    auto reply = ctx.wait_for("reply:", nth);
    EXPECT_TRUE(reply) << "no reply to " << event;
    return reply.value_or(RecordingContext::Frame{});
  }

  std::string stored_status(const std::string& id) {
    auto rec = store_->load_room(id);
    return rec ? rec->status : "<none>";
  }

  std::filesystem::path dir_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
  std::thread io_thread_;
  std::unique_ptr<room::Store> store_;
  BotRunner bots_{1};
  LobbyHub lobby_;
  std::unique_ptr<RoomServices> services_;
};


const room::Player kAda{"p-host", "Ada"};

TEST_F(RegistryTest, ARoomThatKeepsFailingIsStoppedAndMarkedBrokenWhileOthersPlayOn) {
  auto registry = make_registry(1h, 2h);
  auto failing = create(registry);
  auto healthy = create(registry);
  ASSERT_TRUE(failing && healthy);
  auto at_failing = join(*failing, kAda);
  auto at_healthy = join(*healthy, kAda);

  // The first failures restart the room from its log and tell the table.
  for (int n = 1; n < RoomActor::kMaxFailures; ++n) {
    auto reply = send(*failing, *at_failing, "crash", {}, n);
    EXPECT_EQ(reply.kind, "reply:error");
    EXPECT_EQ(reply.payload.at("code").as_string(), "room_restarted");
    auto view = at_failing->wait_until([&](const auto& frames) -> std::optional<RecordingContext::Frame> {
      int restarted = 0;
      for (const auto& f : frames)
        if (f.kind == "push:view" && f.payload.contains("restarted") && ++restarted == n) return f;
      return std::nullopt;
    });
    ASSERT_TRUE(view) << "restart " << n << " sent no fresh view";
    EXPECT_EQ(failing->status(), "waiting");
  }
  // One failure too many within the window: stopped for good.
  auto last = send(*failing, *at_failing, "crash", {}, RoomActor::kMaxFailures);
  EXPECT_EQ(last.payload.at("code").as_string(), "room_restarted");
  auto broken = at_failing->wait_for("push:room_broken");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->payload.at("code").as_string(), "broken");
  EXPECT_TRUE(at_failing->wait_closed());
  EXPECT_EQ(failing->status(), "broken");
  EXPECT_EQ(stored_status(failing->id()), "broken");

  // The broken room refuses new joins and is gone for a fresh registry too.
  std::promise<Result<json::object>> refused;
  failing->join(std::make_shared<RecordingContext>("room:x", channels::Identity{"p2", "Bo"}), {"p2", "Bo"}, {},
                [&](Result<json::object> r) { refused.set_value(std::move(r)); });
  auto r = refused.get_future().get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "broken");
  auto fresh = make_registry(1h, 2h);
  auto gone = fresh.get(failing->id());
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "not_found");

  // The other room never noticed.
  auto sat = send(*healthy, *at_healthy, "sit", json::object{{"seat", 0}}, 1);
  EXPECT_EQ(sat.kind, "reply:ok");
  EXPECT_EQ(healthy->status(), "waiting");
  for (const auto& f : at_healthy->frames()) {
    EXPECT_NE(f.kind, "push:room_broken");
    EXPECT_FALSE(f.payload.contains("restarted")) << f.kind;
  }
}

TEST_F(RegistryTest, RoomsNobodyIsAtLeaveMemoryAndComeBackFromStorageUnchanged) {
  auto registry = make_registry(50ms, 2h);
  auto actor = create(registry);
  ASSERT_TRUE(actor);
  const std::string id = actor->id();
  auto ctx = join(*actor, kAda);
  ASSERT_EQ(send(*actor, *ctx, "sit", json::object{{"seat", 2}}, 1).kind, "reply:ok");
  ASSERT_EQ(send(*actor, *ctx, "add_bot", json::object{{"seat", 0}, {"level", "easy"}}, 2).kind, "reply:ok");
  ASSERT_EQ(send(*actor, *ctx, "chat", json::object{{"text", "back soon"}}, 3).kind, "reply:ok");

  // Someone at the table keeps it in memory however long it is quiet.
  std::this_thread::sleep_for(120ms);
  registry.sweep();
  EXPECT_EQ(registry.live_rooms(), 1u);

  actor->leave(ctx);
  std::this_thread::sleep_for(120ms);
  registry.sweep();
  EXPECT_EQ(registry.live_rooms(), 0u);
  EXPECT_EQ(stored_status(id), "waiting");

  // The next access rebuilds it: seats, bot and chat as they were.
  auto back = registry.get(id);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_NE(back->get(), actor.get());
  EXPECT_EQ(registry.live_rooms(), 1u);
  auto ctx2 = std::make_shared<RecordingContext>("room:" + id, channels::Identity{kAda.id, kAda.name});
  std::promise<Result<json::object>> joined;
  (*back)->join(ctx2, kAda, {}, [&](Result<json::object> r) { joined.set_value(std::move(r)); });
  auto reply = joined.get_future().get();
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  const auto& seats = reply->at("room").at("seats").as_array();
  ASSERT_EQ(seats.size(), 4u);
  EXPECT_EQ(seats[2].at("player").at("id").as_string(), kAda.id);
  EXPECT_TRUE(seats[0].at("bot").as_bool());
  const auto& chat = reply->at("chat").as_array();
  ASSERT_EQ(chat.size(), 1u);
  EXPECT_EQ(chat[0].at("text").as_string(), "back soon");
}

TEST_F(RegistryTest, APlayingRoomStaysInMemoryWithNobodyConnected) {
  auto registry = make_registry(50ms, 2h);
  auto actor = create(registry);
  ASSERT_TRUE(actor);
  auto ctx = join(*actor, kAda);
  for (int seat = 0; seat < 4; ++seat)
    ASSERT_EQ(send(*actor, *ctx, "add_bot", json::object{{"seat", seat}}, seat + 1).kind, "reply:ok");
  ASSERT_EQ(send(*actor, *ctx, "start", {}, 5).kind, "reply:ok");
  actor->leave(ctx);
  std::this_thread::sleep_for(120ms);
  registry.sweep();
  // Computer players are still playing it (the first hand's pause alone is
  // 2.5 s): it stays in memory.
  EXPECT_EQ(actor->status(), "playing");
  EXPECT_EQ(registry.live_rooms(), 1u);
}

TEST_F(RegistryTest, UnfinishedRoomsWithoutActivityAreClosedForGood) {
  auto registry = make_registry(1h, 100ms);
  auto quiet = create(registry);
  ASSERT_TRUE(quiet);
  auto ctx = join(*quiet, kAda);
  std::this_thread::sleep_for(40ms);
  registry.sweep();
  EXPECT_EQ(registry.live_rooms(), 1u) << "closed before its time";

  std::this_thread::sleep_for(120ms);
  registry.sweep();
  auto closed = ctx->wait_for("push:room_closed");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->payload.at("code").as_string(), "closed");
  EXPECT_EQ(registry.live_rooms(), 0u);
  EXPECT_TRUE(ctx->wait_closed());
  EXPECT_EQ(stored_status(quiet->id()), "closed");
  auto again = registry.get(quiet->id());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "not_found");
}

}  // namespace
}  // namespace parlor::app
