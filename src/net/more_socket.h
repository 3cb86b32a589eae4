#pragma once
// Internal to src/net: the TCP socket a WebSocket session runs on. Its writes
// carry MSG_MORE while the session says more frames follow at once, so frames
// queued together leave in as few segments as fit, the last one (sent
// without the flag) pushing them out. This is what TCP_CORK did without two
// setsockopt calls per batch of frames (3.3 % of the server's CPU in a
// profile with computer players, half of it the uncork's transmission).
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <utility>

namespace parlor::net {

// A WebSocket's executor is its strand's own type, not any_io_executor: no
// type erasure in each of the many executor copies an operation makes (4 %
// of the server's CPU went to any_io_executor in the write path's profile).
using SocketStrand = boost::asio::strand<boost::asio::io_context::executor_type>;
using StrandSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, SocketStrand>;

class MoreSocket {
 public:
  using executor_type = SocketStrand;

  explicit MoreSocket(StrandSocket socket) : socket_(std::move(socket)) {}

  executor_type get_executor() noexcept { return socket_.get_executor(); }
  StrandSocket& socket() { return socket_; }

  // Whether the writes from now on are followed at once by another (strand only).
  void set_more(bool more) { flags_ = more ? MSG_MORE : 0; }

  template <class Buffers, class Handler>
  auto async_read_some(const Buffers& buffers, Handler&& handler) {
    return socket_.async_read_some(buffers, std::forward<Handler>(handler));
  }
  template <class Buffers, class Handler>
  auto async_write_some(const Buffers& buffers, Handler&& handler) {
    return socket_.async_send(buffers, flags_, std::forward<Handler>(handler));
  }

 private:
  StrandSocket socket_;
  boost::asio::socket_base::message_flags flags_ = 0;
};

// Beast closes a WebSocket's transport through these (found by ADL): the TCP
// socket's own close and teardown.
inline void beast_close_socket(MoreSocket& s) {
  boost::system::error_code ignored;
  s.socket().close(ignored);
}

inline void teardown(boost::beast::role_type role, MoreSocket& s, boost::beast::error_code& ec) {
  boost::beast::websocket::teardown(role, s.socket(), ec);
}

template <class Handler>
void async_teardown(boost::beast::role_type role, MoreSocket& s, Handler&& handler) {
  boost::beast::websocket::async_teardown(role, s.socket(), std::forward<Handler>(handler));
}

}  // namespace parlor::net
