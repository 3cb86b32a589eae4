#pragma once
// Room: one table as plain, single-threaded logic. The server wraps each Room
// in an actor (one Asio strand, its timers) and calls it one message at a
// time; the Room is the only code that replaces its game state.
//
// A move is checked by the engine for the pusher's seat, applied, appended to
// the durable log, and only when the log says it is durable is the pusher
// answered {"version"} and is every connection sent its fresh view (built by
// the game's one view function for its seat, or as a spectator). Until then
// nobody sees the move, so a crash never shows a move it then forgets.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "room/chat.h"
#include "room/game_record.h"
#include "room/host.h"
#include "rules/game.h"
#include "rules/json_text.h"

namespace parlor::room {

namespace json = boost::json;

struct Player {
  std::string id;
  std::string name;
};

struct RoomConfig {
  std::chrono::milliseconds bot_delay{700};   // pacing so people can follow
  // Each computer player's wait is drawn anew from bot_delay +- this many
  // percent. A fixed wait keeps tables that were once in step (a burst of
  // durable acks after a slow commit) in step for good: their bots then all
  // move within the same millisecond every bot_delay, and each wave queues
  // behind itself (the rooms benchmark at 5,500 moves/s: push -> ok p99
  // 57-103 ms with a fixed wait, 8.5 ms with +-25 %). It also reads as
  // thinking rather than as a metronome.
  int bot_delay_spread_pct = 25;
  std::chrono::milliseconds grace{60000};     // a dropped player's seat waits this long
  // A finished hand stays on the table this long (last trick, hand summary)
  // before the next one is dealt.
  std::chrono::milliseconds hand_pause{2500};
  int chat_history = 100;
  size_t chat_max_chars = 500;
  int chat_burst = 5;                         // messages at once, then one per refill
  std::chrono::milliseconds chat_refill{2000};
  bool test_mode = false;                     // allows deals in `start` and fault injection
};

// What a lobby asks for when it creates a room.
struct CreateParams {
  std::string id;
  std::string game;
  json::object options;
  std::optional<int> players;       // Golf 2-8; Sheepshead may also use options.players
  bool is_private = false;
  std::string invite;               // set by the caller for private rooms
  Player host;
  std::optional<int> turn_seconds;  // per-room turn timer, off when absent
};

struct SeatState {
  std::optional<Player> player;     // the person who holds the seat
  std::string bot;                  // bot level when a computer player holds it
  bool standin = false;             // a bot plays for the absent person
  int connections = 0;              // live connections of that person
  bool empty() const { return !player && bot.empty(); }
  bool bot_controlled() const { return !bot.empty() || standin; }
};

class Room {
 public:
  static constexpr int kSnapshotEvery = 64;  // moves between snapshots within a hand

  // Validates the game and options with the engine. Errors: bad_option, not_found.
  static Result<std::unique_ptr<Room>> create(const CreateParams& p, const RoomConfig& config,
                                              RoomHost& host);
  // Rebuilds a room from the store: its record, its latest snapshot, and the
  // log entries after it replayed.
  static Result<std::unique_ptr<Room>> restore(const std::string& id, const RoomConfig& config,
                                               RoomHost& host);

  const std::string& id() const { return rec_.id; }
  const std::string& status() const { return rec_.status; }
  bool has_connections() const { return !conns_.empty(); }
  bool is_private() const { return rec_.is_private; }
  std::int64_t version() const { return version_; }

  // A connection joins the room's topic. Ok payload: {"room", "view", "chat"}.
  // Errors: private (wrong or missing invite).
  Result<json::object> join(ConnId conn, const Player& player, const json::object& params);
  void leave(ConnId conn);
  // A client push. Answers through host.reply exactly once, now or (for moves)
  // once durable.
  void handle(ConnId conn, const ReplyTo& to, std::string_view event, const json::object& payload);
  void on_timer(TimerKey key);
  void on_bot_move(int seat, std::int64_t version, const json::value& move);

  // Quick play: seats `who` in the first open seat (or keeps their seat). In
  // a room made for this quick play (`fill`), every other open seat gets a
  // computer player and the game starts. Errors: table_full, game_started.
  Result<json::object> quick_seat(const Player& who, bool fill);

  // Closes an unfinished room for good (no activity for too long).
  void close();

  json::object summary() const;  // the lobby's RoomSummary
  json::object info() const;     // RoomInfo: the summary plus host, invite, players

 private:
  Room(RoomRecord rec, const RoomConfig& config, RoomHost& host);

