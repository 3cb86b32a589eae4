// Setting up a worker's tables, as rooms-worker-setup.mjs does: sessions
// (POST /api/session, 16 at a time), then per table: open the sockets, seat
// 0 joins the lobby, creates the room (private by default) and leaves the
// lobby; all join room:<id> with the invite and sit (rooms-bots: seat 0 adds
// three computer players); seat 0 starts. `concurrency` tables at a time, at
// most `ramp_rate` a second. Coroutines: this is not the hot path.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>

#include "http_client.h"
#include "table.h"
#include "worker.h"
#include "ws_socket.h"

namespace parlor::load {

namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// A one-shot signal a coroutine waits for (a timer that never expires on
// its own; firing cancels it).
class Signal {
 public:
  explicit Signal(const asio::any_io_executor& ex) : t_(ex, asio::steady_timer::time_point::max()) {}
  void fire() {
    set_ = true;
    t_.cancel();
  }
  awaitable<void> wait() {
    while (!set_) {
      boost::system::error_code ec;
      co_await t_.async_wait(asio::redirect_error(use_awaitable, ec));
    }
  }

 private:
  asio::steady_timer t_;
  bool set_ = false;
};

awaitable<void> sleep_ms(int64_t ms) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(use_awaitable);
}

struct ReplyWait {
  explicit ReplyWait(const asio::any_io_executor& ex) : sig(ex) {}
  Signal sig;
  Reply reply;
  std::string error;
};

awaitable<Reply> call(Sock& s, std::string topic, std::string event, std::string payload) {
  auto w = std::make_shared<ReplyWait>(co_await asio::this_coro::executor);
  s.request(topic, event, payload, [w](Reply& r) {
    w->reply = std::move(r);
    w->sig.fire();
  });
  co_await w->sig.wait();
  co_return std::move(w->reply);
}

awaitable<void> open(Sock& s) {
  auto w = std::make_shared<ReplyWait>(co_await asio::this_coro::executor);
  s.open([w](const std::string& e) {
    w->error = e;
    w->sig.fire();
  });
  co_await w->sig.wait();
  if (!w->error.empty()) throw std::runtime_error("open: " + w->error);
}

// The response of an ok reply; else counts `<what>_<code>` and throws.
json::value ok(Worker& w, Reply r, const std::string& what) {
  if (!r.ok) {
    bump(w.st.errors, what + "_" + r.code);
    throw std::runtime_error(what + ": " + json::serialize(r.response));
  }
  return std::move(r.response);
}

awaitable<Reply> join(Worker& w, Sock& s, std::string topic, std::string payload) {
  Reply r = co_await call(s, std::move(topic), "phx_join", std::move(payload));
  if (r.ok) w.st.joined++;
  else {
    w.st.join_failed++;
    bump(w.st.errors, "join_" + r.code);
  }
  co_return r;
}

std::string str(const json::value& v, const char* key) {
  if (const auto* o = v.if_object())
    if (const auto* x = o->if_contains(key); x && x->is_string()) return std::string(x->get_string());
  return {};
}

// Runs fn(lane, i) for i = 0..n-1, at most `lanes` at a time, in order of i;
// a lane takes no new i once the worker stops. Rethrows the first failure.
struct Lanes {
  Lanes(const asio::any_io_executor& ex, int n_, std::function<awaitable<void>(int, int)> f)
      : n(n_), fn(std::move(f)), done(ex) {}
  int n, next = 0, running = 0;
  std::function<awaitable<void>(int, int)> fn;
  std::exception_ptr error;
  Signal done;
};

awaitable<void> lane_loop(std::shared_ptr<Lanes> l, int lane, Worker* w) {
  while (l->next < l->n && !w->stopping) {
    const int i = l->next++;
    co_await l->fn(lane, i);
  }
}

awaitable<void> in_lanes(Worker& w, int n, int lanes, std::function<awaitable<void>(int, int)> fn) {
  const auto ex = co_await asio::this_coro::executor;
  auto l = std::make_shared<Lanes>(ex, n, std::move(fn));
  l->running = std::min(lanes, n);
  if (l->running <= 0) co_return;
  for (int k = 0, m = l->running; k < m; k++) {
    asio::co_spawn(ex, lane_loop(l, k, &w), [l](std::exception_ptr e) {
      if (e && !l->error) l->error = e;
      if (--l->running == 0) l->done.fire();
    });
  }
  co_await l->done.wait();
  if (l->error) std::rethrow_exception(l->error);
}

