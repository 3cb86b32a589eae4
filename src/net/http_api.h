#pragma once
// The HTTP API: POST /api/session (app-protocol.md "Identity"), GET /healthz
// and GET /metrics. Pure functions from request to HttpReply.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "net/http_types.h"
#include "net/metrics.h"

namespace parlor::net {

inline constexpr int64_t kDefaultTokenTtlSeconds = 30 * 24 * 3600;  // 30 days, renewable
inline constexpr size_t kMaxNameChars = 24;

struct SessionConfig {
  std::string secret;
  int64_t token_ttl_s = kDefaultTokenTtlSeconds;
};

// A display name: surrounding white space trimmed, 1 to 24 characters,
// valid UTF-8 without control characters. Error code "bad_name".
Result<std::string> validate_name(std::string_view raw);
// A fresh random player id ("p_" and 16 hex digits, as in docs/protocol.md).
std::string new_player_id();

// POST /api/session with {"name"} (new player) or {"token"} (renewal: same
// player id; a "name" next to it renames). 200 {"token","player_id","name",
// "expires_at"}; 422 bad_name; 401 bad_token; 400 bad_payload.
HttpReply session_endpoint(std::string_view body, const SessionConfig& config, int64_t now_unix);
HttpReply healthz();
HttpReply metrics_page(const Metrics& metrics);

}  // namespace parlor::net
