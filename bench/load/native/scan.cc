#include "scan.h"

#include <string.h>

#include <algorithm>

namespace parlor::load {

namespace {

// A JSON string (no escapes) or null at `i`; advances past it and the comma
// after it. False on anything else.
bool element(std::string_view f, size_t& i, std::string_view& out, bool& is_null) {
  if (i >= f.size()) return false;
  if (f[i] == 'n') {
    if (f.compare(i, 4, "null") != 0) return false;
    out = {};
    is_null = true;
    i += 4;
  } else if (f[i] == '"') {
    const size_t end = f.find('"', i + 1);
    if (end == std::string_view::npos) return false;
    out = f.substr(i + 1, end - i - 1);
    is_null = false;
    i = end + 1;
  } else {
    return false;
  }
  if (i >= f.size() || f[i] != ',') return false;
  i++;
  return true;
}

size_t find(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (from >= hay.size()) return std::string_view::npos;
  const void* p = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  return p ? static_cast<const char*>(p) - hay.data() : std::string_view::npos;
}

}  // namespace

bool parse_head(std::string_view f, FrameHead& h) {
  if (f.size() < 2 || f[0] != '[' || f.back() != ']') return false;
  size_t i = 1;
  bool null = false;
  if (!element(f, i, h.join_ref, null)) return false;
  if (!element(f, i, h.ref, h.ref_null)) return false;
  if (!element(f, i, h.topic, null) || null) return false;
  if (!element(f, i, h.event, null) || null) return false;
  h.payload = f.substr(i, f.size() - 1 - i);
  return true;
}

int64_t view_version(std::string_view v, size_t* key_at) {
  static constexpr std::string_view kKey = "\"version\":";
  // Backwards from the end: the room's version comes after the game's fields.
  const char* base = v.data();
  size_t n = v.size();
  while (n >= kKey.size()) {
    const void* p = memrchr(base, 'v', n - (kKey.size() - 2));
    if (!p) return -1;
    const size_t at = static_cast<const char*>(p) - base;
    if (at >= 1 && v.compare(at - 1, kKey.size(), kKey) == 0) {
      if (key_at) *key_at = at - 1;
      int64_t x = 0;
      size_t j = at - 1 + kKey.size();
      if (j >= v.size() || v[j] < '0' || v[j] > '9') return -1;
      for (; j < v.size() && v[j] >= '0' && v[j] <= '9'; j++) x = x * 10 + (v[j] - '0');
      return x;
    }
    n = at;
  }
  return -1;
}

std::string_view view_legal(std::string_view v) {
  static constexpr std::string_view kKey = "\"legal\":[";
  const size_t at = find(v, kKey);
  if (at == std::string_view::npos) return {};
  const size_t start = at + kKey.size();
  if (start < v.size() && v[start] == ']') return {};
  // Moves are flat objects, so the list ends at the first "}]" (a pass's
  // "cards" array inside a move ends in "\"]").
  const size_t end = find(v, "}]", start);
  if (end == std::string_view::npos) return {};
  return v.substr(start, end + 1 - start);
}

bool view_game_over(std::string_view v, size_t version_at) {
  static constexpr std::string_view kOver = "\"status\":\"game_over\"";
  if (version_at != std::string_view::npos && version_at <= v.size()) {
    const size_t from = version_at > 512 ? version_at - 512 : 0;
    const std::string_view near = v.substr(from, version_at - from);
    if (find(near, "\"status\":") != std::string_view::npos) return find(near, kOver) != std::string_view::npos;
  }
  return find(v, kOver) != std::string_view::npos;
}

int count_moves(std::string_view legal) { return static_cast<int>(std::count(legal.begin(), legal.end(), '{')); }

std::string_view move_at(std::string_view legal, int k) {
  // Flat objects: move k starts at the k-th '{' and ends at the next '}'.
  const char* p = legal.data();
  const char* const end = legal.data() + legal.size();
  for (int n = 0;; n++) {
    p = static_cast<const char*>(memchr(p, '{', end - p));
    if (!p) return {};
    if (n == k) break;
    p++;
  }
  const char* q = static_cast<const char*>(memchr(p, '}', end - p));
  return q ? std::string_view(p, q - p) : std::string_view{};
}

}  // namespace parlor::load
