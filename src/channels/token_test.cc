#include "channels/token.h"

#include <gtest/gtest.h>

#include "base/sha256.h"

namespace parlor::channels {
namespace {

// channels-protocol.md 8.2 test vector (never use this secret for real).
constexpr const char* kSecret = "example-only-secret-0123456789abcdef0123456789";
constexpr const char* kToken =
    "v1.eyJzdWIiOiJ1c2VyOjQyIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjE3NjczMTIwMDB9."
    "wrSzcF2-sLNN0gL3cABlDeS-x8bDdF8mWY-z7EXKe7U";
constexpr int64_t kIat = 1767225600, kExp = 1767312000;

TEST(Token, KeyDerivationMatchesTheVector) {
  EXPECT_EQ(to_hex(derive_token_key(kSecret)),
            "3871a26d4f87519c282dd553063264bca734a8c93ed997b6b5e0c7a776e7620b");
}

TEST(Token, MintReproducesTheVector) {
  EXPECT_EQ(mint_token(kSecret, {"user:42", "", kIat, kExp}), kToken);
}

TEST(Token, VerifyTheVector) {
  auto c = verify_token(kSecret, kToken, kIat + 10);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->sub, "user:42");
  EXPECT_EQ(c->iat, kIat);
  EXPECT_EQ(c->exp, kExp);
  EXPECT_EQ(c->name, "");
}

TEST(Token, TimeWindowWithSkew) {
  EXPECT_TRUE(verify_token(kSecret, kToken, kIat - 60).ok());
  EXPECT_EQ(verify_token(kSecret, kToken, kIat - 61).error().code, "not_yet_valid");
  EXPECT_TRUE(verify_token(kSecret, kToken, kExp - 1).ok());
  EXPECT_EQ(verify_token(kSecret, kToken, kExp).error().code, "expired");
}

TEST(Token, NameRoundTrips) {
  std::string t = mint_token("another-secret-that-is-long-enough-000000", {"p1", "Ada ✓", 100, 200});
  auto c = verify_token("another-secret-that-is-long-enough-000000", t, 150);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->name, "Ada ✓");
  for (char ch : t) EXPECT_TRUE(isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_');
}

TEST(Token, RejectsTampering) {
  std::string t = kToken;
  EXPECT_EQ(verify_token("other-secret", t, kIat).error().code, "bad_signature");
  std::string flipped = t;
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify_token(kSecret, flipped, kIat).error().code, "bad_signature");
  EXPECT_EQ(verify_token(kSecret, "", kIat).error().code, "malformed");
  EXPECT_EQ(verify_token(kSecret, "v2" + t.substr(2), kIat).error().code, "malformed");
  EXPECT_EQ(verify_token(kSecret, t + ".x", kIat).error().code, "malformed");
  EXPECT_EQ(verify_token(kSecret, "v1.abc", kIat).error().code, "malformed");
  EXPECT_EQ(verify_token(kSecret, t.substr(0, t.size() - 2), kIat).error().code, "malformed");
  EXPECT_EQ(verify_token(kSecret, "v1.a b.c", kIat).error().code, "malformed");
  EXPECT_EQ(verify_token(kSecret, std::string(1025, 'a'), kIat).error().code, "malformed");
}

TEST(Token, RejectsWellSignedBadClaims) {
  // Sign payloads by hand with the right key: the claims check must catch them.
  auto sign = [](std::string payload) {
    std::string in = "v1." + base64url_encode(payload);
    auto d = hmac_sha256(derive_token_key(kSecret), in);
    return in + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(d.data()), 32));
  };
  EXPECT_TRUE(verify_token(kSecret, sign(R"({"sub":"a","iat":1,"exp":9})"), 5).ok());
  EXPECT_EQ(verify_token(kSecret, sign(R"({"sub":1,"iat":1,"exp":9})"), 5).error().code, "bad_claims");
  EXPECT_EQ(verify_token(kSecret, sign(R"({"sub":"a","iat":"1","exp":9})"), 5).error().code, "bad_claims");
  EXPECT_EQ(verify_token(kSecret, sign(R"({"sub":"a","iat":1})"), 5).error().code, "bad_claims");
  EXPECT_EQ(verify_token(kSecret, sign("not json"), 5).error().code, "bad_claims");
  EXPECT_EQ(verify_token(kSecret, sign("[]"), 5).error().code, "bad_claims");
}

}  // namespace
}  // namespace parlor::channels
