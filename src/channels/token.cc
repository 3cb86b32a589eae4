#include "channels/token.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "base/sha256.h"

namespace parlor::channels {

namespace json = boost::json;

namespace {

std::string digest_bytes(const Digest& d) {
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

bool token_charset(std::string_view t) {
  for (char c : t) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string derive_token_key(std::string_view server_secret) {
  return digest_bytes(hmac_sha256(server_secret, "socket-token/v1"));
}

std::string mint_token(std::string_view server_secret, const TokenClaims& claims) {
  json::object payload;
  payload["sub"] = claims.sub;
  payload["iat"] = claims.iat;
  payload["exp"] = claims.exp;
  if (!claims.name.empty()) payload["name"] = claims.name;
  std::string signing_input = "v1." + base64url_encode(json::serialize(payload));
  std::string key = derive_token_key(server_secret);
  return signing_input + "." + base64url_encode(digest_bytes(hmac_sha256(key, signing_input)));
}

Result<TokenClaims> verify_token(std::string_view server_secret, std::string_view token,
                                 int64_t now_unix) {
  if (token.empty() || token.size() > kMaxTokenBytes || !token_charset(token)) {
    return make_error("malformed", "token is empty, too long or has bad characters");
  }
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos ||
      token.substr(0, dot1) != "v1") {
    return make_error("malformed", "token must be v1.<payload>.<signature>");
  }
  std::string_view signing_input = token.substr(0, dot2);
  auto sig = base64url_decode(token.substr(dot2 + 1));
  if (!sig || sig->size() != 32) return make_error("malformed", "signature is not 32 bytes");
  std::string expected =
      digest_bytes(hmac_sha256(derive_token_key(server_secret), signing_input));
  if (!constant_time_equal(*sig, expected)) {
    return make_error("bad_signature", "token signature does not match");
  }
  auto payload_text = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!payload_text) return make_error("bad_claims", "payload is not base64url");
  json::error_code ec;
  json::value v = json::parse(*payload_text, ec);
  if (ec || !v.is_object()) return make_error("bad_claims", "payload is not a JSON object");
  const auto& o = v.get_object();
  auto* sub = o.if_contains("sub");
  auto* iat = o.if_contains("iat");
  auto* exp = o.if_contains("exp");
  auto* name = o.if_contains("name");
  if (!sub || !sub->is_string() || !iat || !iat->is_int64() || !exp || !exp->is_int64() ||
      (name && !name->is_string())) {
    return make_error("bad_claims", "payload needs string sub and integer iat, exp");
  }
  TokenClaims c;
  c.sub = std::string(sub->get_string());
  c.iat = iat->get_int64();
  c.exp = exp->get_int64();
  if (name) c.name = std::string(name->get_string());
  if (c.iat - kClockSkewSeconds > now_unix) return make_error("not_yet_valid", "token issued in the future");
  if (now_unix >= c.exp) return make_error("expired", "token expired");
  return c;
}

}  // namespace parlor::channels
