// The listener, the HTTP session (routing to the API, static files and the
// WebSocket upgrade) and the Server: thread pool, sweeps, signals, shutdown.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/json/parse.hpp>
#include <csignal>
#include <cstdio>
#include <optional>
#include <thread>

#include "base/thread_name.h"
#include "net/ws_session.h"

namespace parlor::net {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr size_t kMaxRequestBody = 64 * 1024;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ServerContext& ctx) : stream_(std::move(socket)), ctx_(ctx) {}

  void run() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(kMaxRequestBody);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buf_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return shutdown();
    if (ec == http::error::body_limit) {
      HttpReply r = json_error(413, "too_large", "request body over 64 KiB");
      return write(std::move(r), false, 11);
    }
    if (ec) return;  // timeout or a broken request: just drop the connection
    auto req = parser_->release();
    if (beast::websocket::is_upgrade(req)) return upgrade(std::move(req));
    ctx_.metrics.http_requests.fetch_add(1, std::memory_order_relaxed);
    HttpReply r = route(req);
    write(std::move(r), req.keep_alive(), req.version());
  }

  HttpReply route(const http::request<http::string_body>& req) {
    std::string_view target = req.target();
    std::string_view path = target.substr(0, target.find('?'));
    std::string_view method = req.method_string();
    if (path == "/healthz" || path == "/metrics") {
      if (method != "GET" && method != "HEAD") return json_error(405, "method_not_allowed", "use GET");
      HttpReply r = path == "/healthz" ? healthz() : metrics_page(ctx_.metrics);
      r.head_only = method == "HEAD";
      return r;
    }
    if (path == "/api/session") {
      if (method != "POST") return json_error(405, "method_not_allowed", "use POST");
      SessionConfig sc{ctx_.config.secret, ctx_.config.token_ttl_s};
      HttpReply r = session_endpoint(req.body(), sc, unix_now_s());
      if (r.status == 200 && ctx_.config.on_session) note_session(r.body);
      return r;
    }
    if (path.substr(0, 5) == "/api/") {
      if (ctx_.config.api_routes) {
        if (auto r = ctx_.config.api_routes(method, path)) return std::move(*r);
      }
      return json_error(404, "not_found", "no such endpoint");
    }
    if (path.substr(0, 8) == "/socket/") {
      return json_error(400, "upgrade_required", "connect with a WebSocket to /socket/websocket");
    }
    return ctx_.statics.serve(method, target, req[http::field::if_none_match]);
  }

  void note_session(const std::string& body) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return;
    const auto& o = v.get_object();
    const auto* id = o.if_contains("player_id");
    const auto* name = o.if_contains("name");
    if (id && id->is_string() && name && name->is_string())
      ctx_.config.on_session(std::string(id->get_string()), std::string(name->get_string()));
  }

  void upgrade(http::request<http::string_body> req) {
    UpgradePolicy policy{"/socket", ctx_.config.secret, ctx_.config.allowed_origins, unix_now_s()};
    UpgradeDecision d = decide_upgrade(
        UpgradeRequest{req.target(), req[http::field::sec_websocket_protocol],
                       req[http::field::origin], req[http::field::host]},
        policy);
    if (d.status == 101 && ctx_.stopping.load()) {
      d.status = 503;
      d.error = "shutting_down";
    }
    if (d.status != 101) {
      // A cheap refusal: empty body, Connection: close (1.2).
      ctx_.metrics.error(d.error);
      HttpReply r;
      r.status = d.status;
      return write(std::move(r), false, req.version());
    }
    start_websocket(ctx_, std::move(stream_), std::move(req), std::move(d));
  }

  void write(HttpReply r, bool keep_alive, unsigned version) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), version);
    res->set(http::field::server, "parlor");
    for (auto& [name, value] : r.headers) res->set(name, value);
    res->keep_alive(keep_alive);
    if (r.head_only) {
      res->set(http::field::content_length, std::to_string(r.body.size()));
    } else {
      res->body() = std::move(r.body);
      res->prepare_payload();
    }
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      if (ec) return;
      if (!res->keep_alive()) return self->shutdown();
      self->do_read();
    });
  }

  void shutdown() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buf_;
  std::optional<http::request_parser<http::string_body>> parser_;
  ServerContext& ctx_;
};

}  // namespace

