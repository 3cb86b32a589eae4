// The socket/channel runtime without sockets: a fake Outbound records the
// frames, a manual pool runs the topic executors when the test says so.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <deque>

#include "channels/conformance_channel.h"
#include "net/hub.h"
#include "net/socket_session.h"

namespace parlor::net {
namespace {

namespace json = boost::json;
using channels::Identity;

class FakeOut : public Outbound {
 public:
  void send(OutFrame f) override {
    std::lock_guard lock(mu);
    frames.push_back((f.binary ? "BIN:" : "") + *f.data);
    shared.push_back(f.data);
  }
  void close(uint16_t code, std::string) override { closes.push_back(code); }
  void check_deadline(int64_t) override {}
  // Frames received since the last call.
  std::vector<std::string> take() {
    std::lock_guard lock(mu);
    return std::exchange(frames, {});
  }
  std::mutex mu;
  std::vector<std::string> frames;
  std::vector<std::shared_ptr<const std::string>> shared;
  std::vector<uint16_t> closes;
};

// A channel whose join answers later (complete_join), like a room that loads first.
std::shared_ptr<channels::ChannelContext> g_deferred;
class DeferredChannel : public channels::Channel {
 public:
  channels::JoinResult join(const json::object&, channels::ChannelContext& ctx) override {
    g_deferred = ctx.self();
    ctx.track(ctx.identity().player_id, {{"name", ctx.identity().name}});
    ctx.push("snapshot", json::object{{"seq", 1}});
    return channels::JoinResult::later();
  }
  void handle_in(const std::string& event, channels::Payload p, const channels::Ref& ref,
                 channels::ChannelContext& ctx) override {
    ctx.reply(ref, "ok", json::object{{"event", event}});
    (void)p;
  }
};

class HubTest : public ::testing::Test {
 protected:
  HubTest() {
    router.add("conformance:*", channels::make_conformance_channel);
    router.add("slow:*", [](const std::string&) { return std::make_unique<DeferredChannel>(); });
  }
  SocketLimits limits() {
    SocketLimits l;
    l.burst = 20;
    l.rate_per_s = 1;
    l.flood_close_after = 5;
    l.max_channels = 3;
    return l;
  }
  void run() {
    while (!tasks.empty()) {
      auto t = std::move(tasks.front());
      tasks.pop_front();
      t();
    }
  }
  struct Sock {
    std::shared_ptr<FakeOut> out;
    std::shared_ptr<SocketSession> s;
  };
  Sock open(std::string id) {
    auto out = std::make_shared<FakeOut>();
    return {out, hub.open_socket(out, Identity{id, "N" + id}, now)};
  }
  uint16_t msg(Sock& k, std::string text) { return k.s->on_message(text, false, now); }

