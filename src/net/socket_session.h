#pragma once
// The protocol side of one WebSocket: decodes each message, answers
// heartbeats at once (never behind channel work, 5), applies the rate limit,
// and routes the rest to its channels' topic executors. Called by the
// transport on the socket's strand, one message at a time; forget() and
// request_close() may come from any thread.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "channels/channel.h"
#include "channels/rate_limiter.h"
#include "net/hub.h"

namespace parlor::net {

class ChannelSlot;

class SocketSession : public std::enable_shared_from_this<SocketSession> {
 public:
  SocketSession(Hub& hub, uint64_t id, std::shared_ptr<Outbound> out,
                channels::Identity identity, int64_t now_ns);

  // One inbound message. Returns 0, or the close code the socket must be
  // closed with (bad frame 1007/1008/1003, flood 1008).
  uint16_t on_message(std::string_view data, bool binary, int64_t now_ns);
  // The socket is gone: every channel ends (leave diffs go out). Idempotent.
  void on_closed();

  // A channel ended on its own: drop it from the table if still current.
  void forget(const std::string& topic, const ChannelSlot* slot);
  // Asks the transport to close the socket (thread-safe). Returns false if
  // a close was already requested or the socket is gone.
  bool request_close(uint16_t code, std::string_view reason);
  // Lets the transport cut off a socket that is stuck closing.
  void check_deadline(int64_t now_ns);

  uint64_t id() const { return id_; }
  const channels::Identity& identity() const { return *identity_; }
  int64_t last_rx_ns() const { return last_rx_ns_.load(std::memory_order_relaxed); }
  size_t channel_count() const;

 private:
  void reply_direct(const channels::Ref& jr, const channels::Ref& ref, const std::string& topic,
                    std::string_view status, std::string_view response_json);
  void handle_join(channels::InFrame f);
  bool admit(int64_t now_ns, bool heartbeat);

  Hub& hub_;
  const uint64_t id_;
  std::shared_ptr<Outbound> out_;  // reset by on_closed (breaks the cycle)
  std::shared_ptr<const channels::Identity> identity_;
  std::atomic<int64_t> last_rx_ns_;
  channels::TokenBucket bucket_;  // strand only
  int strikes_ = 0;               // strand only: refused frames in a row

  mutable std::mutex mu_;
  bool closed_ = false;
  bool close_requested_ = false;
  // topic -> current slot. A small vector: sockets hold a handful of topics.
  std::vector<std::pair<std::string, std::shared_ptr<ChannelSlot>>> channels_;
};

}  // namespace parlor::net
