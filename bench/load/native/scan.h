#pragma once
// The hot path: reading server frames without a JSON parser. A frame is
// [join_ref, ref, topic, event, payload] (channels-protocol.md 2.1); a view
// is scanned for what a seat needs, as rooms-worker-play.mjs does: the last
// `"version":`, whether `"legal":[` is empty, `"status":"game_over"`, and
// one move cut out of the legal array (moves are flat objects).
#include <cstdint>
#include <string_view>

namespace parlor::load {

struct FrameHead {
  std::string_view join_ref, ref, topic, event;  // without quotes; empty when null
  bool ref_null = true;
  std::string_view payload;  // the payload object's text
};

// Splits a server frame. False when it is not a five-element array of the
// expected shape (no escapes in refs, topic and event; our server never
// sends any there).
bool parse_head(std::string_view frame, FrameHead& h);

// The number after the last `"version":`, or -1; `at` gets the key's
// offset (npos without one).
int64_t view_version(std::string_view view, size_t* at = nullptr);

// The text inside the first `"legal":[...]` (between the brackets, empty
// when the list is empty or absent). Moves are flat objects (no object
// inside a move), as game-records.md has them and as the Node tool assumes.
std::string_view view_legal(std::string_view view);

// `"status":"game_over"` in the view. The room's status sits just before
// its version, so the 512 bytes before `version_at` (the offset of the last
// `"version":`, see view_version_at) are read first; the whole view only if
// no `"status":` is there.
bool view_game_over(std::string_view view, size_t version_at = std::string_view::npos);

// Number of moves in a legal list's text (flat objects: one '{' each).
int count_moves(std::string_view legal);

// Move k (0-based) of a legal list's text, without its closing brace:
// `{"type":"play","card":"QS"`, ready for `,"expect_version":N}`.
std::string_view move_at(std::string_view legal, int k);

// mulberry32, as rooms-worker-play.mjs `rng`: a seat's picks are seeded.
class Mulberry32 {
 public:
  explicit Mulberry32(uint32_t seed) : a_(seed) {}
  double next() {
    a_ += 0x6d2b79f5u;
    uint32_t t = a_;
    t = (t ^ (t >> 15)) * (t | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
  }

 private:
  uint32_t a_;
};

}  // namespace parlor::load
