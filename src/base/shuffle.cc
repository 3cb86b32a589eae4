#include "base/shuffle.h"

#include <utility>

#include "base/check.h"

namespace parlor {

SeedStream::SeedStream(std::string_view seed_text) : seed_(seed_text) {}

void SeedStream::refill() {
  std::string msg = seed_;
  msg += static_cast<char>((block_ >> 24) & 0xFF);
  msg += static_cast<char>((block_ >> 16) & 0xFF);
  msg += static_cast<char>((block_ >> 8) & 0xFF);
  msg += static_cast<char>(block_ & 0xFF);
  buf_ = sha256(msg);
  ++block_;
  pos_ = 0;
}

std::uint32_t SeedStream::next_u32() {
  if (pos_ + 4 > buf_.size()) refill();
  std::uint32_t v = (std::uint32_t{buf_[pos_]} << 24) | (std::uint32_t{buf_[pos_ + 1]} << 16) |
                    (std::uint32_t{buf_[pos_ + 2]} << 8) | std::uint32_t{buf_[pos_ + 3]};
  pos_ += 4;
  return v;
}

std::uint32_t SeedStream::uniform(std::uint32_t n) {
  PARLOR_CHECK(n >= 1, "n=" << n);
  // limit = 2^32 - (2^32 mod n), computed in 64 bits.
  const std::uint64_t limit = (std::uint64_t{1} << 32) - ((std::uint64_t{1} << 32) % n);
  for (;;) {
    std::uint32_t v = next_u32();
    if (v < limit) return v % n;
  }
}

void portable_shuffle(std::vector<Card>& deck, std::string_view seed_text) {
  SeedStream s(seed_text);
  for (size_t i = deck.size(); i-- > 1;) {
    size_t j = s.uniform(static_cast<std::uint32_t>(i + 1));
    std::swap(deck[i], deck[j]);
  }
}

}  // namespace parlor
