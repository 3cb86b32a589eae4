// The WebSocket session: Beast's stream, the read loop, and the bounded
// outbound queue that every thread may push frames into.
#include "net/ws_session.h"

#include <boost/asio/defer.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <vector>

#include "base/check.h"
#include "base/clock.h"
#include "net/more_socket.h"
#include "net/socket_session.h"

namespace parlor::net {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

int64_t mono_now_ns() { return steady_ns(); }

int64_t unix_now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

// The accepted socket (any_io_executor, on a strand of its own) moved onto a
// socket whose executor type is that strand's. Closed if a step fails: the
// session's first operation then fails and it ends.
StrandSocket on_its_strand(asio::ip::tcp::socket s) {
  const auto* strand = s.get_executor().target<SocketStrand>();
  PARLOR_CHECK(strand != nullptr, "an accepted socket is not on a strand of the io_context");
  StrandSocket out(*strand);
  beast::error_code ec;
  const auto protocol = s.local_endpoint(ec).protocol();
  if (ec) return out;
  const auto fd = s.release(ec);
  if (!ec) out.assign(protocol, fd, ec);
  return out;
}

// A socket that has been closing this long (peer not reading, no close
// frame coming back) is cut off at the TCP level by the sweep.
constexpr int64_t kCloseDeadlineNs = 5'000'000'000;

class WsSession final : public Outbound, public std::enable_shared_from_this<WsSession> {
 public:
  // The socket leaves the HTTP layer's tcp_stream: a WebSocket's deadlines
  // are the handshake timeout below (Beast's own timer) and the hub's sweep,
  // never a per-operation timer, so tcp_stream's wrapper around every read
  // and write would be work for nothing (bench/load/RESULTS.md, "The
  // WebSocket on the bare socket").
  WsSession(ServerContext& ctx, beast::tcp_stream&& stream)
      : ctx_(ctx), ws_(MoreSocket(on_its_strand(stream.release_socket()))) {}

  void start(http::request<http::string_body> req, UpgradeDecision decision) {
    req_ = std::move(req);
    // Beast's own idle timer stays off: the hub's sweep enforces the idle
    // timeout with code 1001 (one timer for all sockets, not one each).
    websocket::stream_base::timeout t{};
    t.handshake_timeout = std::chrono::seconds(10);  // opening and closing handshakes
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    ws_.set_option(t);
    ws_.read_message_max(ctx_.config.limits.max_frame_bytes);
    ws_.auto_fragment(false);
    const bool phoenix = decision.select_phoenix;
    ws_.set_option(websocket::stream_base::decorator([phoenix](websocket::response_type& res) {
      res.set(http::field::server, "parlor");
      // Select exactly "phoenix", never the token subprotocol (1.2).
      if (phoenix) res.set(http::field::sec_websocket_protocol, "phoenix");
    }));
    ws_.async_accept(req_, [self = shared_from_this(), id = std::move(decision.identity)](
                               beast::error_code ec) mutable { self->on_accept(ec, std::move(id)); });
  }

  void send(OutFrame f) override {
    bool start = false, overflow = false;
    {
      std::lock_guard lock(mu_);
      if (dead_ || close_pending_) return;
      overflow = !enqueue_locked(std::move(f));
      if (!writing_) start = writing_ = true;
    }
    after_enqueue(start, overflow);
  }

  void send_all(std::vector<OutFrame> frames) override {
    bool start = false, overflow = false;
    {
      std::lock_guard lock(mu_);
      if (dead_ || close_pending_) return;
      for (auto& f : frames) {
        if (!enqueue_locked(std::move(f))) {
          overflow = true;
          break;
        }
      }
      if (!writing_) start = writing_ = true;
    }
    after_enqueue(start, overflow);
  }

  void close(uint16_t code, std::string reason) override {
    bool start = false;
    {
      std::lock_guard lock(mu_);
      if (dead_ || close_pending_) return;
      request_close_locked(code, std::move(reason));
      if (!writing_) start = writing_ = true;
    }
    if (start) asio::defer(ws_.get_executor(), [self = shared_from_this()] { self->do_write(); });
  }

  void check_deadline(int64_t now_ns) override {
    int64_t since = closing_since_ns_.load(std::memory_order_relaxed);
    if (since == 0 || now_ns - since < kCloseDeadlineNs) return;
    asio::post(ws_.get_executor(), [self = shared_from_this()] { self->abort(); });
  }

 private:
  // False when the queue is over its limit: a client that does not read.
  // Its queue is dropped and the socket closes with 1013.
  bool enqueue_locked(OutFrame f) {
    const size_t n = f.data->size();
    const size_t frames = queue_.size() - head_;
    const auto& lim = ctx_.config.limits;
    if (frames > 0 && (queued_bytes_ + n > lim.max_queue_bytes || frames + 1 > lim.max_queue_frames)) {
      queue_.clear();
      head_ = 0;
      queued_bytes_ = 0;
      request_close_locked(1013, "slow consumer");
      return false;
    }
    queue_.push_back(std::move(f));
    queued_bytes_ += n;
    return true;
  }

