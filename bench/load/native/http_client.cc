#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstring>

namespace parlor::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpConn::Impl {
  asio::any_io_executor ex;
  std::string host;
  int port;
  std::string local;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buf;
};

HttpConn::HttpConn(asio::any_io_executor ex, std::string host, int port, std::string local_address)
    : impl_(std::make_unique<Impl>(Impl{std::move(ex), std::move(host), port, std::move(local_address), {}, {}})) {}
HttpConn::~HttpConn() = default;

asio::awaitable<std::pair<int, std::string>> HttpConn::post_json(std::string target, std::string body) {
  Impl& m = *impl_;
  for (int attempt = 0;; attempt++) {
    bool failed = false;
    try {
      if (!m.stream) {
        m.stream.emplace(m.ex);
        m.buf.clear();
        auto& s = m.stream->socket();
        s.open(tcp::v4());
        if (!m.local.empty()) s.bind({asio::ip::make_address(m.local), 0});
        m.stream->expires_after(std::chrono::seconds(10));
        co_await m.stream->async_connect(tcp::endpoint(asio::ip::make_address(m.host), static_cast<unsigned short>(m.port)),
                                         asio::use_awaitable);
      }
      http::request<http::string_body> req{http::verb::post, target, 11};
      req.set(http::field::host, m.host + ":" + std::to_string(m.port));
      req.set(http::field::content_type, "application/json");
      req.keep_alive(true);
      req.body() = body;
      req.prepare_payload();
      m.stream->expires_after(std::chrono::seconds(10));
      co_await http::async_write(*m.stream, req, asio::use_awaitable);
      http::response<http::string_body> res;
      co_await http::async_read(*m.stream, m.buf, res, asio::use_awaitable);
      m.stream->expires_never();
      const bool keep = res.keep_alive();
      std::pair<int, std::string> out{res.result_int(), std::move(res.body())};
      if (!keep) m.stream.reset();
      co_return out;
    } catch (const boost::system::system_error&) {
      if (attempt >= 1) throw;
      failed = true;
    }
    if (failed) m.stream.reset();
  }
}

std::optional<std::string> http_get(const std::string& host, int port, const std::string& target, int timeout_ms) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, host.c_str(), &sa.sin_addr);
  std::string out;
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0;
  if (ok) {
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                            "\r\nConnection: close\r\n\r\n";
    ok = ::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size());
  }
  size_t want = std::string::npos, body_at = std::string::npos;
  char chunk[16384];
  while (ok) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0) ok = false;
    if (n <= 0) break;
    out.append(chunk, static_cast<size_t>(n));
    if (body_at == std::string::npos) {
      const size_t e = out.find("\r\n\r\n");
      if (e != std::string::npos) {
        body_at = e + 4;
        std::string head = out.substr(0, e);
        for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (auto cl = head.find("content-length:"); cl != std::string::npos) want = std::strtoull(head.c_str() + cl + 15, nullptr, 10);
      }
    }
    if (body_at != std::string::npos && want != std::string::npos && out.size() >= body_at + want) break;
  }
  ::close(fd);
  if (!ok || body_at == std::string::npos || out.compare(0, 12, "HTTP/1.1 200") != 0) return std::nullopt;
  return out.substr(body_at, want == std::string::npos ? std::string::npos : want);
}

}  // namespace parlor::load
