#pragma once
// RoomActor: a Room running as an actor. Every message for the room (a
// client's join, push or leave, a timer, a durable ack from the store, a
// computer player's answer) is posted to the room's own strand and handled
// one at a time, so the Room is the only code that replaces its game state
// and needs no lock. The actor implements RoomHost for its Room.
//
// Let it crash: an exception escaping the Room is caught here; the actor
// throws that Room away, rebuilds it from the durable log, tells the people at
// the table, and carries on. Callbacks issued by the old instance are dropped
// (a generation counter). A room that fails kMaxFailures times within
// kFailureWindow is stopped and marked broken instead of restarted forever.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <atomic>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include "channels/channel.h"
#include "net/metrics.h"
#include "room/room.h"

namespace parlor::app {

class BotRunner;
class CompletionRelay;
class LobbyHub;

// Where a move's time goes inside the server, one histogram per hand-off
// (/metrics: parlor_move_stage_seconds{stage=...}). Each stage is a queue in
// front of a thread, so under load each shows which thread is behind.
struct MoveStages {
  static std::vector<double> bounds() {
    return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075,
            0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1};
  }
  // A push (move or command): handed to its room by an I/O thread -> the
  // room's strand runs it.
  net::Histogram queue{bounds()};
  // A log entry (a person's or a computer player's move, a hand's seed):
  // submitted to the store -> its commit done, on the writer thread.
  net::Histogram store{bounds()};
  // That commit done -> the room's strand runs the entry's completion (the
  // durable reply, the views).
  net::Histogram completion{bounds()};
  void append(std::string& out) const;
};

struct RoomServices {
  boost::asio::io_context& io;
  room::Store& store;
  BotRunner& bots;
  LobbyHub& lobby;
  room::RoomConfig config;
  // Accepted moves: from the push reaching the room to its durable reply
  // (the room's queue, the engine, the group commit). Optional.
  net::Histogram* move_seconds = nullptr;
  MoveStages* move_stages = nullptr;  // optional
  // Optional: where the store's completions are handed to the I/O threads
  // (completion_relay.h); without it they are posted from the writer thread.
  CompletionRelay* completions = nullptr;
};

class RoomActor : public room::RoomHost, public std::enable_shared_from_this<RoomActor> {
 public:
  static constexpr int kMaxFailures = 3;
  static constexpr std::chrono::minutes kFailureWindow{10};

  using JoinDone = std::function<void(Result<boost::json::object>)>;

  // The actor is made first and then adopts its Room, because the Room's
  // constructor already talks to its host (the actor).
  RoomActor(std::string id, std::unique_ptr<room::Room> room, RoomServices& services);
  void adopt(std::unique_ptr<room::Room> room);

  const std::string& id() const { return id_; }
  // Read from any thread (the registry's sweep).
  std::string status() const;
  std::int64_t last_activity_ms() const { return last_activity_ms_; }
  // Closes the room for good and tells whoever is still there.
  void close_for_inactivity();

  // Entry points: thread-safe, each posts to the strand.
  void join(std::shared_ptr<channels::ChannelContext> ctx, room::Player player,
            boost::json::object params, JoinDone done);
  void leave(std::shared_ptr<channels::ChannelContext> ctx);
  void handle(std::shared_ptr<channels::ChannelContext> ctx, channels::Ref ref, std::string event,
              boost::json::object payload);
  // Runs `f` with the room on the strand (used by the lobby's quick play).
  void with_room(std::function<void(room::Room&)> f);

  // True when nobody is connected (for eviction); `since_ms` is when the
  // room became idle or was last looked up, whichever is later.
  bool idle_since(std::int64_t& since_ms) const;
  // A lookup restarts the idle clock, so a room fetched for a join is not
  // evicted before the join reaches its strand.
  void touch();
  // The registry let go of this actor (evicted): its timers stop and later
  // callbacks are dropped, so only the next actor for this id acts for the
  // room. The store keeps everything; restore rebuilds the same room.
  void retire();