struct Server::Impl {
  Impl(ServerConfig c, const channels::Router& router)
      : config(std::move(c)),
        statics(config.static_dir),
        ioc(config.threads > 0 ? config.threads : std::max(1u, std::thread::hardware_concurrency())),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control, SIGTERM, SIGINT),
        sweeper(control),
        stepper(control),
        ctx{config, *hub_slot(router), metrics, statics, stopping} {}

  // The hub is built before the io_context members are used; its pool posts
  // to the io_context.
  Hub* hub_slot(const channels::Router& router) {
    hub = std::make_unique<Hub>(router, metrics, [this](SerialExecutor::Task t) { asio::post(ioc, std::move(t)); },
                                config.limits);
    return hub.get();
  }

  void log(const char* fmt, const std::string& arg) const {
    if (!config.quiet) std::fprintf(stderr, fmt, arg.c_str());
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<HttpSession>(std::move(socket), ctx)->run();
      }
      accept();
    });
  }

  void sweep() {
    auto period = std::clamp(config.limits.idle_timeout / 4, std::chrono::milliseconds(250),
                             std::chrono::milliseconds(5000));
    sweeper.expires_after(period);
    sweeper.async_wait([this](beast::error_code ec) {
      if (ec) return;
      hub->sweep(mono_now_ns());
      sweep();
    });
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    log("parlor: shutting down%s\n", "");
    beast::error_code ignored;
    acceptor.close(ignored);
    sweeper.cancel();
    signals.cancel();
    deadline = std::chrono::steady_clock::now() + config.shutdown_grace;
    // Batches spread the reconnect storm over about a second (6.4).
    batch = std::max<size_t>(200, hub->socket_count() / 20);
    step();
  }

  void step() {
    const bool late = std::chrono::steady_clock::now() > deadline;
    if ((hub->socket_count() == 0 && hub->topic_count() == 0) ||
        std::chrono::steady_clock::now() > deadline + std::chrono::milliseconds(500)) {
      ioc.stop();
      return;
    }
    if (late) {
      hub->close_some(SIZE_MAX, 1001, "server shutting down");
      hub->sweep(mono_now_ns() + 3600'000'000'000LL);  // cut off whatever is stuck
    } else {
      hub->close_some(batch, 1001, "server shutting down");
    }
    stepper.expires_after(std::chrono::milliseconds(50));
    stepper.async_wait([this](beast::error_code) { step(); });
  }

  ServerConfig config;
  Metrics metrics;
  std::unique_ptr<Hub> hub;
  StaticFiles statics;
  std::atomic<bool> stopping{false};
  asio::io_context ioc;  // after the hub: destroyed first, with its handlers
  // The acceptor, signals, timers and shutdown steps all run on this strand.
  asio::strand<asio::io_context::executor_type> control;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer sweeper;
  asio::steady_timer stepper;
  ServerContext ctx;
  std::chrono::steady_clock::time_point deadline;
  size_t batch = 200;
};

Server::Server(ServerConfig config, const channels::Router& router)
    : impl_(std::make_unique<Impl>(std::move(config), router)) {}

Server::~Server() = default;

Hub& Server::hub() { return *impl_->hub; }
Metrics& Server::metrics() { return impl_->metrics; }
asio::io_context& Server::io_context() { return impl_->ioc; }

Result<uint16_t> Server::listen() {
  auto& im = *impl_;
  beast::error_code ec;
  auto address = asio::ip::make_address(im.config.host, ec);
  if (ec) return make_error("bad_host", "not an IP address: " + im.config.host);
  tcp::endpoint ep(address, im.config.port);
  im.acceptor.open(ep.protocol(), ec);
  if (!ec) im.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(ep, ec);
  if (!ec) im.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return make_error("listen_failed", im.config.host + ":" + std::to_string(im.config.port) + ": " + ec.message());
  return im.acceptor.local_endpoint().port();
}

void Server::run() {
  auto& im = *impl_;
  asio::post(im.control, [&im] {
    im.signals.async_wait([&im](beast::error_code ec, int) {
      if (!ec) im.begin_shutdown();
    });
    im.accept();
    im.sweep();
  });
  int n = im.config.threads > 0 ? im.config.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i)
    threads.emplace_back([&im, i] {
      name_this_thread("parlor-io-" + std::to_string(i));
      im.ioc.run();
    });
  name_this_thread("parlor-io-0");
  im.ioc.run();
  for (auto& t : threads) t.join();
  if (im.config.on_drain) im.config.on_drain();
}

void Server::shutdown() {
  asio::post(impl_->control, [this] { impl_->begin_shutdown(); });
}

}  // namespace parlor::net