  void after_enqueue(bool start, bool overflow) {
    if (overflow) ctx_.metrics.error("slow_consumer");
    if (start) asio::defer(ws_.get_executor(), [self = shared_from_this()] { self->do_write(); });
  }

  void request_close_locked(uint16_t code, std::string reason) {
    close_pending_ = true;
    close_code_ = code;
    close_reason_ = std::move(reason);
    closing_since_ns_.store(mono_now_ns(), std::memory_order_relaxed);
  }

  void on_accept(beast::error_code ec, channels::Identity identity) {
    if (ec) return;  // the client went away during the handshake
    req_ = {};       // not needed any more
    proto_ = ctx_.hub.open_socket(shared_from_this(), std::move(identity), mono_now_ns());
    do_read();
  }

  void do_read() {
    ws_.async_read(buf_, [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) {
      if (ec == websocket::error::message_too_big) {
        ctx_.metrics.error("frame_too_big");  // Beast has sent close 1009
      } else if (ec == websocket::error::bad_frame_payload) {
        ctx_.metrics.error("bad_utf8");  // Beast has sent close 1007
      } else if (ec == websocket::condition::protocol_violation) {
        ctx_.metrics.error("bad_websocket_frame");
      }
      finish();
      return;
    }
    bool closing;
    {
      std::lock_guard lock(mu_);
      closing = close_pending_;
    }
    if (!closing) {
      std::string_view data(static_cast<const char*>(buf_.data().data()), buf_.size());
      if (uint16_t code = proto_->on_message(data, ws_.got_binary(), mono_now_ns())) {
        close(code, "protocol error");
      }
    }
    buf_.consume(buf_.size());
    if (buf_.capacity() > 8192) buf_.shrink_to_fit();  // idle sockets stay small
    do_read();
  }

  // Runs on the strand; one write or close in flight at a time (writing_).
  void do_write() {
    OutFrame f;
    bool do_close = false, more = false, idle = false;
    uint16_t code = 0;
    std::string reason;
    {
      std::lock_guard lock(mu_);
      if (dead_) {
        writing_ = false;
        return;
      }
      if (head_ < queue_.size()) {
        f = std::move(queue_[head_++]);
        queued_bytes_ -= f.data->size();
        more = head_ < queue_.size();
        if (!more) {
          queue_.clear();
          head_ = 0;
          if (queue_.capacity() > 64) queue_.shrink_to_fit();
        }
      } else if (close_pending_ && !close_sent_) {
        close_sent_ = do_close = true;
        code = close_code_;
        reason = close_reason_;
      } else {
        writing_ = false;
        idle = true;
      }
    }
    if (idle) return;
    // Frames queued together leave in as few segments as fit (a client sees
    // a join's presence_state and the diff after it at once): each but the
    // queue's last is sent with MSG_MORE, and the last pushes them out.
    ws_.next_layer().set_more(more);
    auto self = shared_from_this();
    if (do_close) {
      // The pending read sees the peer's close and ends the session.
      ws_.async_close(websocket::close_reason(static_cast<websocket::close_code>(code), reason), [self](beast::error_code) {});
      return;
    }
    ws_.binary(f.binary);
    ws_.async_write(asio::buffer(*f.data), [self, f](beast::error_code ec, size_t n) {
      if (ec) {
        self->abort();
        return;
      }
      self->ctx_.metrics.frames_out.fetch_add(1, std::memory_order_relaxed);
      self->ctx_.metrics.bytes_out.fetch_add(static_cast<int64_t>(n), std::memory_order_relaxed);
      self->do_write();
    });
  }

  // Cuts the TCP connection; the pending read fails and finish() runs.
  void abort() {
    beast::error_code ignored;
    ws_.next_layer().socket().close(ignored);
  }

  void finish() {
    {
      std::lock_guard lock(mu_);
      dead_ = true;
      queue_.clear();
      head_ = 0;
      queued_bytes_ = 0;
    }
    abort();
    if (proto_) proto_->on_closed();  // channels end, leave diffs go out
    proto_.reset();
  }

  ServerContext& ctx_;
  websocket::stream<MoreSocket> ws_;
  http::request<http::string_body> req_;
  beast::flat_buffer buf_;
  std::shared_ptr<SocketSession> proto_;

  std::mutex mu_;
  std::vector<OutFrame> queue_;  // [head_, end) waits to be written
  size_t head_ = 0;
  size_t queued_bytes_ = 0;
  bool writing_ = false;  // a do_write is scheduled or a write/close is in flight
  bool close_pending_ = false;
  bool close_sent_ = false;
  bool dead_ = false;
  uint16_t close_code_ = 0;
  std::string close_reason_;
  std::atomic<int64_t> closing_since_ns_{0};
};

}  // namespace

void start_websocket(ServerContext& ctx, beast::tcp_stream stream,
                     http::request<http::string_body> req, UpgradeDecision decision) {
  auto s = std::make_shared<WsSession>(ctx, std::move(stream));
  s->start(std::move(req), std::move(decision));
}

}  // namespace parlor::net
