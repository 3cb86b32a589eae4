// libFuzzer target for the V2 frame decoders: any input must decode or be
// rejected with a FrameError, never crash; whatever decodes must re-encode
// into frames that decode again (text) or have the documented layout.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "channels/frame.h"

using namespace parlor::channels;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (bool binary : {false, true}) {
    auto r = binary ? decode_binary(in) : decode_text(in);
    if (auto* err = std::get_if<FrameError>(&r)) {
      PARLOR_CHECK(err->close_code == 1003 || err->close_code == 1007 || err->close_code == 1008,
                   err->close_code);
      continue;
    }
    auto& f = std::get<InFrame>(r);
    std::string payload = is_binary(f.payload) ? "{}" : json_text(std::get<0>(f.payload));
    std::string text = encode_reply(f.join_ref, f.ref, f.topic, f.event, payload);
    auto again = decode_text(text);
    PARLOR_CHECK(std::holds_alternative<InFrame>(again), text);
    PARLOR_CHECK(std::get<InFrame>(again).ref == f.ref, text);
    std::string push = encode_binary_push(f.join_ref, f.topic, f.event,
                                          is_binary(f.payload) ? std::get<1>(f.payload).data : "");
    PARLOR_CHECK(push.empty() || push[0] == 0, "kind byte");
  }
  return 0;
}