  channels::Router router;
  Metrics metrics;
  std::deque<SerialExecutor::Task> tasks;
  int64_t now = 1'000'000'000;
  Hub hub{router, metrics, [this](SerialExecutor::Task t) { tasks.push_back(std::move(t)); }, limits()};
};

TEST_F(HubTest, HeartbeatIsAnsweredAtOnceWithTheSameRef) {
  auto a = open("p1");
  EXPECT_EQ(msg(a, R"([null,"27","phoenix","heartbeat",{}])"), 0);
  EXPECT_EQ(a.out->take(), (std::vector<std::string>{
                               R"([null,"27","phoenix","phx_reply",{"status":"ok","response":{}}])"}));
  EXPECT_TRUE(tasks.empty());  // never queued behind channel work
  msg(a, R"([null,"28","phoenix","other",{}])");
  EXPECT_EQ(a.out->take()[0], R"([null,"28","phoenix","phx_reply",{"status":"error","response":{"reason":"unmatched topic"}}])");
}

TEST_F(HubTest, JoinReplyThenStateThenDiff) {
  auto a = open("p1");
  msg(a, R"(["3","3","conformance:t","phx_join",{"presence_key":"A","meta":{"tab":1}}])");
  EXPECT_TRUE(a.out->take().empty());  // handled on the topic executor
  run();
  auto f = a.out->take();
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].substr(0, 40), R"(["3","3","conformance:t","phx_reply",{"s)");
  EXPECT_NE(f[0].find(R"("params":{"presence_key":"A","meta":{"tab":1}})"), std::string::npos);
  EXPECT_EQ(f[1].substr(0, 44), R"(["3",null,"conformance:t","presence_state",{)");
  EXPECT_NE(f[1].find(R"("A":{"metas":[{"tab":1,"phx_ref":)"), std::string::npos);
  EXPECT_EQ(f[2].rfind(R"([null,null,"conformance:t","presence_diff",{"joins":{"A":{"metas)", 0), 0u);

  auto b = open("p2");
  msg(b, R"(["9","9","conformance:t","phx_join",{"presence_key":"B"}])");
  run();
  auto fb = b.out->take();
  ASSERT_EQ(fb.size(), 3u);
  EXPECT_NE(fb[1].find(R"("A":)"), std::string::npos);
  EXPECT_NE(fb[1].find(R"("B":)"), std::string::npos);
  auto fa = a.out->take();
  ASSERT_EQ(fa.size(), 1u);
  EXPECT_NE(fa[0].find(R"("joins":{"B")"), std::string::npos);
  EXPECT_EQ(metrics.channels_for("conformance"), 2);
}

TEST_F(HubTest, LargeTopicsMergeTheDiffsOfABurstOfJoins) {
  // Members join one at a time: each gets its own diffs while the topic is small.
  std::vector<Sock> members;
  for (int i = 0; i < 20; ++i) {
    members.push_back(open("m" + std::to_string(i)));
    msg(members.back(), R"(["1","1","conformance:lobby","phx_join",{"presence_key":"m)" + std::to_string(i) + R"("}])");
    run();
  }
  for (auto& m : members) m.out->take();
  // Ten join at once (the executor has them all queued): the members get
  // their joins in one diff, not ten.
  std::vector<Sock> burst;
  for (int i = 0; i < 10; ++i) {
    burst.push_back(open("b" + std::to_string(i)));
    msg(burst.back(), R"(["1","1","conformance:lobby","phx_join",{"presence_key":"b)" + std::to_string(i) + R"("}])");
  }
  run();
  auto f = members[0].out->take();
  ASSERT_EQ(f.size(), 1u) << "one merged diff";
  for (int i = 0; i < 10; ++i) EXPECT_NE(f[0].find("\"b" + std::to_string(i) + "\":"), std::string::npos) << i;
  EXPECT_NE(f[0].find(R"("leaves":{})"), std::string::npos);
  // A single change on a quiet topic still goes out at once (one task).
  burst[3].s->on_closed();
  run();
  auto g = members[0].out->take();
  ASSERT_EQ(g.size(), 1u);
  EXPECT_NE(g[0].find(R"("leaves":{"b3")"), std::string::npos);
}

TEST_F(HubTest, UnmatchedTopicsAndEventsBeforeJoin) {
  auto a = open("p1");
  msg(a, R"(["5","5","nowhere:1","phx_join",{}])");
  msg(a, R"(["6","6","unmatched:x","phx_join",{}])");
  msg(a, R"([null,"7","conformance:t","echo",{}])");
  msg(a, R"(["8","9","conformance:t","phx_leave",{}])");
  auto f = a.out->take();
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0], R"([null,"5","nowhere:1","phx_reply",{"status":"error","response":{"reason":"unmatched topic"}}])");
  EXPECT_EQ(f[1].substr(0, 12), R"([null,"6","u)");
  EXPECT_EQ(f[2], R"([null,"7","conformance:t","phx_reply",{"status":"error","response":{"reason":"unmatched topic"}}])");
  EXPECT_EQ(f[3], R"(["8","9","conformance:t","phx_reply",{"status":"ok","response":{}}])");
  EXPECT_EQ(metrics.error_count("unmatched_topic"), 3);
}

TEST_F(HubTest, StaleJoinRefDroppedNullServed) {
  auto a = open("p1");
  msg(a, R"(["3","3","conformance:t","phx_join",{}])");
  run();
  a.out->take();
  msg(a, R"(["2","10","conformance:t","echo",{"v":1}])");
  msg(a, R"([null,"11","conformance:t","echo",{"v":2}])");
  msg(a, R"(["3","12","conformance:t","echo",{"v":3}])");
  run();
  auto f = a.out->take();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0], R"(["3","11","conformance:t","phx_reply",{"status":"ok","response":{"v":2}}])");
  EXPECT_EQ(f[1], R"(["3","12","conformance:t","phx_reply",{"status":"ok","response":{"v":3}}])");
  EXPECT_EQ(metrics.error_count("stale_join_ref"), 1);
}

