#pragma once
// SHA-256 and HMAC-SHA256 (OpenSSL underneath), and hex/base64url helpers.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parlor {

using Digest = std::array<std::uint8_t, 32>;

Digest sha256(std::string_view data);
Digest hmac_sha256(std::string_view key, std::string_view message);
std::string to_hex(std::string_view bytes);
std::string to_hex(const Digest& d);
std::string sha256_hex(std::string_view data);
// n random bytes from the operating system's CSPRNG; aborts if it fails.
std::string random_bytes(size_t n);
std::string base64url_encode(std::string_view bytes);  // no padding
std::optional<std::string> base64url_decode(std::string_view text);
// Compares in time independent of where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace parlor
