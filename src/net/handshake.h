#pragma once
// The WebSocket handshake decision of channels-protocol.md 1.2 and 6.1, made
// before anything is upgraded: path, vsn, Origin, token (subprotocol first,
// then the `token` query parameter). Pure, so every branch is unit-tested.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/channel.h"

namespace parlor::net {

// Percent-decodes a query component ('+' is a space, as in Plug) or, with
// plus_is_space = false, a path. nullopt for a broken escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space = true);
// Splits a query string: empty segments are ignored, the last value of a
// repeated key wins, keys like `user[id]` are kept literally.
std::map<std::string, std::string> parse_query(std::string_view query);

struct UpgradeRequest {
  std::string_view target;     // path and query, e.g. /socket/websocket?vsn=2.0.0
  std::string_view protocols;  // Sec-WebSocket-Protocol, "" if absent
  std::string_view origin;     // Origin, "" if absent
  std::string_view host;       // Host
};

struct UpgradePolicy {
  std::string mount = "/socket";      // the socket lives at <mount>/websocket
  std::string secret;                 // token signing secret
  std::vector<std::string> origins;   // allowed Origins besides same-origin; "*" = any
  int64_t now_unix = 0;
};

struct UpgradeDecision {
  int status = 403;                // 101 to upgrade, else the refusal status
  std::string error;               // metrics code of a refusal (bad_vsn, bad_token, ...)
  bool select_phoenix = false;     // answer Sec-WebSocket-Protocol: phoenix
  channels::Identity identity;     // when accepted
};

UpgradeDecision decide_upgrade(const UpgradeRequest& req, const UpgradePolicy& policy);

// Decodes the token of a `base64url.bearer.phx.<B>` subprotocol: standard
// base64 without padding (URL-safe accepted too). nullopt if not decodable.
std::optional<std::string> decode_subprotocol_token(std::string_view b);

}  // namespace parlor::net
