#pragma once
// The portable shuffle of game-records.md, so that anyone can recompute a deal
// from its seed text H:
//   bytes = SHA-256(H || be32(0)) || SHA-256(H || be32(1)) || ...
//   read as big-endian uint32 values v;
//   uniform(n): read v until v < 2^32 - (2^32 mod n), return v mod n;
//   Fisher-Yates from the canonical deck: for i = n-1 .. 1, swap d[i], d[uniform(i+1)].
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/card.h"
#include "base/sha256.h"

namespace parlor {

class SeedStream {
 public:
  explicit SeedStream(std::string_view seed_text);
  std::uint32_t next_u32();
  // Uniform in [0, n) without modulo bias; n >= 1.
  std::uint32_t uniform(std::uint32_t n);

 private:
  void refill();
  std::string seed_;
  std::uint32_t block_ = 0;
  Digest buf_{};
  size_t pos_ = 32;
};

// Shuffles `deck` (given in canonical order) in place with the stream of `seed_text`.
void portable_shuffle(std::vector<Card>& deck, std::string_view seed_text);

// A small fast PRNG (splitmix64) for simulations and random playouts, where
// portability to other languages does not matter but speed and seeds do.
class FastRng {
 public:
  explicit FastRng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n >= 1 (Lemire's multiply-shift; bias < 2^-32 for small n).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }

 private:
  std::uint64_t s_;
};

}  // namespace parlor
