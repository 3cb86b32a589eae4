#include "channels/presence.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace parlor::channels {
namespace {

namespace json = boost::json;

Presence counting() {
  auto n = std::make_shared<int>(0);
  return Presence([n] { return "r" + std::to_string(++*n); });
}

std::string s(const json::object& o) { return json::serialize(o); }

TEST(Presence, TrackProducesAJoinDiffAndState) {
  Presence p = counting();
  auto d = p.track(1, "42", {{"tab", "A"}});
  EXPECT_EQ(d.json(), R"({"joins":{"42":{"metas":[{"tab":"A","phx_ref":"r1"}]}},"leaves":{}})");
  EXPECT_EQ(s(p.state()), R"({"42":{"metas":[{"tab":"A","phx_ref":"r1"}]}})");
  EXPECT_EQ(p.entry_count(), 1u);
}

TEST(Presence, TwoTabsOneKeyTwoMetas) {
  Presence p = counting();
  (void)p.track(1, "42", {{"tab", "A"}});
  (void)p.track(2, "42", {{"tab", "B"}});
  EXPECT_EQ(s(p.state()),
            R"({"42":{"metas":[{"tab":"A","phx_ref":"r1"},{"tab":"B","phx_ref":"r2"}]}})");
  auto d = p.untrack_all(2);
  EXPECT_EQ(d.json(), R"({"joins":{},"leaves":{"42":{"metas":[{"tab":"B","phx_ref":"r2"}]}}})");
  EXPECT_EQ(s(p.state()), R"({"42":{"metas":[{"tab":"A","phx_ref":"r1"}]}})");
  (void)p.untrack_all(1);
  EXPECT_EQ(s(p.state()), "{}");
  EXPECT_TRUE(p.empty());
}

TEST(Presence, UpdateIsOneDiffWithPrevRef) {
  Presence p = counting();
  (void)p.track(1, "me", {{"status", "here"}});
  auto d = p.update(1, "me", {{"status", "away"}});
  EXPECT_EQ(d.json(),
            R"({"joins":{"me":{"metas":[{"status":"away","phx_ref":"r2","phx_ref_prev":"r1"}]}},)"
            R"("leaves":{"me":{"metas":[{"status":"here","phx_ref":"r1"}]}}})");
  EXPECT_EQ(p.entry_count(), 1u);
  EXPECT_EQ(p.meta(1, "me")->at("phx_ref").as_string(), "r2");
}

TEST(Presence, TrackingTheSameEntryAgainIsAnUpdate) {
  Presence p = counting();
  (void)p.track(1, "k", {});
  auto d = p.track(1, "k", {{"x", 1}});
  EXPECT_FALSE(d.leaves.empty());
  EXPECT_EQ(p.entry_count(), 1u);
}

TEST(Presence, ClientsCannotSetRefs) {
  Presence p = counting();
  (void)p.track(1, "k", {{"phx_ref", "forged"}, {"phx_ref_prev", "forged"}});
  auto m = *p.meta(1, "k");
  EXPECT_EQ(m.at("phx_ref").as_string(), "r1");
  EXPECT_EQ(m.if_contains("phx_ref_prev"), nullptr);
}

TEST(Presence, UnknownEntriesGiveEmptyDiffs) {
  Presence p = counting();
  EXPECT_TRUE(p.untrack(9, "nobody").empty());
  EXPECT_TRUE(p.untrack_all(9).empty());
  EXPECT_TRUE(p.update(9, "nobody", {}).empty());
  EXPECT_EQ(PresenceDiff{}.json(), R"({"joins":{},"leaves":{}})");
}

TEST(Presence, OneTrackerSeveralKeysLeavesAllAtOnce) {
  Presence p = counting();
  (void)p.track(1, "a", {});
  (void)p.track(1, "b", {});
  (void)p.track(2, "a", {});
  auto d = p.untrack_all(1);
  EXPECT_EQ(d.json(),
            R"({"joins":{},"leaves":{"a":{"metas":[{"phx_ref":"r1"}]},"b":{"metas":[{"phx_ref":"r2"}]}}})");
  EXPECT_EQ(s(p.state()), R"({"a":{"metas":[{"phx_ref":"r3"}]}})");
}

// What the JS Presence class does with a diff (channels-protocol.md 7.4):
// joins replace metas with the same phx_ref or are appended, then leaves
// remove metas by phx_ref; keys without metas disappear.
void client_apply(std::map<std::string, std::vector<std::string>>& refs, const PresenceDiff& d) {
  for (const auto& [key, entry] : d.joins) {
    auto& list = refs[std::string(key)];
    for (const auto& m : entry.at("metas").as_array()) {
      std::string ref(m.at("phx_ref").as_string());
      if (std::find(list.begin(), list.end(), ref) == list.end()) list.push_back(ref);
    }
  }
  for (const auto& [key, entry] : d.leaves) {
    auto it = refs.find(std::string(key));
    if (it == refs.end()) continue;
    for (const auto& m : entry.at("metas").as_array()) std::erase(it->second, std::string(m.at("phx_ref").as_string()));
    if (it->second.empty()) refs.erase(it);
  }
}

TEST(Presence, AMergedDiffLeavesClientsWhereTheDiffsOneByOneWould) {
  // Random tracks, updates and untracks over a few trackers and keys; after
  // each random-length run the merged diff must bring a client to the same
  // place as the diffs applied one at a time, and to the server's state.
  std::mt19937 rng(7);
  Presence p = counting();
  std::map<std::string, std::vector<std::string>> one_by_one, merged_view;
  for (int round = 0; round < 300; ++round) {
    PresenceDiff merged;
    int steps = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < steps; ++i) {
      Presence::TrackerId tracker = 1 + rng() % 5;
      std::string key = "k" + std::to_string(rng() % 3);
      PresenceDiff d;
      switch (rng() % 4) {
        case 0: d = p.track(tracker, key, {{"n", i}}); break;
        case 1: d = p.update(tracker, key, {{"n", -i}}); break;
        case 2: d = p.untrack(tracker, key); break;
        default: d = p.untrack_all(tracker); break;
      }
      client_apply(one_by_one, d);
      merged.merge(std::move(d));
    }
    client_apply(merged_view, merged);
    ASSERT_EQ(merged_view, one_by_one) << "round " << round;
  }
  std::map<std::string, std::vector<std::string>> server;
  for (const auto& [key, entry] : p.state())
    for (const auto& m : entry.at("metas").as_array()) server[std::string(key)].emplace_back(m.at("phx_ref").as_string());
  EXPECT_EQ(merged_view, server);
}

TEST(PhxRef, UniqueAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string r = make_phx_ref();
    for (char c : r) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << r;
    EXPECT_TRUE(seen.insert(r).second) << r;
  }
}

}  // namespace
}  // namespace parlor::channels
