#include <gtest/gtest.h>

#include "base/card.h"
#include "base/result.h"
#include "base/sha256.h"
#include "base/shuffle.h"

namespace parlor {
namespace {

TEST(Card, ParsesAndPrintsEveryCode) {
  for (std::uint8_t id = 0; id < 54; ++id) {
    Card c(id);
    auto back = Card::parse(c.str());
    ASSERT_TRUE(back.has_value()) << c.str();
    EXPECT_EQ(*back, c);
  }
  EXPECT_EQ(Card::parse("QS")->str(), "QS");
  EXPECT_EQ(Card::parse("QS")->rank(), rank::kQueen);
  EXPECT_EQ(Card::parse("TH")->suit(), Suit::kHearts);
  EXPECT_FALSE(Card::parse("1S"));
  EXPECT_FALSE(Card::parse("QX"));
  EXPECT_FALSE(Card::parse("QSS"));
  EXPECT_FALSE(Card::parse(""));
  EXPECT_EQ(card_name(*Card::parse("QS")), "queen of spades");
}

TEST(CardSet, AddRemoveIterateInIdOrder) {
  CardSet s;
  s.add(*Card::parse("AS"));
  s.add(*Card::parse("2C"));
  s.add(*Card::parse("TH"));
  EXPECT_EQ(s.size(), 3);
  EXPECT_EQ(card_strings(s.cards()), (std::vector<std::string>{"2C", "TH", "AS"}));
  s.remove(*Card::parse("TH"));
  EXPECT_FALSE(s.contains(*Card::parse("TH")));
  EXPECT_EQ((s & CardSet::suit(Suit::kSpades)).size(), 1);
  EXPECT_EQ(s.lowest().str(), "2C");
  EXPECT_EQ(s.highest().str(), "AS");
}

TEST(Shuffle, MatchesTheGameRecordsTestVectors) {
  auto deck = standard_deck();
  portable_shuffle(deck, "12345:0");
  auto s = card_strings(deck);
  std::vector<std::string> head(s.begin(), s.begin() + 8);
  EXPECT_EQ(head, (std::vector<std::string>{"AD", "JC", "9C", "5S", "6S", "JD", "JS", "QC"}));
  EXPECT_EQ(s[49], "TC");
  EXPECT_EQ(s[50], "TD");
  EXPECT_EQ(s[51], "9D");

  std::vector<Card> sheeps;
  for (int suit = 0; suit < 4; ++suit)
    for (int r = rank::kSeven; r <= rank::kAce; ++r) sheeps.emplace_back(r, static_cast<Suit>(suit));
  portable_shuffle(sheeps, "12345:0");
  auto t = card_strings(sheeps);
  EXPECT_EQ(std::vector<std::string>(t.begin(), t.begin() + 6),
            (std::vector<std::string>{"AH", "7S", "KD", "9C", "QS", "AD"}));

  SeedStream dealer("12345:dealer");
  EXPECT_EQ(dealer.uniform(4), 3u);
}

TEST(Sha256, KnownDigestsAndBase64Url) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe"}) {
    auto enc = base64url_encode(s);
    EXPECT_EQ(enc.find('='), std::string::npos);
    auto dec = base64url_decode(enc);
    ASSERT_TRUE(dec.has_value()) << enc;
    EXPECT_EQ(*dec, s);
  }
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_FALSE(base64url_decode("Zm9v+mFy").has_value());
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 5;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 5);
  Result<int> bad = make_error("not_your_turn", "it is seat 2's turn");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "not_your_turn");
  Status st = make_error("x", "y");
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(Status::Ok().ok());
}

}  // namespace
}  // namespace parlor