awaitable<void> set_up_table(Worker& w, Room& room, std::vector<std::string> tokens) {
  const WorkerConfig& cfg = w.cfg;
  const int n = cfg.bots ? 1 : 4;
  std::vector<Sock*> ss;
  for (int i = 0; i < n; i++) {
    w.socks.push_back(std::make_unique<Sock>(w, tokens[i]));
    ss.push_back(w.socks.back().get());
    co_await open(*ss.back());
  }
  Sock& host = *ss[0];
  ok(w, co_await join(w, host, "lobby", "{}"), "lobby_join");
  json::object create{{"game", "hearts"}, {"options", json::parse(cfg.options_json)}, {"private", !cfg.public_rooms}};
  const json::value created = ok(w, co_await call(host, "lobby", "create_room", json::serialize(create)), "create_room");
  co_await call(host, "lobby", "phx_leave", "{}");
  room.id = str(created, "room_id");
  room.invite = str(created, "invite");
  room.topic = "room:" + room.id;
  for (int i = 0; i < n; i++)
    room.seats.push_back(std::make_unique<Seat>(room, i, *ss[i], static_cast<uint32_t>(cfg.seed + room.index * 4u + i)));
  const std::string join_payload = room.invite.empty() ? "{}" : json::serialize(json::object{{"invite", room.invite}});
  for (int i = 0; i < n; i++) ok(w, co_await join(w, *ss[i], room.topic, join_payload), "room_join");
  for (int i = 0; i < n; i++) ok(w, co_await call(*ss[i], room.topic, "sit", "{\"seat\":" + std::to_string(i) + "}"), "sit");
  if (cfg.bots) {
    for (int seat = 1; seat <= 3; seat++) {
      const std::string p = json::serialize(json::object{{"seat", seat}, {"level", cfg.bot_level}});
      ok(w, co_await call(host, room.topic, "add_bot", p), "add_bot");
    }
  }
  ok(w, co_await call(host, room.topic, "start", "{}"), "start");
  room.ready = true;
  w.st.rooms_ready++;
}

// One session token, tried up to 6 times.
awaitable<void> new_session(Worker& w, HttpConn& conn, int i, std::vector<std::string>& tokens) {
  for (int tries = 0;; tries++) {
    std::string error;
    try {
      const std::string name = w.cfg.name_prefix + "-" + std::to_string(i);
      std::string target = "/api/session", body = json::serialize(json::object{{"name", name}});
      std::pair<int, std::string> res = co_await conn.post_json(std::move(target), std::move(body));
      if (res.first == 200) {
        tokens[i] = str(json::parse(res.second), "token");
        if (!tokens[i].empty()) {
          w.st.sessions++;
          co_return;
        }
      }
      error = "POST /api/session: HTTP " + std::to_string(res.first) + " " + res.second.substr(0, 200);
    } catch (const std::exception& e) {
      error = std::string("POST /api/session: ") + e.what();
    }
    if (tries >= 5) throw std::runtime_error(error);
    co_await sleep_ms(200 * (tries + 1));
  }
}

// Table i, not before its slot of the ramp; a failure is counted.
awaitable<void> ramp_table(Worker& w, int i, const std::vector<std::string>& tokens, int64_t t0) {
  const int per = w.cfg.bots ? 1 : 4;
  if (w.cfg.ramp_rate > 0) {
    const int64_t due = t0 + static_cast<int64_t>(i / w.cfg.ramp_rate * 1e6);
    if (due > now_us()) co_await sleep_ms((due - now_us() + 999) / 1000);
  }
  std::string error;
  try {
    co_await set_up_table(w, *w.rooms[i], std::vector<std::string>(tokens.begin() + i * per, tokens.begin() + (i + 1) * per));
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (!error.empty()) {
    w.st.rooms_failed++;
    bump(w.st.errors, "setup: " + error.substr(0, 80));
  }
}

awaitable<void> set_up_all(Worker& w) {
  const WorkerConfig& cfg = w.cfg;
  const int per = cfg.bots ? 1 : 4;
  const auto ex = co_await asio::this_coro::executor;
  // Sessions: 16 requests at a time, on 16 kept-alive connections.
  std::vector<std::string> tokens(static_cast<size_t>(cfg.rooms) * per);
  std::vector<std::unique_ptr<HttpConn>> conns;
  for (int i = 0; i < 16; i++) conns.push_back(std::make_unique<HttpConn>(ex, cfg.host, cfg.port, cfg.local_address));
  co_await in_lanes(w, static_cast<int>(tokens.size()), 16,
                    [&](int lane, int i) { return new_session(w, *conns[lane], i, tokens); });
  conns.clear();
  for (int i = 0; i < cfg.rooms; i++) w.rooms.push_back(std::make_unique<Room>(w, cfg.room_base + i));
  const int64_t t0 = now_us();
  co_await in_lanes(w, cfg.rooms, cfg.concurrency, [&](int, int i) { return ramp_table(w, i, tokens, t0); });
}

}  // namespace

void Worker::set_up() {
  asio::co_spawn(ioc, set_up_all(*this), [this](std::exception_ptr e) {
    if (e) ready_promise_.set_exception(e);
    else ready_promise_.set_value();
  });
}

}  // namespace parlor::load
