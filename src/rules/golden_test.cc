// Golden transcripts: the first hand (Golf: hole; Klondike: 150 moves) of one
// seeded game of each type, every move and every seat's (and a spectator's)
// view after it, compared with tests/golden/<game>.json.
// Any change in rules, views or JSON shows up as a diff in review. To accept an
// intended change: PARLOR_UPDATE_GOLDEN=1 build/asan/src/rules/rules_test --gtest_filter='Golden*'
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/shuffle.h"
#include "rules/registry.h"

namespace parlor::rules {
namespace {

// Short games keep the files reviewable.
json::object golden_setup(std::string_view game) {
  if (game == "hearts") return {{"options", json::object{{"end_score", 25}}}, {"dealer", 0}};
  if (game == "spades") return {{"options", json::object{{"target_score", 100}}}, {"dealer", 0}};
  if (game == "sheepshead") return {{"options", json::object{{"rounds", 1}}}, {"players", 3}, {"dealer", 0}};
  if (game == "golf") return {{"options", json::object{{"holes", 1}}}, {"players", 2}, {"dealer", 0}};
  return {{"options", json::object{{"draw", 1}}}};
}

json::value transcript(const GameType& game) {
  json::object record = golden_setup(game.name());
  record["game"] = game.name();
  record["seed"] = 424242;
  auto setup = setup_from_record(record);
  EXPECT_TRUE(setup.ok());
  auto created = game.create(*setup);
  EXPECT_TRUE(created.ok()) << created.error().message;
  StatePtr s = *created;
  FastRng rng(99);
  json::array steps;
  auto views = [&](const StatePtr& st) {
    json::array vs;
    for (int v = 0; v < st->players(); ++v) vs.push_back(st->view(v));
    vs.push_back(st->view(std::nullopt));
    return vs;
  };
  steps.push_back(json::object{{"move", nullptr}, {"views", views(s)}});
  json::array moves;
  const size_t hands_before = s->result()["hands"].as_array().size();
  for (int n = 0; !s->is_over() && n < 150 + (game.name() == "klondike" ? 0 : 250); ++n) {
    if (s->result()["hands"].as_array().size() > hands_before) break;
    auto acting = s->to_act();
    int seat = acting[rng.below(static_cast<std::uint32_t>(acting.size()))];
    auto legal = s->legal_moves(seat);
    // Klondike: prefer anything but abandoning, so the transcript shows play.
    json::value move = legal[rng.below(static_cast<std::uint32_t>(legal.size()))];
    if (game.name() == "klondike" && legal.size() > 1 && move.as_object().at("type") == "abandon")
      move = legal[0];
    auto next = s->apply(seat, move);
    EXPECT_TRUE(next.ok());
    if (!next.ok()) break;
    s = *next;
    json::object m = move.as_object();
    m["seat"] = seat;
    moves.push_back(m);
    steps.push_back(json::object{{"move", m}, {"views", views(s)}});
  }
  record["moves"] = std::move(moves);
  return json::object{{"record", record}, {"result", s->result()}, {"steps", std::move(steps)}};
}

// One step per line, so a diff points at the move that changed.
std::string pretty(const json::value& t) {
  std::ostringstream out;
  const auto& o = t.as_object();
  out << "{\"record\": " << json::serialize(o.at("record")) << ",\n";
  out << "\"result\": " << json::serialize(o.at("result")) << ",\n";
  out << "\"steps\": [\n";
  const auto& steps = o.at("steps").as_array();
  for (size_t i = 0; i < steps.size(); ++i)
    out << json::serialize(steps[i]) << (i + 1 < steps.size() ? ",\n" : "\n");
  out << "]}\n";
  return out.str();
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, TranscriptMatches) {
  const GameType* game = find_game(GetParam());
  ASSERT_NE(game, nullptr);
  std::string path = std::string(PARLOR_SOURCE_DIR) + "/tests/golden/" + GetParam() + ".json";
  std::string now = pretty(transcript(*game));
  if (std::getenv("PARLOR_UPDATE_GOLDEN")) {
    std::ofstream(path) << now;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << "missing " << path << " (run with PARLOR_UPDATE_GOLDEN=1)";
  std::stringstream want;
  want << in.rdbuf();
  // Compared as JSON values (key order is not part of a view), step by step
  // to report the first step that changed.
  json::value a = json::parse(want.str()), b = json::parse(now);
  for (const char* key : {"record", "result"})
    ASSERT_EQ(a.at(key), b.at(key)) << path << ": \"" << key << "\" differs";
  const auto& sa = a.at("steps").as_array();
  const auto& sb = b.at("steps").as_array();
  for (size_t i = 0; i < std::min(sa.size(), sb.size()); ++i)
    ASSERT_EQ(sa[i], sb[i]) << path << " differs at step " << i << " (line " << i + 4 << ")";
  ASSERT_EQ(sa.size(), sb.size()) << path << ": number of steps";
}

INSTANTIATE_TEST_SUITE_P(AllGames, Golden,
                         ::testing::Values("hearts", "spades", "sheepshead", "golf", "klondike"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parlor::rules
