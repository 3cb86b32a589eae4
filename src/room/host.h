#pragma once
// RoomHost: everything a Room asks of the world, so that Room itself is plain,
// single-threaded logic (testable with a scripted host). The server's room
// actor implements it on an Asio strand: every callback it is given (durable
// acks, timers, bot decisions) runs back on that strand, one at a time.
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "room/store.h"
#include "rules/game.h"

namespace parlor::room {

using ConnId = std::uint64_t;

// Identifies a client push awaiting its reply (opaque to the room).
struct ReplyTo {
  ConnId conn = 0;
  std::uint64_t token = 0;
};

// Timers a room sets; one of each kind per seat at most.
enum class TimerKind { kBotTurn, kGrace, kTurn, kDeal, kIdle };
struct TimerKey {
  TimerKind kind;
  int seat = -1;  // -1 for room-wide timers
  bool operator==(const TimerKey&) const = default;
};

class RoomHost {
 public:
  virtual ~RoomHost() = default;

  virtual void push(ConnId conn, std::string_view event, boost::json::object payload) = 0;
  // The same with a payload already serialised (the JSON text of an object).
  virtual void push_text(ConnId conn, std::string_view event, std::string_view payload_json) = 0;
  virtual void reply(const ReplyTo& to, bool ok, boost::json::object payload) = 0;
  // Appends to the room's durable log; `on_durable` runs on the room's strand.
  virtual void append(LogEntry entry, std::function<void(Status)> on_durable) = 0;
  // Chat is stored before it is shown; `on_stored` runs on the room's strand.
  virtual void store_chat(ChatMessage msg, std::function<void(Result<ChatMessage>)> on_stored) = 0;
  virtual Store& store() = 0;
  // Wraps `f` for a store's `done`: called on the store's writer thread, it
  // runs `f` on the room's strand (never for a room restarted meanwhile).
  virtual std::function<void(Status)> on_room_strand(std::function<void(Status)> f) = 0;

  // Starts (or restarts) a timer; when it fires, the host calls Room::on_timer(key).
  virtual void start_timer(TimerKey key, std::chrono::milliseconds after) = 0;
  virtual void cancel_timer(TimerKey key) = 0;

  // Asks a computer player for `seat`'s move in `state` (immutable, so it may
  // be read off the room's strand); the host calls Room::on_bot_move(seat,
  // version, move) with the answer. The bot knows only what the seat's view
  // shows (bots::choose_move_for_seat).
  virtual void request_bot_move(int seat, std::int64_t version, std::string level,
                                rules::StatePtr state, std::uint64_t seed) = 0;

  // The room's public summary changed (seats, status): the lobby relists it.
  virtual void summary_changed(boost::json::object summary) = 0;

  virtual std::int64_t now_ms() = 0;
  // 32 bytes from the OS's random source as 64 lowercase hex digits.
  virtual std::string fresh_hand_seed() = 0;
};

}  // namespace parlor::room
