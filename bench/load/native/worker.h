#pragma once
// One worker thread: an io_context that owns whole tables (all of a table's
// sockets), so "the move's view reached all four seats" is decided on one
// thread with one clock. The coordinator (main.cc) talks to it only through
// the blocking calls below, which run on the worker's thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "stats.h"

namespace parlor::load {

class Room;
class Sock;

struct WorkerConfig {
  bool bots = false;  // rooms-bots: one socket at seat 0, computer players at 1-3
  std::string host;
  int port = 0;
  int rooms = 0, room_base = 0;  // this worker's tables and the index of its first
  std::string name_prefix;       // session names: <prefix>-<i>
  std::string local_address;     // bind before connecting; empty: any
  double ramp_rate = 0;          // tables set up per second (0: as fast as they go)
  int concurrency = 20;          // tables being set up at once
  bool pick_first = false;
  uint32_t seed = 1;
  bool public_rooms = false;
  std::string options_json = "{}";  // Hearts options for create_room
  std::string bot_level = "easy";
  bool stagger = true;
  double start_spread_ms = 0;  // see Options::start_spread_ms
  int preroll_moves = 56;  // up to this many unpaced moves per table before the first window
  int hb_sec = 30;
  int read_buffer = 16384;  // see Options::read_buffer
  bool probe = false;
};

class Worker {
 public:
  Worker(int id, WorkerConfig cfg);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Starts the thread, which opens the sessions and sets up the tables;
  // `ready()` becomes ready when they are (an exception if setting up failed
  // as a whole; single tables that fail are counted).
  void start();
  std::shared_future<void> ready() const { return ready_; }
  Snapshot stats(bool with_hist = false);
  Snapshot reset_window();           // starts a measurement window
  void go(double room_rate);         // start or change the pace (moves/s per table, 0 unpaced)
  void stop();                       // close every socket and end the thread

  // ------------------------------------------------ thread side
  const int id;
  const WorkerConfig cfg;
  boost::asio::io_context ioc{1};
  Counters st;
  Hist lat_all, lat_ack, lat_first;  // this window
  // lat_ack up to the reply's arrival in the socket (the kernel's receive
  // timestamp), without the time this thread took to read it.
  Hist lat_ack_in_socket;
  // How long the frames being handled had been in the socket when read
  // (SO_TIMESTAMPNS of the read's last segment; 0 when unknown).
  int64_t read_late_us = 0;
  Series series;
  int64_t window_start_us = 0;
  bool paused = true;       // no moves before `go`
  bool stopping = false;
  double interval_ms = 0;   // between moves of one table at the mean pace (0: unpaced)
  std::vector<std::unique_ptr<Room>> rooms;
  std::vector<std::unique_ptr<Sock>> socks;

  uint64_t new_ref() { return next_ref_++; }
  // Runs `fn` on this thread at about `at_us` (now_us() clock): up to
  // kSlackUs early or late, so that delayed pushes share wake-ups with each
  // other and with incoming frames (the pace needs no better; a push's
  // latency is timed from when it is sent).
  void at(int64_t at_us, std::function<void()> fn);
  // Runs what is due within the slack; called after each frame read.
  void run_due(int64_t now) {
    if (!timed_.empty() && timed_.top().at <= now + kSlackUs) run_due_now(now);
  }
  static constexpr int64_t kSlackUs = 1000;
  // A move pushed at t0 whose view all 4 seats had at all_at (first at first_at).
  void sample_all_views(int64_t first_at, int64_t all_at, int64_t t0);
  double uniform();  // [0, 1), for the pace offsets

 private:
  template <class F>
  auto call(F f) -> decltype(f());
  Snapshot snapshot(bool with_hist);
  void tick();
  void arm_timer();
  void run_due_now(int64_t now);
  void start_play(double room_rate);  // table.cc
  void set_up();                      // setup.cc: spawns the set-up, fulfils ready_

  struct Timed {
    int64_t at;
    uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Timed& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  std::priority_queue<Timed, std::vector<Timed>, std::greater<>> timed_;
  uint64_t timed_seq_ = 0;
  boost::asio::steady_timer timer_{ioc};
  int64_t timer_at_ = INT64_MAX;
  boost::asio::steady_timer tick_timer_{ioc};
  int64_t tick_due_ = 0, next_hb_at_ = 0;
  size_t hb_slot_ = 0;
  Hist loop_delay_;
  uint64_t next_ref_ = 1;
  uint64_t rand_state_;
  std::promise<void> ready_promise_;
  std::shared_future<void> ready_;
  std::thread thread_;
};

}  // namespace parlor::load