  // RoomHost (called on the strand by the Room).
  void push(room::ConnId conn, std::string_view event, boost::json::object payload) override;
  void push_text(room::ConnId conn, std::string_view event, std::string_view payload_json) override;
  void reply(const room::ReplyTo& to, bool ok, boost::json::object payload) override;
  void append(room::LogEntry entry, std::function<void(Status)> on_durable) override;
  std::function<void(Status)> on_room_strand(std::function<void(Status)> f) override;
  void store_chat(room::ChatMessage msg,
                  std::function<void(Result<room::ChatMessage>)> on_stored) override;
  room::Store& store() override { return services_.store; }
  void start_timer(room::TimerKey key, std::chrono::milliseconds after) override;
  void cancel_timer(room::TimerKey key) override;
  void request_bot_move(int seat, std::int64_t version, std::string level,
                        rules::StatePtr state, std::uint64_t seed) override;
  void summary_changed(boost::json::object summary) override;
  std::int64_t now_ms() override;
  std::string fresh_hand_seed() override;

  // Room timers fire on a grid of this step: the rooms whose timers fall
  // in the same step wake together (one wake-up of an I/O thread, one group
  // commit for their computer players' moves) instead of one by one. With
  // the bots' waits spread (room.h), a wake-up per move cost 210 us of CPU
  // per durable move at 2,700 moves/s (131 in lockstep); on the grid, 121.
  static constexpr std::chrono::milliseconds kTimerGrid{4};
  // `at`, rounded up to the grid.
  static std::chrono::steady_clock::time_point on_timer_grid(std::chrono::steady_clock::time_point at);

 private:
  // Runs f on the strand, guarded: a throw restarts the room. Dropped if the
  // room was restarted since `generation`.
  void post(std::function<void()> f);
  void post_for(std::uint64_t generation, std::function<void()> f);
  // The store's completions (from its writer thread) wait in the inbox and
  // run together in one strand task: the moves one commit made durable are
  // acknowledged and published in one go, so each socket's frames are queued
  // before its write starts and leave in one segment, where one task per
  // completion let the socket write between them (a loopback transmission,
  // and the client's read, per frame).
  void post_completion(std::uint64_t generation, std::function<void()> f);
  // on_room_strand, timing the store and completion stages when `stages` is
  // set (the store's callback runs on its writer thread, then the strand's).
  std::function<void(Status)> to_room_strand(std::function<void(Status)> f, MoveStages* stages,
                                             std::int64_t submitted_ns);
  void run_completions();
  void guarded(const std::function<void()>& f);
  void restart(const std::string& why);
  room::ConnId conn_of(const std::shared_ptr<channels::ChannelContext>& ctx);

  static int timer_slot(const room::TimerKey& k) {
    return static_cast<int>(k.kind) * 64 + (k.seat + 1);
  }

  std::string id_;
  RoomServices& services_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  std::unique_ptr<room::Room> room_;
  std::uint64_t generation_ = 1;
  bool broken_ = false;
  std::vector<std::int64_t> failures_ms_;

  struct Conn {
    std::shared_ptr<channels::ChannelContext> ctx;
    room::Player player;
  };
  std::map<room::ConnId, Conn> conns_;
  std::map<const channels::ChannelContext*, room::ConnId> conn_ids_;
  room::ConnId next_conn_ = 1;
  struct PendingReply {
    room::ConnId conn;
    channels::Ref ref;
    std::int64_t received_ns;  // steady clock, when the push reached the actor
    bool is_move;
  };
  std::map<std::uint64_t, PendingReply> replies_;
  std::uint64_t next_reply_ = 1;
  // One per timer slot, kept while the actor lives (slots are few). A start
  // or a cancel changes the slot's ticket; a firing whose ticket is no longer
  // the slot's is dropped, so a cancelled timer never reaches the room even
  // when it had expired already. No delay: posted, no clock.
  struct Timer {
    std::uint64_t ticket = 0;  // 0: nothing pending
    std::unique_ptr<boost::asio::steady_timer> clock;
  };
  std::map<int, Timer> timers_;
  std::uint64_t next_ticket_ = 1;
  void cancel_all_timers();
  void fire_timer(room::TimerKey key, std::uint64_t ticket);
  std::atomic<std::int64_t> idle_since_ms_{0};
  std::atomic<std::int64_t> last_activity_ms_{0};
  struct Completion {
    std::uint64_t generation;
    std::function<void()> f;
  };
  std::mutex inbox_mu_;
  std::vector<Completion> inbox_;  // guarded by inbox_mu_; a task is posted when it stops being empty
  mutable std::mutex status_mu_;
  std::string status_;  // a copy of room_->status() for other threads
  void note_status();
};

}  // namespace parlor::app
