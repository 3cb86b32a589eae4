#include "net/handshake.h"

#include "base/sha256.h"
#include "channels/token.h"

namespace parlor::net {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool origin_allowed(std::string_view origin, std::string_view host,
                    const std::vector<std::string>& allowed) {
  if (origin.empty()) return true;  // native clients send none
  for (const auto& a : allowed) {
    if (a == "*" || a == origin) return true;
  }
  // Same origin: the Origin's host[:port] equals the Host header.
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.substr(0, scheme.size()) == scheme) return origin.substr(scheme.size()) == host;
  }
  return false;
}

constexpr std::string_view kBearer = "base64url.bearer.phx.";

}  // namespace

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view seg = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (seg.empty()) continue;
    size_t eq = seg.find('=');
    auto key = percent_decode(seg.substr(0, eq));
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : seg.substr(eq + 1));
    if (!key || !value || key->empty()) continue;
    out[*key] = *value;  // the last one wins
  }
  return out;
}

std::optional<std::string> decode_subprotocol_token(std::string_view b) {
  std::string s(b);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return base64url_decode(s);
}

UpgradeDecision decide_upgrade(const UpgradeRequest& req, const UpgradePolicy& policy) {
  UpgradeDecision d;
  std::string_view target = req.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  if (path != policy.mount + "/websocket") {
    d.status = 404;
    d.error = "bad_path";
    return d;
  }
  auto params = parse_query(q == std::string_view::npos ? std::string_view() : target.substr(q + 1));
  auto vsn = params.find("vsn");
  if (vsn == params.end() || vsn->second.substr(0, 4) != "2.0." || vsn->second.size() == 4) {
    d.error = "bad_vsn";
    return d;
  }
  if (!origin_allowed(req.origin, req.host, policy.origins)) {
    d.error = "bad_origin";
    return d;
  }
  std::optional<std::string> token;
  bool offered_phoenix = false, offered_bearer = false;
  std::string_view protos = req.protocols;
  while (!protos.empty()) {
    size_t comma = protos.find(',');
    std::string_view p = trim(protos.substr(0, comma));
    protos = comma == std::string_view::npos ? std::string_view() : protos.substr(comma + 1);
    if (p == "phoenix") offered_phoenix = true;
    if (p.substr(0, kBearer.size()) == kBearer) {
      offered_bearer = true;
      token = decode_subprotocol_token(p.substr(kBearer.size()));
      if (!token) {
        d.error = "bad_token";  // not even base64
        return d;
      }
    }
  }
  if (offered_bearer && !offered_phoenix) {
    d.error = "bad_subprotocol";
    return d;
  }
  if (!token) {
    auto t = params.find("token");
    if (t != params.end()) token = t->second;
  }
  if (!token || token->empty()) {
    d.error = "missing_token";
    return d;
  }
  auto claims = channels::verify_token(policy.secret, *token, policy.now_unix);
  if (!claims.ok()) {
    d.error = "bad_token";
    return d;
  }
  d.status = 101;
  d.select_phoenix = offered_phoenix;
  d.identity = channels::Identity{claims->sub, claims->name};
  return d;
}

}  // namespace parlor::net