  // Commands (room_commands.cc); each returns the reply payload or an error.
  Result<json::object> sit(const Player& who, const json::object& p);
  Result<json::object> stand(const Player& who);
  Result<json::object> add_bot(const Player& who, const json::object& p);
  Result<json::object> remove_bot(const Player& who, const json::object& p);
  Result<json::object> set_options(const Player& who, const json::object& p);
  Result<json::object> start(const Player& who, const json::object& p);
  Result<json::object> rematch(const Player& who);
  void chat(const Player& who, const ReplyTo& to, const json::object& p);
  void move(const Player& who, const ReplyTo& to, const json::object& p);

  // The game (room_game.cc).
  // A new game's setup record; the first dealer is random unless given.
  json::object game_setup(std::optional<int> dealer);
  Status start_game(json::object setup_record);
  Status apply_move(int seat, json::object move, std::optional<ReplyTo> to);
  void deal_if_waiting();
  void append_step(std::vector<LogEntry> entries, std::optional<ReplyTo> to);
  void on_durable(std::int64_t seq, const Status& st);
  void publish(const rules::StatePtr& shown);
  // `state`, the game's end, is durable: stores the result, then shows the
  // end (shown_ and the views) once the result is durable too.
  void finish_game(rules::StatePtr state, std::int64_t version);
  void schedule_actors();
  // Rebuilds the current game from the latest snapshot (when the log after
  // it starts no newer game) and the log entries after it, else from the
  // log's last "start" entry. `log` holds the entries after `snap`'s seq.
  Status replay(const std::optional<Snapshot>& snap, const std::vector<LogEntry>& log);
  Status resume_from(const Snapshot& snap);
  Status apply_logged(const LogEntry& e);
  // Every hand's end, and every kSnapshotEvery moves within a hand, the
  // room queues a snapshot so a restart replays at most that many entries.
  void maybe_snapshot();

  // Views and bookkeeping (room_views.cc).
  json::object view_for(ConnId conn) const;
  // A view is written as text, in three parts: the seat's (the game's seat
  // view with "legal", and "seat"), the game's shared view (the same for every
  // connection), and the room's fields (version, room_status, seats). `state`
  // null: no game yet; `seat` -1: a spectator.
  std::string view_text_of(const rules::StatePtr& state, std::int64_t version, int seat) const;
  // view_text_of() read back as an object (join replies).
  json::object view_of(const rules::StatePtr& state, std::int64_t version, int seat) const;
  // The game's shared view of `state` as text.
  std::string game_text_of(const rules::StatePtr& state) const;
  std::string room_fields_text(std::int64_t version) const;
  std::string seat_view_text_of(const rules::StatePtr& state, int seat) const;  // its members' text
  void write_seats(rules::JsonText& w) const;
  json::array seats_json() const;
  void push_room();  // the room info to every connection
  void push_room_and_views();
  // The room's record (metadata) to the store: save_record() waits until it
  // is durable (commands reply after it), save_record_later() queues it
  // ahead of the log entries that follow (a game's start and end, which the
  // log itself makes durable).
  void save_record();
  void save_record_later();
  void update_record();
  int seat_of(const std::string& player_id) const;
  bool is_host(const Player& who) const { return who.id == rec_.host_player; }
  // The current game's record (game-records.md) as JSON text: the durable
  // moves are the record. Gathered as the log grew (record_), or read back
  // from the log when the room resumed from a snapshot in mid-game. Call
  // once everything is durable.
  std::string record_text_of_game();
  std::int64_t next_seq() { return ++seq_; }

  RoomRecord rec_;
  RoomConfig config_;
  RoomHost& host_;
  json::object options_;
  int players_ = 0;
  std::optional<int> turn_seconds_;
  std::vector<SeatState> seats_;

  struct Conn {
    Player player;
  };
  std::map<ConnId, Conn> conns_;

  // The live game. state_ is the newest state; shown_ the newest durable one.
  rules::StatePtr state_;
  rules::StatePtr shown_;
  std::int64_t version_ = 0;        // moves applied in the current game
  std::int64_t shown_version_ = 0;
  std::int64_t seq_ = 0;            // last log seq assigned
  std::int64_t start_seq_ = 0;      // seq of the current game's "start" entry
  int moves_since_snapshot_ = 0;
  json::object setup_;              // the current game's "start" record
  GameRecordText record_;           // the current game's entries, as its record
  std::int64_t first_action_ms_ = -1;  // Klondike's clock starts with the first action
  std::vector<bool> bot_pending_;      // a bot timer or request is out for the seat
  std::minstd_rand bot_pace_;          // draws the bots' waits (bot_wait()); seeded by the room's id
  std::chrono::milliseconds bot_wait();
  std::vector<std::int64_t> turn_since_ms_;
  struct Pending {
    std::int64_t seq;
    rules::StatePtr state;
    std::int64_t version;
    std::optional<ReplyTo> reply;
  };
  std::deque<Pending> pending_;

  ChatLimiter chat_limiter_{config_.chat_burst, config_.chat_refill};
  std::deque<json::object> chat_;
};

}  // namespace parlor::room