TEST_F(HubTest, CrashErrorsOnlyThatChannel) {
  auto a = open("p1");
  auto b = open("p2");
  msg(a, R"(["3","3","conformance:t","phx_join",{"presence_key":"A"}])");
  msg(a, R"(["4","4","conformance:u","phx_join",{}])");
  msg(b, R"(["3","3","conformance:t","phx_join",{"presence_key":"B"}])");
  run();
  a.out->take();
  b.out->take();
  msg(a, R"(["3","5","conformance:t","crash",{}])");
  run();
  auto fa = a.out->take();
  ASSERT_EQ(fa.size(), 1u);
  EXPECT_EQ(fa[0], R"(["3","3","conformance:t","phx_error",{"reason":"channel_crash"}])");
  auto fb = b.out->take();
  ASSERT_EQ(fb.size(), 1u);
  EXPECT_NE(fb[0].find(R"("joins":{},"leaves":{"A")"), std::string::npos);
  msg(a, R"(["4","6","conformance:u","echo",{}])");
  run();
  EXPECT_EQ(a.out->take()[0], R"(["4","6","conformance:u","phx_reply",{"status":"ok","response":{}}])");
  EXPECT_EQ(metrics.error_count("channel_crash"), 1);
  EXPECT_EQ(a.s->channel_count(), 1u);
}

TEST_F(HubTest, DuplicateJoinClosesTheOldJoinRef) {
  auto a = open("p1");
  msg(a, R"(["3","3","conformance:t","phx_join",{"presence_key":"A"}])");
  run();
  a.out->take();
  msg(a, R"(["7","7","conformance:t","phx_join",{"presence_key":"A"}])");
  run();
  auto f = a.out->take();
  ASSERT_GE(f.size(), 3u);
  EXPECT_EQ(f[0], R"(["3","3","conformance:t","phx_close",{}])");
  EXPECT_EQ(f[1].substr(0, 36), R"(["7","7","conformance:t","phx_reply")");
  EXPECT_EQ(f[2].substr(0, 44), R"(["7",null,"conformance:t","presence_state",{)");
  EXPECT_EQ(a.s->channel_count(), 1u);
}

TEST_F(HubTest, LeaveRepliesThenCloses) {
  auto a = open("p1");
  msg(a, R"(["3","3","conformance:t","phx_join",{}])");
  run();
  a.out->take();
  msg(a, R"(["3","6","conformance:t","phx_leave",{}])");
  run();
  auto f = a.out->take();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0], R"(["3","6","conformance:t","phx_reply",{"status":"ok","response":{}}])");
  EXPECT_EQ(f[1], R"(["3","3","conformance:t","phx_close",{}])");
  EXPECT_EQ(a.s->channel_count(), 0u);
  EXPECT_EQ(hub.topic_count(), 0u);
}

TEST_F(HubTest, MalformedFramesReturnTheCloseCode) {
  auto a = open("p1");
  EXPECT_EQ(msg(a, "not json"), 1007);
  EXPECT_EQ(msg(a, R"({"a":1})"), 1008);
  EXPECT_EQ(a.s->on_message(std::string("\x05\x00", 2), true, now), 1003);
  EXPECT_EQ(metrics.error_count("bad_json"), 1);
  EXPECT_EQ(metrics.error_count("bad_shape"), 1);
  EXPECT_EQ(metrics.error_count("bad_binary_kind"), 1);
}

TEST_F(HubTest, RateLimitRepliesThenCloses) {
  auto a = open("p1");
  uint16_t code = 0;
  int sent = 0;
  while (code == 0 && sent < 100) {
    code = msg(a, R"([null,"1","conformance:x","echo",{}])");
    ++sent;
  }
  EXPECT_EQ(code, 1008);
  EXPECT_EQ(sent, 20 + 6);  // the burst, then 5 refusals, then the close
  auto f = a.out->take();
  EXPECT_NE(f.back().find(R"("reason":"rate_limited")"), std::string::npos);
  EXPECT_EQ(metrics.error_count("rate_limited"), 5);
  EXPECT_EQ(metrics.error_count("flood"), 1);
}

TEST_F(HubTest, HeartbeatsAreAnsweredEvenWhenRateLimited) {
  auto a = open("p1");
  for (int i = 0; i < 30; ++i) EXPECT_EQ(msg(a, R"([null,"1","phoenix","heartbeat",{}])"), 0);
  auto f = a.out->take();
  EXPECT_EQ(f.size(), 30u);
  EXPECT_EQ(f.back(), R"([null,"1","phoenix","phx_reply",{"status":"ok","response":{}}])");
}

