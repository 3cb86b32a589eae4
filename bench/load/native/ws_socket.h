#pragma once
// One client WebSocket with its own session: Phoenix V2 frames, Beast's
// handshake and writes (client masking with the fast PRNG, no
// permessage-deflate, TCP_NODELAY), the server's frames read by hand, a write
// queue, replies matched to their push by ref. Views go unparsed to the Seat
// using the socket; replies are parsed (they are small).
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace parlor::load {

class Worker;
class Seat;

struct Reply {
  bool ok = false;
  std::string code;  // of an error reply (`code`, else `reason`); "socket_closed" if the socket closed
  boost::json::value response;
  int64_t version = -1;  // of an ok {"version": N} reply (a move's), read without parsing
};
using ReplyFn = std::function<void(Reply&)>;

class Sock {
 public:
  Sock(Worker& w, std::string token);
  ~Sock();
  Sock(const Sock&) = delete;
  Sock& operator=(const Sock&) = delete;

  // Connects and upgrades; `done("")` once open (the read loop runs from
  // then on), or `done(error)`.
  void open(std::function<void(const std::string&)> done);
  // Sends `event` on `topic` (payload: JSON text); `fn` gets the reply. A
  // phx_join makes its ref the topic's join_ref for later pushes.
  void request(std::string_view topic, std::string_view event, std::string_view payload, ReplyFn fn);
  void forget_topic(std::string_view topic);
  // [null,ref,"phoenix","heartbeat",{}]; counts a heartbeat still unanswered.
  void heartbeat();
  bool is_open() const;
  void close();  // drop the connection (end of run)

  Seat* seat = nullptr;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parlor::load
