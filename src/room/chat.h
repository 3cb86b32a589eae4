#pragma once
// Chat rules shared by rooms and the lobby: what a message may be, and a
// per-player rate limit (a token bucket: `burst` messages at once, then one
// per `refill`). Not thread-safe: each owner serializes its own calls.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace parlor::room {

// Checks a chat text: present, non-empty, at most `max_chars` characters
// (Unicode code points). Errors: bad_payload, too_long.
Status check_chat_text(const std::string& text, size_t max_chars);

class ChatLimiter {
 public:
  ChatLimiter(int burst, std::chrono::milliseconds refill) : burst_(burst), refill_(refill) {}
  // Takes one message's allowance; error rate_limited when none is left.
  Status take(const std::string& player_id, std::int64_t now_ms);

 private:
  struct Bucket {
    double tokens;
    std::int64_t at_ms;
  };
  int burst_;
  std::chrono::milliseconds refill_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace parlor::room