TEST_F(HubTest, ChannelLimit) {
  auto a = open("p1");
  for (int i = 0; i < 4; ++i) msg(a, R"(["1","1","conformance:)" + std::to_string(i) + R"(","phx_join",{}])");
  run();
  auto f = a.out->take();
  EXPECT_NE(f[0].find("too many channels joined"), std::string::npos);
  EXPECT_EQ(a.s->channel_count(), 3u);
}

TEST_F(HubTest, DeferredJoinHoldsLaterFrames) {
  auto a = open("p1");
  msg(a, R"(["3","3","slow:1","phx_join",{}])");
  msg(a, R"(["3","4","slow:1","move",{}])");
  run();
  EXPECT_TRUE(a.out->take().empty());
  ASSERT_TRUE(g_deferred);
  g_deferred->complete_join(channels::JoinResult::accept({{"state", 1}}));
  run();
  auto f = a.out->take();
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0], R"(["3","3","slow:1","phx_reply",{"status":"ok","response":{"state":1}}])");
  EXPECT_NE(f[1].find(R"("presence_state",{"p1":{"metas":[{"name":"Np1")"), std::string::npos);
  EXPECT_EQ(f[2], R"(["3",null,"slow:1","snapshot",{"seq":1}])");
  EXPECT_NE(f[3].find("presence_diff"), std::string::npos);
  EXPECT_EQ(f[4], R"(["3","4","slow:1","phx_reply",{"status":"ok","response":{"event":"move"}}])");
  g_deferred->complete_join(channels::JoinResult::accept());  // a second answer is ignored
  run();
  EXPECT_TRUE(a.out->take().empty());
  g_deferred.reset();
}

TEST_F(HubTest, SocketCloseSendsLeaveDiffsAndFreesTopics) {
  auto a = open("p1");
  auto b = open("p2");
  msg(a, R"(["3","3","conformance:t","phx_join",{"presence_key":"A"}])");
  msg(b, R"(["3","3","conformance:t","phx_join",{"presence_key":"B"}])");
  run();
  b.out->take();
  a.s->on_closed();
  run();
  auto fb = b.out->take();
  ASSERT_EQ(fb.size(), 1u);
  EXPECT_NE(fb[0].find(R"("leaves":{"A")"), std::string::npos);
  EXPECT_EQ(hub.socket_count(), 1u);
  b.s->on_closed();
  run();
  EXPECT_EQ(hub.topic_count(), 0u);
  EXPECT_EQ(metrics.channels_for("conformance"), 0);
}

TEST_F(HubTest, BroadcastIsEncodedOnce) {
  auto a = open("p1");
  auto b = open("p2");
  msg(a, R"(["3","3","conformance:t","phx_join",{}])");
  msg(b, R"(["3","3","conformance:t","phx_join",{}])");
  run();
  a.out->take();
  b.out->take();
  hub.broadcast("conformance:t", "news", json::object{{"n", 1}});
  hub.broadcast("nobody:here", "news", json::object{});
  run();
  EXPECT_EQ(a.out->take(), (std::vector<std::string>{R"([null,null,"conformance:t","news",{"n":1}])"}));
  EXPECT_EQ(b.out->take().size(), 1u);
  EXPECT_EQ(a.out->shared.back().get(), b.out->shared.back().get());
}

TEST_F(HubTest, BinaryEchoAndShout) {
  auto a = open("p1");
  msg(a, R"(["3","3","conformance:t","phx_join",{}])");
  run();
  a.out->take();
  std::string push("\x00\x01\x01\x0d\x04" "37conformance:techo\x01\x02", 26);
  EXPECT_EQ(a.s->on_message(push, true, now), 0);
  run();
  auto f = a.out->take();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], std::string("BIN:\x01\x01\x01\x0d\x02" "37conformance:tok\x01\x02", 28));
}

TEST_F(HubTest, IdleSweepClosesWith1001AndDisconnectPlayer) {
  auto a = open("p1");
  auto b = open("p2");
  hub.sweep(now + 59'000'000'000);
  EXPECT_TRUE(a.out->closes.empty());
  hub.sweep(now + 61'000'000'000);
  EXPECT_EQ(a.out->closes, (std::vector<uint16_t>{1001}));
  EXPECT_EQ(metrics.error_count("idle_timeout"), 2);
  auto c = open("p3");
  hub.disconnect_player("p3");
  EXPECT_EQ(c.out->closes, (std::vector<uint16_t>{1001}));
  EXPECT_EQ(hub.close_some(10, 1001, "bye"), 0u);  // all already asked
}

}  // namespace
}  // namespace parlor::net
