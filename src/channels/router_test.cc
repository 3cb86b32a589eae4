#include "channels/router.h"

#include <gtest/gtest.h>

namespace parlor::channels {
namespace {

class Named : public Channel {
 public:
  explicit Named(std::string n) : name(std::move(n)) {}
  JoinResult join(const boost::json::object&, ChannelContext&) override { return JoinResult::accept(); }
  void handle_in(const std::string&, Payload, const Ref&, ChannelContext&) override {}
  std::string name;
};

ChannelFactory named(std::string n) {
  return [n](const std::string&) { return std::make_unique<Named>(n); };
}

std::string route(const Router& r, std::string_view topic) {
  auto* f = r.match(topic);
  if (!f) return "-";
  auto ch = (*f)(std::string(topic));
  return static_cast<Named&>(*ch).name;
}

TEST(Router, ExactAndPrefixPatterns) {
  Router r;
  r.add("lobby", named("lobby"));
  r.add("room:*", named("room"));
  EXPECT_EQ(route(r, "lobby"), "lobby");
  EXPECT_EQ(route(r, "lobby:2"), "-");
  EXPECT_EQ(route(r, "room:7"), "room");
  EXPECT_EQ(route(r, "room:"), "room");
  EXPECT_EQ(route(r, "room"), "-");
  EXPECT_EQ(route(r, "rooms:1"), "-");
}

TEST(Router, ExactBeatsPrefixAndLongestPrefixWins) {
  Router r;
  r.add("room:*", named("room"));
  r.add("room:special", named("special"));
  r.add("room:vip:*", named("vip"));
  r.add("*", named("any"));
  EXPECT_EQ(route(r, "room:special"), "special");
  EXPECT_EQ(route(r, "room:vip:1"), "vip");
  EXPECT_EQ(route(r, "room:1"), "room");
  EXPECT_EQ(route(r, "other"), "any");
}

TEST(Router, ReservedTopicsNeverMatch) {
  Router r;
  r.add("*", named("any"));
  EXPECT_EQ(route(r, "phoenix"), "-");
  EXPECT_EQ(route(r, "unmatched:x"), "-");
  EXPECT_EQ(route(r, "phoenix:x"), "any");
}

TEST(Router, PatternsAreListed) {
  Router r;
  r.add("lobby", named("a"));
  r.add("room:*", named("b"));
  EXPECT_EQ(r.patterns(), (std::vector<std::string>{"lobby", "room:*"}));
}

TEST(RouterDeathTest, BadPatternsAbort) {
  Router r;
  r.add("room:*", named("a"));
  EXPECT_DEATH(r.add("room:*", named("b")), "duplicate");
  EXPECT_DEATH(r.add("a*b", named("b")), "only at the end");
}

TEST(JoinResult, RefuseCarriesReason) {
  auto j = JoinResult::refuse("not_found", {{"code", "not_found"}});
  EXPECT_FALSE(j.ok);
  EXPECT_EQ(j.response.at("reason").as_string(), "not_found");
  EXPECT_EQ(j.response.at("code").as_string(), "not_found");
}

}  // namespace
}  // namespace parlor::channels
