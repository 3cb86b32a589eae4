#pragma once
// Signed, expiring socket tokens (channels-protocol.md section 8.2):
//
//   token = "v1." B64URL(payload_json) "." B64URL(HMAC-SHA256(K, "v1." B64URL(payload_json)))
//   K     = HMAC-SHA256(server_secret, "socket-token/v1")
//
// payload_json = {"sub": id, "iat": s, "exp": s} plus Parlor's optional
// "name" (the display name the session was created with). Tokens are signed,
// not encrypted: never put secrets in them. Only the characters
// A-Z a-z 0-9 . _ - appear, so a token also fits the auth subprotocol.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace parlor::channels {

struct TokenClaims {
  std::string sub;   // the player id
  std::string name;  // display name; "" when the token carries none
  int64_t iat = 0;   // issued at, unix seconds
  int64_t exp = 0;   // expires at, unix seconds
};

inline constexpr size_t kMaxTokenBytes = 1024;
inline constexpr int64_t kClockSkewSeconds = 60;

// The domain-separated signing key K derived from the server secret.
std::string derive_token_key(std::string_view server_secret);

// Mints a token. The payload JSON has the keys in the order sub, iat, exp,
// name (name only when non-empty), so the section 8.2 test vector reproduces.
std::string mint_token(std::string_view server_secret, const TokenClaims& claims);

// Verifies in the order section 8.2 prescribes: length and character set,
// three parts starting "v1", a 32-byte signature compared in constant time,
// then the JSON claims, then iat - 60 <= now < exp. Error codes: "malformed",
// "bad_signature", "bad_claims", "expired", "not_yet_valid".
Result<TokenClaims> verify_token(std::string_view server_secret, std::string_view token,
                                 int64_t now_unix);

}  // namespace parlor::channels
