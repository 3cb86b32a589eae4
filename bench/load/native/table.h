#pragma once
// The tables in play: a Room is one table, a Seat one seated socket. A seat
// reads each view it gets without parsing it (scan.h), pushes one of its
// legal moves when it has any, at its table's pace, and times the move until
// its view has reached every seat (rooms) or until its ok reply
// (rooms-bots). Seat 0 asks for a rematch at game over, so tables play on.
// The logic of rooms-worker-play.mjs, rule for rule.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scan.h"

namespace parlor::load {

class Worker;
class Sock;
class Seat;
struct Reply;

// Per (game, version): how many seats have seen it, when the first and the
// last did, and when the move that made it was pushed (once its ok is in).
struct Seen {
  int64_t key;
  int count;
  int64_t first_at, all_at, t0;
};

class Room {
 public:
  Room(Worker& wk, int i) : w(wk), index(i) {}
  Worker& w;
  const int index;
  std::string id, invite, topic;
  std::vector<std::unique_ptr<Seat>> seats;
  double next_at_ms = 0;   // monotonic ms before which this table pushes no move
  int preroll_left = 0;    // moves to play unpaced before the pace applies
  double start_at_ms = 0;  // monotonic ms before which this table makes no first move
  double pace_factor = 1;  // this table's pace relative to the mean
  std::vector<Seen> seen;
  int game_over_asked = -1;  // game for which seat 0 asked for a rematch
  bool ready = false;        // set up and started

  Seen* find_seen(int64_t key);
  Seen& get_seen(int64_t key);
  void forget_seen(int64_t key);
};

class Seat {
 public:
  Seat(Room& room, int index, Sock& sock, uint32_t seed);
  // A `view` push's payload text.
  void on_view(std::string_view view);
  // Schedules this seat's next push if its latest view asks for one: at
  // once, or at its table's next slot when the run is paced.
  void maybe_schedule();

  Room& room;
  const int index;
  Sock& sock;

 private:
  void push();
  void on_move_reply(Reply& r);
  void count_seen(int64_t key, int64_t now);
  void ask_rematch(int tries);

  Mulberry32 rand_;
  int game_no_ = 0;
  int64_t last_version_ = -1;  // highest version seen in this game
  int64_t version_ = -1;       // of the latest view
  uint64_t view_seq_ = 0;      // views received
  uint64_t pushed_seq_ = UINT64_MAX;  // the view the last push was chosen from
  // The latest view's legal list (text; empty if none), kept past the
  // frame: a push may wait for the pace, or be retried after rate_limited.
  std::string legal_;
  bool inflight_ = false, scheduled_ = false;
  // The move in flight (one at a time per seat).
  int64_t expect_ = -1, t0_ = 0;
  int game_ = 0;
  bool counted_ = false;
};

inline int64_t seen_key(int game, int64_t version) { return static_cast<int64_t>(game) * 1'000'000 + version; }

}  // namespace parlor::load
