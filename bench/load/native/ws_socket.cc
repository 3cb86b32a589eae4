// The only file with Beast's WebSocket: the client socket and its hot path.
// Beast makes the handshake and writes the client's (masked) frames; the
// server's frames are read by hand: one recvmsg() takes every frame that has
// arrived, each is handed over where it lies (no copy, no UTF-8 pass), and
// views go unparsed to the seat. Beast's read path (a frame head, then its
// payload, copied through a read buffer and checked) cost the generator a
// quarter of its CPU, which it took from the server on the same 2 cores
// (bench/load/RESULTS.md, "Session 9").
#include "ws_socket.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <deque>
#include <vector>

#include "scan.h"
#include "table.h"
#include "worker.h"

namespace parlor::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
// The io_context's own executor type (not any_io_executor: no type erasure
// on every operation).
using Socket = asio::basic_stream_socket<tcp, asio::io_context::executor_type>;

// Larger server frames end the connection as a protocol error (Beast's limit
// was the same).
constexpr uint64_t kMaxFrame = 8 << 20;

namespace {

Reply closed_reply() {
  Reply r;
  r.code = "socket_closed";
  return r;
}

// {"status": S, "response": R} of a phx_reply. The common one, a move's
// {"status":"ok","response":{"version":N}}, is read without a parser.
Reply parse_reply(std::string_view payload) {
  Reply r;
  static constexpr std::string_view kOkVersion = "{\"status\":\"ok\",\"response\":{\"version\":";
  if (payload.size() > kOkVersion.size() + 2 && payload.substr(0, kOkVersion.size()) == kOkVersion &&
      payload.substr(payload.size() - 2) == "}}") {
    const std::string_view digits = payload.substr(kOkVersion.size(), payload.size() - 2 - kOkVersion.size());
    int64_t v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc() && end == digits.data() + digits.size()) {
      r.ok = true;
      r.version = v;
      return r;
    }
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(payload, ec);
  const auto* o = ec ? nullptr : v.if_object();
  if (!o) {
    r.code = "bad_reply";
    return r;
  }
  const auto* status = o->if_contains("status");
  r.ok = status && status->is_string() && status->get_string() == "ok";
  if (const auto* resp = o->if_contains("response")) r.response = *resp;
  if (!r.ok) {
    if (const auto* ro = r.response.if_object()) {
      const auto* c = ro->if_contains("code");
      if (!c || !c->is_string()) c = ro->if_contains("reason");
      if (c && c->is_string()) r.code = std::string(c->get_string());
    }
    if (r.code.empty()) r.code = "error";
  }
  return r;
}

uint64_t parse_ref(std::string_view s) {
  uint64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

struct Sock::Impl {
  Impl(Worker& wk, Sock& s, std::string tok)
      : w(wk),
        self(s),
        token(std::move(tok)),
        ws(wk.ioc.get_executor()),
        read_size(static_cast<size_t>(std::max(4096, wk.cfg.read_buffer))) {}
  Socket& sock() { return ws.next_layer(); }

  Worker& w;
  Sock& self;
  std::string token;
  websocket::stream<Socket> ws;  // the handshake and our writes
  // Bytes read and not yet handed over are [rbeg, rend) of rbuf; each read
  // asks for at least read_size bytes (more while a large frame arrives).
  const size_t read_size;
  std::vector<char> rbuf;
  size_t rbeg = 0, rend = 0;
  std::deque<std::string> outq;
  bool writing = false, opened = false, dead = false;
  bool timestamps_on = false;
  struct Pending {
    uint64_t ref;
    ReplyFn fn;
  };
  std::vector<Pending> pending;
  std::vector<std::pair<std::string, std::string>> join_refs;  // topic -> join_ref
  uint64_t hb_ref = 0;

  void fail_open(const std::string& what, std::function<void(const std::string&)>& done) {
    dead = true;
    w.st.open_failed++;
    bump(w.st.errors, "ws_" + what.substr(0, 40));
    done(what);
  }

  void open(std::function<void(const std::string&)> done) {
    boost::system::error_code ec;
    sock().open(tcp::v4(), ec);
    if (!ec && !w.cfg.local_address.empty()) sock().bind({asio::ip::make_address(w.cfg.local_address), 0}, ec);
    if (ec) return fail_open(ec.message(), done);
    const tcp::endpoint ep(asio::ip::make_address(w.cfg.host), static_cast<unsigned short>(w.cfg.port));
    sock().async_connect(ep, [this, done = std::move(done)](boost::system::error_code e) mutable {
      if (e) return fail_open(e.message(), done);
      sock().set_option(tcp::no_delay(true), e);
      ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
      ws.auto_fragment(false);
      ws.secure_prng(false);
      ws.text(true);
      const std::string host = w.cfg.host + ":" + std::to_string(w.cfg.port);
      ws.async_handshake(host, "/socket/websocket?token=" + token + "&vsn=2.0.0",
                         [this, done = std::move(done)](boost::system::error_code e2) mutable {
                           if (e2) return fail_open(e2.message(), done);
                           opened = true;
                           w.st.opened++;
                           // From here on the socket is read by hand. Beast's
                           // handshake read stopped at the 101 response: the
                           // server sends nothing before our first push, so
                           // no frame is left in Beast's buffer.
                           do_read();
                           done("");
                         });
    });
  }

  // Reads with recvmsg() once the socket is readable, to learn from the
  // kernel when the data arrived (SO_TIMESTAMPNS): replies are then also
  // timed to their arrival, without the delays of this thread (a load tool
  // sharing the cores with the server is late to read at times).
  void do_read() {
    make_room();
    sock().async_wait(Socket::wait_read, [this](boost::system::error_code ec) {
      if (ec) return on_closed(1006, "ws_" + ec.message().substr(0, 40));
      const ssize_t n = receive();
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return do_read();
      if (n <= 0) return on_closed(1006, n == 0 ? "ws_End of file" : std::string("ws_") + std::strerror(errno));
      rend += static_cast<size_t>(n);
      if (!take_frames()) return;
      w.run_due(now_us());
      if (!dead) do_read();
    });
  }

  // One recvmsg() into the buffer's free space; sets w.read_late_us for
  // the frames it read (0 when it read nothing or the kernel gave no time).
  ssize_t receive() {
    if (!timestamps_on) {
      const int on = 1;
      (void)::setsockopt(sock().native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
      timestamps_on = true;
    }
    iovec iov{rbuf.data() + rend, rbuf.size() - rend};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
    msghdr m{};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(sock().native_handle(), &m, MSG_DONTWAIT);
    w.read_late_us = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&m); n > 0 && c; c = CMSG_NXTHDR(&m, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
      timespec arrived{}, now{};
      std::memcpy(&arrived, CMSG_DATA(c), sizeof arrived);
      clock_gettime(CLOCK_REALTIME, &now);
      const int64_t late = (now.tv_sec - arrived.tv_sec) * 1'000'000 + (now.tv_nsec - arrived.tv_nsec) / 1000;
      w.read_late_us = std::max<int64_t>(0, late);
    }
    return n;
  }

  // Free space after rend for the next read: the unread bytes move to the
  // front when that makes room, and the buffer grows for a frame larger than it.
  void make_room() {
    size_t want = read_size;
    const size_t unread = rend - rbeg;
    if (unread >= 2) want = std::max(want, frame_size(unread) - unread);
    if (rbuf.size() - rend >= want) return;
    if (rbeg > 0) {
      std::memmove(rbuf.data(), rbuf.data() + rbeg, unread);
      rbeg = 0;
      rend = unread;
    }
    if (rbuf.size() - rend < want) rbuf.resize(rend + want);
  }

  // The length of a frame's head, from its second byte (RFC 6455 5.2).
  static size_t head_size(const unsigned char* p) {
    const unsigned len7 = p[1] & 0x7f;
    return len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
  }

  // The whole size of the frame at rbeg as far as its head tells (its head
  // alone when the head is not complete yet).
  size_t frame_size(size_t avail) const {
    const auto* p = reinterpret_cast<const unsigned char*>(rbuf.data() + rbeg);
    const uint64_t len7 = p[1] & 0x7f;
    const size_t head = head_size(p);
    if (avail < head) return head;
    uint64_t len = len7;
    if (len7 == 126) len = (uint64_t{p[2]} << 8) | p[3];
    if (len7 == 127) {
      len = 0;
      for (int i = 2; i < 10; i++) len = (len << 8) | p[i];
    }
    return head + static_cast<size_t>(std::min(len, kMaxFrame + 1));
  }

  // Hands every complete frame in the buffer to on_frame (RFC 6455 5.2: a
  // server's frames are unmasked; ours are never fragmented). False once the
  // connection is over.
  bool take_frames() {
    while (rend - rbeg >= 2) {
      const size_t avail = rend - rbeg;
      const auto* p = reinterpret_cast<const unsigned char*>(rbuf.data() + rbeg);
      const bool fin = p[0] & 0x80, rsv = p[0] & 0x70, masked = p[1] & 0x80;
      const unsigned opcode = p[0] & 0x0f;
      const size_t size = frame_size(avail);
      if (!fin || rsv || masked || size > kMaxFrame) return protocol_error();
      if (avail < size) break;
      const size_t head = head_size(p);
      const std::string_view payload(rbuf.data() + rbeg + head, size - head);
      rbeg += size;
      if (opcode == 0x1 || opcode == 0x2) {
        on_frame(payload);
      } else if (opcode == 0x8) {  // close: its code, else 1005 (none given)
        const auto* c = reinterpret_cast<const unsigned char*>(payload.data());
        on_closed(payload.size() >= 2 ? (c[0] << 8) | c[1] : 1005, "");
        drop();
        return false;
      } else if (opcode != 0x9 && opcode != 0xA) {  // our server sends no pings
        return protocol_error();
      }
      if (dead) return false;
    }
    if (rbeg == rend) rbeg = rend = 0;
    return true;
  }

  bool protocol_error() {
    on_closed(1002, "ws_bad_server_frame");
    drop();
    return false;
  }

  void drop() {
    boost::system::error_code ec;
    sock().close(ec);
  }

  void on_frame(std::string_view f) {
    Counters& st = w.st;
    st.frames_in++;
    st.bytes_in += static_cast<int64_t>(f.size());
    FrameHead h;
    if (!parse_head(f, h)) {
      st.other_frames++;
      bump(st.errors, "bad_frame");
      return;
    }
    if (h.event == "view") {
      st.views++;
      st.view_bytes += static_cast<int64_t>(f.size());
      if (self.seat) self.seat->on_view(h.payload);
      return;
    }
    if (h.event == "phx_reply") {
      const uint64_t ref = parse_ref(h.ref);
      if (h.topic == "phoenix") {
        if (ref == hb_ref && ref) {
          hb_ref = 0;
          st.hb_ok++;
        }
        return;
      }
      for (size_t i = 0; i < pending.size(); i++) {
        if (pending[i].ref != ref) continue;
        ReplyFn fn = std::move(pending[i].fn);
        pending[i] = std::move(pending.back());
        pending.pop_back();
        Reply r = parse_reply(h.payload);
        fn(r);
        return;
      }
      st.late_replies++;
      return;
    }
    if (h.event == "room_closed" || h.event == "room_broken") {
      st.room_closed_pushes++;
      bump(st.errors, std::string(h.event));
      return;
    }
    st.other_frames++;
  }

  // The connection ended: by the server's close frame (`code`), or with an
  // error (`error` names it; 1006 when the socket failed).
  void on_closed(int code, const std::string& error) {
    if (dead) return;
    dead = true;
    if (opened && !w.stopping) {
      w.st.closed++;
      if (!error.empty()) bump(w.st.errors, error);
      bump(w.st.close_codes, std::to_string(code));
    }
    auto waiting = std::move(pending);
    pending.clear();
    for (auto& p : waiting) {
      Reply r = closed_reply();
      p.fn(r);
    }
  }

  void send(std::string frame) {
    outq.push_back(std::move(frame));
    if (!writing) do_write();
  }

  void do_write() {
    writing = true;
    ws.async_write(asio::buffer(outq.front()), [this](boost::system::error_code ec, size_t) {
      outq.pop_front();
      if (ec) {
        // The read side sees the close and counts it.
        outq.clear();
        writing = false;
        return;
      }
      if (outq.empty()) writing = false;
      else do_write();
    });
  }
};

Sock::Sock(Worker& w, std::string token) : impl_(std::make_unique<Impl>(w, *this, std::move(token))) {}
Sock::~Sock() = default;

void Sock::open(std::function<void(const std::string&)> done) { impl_->open(std::move(done)); }

bool Sock::is_open() const { return impl_->opened && !impl_->dead; }

void Sock::request(std::string_view topic, std::string_view event, std::string_view payload, ReplyFn fn) {
  Impl& m = *impl_;
  if (!is_open()) {
    Reply r = closed_reply();
    fn(r);
    return;
  }
  const uint64_t ref = m.w.new_ref();
  char refs[24];
  const auto rend = std::to_chars(refs, refs + sizeof refs, ref).ptr;
  const std::string_view ref_s(refs, rend - refs);
  std::string_view join_ref;
  if (event == "phx_join") {
    bool found = false;
    for (auto& [t, jr] : m.join_refs) {
      if (t == topic) {
        jr.assign(ref_s);
        found = true;
      }
    }
    if (!found) m.join_refs.emplace_back(std::string(topic), std::string(ref_s));
    join_ref = ref_s;
  } else {
    for (auto& [t, jr] : m.join_refs)
      if (t == topic) join_ref = jr;
  }
  std::string f;
  f.reserve(24 + 2 * ref_s.size() + topic.size() + event.size() + payload.size());
  f += '[';
  if (join_ref.empty()) f += "null";
  else f.append("\"").append(join_ref).append("\"");
  f.append(",\"").append(ref_s).append("\",\"").append(topic).append("\",\"").append(event).append("\",");
  f.append(payload).append("]");
  m.pending.push_back({ref, std::move(fn)});
  m.send(std::move(f));
}

void Sock::forget_topic(std::string_view topic) {
  std::erase_if(impl_->join_refs, [topic](const auto& p) { return p.first == topic; });
}

void Sock::heartbeat() {
  Impl& m = *impl_;
  if (m.hb_ref) m.w.st.hb_missed++;  // phoenix.js would drop the socket here
  m.hb_ref = m.w.new_ref();
  m.w.st.hb_sent++;
  m.send("[null,\"" + std::to_string(m.hb_ref) + "\",\"phoenix\",\"heartbeat\",{}]");
}

void Sock::close() {
  Impl& m = *impl_;
  m.dead = true;
  boost::system::error_code ec;
  m.sock().shutdown(tcp::socket::shutdown_both, ec);
  m.sock().close(ec);
}

}  // namespace parlor::load
