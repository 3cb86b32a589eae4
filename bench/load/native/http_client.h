#pragma once
// HTTP to the server: POST /api/session from the worker threads (async, on
// a kept-alive connection per set-up lane) and GET /metrics from the
// coordinator (blocking, with a timeout).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace parlor::load {

class HttpConn {
 public:
  HttpConn(boost::asio::any_io_executor ex, std::string host, int port, std::string local_address);
  ~HttpConn();
  // POST `body` (JSON) to `target`: HTTP status and body. Reconnects once
  // if the kept-alive connection was closed; throws on failure.
  boost::asio::awaitable<std::pair<int, std::string>> post_json(std::string target, std::string body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// GET `target` (blocking, Connection: close): the body of a 200 answer, or
// nullopt.
std::optional<std::string> http_get(const std::string& host, int port, const std::string& target, int timeout_ms);

}  // namespace parlor::load
