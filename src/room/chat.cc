#include "room/chat.h"

#include <algorithm>

namespace parlor::room {

Status check_chat_text(const std::string& text, size_t max_chars) {
  size_t chars = 0;
  bool visible = false;
  for (unsigned char c : text) {
    chars += (c & 0xC0) != 0x80 ? 1 : 0;
    visible = visible || (c != ' ' && c != '\t' && c != '\n' && c != '\r');
  }
  if (!visible) return make_error("bad_payload", "say something");
  if (chars > max_chars)
    return make_error("too_long", "messages are at most " + std::to_string(max_chars) + " characters");
  return Status::Ok();
}

Status ChatLimiter::take(const std::string& player_id, std::int64_t now_ms) {
  auto& b = buckets_.try_emplace(player_id, Bucket{double(burst_), now_ms}).first->second;
  b.tokens = std::min<double>(burst_, b.tokens + double(now_ms - b.at_ms) / double(refill_.count()));
  b.at_ms = now_ms;
  if (b.tokens < 1.0) return make_error("rate_limited", "you are sending messages too fast; wait a moment");
  b.tokens -= 1.0;
  if (buckets_.size() > 10000) std::erase_if(buckets_, [&](const auto& kv) {
    return kv.second.tokens >= burst_ - 1 && now_ms - kv.second.at_ms > refill_.count() * burst_;
  });
  return Status::Ok();
}

}  // namespace parlor::room
