#include "channels/frame.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace parlor::channels {

namespace json = boost::json;

Ref Ref::from_string(std::string_view s) {
  Ref r;
  r.json_ = json_quote(s);
  r.text_ = std::string(s);
  return r;
}

Ref Ref::from_number_text(std::string_view num) {
  Ref r;
  r.json_ = std::string(num);
  r.text_ = std::string(num);
  return r;
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < n) {
    unsigned c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;
    }
    if (i + len > n) return false;
    unsigned c1 = at(i + 1);
    if (c1 < lo || c1 > hi) return false;
    for (size_t k = 2; k < len; ++k) {
      unsigned ck = at(i + k);
      if (ck < 0x80 || ck > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

namespace {

FrameError shape_error(std::string message) {
  return FrameError{"bad_shape", std::move(message), 1008};
}

// Reads a ref: a string (at most 255 bytes), an integer, or null. A
// fractional or out-of-range number is refused: its JSON text does not
// survive a round trip exactly, and a ref must come back byte for byte.
bool read_ref(const json::value& v, Ref& out) {
  if (v.is_null()) {
    out = Ref::null();
    return true;
  }
  if (v.is_string()) {
    const auto& s = v.get_string();
    if (s.size() > kMaxHeaderField) return false;
    out = Ref::from_string(std::string_view(s.data(), s.size()));
    return true;
  }
  if (v.is_int64() || v.is_uint64()) {
    out = Ref::from_number_text(json::serialize(v));
    return true;
  }
  return false;
}

bool read_name(const json::value& v, std::string& out) {
  if (!v.is_string()) return false;
  const auto& s = v.get_string();
  if (s.empty() || s.size() > kMaxHeaderField) return false;
  out.assign(s.data(), s.size());
  return true;
}

}  // namespace

std::variant<InFrame, FrameError> decode_text(std::string_view text) {
  if (!valid_utf8(text)) return FrameError{"bad_utf8", "text frame is not valid UTF-8", 1007};
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return FrameError{"bad_json", "not JSON: " + ec.message(), 1007};
  if (!v.is_array()) return shape_error("frame is not a JSON array");
  auto& a = v.get_array();
  if (a.size() < 5) return shape_error("frame array has fewer than 5 elements");
  InFrame f;
  if (!read_ref(a[0], f.join_ref)) return shape_error("join_ref must be a string, number or null");
  if (!read_ref(a[1], f.ref)) return shape_error("ref must be a string, number or null");
  if (!read_name(a[2], f.topic)) return shape_error("topic must be a string of 1-255 bytes");
  if (!read_name(a[3], f.event)) return shape_error("event must be a string of 1-255 bytes");
  if (!a[4].is_object()) return shape_error("payload must be a JSON object");
  f.payload = std::move(a[4].get_object());
  return f;
}

std::variant<InFrame, FrameError> decode_binary(std::string_view b) {
  if (b.empty()) return FrameError{"bad_binary", "empty binary frame", 1008};
  if (static_cast<unsigned char>(b[0]) != 0) {
    return FrameError{"bad_binary_kind", "only binary kind 0 (push) is accepted", 1003};
  }
  if (b.size() < 5) return FrameError{"bad_binary", "truncated binary header", 1008};
  size_t lens[4];
  size_t total = 5;
  for (int i = 0; i < 4; ++i) {
    lens[i] = static_cast<unsigned char>(b[1 + i]);
    total += lens[i];
  }
  if (total > b.size()) return FrameError{"bad_binary", "binary header runs past the frame", 1008};
  std::string_view fields[4];
  size_t off = 5;
  for (int i = 0; i < 4; ++i) {
    fields[i] = b.substr(off, lens[i]);
    off += lens[i];
    if (!valid_utf8(fields[i])) {
      return FrameError{"bad_utf8", "binary header field is not valid UTF-8", 1007};
    }
  }
  if (fields[2].empty() || fields[3].empty()) {
    return FrameError{"bad_binary", "binary frame without topic or event", 1008};
  }
  InFrame f;
  f.join_ref = fields[0].empty() ? Ref::null() : Ref::from_string(fields[0]);
  f.ref = fields[1].empty() ? Ref::null() : Ref::from_string(fields[1]);
  f.topic = std::string(fields[2]);
  f.event = std::string(fields[3]);
  f.payload = Bytes{std::string(b.substr(off))};
  return f;
}

std::string json_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string json_text(const json::object& o) { return json::serialize(o); }

namespace {

std::string frame5(std::string_view jr, std::string_view ref, std::string_view topic,
                   std::string_view event, std::string_view payload) {
  std::string out;
  out.reserve(jr.size() + ref.size() + topic.size() + event.size() + payload.size() + 16);
  out += '[';
  out += jr;
  out += ',';
  out += ref;
  out += ',';
  out += json_quote(topic);
  out += ',';
  out += json_quote(event);
  out += ',';
  out += payload;
  out += ']';
  return out;
}

bool fits(std::string_view s) { return s.size() <= kMaxHeaderField; }

}  // namespace

std::string encode_reply(const Ref& join_ref, const Ref& ref, std::string_view topic,
                         std::string_view status, std::string_view response_json) {
  std::string payload;
  payload.reserve(response_json.size() + status.size() + 32);
  payload += "{\"status\":";
  payload += json_quote(status);
  payload += ",\"response\":";
  payload += response_json;
  payload += '}';
  return frame5(join_ref.json(), ref.json(), topic, "phx_reply", payload);
}

std::string encode_push(const Ref& join_ref, std::string_view topic, std::string_view event,
                        std::string_view payload_json) {
  return frame5(join_ref.json(), "null", topic, event, payload_json);
}

std::string encode_broadcast(std::string_view topic, std::string_view event,
                             std::string_view payload_json) {
  return frame5("null", "null", topic, event, payload_json);
}

std::string encode_lifecycle(const Ref& join_ref, std::string_view topic, std::string_view event,
                             std::string_view payload_json) {
  return frame5(join_ref.json(), join_ref.json(), topic, event, payload_json);
}

std::string encode_binary_reply(const Ref& join_ref, const Ref& ref, std::string_view topic,
                                std::string_view status, std::string_view bytes) {
  const std::string& jr = join_ref.text();
  const std::string& r = ref.text();
  if (!fits(jr) || !fits(r) || !fits(topic) || !fits(status)) return {};
  std::string out;
  out.reserve(5 + jr.size() + r.size() + topic.size() + status.size() + bytes.size());
  out += static_cast<char>(1);
  out += static_cast<char>(jr.size());
  out += static_cast<char>(r.size());
  out += static_cast<char>(topic.size());
  out += static_cast<char>(status.size());
  out += jr;
  out += r;
  out += topic;
  out += status;
  out += bytes;
  return out;
}

std::string encode_binary_push(const Ref& join_ref, std::string_view topic,
                               std::string_view event, std::string_view bytes) {
  const std::string& jr = join_ref.text();
  if (!fits(jr) || !fits(topic) || !fits(event)) return {};
  std::string out;
  out.reserve(4 + jr.size() + topic.size() + event.size() + bytes.size());
  out += static_cast<char>(0);
  out += static_cast<char>(jr.size());
  out += static_cast<char>(topic.size());
  out += static_cast<char>(event.size());
  out += jr;
  out += topic;
  out += event;
  out += bytes;
  return out;
}

std::string encode_binary_broadcast(std::string_view topic, std::string_view event,
                                    std::string_view bytes) {
  if (!fits(topic) || !fits(event)) return {};
  std::string out;
  out.reserve(3 + topic.size() + event.size() + bytes.size());
  out += static_cast<char>(2);
  out += static_cast<char>(topic.size());
  out += static_cast<char>(event.size());
  out += topic;
  out += event;
  out += bytes;
  return out;
}

}  // namespace parlor::channels
