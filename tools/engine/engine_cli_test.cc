// `parlor engine` end to end through its entry point: records in files, the
// printed result object, and the exit status.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tools/engine/engine_cli.h"

namespace parlor::tools {
namespace {

namespace json = boost::json;

struct Run {
  int status;
  json::object result;
};

Run run_engine(const std::string& record_text) {
  auto path = std::filesystem::temp_directory_path() / ("engine_cli_test_" + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << record_text;
  std::string arg0 = "engine", arg1 = path.string();
  char* argv[] = {arg0.data(), arg1.data(), nullptr};
  ::testing::internal::CaptureStdout();
  int status = engine_main(2, argv);
  std::string out = ::testing::internal::GetCapturedStdout();
  std::filesystem::remove(path);
  json::value v = json::parse(out);
  return {status, v.as_object()};
}

TEST(EngineCli, ReportsWhoActsNextWithTheirLegalMoves) {
  // Hearts, hand 1 passes left: all four seats choose at once.
  auto r = run_engine(R"({"game": "hearts", "seed": 12345, "dealer": 0, "moves": []})");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.result["status"], "in_progress");
  EXPECT_EQ(r.result["error"], nullptr);
  EXPECT_EQ(r.result["to_act"], json::parse("[0,1,2,3]"));
  EXPECT_EQ(r.result["moves_applied"], 0);
}

TEST(EngineCli, StopsAtTheFirstRefusedMoveWithItsCode) {
  // Klondike seat 0 may draw; seat 1 does not exist and an unknown type is a bad payload.
  auto r = run_engine(R"({"game": "klondike", "seed": 1, "moves": [
      {"seat": 0, "type": "draw"}, {"seat": 0, "type": "fly"}]})");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.result["moves_applied"], 1);
  auto err = r.result["error"].as_object();
  EXPECT_EQ(err["move"], 1);
  EXPECT_EQ(err["code"], "bad_payload");
  EXPECT_FALSE(err["message"].as_string().empty());
  EXPECT_EQ(r.result["to_act"], json::parse("[0]"));
  EXPECT_FALSE(r.result["legal"].as_array().empty());
}

TEST(EngineCli, BadRecordsAreReportedNotCrashed) {
  for (const char* text : {"not json", "[1,2]", R"({"game": "chess"})",
                           R"({"game": "hearts", "options": {"moon": "maybe"}})",
                           R"({"game": "golf"})"}) {
    auto r = run_engine(text);
    EXPECT_EQ(r.status, 0) << text;
    auto err = r.result["error"].as_object();
    EXPECT_EQ(err["move"], nullptr) << text;
    EXPECT_TRUE(err["code"] == "bad_record" || err["code"] == "bad_option") << text;
    EXPECT_TRUE(r.result["hands"].as_array().empty()) << text;
  }
  auto opt = run_engine(R"({"game": "hearts", "options": {"moon": "maybe"}})");
  EXPECT_EQ(opt.result["error"].as_object()["code"], "bad_option");
  EXPECT_NE(std::string(opt.result["error"].as_object()["message"].as_string()).find("moon"),
            std::string::npos);
}

TEST(EngineCli, UnreadableFileIsAUsageError) {
  std::string arg0 = "engine", arg1 = "/nonexistent/record.json";
  char* argv[] = {arg0.data(), arg1.data(), nullptr};
  EXPECT_EQ(engine_main(2, argv), 2);
}

}  // namespace
}  // namespace parlor::tools
