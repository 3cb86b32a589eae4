#pragma once
// Internal to src/net (includes Beast): what the HTTP layer and the
// WebSocket session share. Never include this from outside src/net.
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/handshake.h"
#include "net/hub.h"
#include "net/server.h"
#include "net/static_files.h"

namespace parlor::net {

struct ServerContext {
  const ServerConfig& config;
  Hub& hub;
  Metrics& metrics;
  const StaticFiles& statics;
  std::atomic<bool>& stopping;
};

int64_t mono_now_ns();
int64_t unix_now_s();

// Completes the upgrade of an accepted handshake (decision.status == 101)
// and runs the WebSocket session until it closes.
void start_websocket(ServerContext& ctx, boost::beast::tcp_stream stream,
                     boost::beast::http::request<boost::beast::http::string_body> req,
                     UpgradeDecision decision);

}  // namespace parlor::net
