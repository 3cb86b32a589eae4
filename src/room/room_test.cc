// Room commands against the real store (room_test_util.h): creating, seats and
// host controls, moves and refusals, what each seat sees, timers for dropped
// and slow players, chat, private rooms.
#include "room/room_test_util.h"

namespace parlor::room::test_support {
namespace {

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
}  // namespace parlor::room::test_support
