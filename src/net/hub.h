#pragma once
// The socket/channel runtime without any networking: topics with their
// serialised executors, subscriptions, broadcast and presence fan-out, and
// the registry of open sockets (idle sweeps, forced disconnects, shutdown).
// The Beast layer feeds it decoded messages and gives it an Outbound per
// socket; unit tests drive it the same way with fakes.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "channels/channel.h"
#include "channels/presence.h"
#include "channels/router.h"
#include "net/metrics.h"
#include "net/serial_executor.h"

namespace parlor::net {

// One encoded frame, shared by every socket it goes to (broadcasts are
// encoded once).
struct OutFrame {
  std::shared_ptr<const std::string> data;
  bool binary = false;
};
OutFrame text_frame(std::string s);
OutFrame binary_frame(std::string s);

// The sending side of one socket. Thread-safe; implemented by the WebSocket
// session (and by fakes in tests).
class Outbound {
 public:
  virtual ~Outbound() = default;
  // Queues a frame. Frames leave in the order they were queued. A socket
  // whose queue is over its limit is closed with 1013 instead.
  virtual void send(OutFrame frame) = 0;
  // Queues several frames at once, in order (one lock, one wake-up): frames
  // queued together also leave together, in as few TCP segments as fit.
  virtual void send_all(std::vector<OutFrame> frames) {
    for (auto& f : frames) send(std::move(f));
  }
  // Closes the socket with `code` after the frames already queued.
  virtual void close(uint16_t code, std::string reason) = 0;
  // Called by the periodic sweep: a socket that has been closing for too
  // long (a peer that stopped reading) is cut off here.
  virtual void check_deadline(int64_t now_ns) = 0;
};

// Per-socket limits (defaults follow channels-protocol.md and the brief).
struct SocketLimits {
  size_t max_frame_bytes = 64 * 1024;      // inbound message size; 1009 above
  double rate_per_s = 50;                   // token bucket refill
  double burst = 100;                       // token bucket size
  int flood_close_after = 100;              // refused frames in a row before 1008
  size_t max_queue_bytes = 1024 * 1024;     // outbound queue; 1013 above
  size_t max_queue_frames = 4096;
  std::chrono::milliseconds idle_timeout{60'000};  // no inbound frame: 1001
  size_t max_channels = 100;                // joined topics per socket
};

class ChannelSlot;
class SocketSession;

// One topic: its executor and, on that executor only, its subscribers and
// presence. `users` (guarded by the hub's mutex) counts joins in progress
// and live channels; the hub forgets the topic when it drops to zero.
struct Topic {
  Topic(std::string n, std::shared_ptr<SerialExecutor> e) : name(std::move(n)), exec(std::move(e)) {}
  const std::string name;
  const std::shared_ptr<SerialExecutor> exec;
  std::vector<std::shared_ptr<ChannelSlot>> subscribers;  // exec only
  channels::Presence presence;                            // exec only
  // Diffs waiting for the flush task queued on exec (large topics only).
  channels::PresenceDiff pending_diff;                    // exec only
  bool diff_flush_queued = false;                         // exec only
  size_t users = 0;                                       // hub mutex
};

class Hub {
 public:
  Hub(const channels::Router& router, Metrics& metrics, SerialExecutor::Pool pool,
      SocketLimits limits);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // ---- for application code; all thread-safe ----
  // [null, null, topic, event, payload] to every channel joined to `topic`,
  // encoded once, in the topic's order.
  void broadcast(std::string_view topic, std::string_view event, channels::Payload payload);
  // Closes every socket of this player with 1001 (channels-protocol.md 6.3).
  void disconnect_player(std::string_view player_id);
  // Open sockets / topics with channels (or joins in progress) right now.
  size_t socket_count() const;
  size_t topic_count() const;

  // ---- for the transport layer ----
  // A socket passed the handshake: returns its protocol state.
  std::shared_ptr<SocketSession> open_socket(std::shared_ptr<Outbound> out,
                                             channels::Identity identity, int64_t now_ns);
  // Idle timeouts and close deadlines; call every second or so.
  void sweep(int64_t now_ns);
  // Asks up to `max` open sockets to close with `code`; returns how many
  // were asked (for batched shutdown).
  size_t close_some(size_t max, uint16_t code, std::string_view reason);

  // ---- internal to the runtime ----
  const channels::Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  const SocketLimits& limits() const { return limits_; }
  std::shared_ptr<Topic> acquire(const std::string& name);
  void release(const std::shared_ptr<Topic>& topic);
  std::shared_ptr<Topic> find(std::string_view name) const;
  // On the topic's executor: send a frame / a presence diff to subscribers
  // (but `except`, when given).
  void fanout(Topic& topic, const OutFrame& frame, const ChannelSlot* except = nullptr);
  // Sends a presence diff to the topic (called on its executor). Topics of
  // up to kDiffsAtOnceUpTo subscribers get it at once (minus `except`, which
  // has its own copy). Larger ones (the lobby) merge every diff made before
  // a flush task queued behind them runs: a burst of joins, such as every
  // client reconnecting after a restart, then costs a few diffs to each
  // member instead of one per join (O(S) frames, not O(S^2)). An idle
  // executor runs the flush right away, so quiet topics see no delay.
  static constexpr size_t kDiffsAtOnceUpTo = 16;
  void fanout_diff(const std::shared_ptr<Topic>& topic, channels::PresenceDiff diff,
                   const ChannelSlot* except = nullptr);
  static OutFrame diff_frame(const Topic& topic, const channels::PresenceDiff& diff);
  void forget_socket(uint64_t id);

 private:
  const channels::Router& router_;
  Metrics& metrics_;
  std::shared_ptr<const SerialExecutor::Pool> pool_;
  SocketLimits limits_;
  mutable std::mutex topics_mu_;
  std::unordered_map<std::string, std::shared_ptr<Topic>> topics_;
  mutable std::mutex sockets_mu_;
  std::unordered_map<uint64_t, std::weak_ptr<SocketSession>> sockets_;
  uint64_t next_socket_id_ = 1;  // sockets_mu_
};

}  // namespace parlor::net
