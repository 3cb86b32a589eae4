#pragma once
// Store: what rooms, the lobby and the HTTP API need from durable storage.
// The SQLite implementation lives in src/store; tests may use it with a
// temporary file. Every method is thread-safe.
//
// Durability contract: `append` returns at once and calls `done` (on the
// store's writer thread) only after the entry is committed; commits from many
// rooms are grouped into one transaction. An entry whose `done` reported Ok
// survives kill -9. Entries of one room are committed in the order appended.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace parlor::room {

// One entry of a room's append-only log, the source of truth of its game.
// kind "move": seat + body (the move JSON as applied, with server fields such
// as Klondike's "t"); kind "hand_seed": body {"seed": H} stored before any card
// of that hand is shown; kind "start": body is the game's setup record
// ({"game","options","players","dealer","seed"}), the first entry of every game;
// other kinds may be added (e.g. "restart" markers) and are kept verbatim.
struct LogEntry {
  std::int64_t seq = 0;      // 1, 2, 3... per room, assigned by the room
  std::string kind;
  int seat = -1;             // -1 when not a seat's action
  std::string body;          // JSON text
  std::int64_t at_ms = 0;    // wall clock, for history
};

// A room's metadata: everything except its log. Stored as a whole on change.
struct RoomRecord {
  std::string id;
  std::string game;
  std::string options;       // JSON text
  bool is_private = false;
  std::string invite;        // empty for public rooms
  std::string host_player;   // player id
  std::string status;        // "waiting" | "playing" | "finished" | "closed" | "broken"
  std::string seats;         // JSON text: the room's seat list (players, bots, levels)
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

struct Snapshot {
  std::int64_t seq = 0;      // the log entry it includes, last
  std::string state;         // the game's state JSON text
};

struct ChatMessage {
  std::int64_t id = 0;       // assigned by the store, increasing per channel
  std::string channel;       // "lobby" or a room id
  std::string player_id;
  std::string name;
  std::string text;
  std::int64_t at_ms = 0;
};

struct GameResult {
  std::string room_id;
  std::string game;
  std::string record;        // the finished game's record, game-records.md form
  std::string result;        // the result object JSON text
  std::vector<std::string> seat_players;  // player id per seat ("" for a bot)
  std::vector<bool> winners;              // per seat
  std::int64_t finished_ms = 0;
};

struct PlayerStats {
  std::string game;
  int played = 0;
  int won = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Durable, grouped appends (see the contract above).
  virtual void append(const std::string& room_id, LogEntry entry,
                      std::function<void(Status)> done) = 0;
  // Blocks until everything appended before the call is committed.
  virtual void flush() = 0;

  virtual Status save_room(const RoomRecord& room) = 0;
  // The same without waiting: queued behind everything written before (a
  // room's earlier appends), ahead of everything after. `done` runs on the
  // writer thread and may be empty.
  virtual void save_room_later(RoomRecord room, std::function<void(Status)> done) = 0;
  virtual std::optional<RoomRecord> load_room(const std::string& id) = 0;
  // Rooms whose status is waiting or playing (to list or resume after a restart).
  virtual std::vector<RoomRecord> load_open_rooms() = 0;
  // Log entries with seq > after_seq, in order.
  virtual std::vector<LogEntry> load_log(const std::string& room_id, std::int64_t after_seq) = 0;

  virtual Status save_snapshot(const std::string& room_id, const Snapshot& snap) = 0;
  // The same without waiting: queued behind the room's earlier appends, so a
  // snapshot is never committed before the entries it includes. `done` runs
  // on the writer thread and may be empty.
  virtual void save_snapshot_later(const std::string& room_id, Snapshot snap,
                                   std::function<void(Status)> done) = 0;
  virtual std::optional<Snapshot> load_snapshot(const std::string& room_id) = 0;  // latest

  // Chat is stored with the same grouped commit; `done` as for append.
  virtual void add_chat(ChatMessage msg, std::function<void(Result<ChatMessage>)> done) = 0;
  virtual std::vector<ChatMessage> load_chat(const std::string& channel, int limit) = 0;  // oldest first

  virtual Status upsert_player(const std::string& id, const std::string& name) = 0;
  virtual Status save_result(const GameResult& result) = 0;
  // The same without waiting, in queue order like save_room_later.
  virtual void save_result_later(GameResult result, std::function<void(Status)> done) = 0;
  virtual std::optional<GameResult> load_result(const std::string& room_id) = 0;
  virtual std::vector<PlayerStats> player_stats(const std::string& player_id) = 0;
};

}  // namespace parlor::room
