#pragma once
// Phoenix Channels V2 frames (channels-protocol.md section 2): decoding what
// clients send and encoding what the server sends. Pure functions, no I/O.
//
// Text frame:   [join_ref, ref, topic, event, payload]   (one JSON array)
// Binary frame: kind byte, one length byte per header field, fields, payload.
// The server-to-client binary layouts differ from the client-to-server one
// (a server push has no ref, a reply carries the status where the event
// goes), so the encoders below are separate functions, never the decoder run
// backwards.
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "base/result.h"

namespace parlor::channels {

// A ref or join_ref exactly as the client sent it. Refs are opaque: the
// server echoes the same JSON value (a string stays a string: "7" is never
// turned into 7). `json()` is the value's JSON text ("null", "\"7\"").
class Ref {
 public:
  Ref() = default;  // null
  static Ref null() { return Ref(); }
  static Ref from_string(std::string_view s);        // a JSON string value
  static Ref from_number_text(std::string_view num);  // a JSON number, as serialized
  bool is_null() const { return json_ == "null"; }
  const std::string& json() const { return json_; }
  // The text used in binary headers: the string itself, the number's text,
  // or "" for null (the client reads "" as null).
  const std::string& text() const { return text_; }
  bool operator==(const Ref& o) const { return json_ == o.json_; }

 private:
  std::string json_ = "null";
  std::string text_;
};

// Raw bytes of a binary payload (kept apart from JSON strings on purpose).
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

// A message payload: a JSON object (text frames) or raw bytes (binary frames).
using Payload = std::variant<boost::json::object, Bytes>;
inline bool is_binary(const Payload& p) { return p.index() == 1; }

// A decoded client message.
struct InFrame {
  Ref join_ref;
  Ref ref;
  std::string topic;
  std::string event;
  Payload payload;
};

// What is wrong with an undecodable frame, and the close code the protocol
// prescribes for it (section 2.1/2.2): 1007 for bad JSON or UTF-8, 1008 for
// a well-formed value of the wrong shape or a truncated binary header, 1003
// for an unsupported binary kind. `code` is also the /metrics label.
struct FrameError {
  std::string code;     // bad_json, bad_utf8, bad_shape, bad_binary, bad_binary_kind
  std::string message;  // for logs
  uint16_t close_code = 1008;
};

// Limits the decoder enforces (all inclusive).
inline constexpr size_t kMaxHeaderField = 255;  // topic, event and refs, in bytes

// Decodes one text frame. Accepts arrays with more than five elements
// (extras ignored, as Phoenix does). join_ref/ref: string, number or null;
// topic/event: non-empty-topic strings; payload: a JSON object.
std::variant<InFrame, FrameError> decode_text(std::string_view text);
// Decodes one binary frame (only kind 0, "push", is valid from a client).
std::variant<InFrame, FrameError> decode_binary(std::string_view bytes);

// ---- encoders (server to client). Each returns the complete frame. ----

// Escapes `s` as a JSON string literal (with the quotes). `s` must be UTF-8.
std::string json_quote(std::string_view s);
// Serializes a payload object.
std::string json_text(const boost::json::object& o);

// [jr, ref, topic, "phx_reply", {"status": status, "response": response}]
// `response_json` must be the JSON text of an object.
std::string encode_reply(const Ref& join_ref, const Ref& ref, std::string_view topic,
                         std::string_view status, std::string_view response_json);
// [jr, null, topic, event, payload] (a push to one channel; jr may be null
// for a broadcast: use encode_broadcast then).
std::string encode_push(const Ref& join_ref, std::string_view topic, std::string_view event,
                        std::string_view payload_json);
// [null, null, topic, event, payload]
std::string encode_broadcast(std::string_view topic, std::string_view event,
                             std::string_view payload_json);
// [jr, jr, topic, "phx_close" | "phx_error", payload]
std::string encode_lifecycle(const Ref& join_ref, std::string_view topic, std::string_view event,
                             std::string_view payload_json);

// Binary frames. Header fields longer than 255 bytes cannot be encoded: these
// return an empty string then (the caller drops the frame and counts it).
std::string encode_binary_reply(const Ref& join_ref, const Ref& ref, std::string_view topic,
                                std::string_view status, std::string_view bytes);
std::string encode_binary_push(const Ref& join_ref, std::string_view topic,
                               std::string_view event, std::string_view bytes);
std::string encode_binary_broadcast(std::string_view topic, std::string_view event,
                                    std::string_view bytes);

// True if `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);

}  // namespace parlor::channels
