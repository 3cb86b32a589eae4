#include "net/http_api.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "base/sha256.h"
#include "channels/frame.h"
#include "channels/token.h"

namespace parlor::net {

namespace json = boost::json;

HttpReply json_error(int status, std::string_view code, std::string_view message) {
  HttpReply r;
  r.status = status;
  r.header("Content-Type", "application/json").header("Cache-Control", "no-store");
  json::object err{{"code", code}, {"message", message}};
  r.body = json::serialize(json::object{{"error", std::move(err)}});
  return r;
}

Result<std::string> validate_name(std::string_view raw) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!raw.empty() && is_space(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && is_space(raw.back())) raw.remove_suffix(1);
  if (raw.empty()) return make_error("bad_name", "the name is empty");
  if (!channels::valid_utf8(raw)) return make_error("bad_name", "the name is not valid UTF-8");
  size_t chars = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if ((c & 0xC0) != 0x80) ++chars;
    bool c1 = c == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) < 0xA0;
    if (c < 0x20 || c == 0x7F || c1) {
      return make_error("bad_name", "the name contains control characters");
    }
  }
  if (chars > kMaxNameChars) {
    return make_error("bad_name", "the name is longer than " + std::to_string(kMaxNameChars) + " characters");
  }
  return std::string(raw);
}

std::string new_player_id() { return "p_" + to_hex(random_bytes(8)); }

HttpReply session_endpoint(std::string_view body, const SessionConfig& config, int64_t now_unix) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return json_error(400, "bad_payload", "expected a JSON object");
  const auto& o = v.get_object();
  const json::value* name_v = o.if_contains("name");
  const json::value* token_v = o.if_contains("token");
  if ((name_v && !name_v->is_string()) || (token_v && !token_v->is_string())) {
    return json_error(400, "bad_payload", "name and token must be strings");
  }
  channels::TokenClaims claims;
  if (token_v) {
    auto old = channels::verify_token(config.secret, std::string_view(token_v->get_string()), now_unix);
    if (!old.ok()) return json_error(401, "bad_token", "the token is invalid or expired");
    claims.sub = old->sub;
    claims.name = old->name;
  } else if (!name_v) {
    return json_error(422, "bad_name", "a name is required");
  } else {
    claims.sub = new_player_id();
  }
  if (name_v) {
    auto name = validate_name(std::string_view(name_v->get_string()));
    if (!name.ok()) return json_error(422, "bad_name", name.error().message);
    claims.name = *name;
  }
  claims.iat = now_unix;
  claims.exp = now_unix + config.token_ttl_s;
  HttpReply r;
  r.header("Content-Type", "application/json").header("Cache-Control", "no-store");
  r.body = json::serialize(json::object{{"token", channels::mint_token(config.secret, claims)},
                                        {"player_id", claims.sub},
                                        {"name", claims.name},
                                        {"expires_at", claims.exp}});
  return r;
}

HttpReply healthz() {
  HttpReply r;
  r.header("Content-Type", "text/plain; charset=utf-8").header("Cache-Control", "no-store");
  r.body = "ok\n";
  return r;
}

HttpReply metrics_page(const Metrics& metrics) {
  HttpReply r;
  r.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8").header("Cache-Control", "no-store");
  r.body = metrics.render();
  return r;
}

}  // namespace parlor::net
