#include "tools/engine/engine_cli.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "rules/record.h"
#include "rules/registry.h"

namespace parlor::tools {
namespace {

namespace json = boost::json;

constexpr const char* kUsage =
    "usage: parlor engine [FILE]\n"
    "\n"
    "Reads one game record (JSON, see docs/game-records.md) from FILE, or from\n"
    "standard input without one, plays its moves with the rules engine and prints\n"
    "the result object on one line: status, per-hand points, totals, winners, who\n"
    "acts next with their legal moves, or the first move that could not be applied\n"
    "with its code and message. Exit status 0 whenever the input could be read.\n";

json::object bad_record(const std::string& message) {
  json::object err;
  err["move"] = nullptr;
  err["code"] = "bad_record";
  err["message"] = message;
  return rules::result_object("", nullptr, 0, err);
}

}  // namespace

int engine_main(int argc, char** argv) {
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (!path.empty() || (arg.size() > 1 && arg[0] == '-')) {
      std::fputs(kUsage, stderr);
      return 2;
    }
    path = arg;
  }
  std::stringstream buf;
  if (path.empty() || path == "-") {
    buf << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "parlor engine: cannot read %s\n", path.c_str());
      return 2;
    }
    buf << in.rdbuf();
  }
  boost::system::error_code ec;
  json::value record = json::parse(buf.str(), ec);
  json::object result;
  if (ec) result = bad_record("the record is not valid JSON: " + ec.message());
  else if (!record.is_object()) result = bad_record("the record must be a JSON object");
  else result = rules::run_record(record.get_object());
  std::cout << json::serialize(result) << "\n";
  return 0;
}

}  // namespace parlor::tools
