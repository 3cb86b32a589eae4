#pragma once
// The network server: HTTP (static client, /healthz, /metrics,
// /api/session) and the Phoenix Channels socket at /socket/websocket, on one
// io_context with a pool of threads. No Beast or Asio in this header: the
// app includes it cheaply.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "base/result.h"
#include "channels/router.h"
#include "net/http_api.h"
#include "net/hub.h"
#include "net/metrics.h"

namespace boost::asio {
class io_context;
}

namespace parlor::net {

struct ServerConfig {
  std::string host = "0.0.0.0";
  uint16_t port = 4000;  // 0 picks a free port (listen() returns it)
  int threads = 0;       // 0: one per core
  std::string secret;    // token signing secret, at least 32 bytes
  std::filesystem::path static_dir;
  std::vector<std::string> allowed_origins;  // besides same-origin; "*" allows all
  SocketLimits limits;
  int64_t token_ttl_s = kDefaultTokenTtlSeconds;
  // How long graceful shutdown waits for sockets to close before cutting
  // them off.
  std::chrono::milliseconds shutdown_grace{5000};
  // Called once on shutdown after the sockets are closed and the threads
  // have stopped, before run() returns (the storage flush hook).
  std::function<void()> on_drain;
  // One line per event worth an operator's attention, to stderr.
  bool quiet = false;
  // The application's own HTTP endpoints under /api/ (besides /api/session):
  // asked for every other /api/ request; nullopt answers 404. Runs on an I/O
  // thread: keep it quick.
  std::function<std::optional<HttpReply>(std::string_view method, std::string_view path)> api_routes;
  // Told about every session /api/session made or renewed (player id, name).
  std::function<void(const std::string& player_id, const std::string& name)> on_session;
};

class Server {
 public:
  // `router` must outlive the server.
  Server(ServerConfig config, const channels::Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns the bound port.
  Result<uint16_t> listen();
  // Serves until shutdown() or SIGTERM/SIGINT, then: stop accepting, close
  // sockets with 1001 in batches, wait (up to shutdown_grace), stop the
  // threads, call on_drain, return.
  void run();
  // Starts the graceful shutdown; thread-safe, idempotent.
  void shutdown();

  Hub& hub();
  Metrics& metrics();
  // The server's io_context, for application actors (strands, timers) that
  // run on the same threads.
  boost::asio::io_context& io_context();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace parlor::net
