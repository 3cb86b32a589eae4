#pragma once
// A transport-neutral HTTP response, built by the pure handlers (static
// files, API, handshake refusals) and written out by the Beast layer.
#include <string>
#include <utility>
#include <vector>

namespace parlor::net {

struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length
  std::string body;
  bool head_only = false;  // a HEAD request: headers as for GET, no body

  HttpReply& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::string* find_header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (n == name) return &v;
    }
    return nullptr;
  }
};

// {"error":{"code":code,"message":message}} with the given status.
HttpReply json_error(int status, std::string_view code, std::string_view message);

}  // namespace parlor::net
