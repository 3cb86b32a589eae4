#include "tools/arena/arena_cli.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

#include "rules/registry.h"
#include "tools/arena/arena.h"

namespace parlor::tools {
namespace {

namespace json = boost::json;

constexpr const char* kUsage =
    "usage: parlor arena --game GAME --seats LEVEL,LEVEL,... [--hands N] [--seed S]\n"
    "                    [--options JSON] [--threads T] [--json]\n"
    "\n"
    "Plays whole seeded games between computer players until at least N hands\n"
    "(default 100) were played. Each entry of --seats is one entrant at a bot level\n"
    "(easy, normal, hard, or with settings: hard:playouts=400, normal:budget_ms=50);\n"
    "their number is the number of players. Every deal is played once per rotation\n"
    "of the entrants around the table, so that each entrant plays every seat's cards.\n"
    "Reports per entrant and per level: average points per hand (Spades: the\n"
    "entrant's team; Golf: hole score) with a 95% confidence interval, win rate,\n"
    "and milliseconds per decision (median, 99th percentile). --json prints one\n"
    "JSON object instead. --threads T plays T games at a time (the totals may then\n"
    "differ from run to run; each game stays seeded).\n";

int usage_error(const std::string& why) {
  std::fprintf(stderr, "parlor arena: %s\n\n%s", why.c_str(), kUsage);
  return 2;
}

template <class T>
bool parse_number(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

int arena_main(int argc, char** argv) {
  arena::Config config;
  std::string game_name;
  bool as_json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--json") {
      as_json = true;
      continue;
    }
    if (i + 1 >= argc) return usage_error("missing value after " + std::string(arg));
    const std::string_view value = argv[++i];
    if (arg == "--game") {
      game_name = value;
    } else if (arg == "--seats") {
      config.seats = split(value);
    } else if (arg == "--hands") {
      if (!parse_number(value, config.hands) || config.hands < 1) return usage_error("bad --hands");
    } else if (arg == "--seed") {
      if (!parse_number(value, config.seed)) return usage_error("bad --seed");
    } else if (arg == "--threads") {
      if (!parse_number(value, config.threads) || config.threads < 1) return usage_error("bad --threads");
    } else if (arg == "--options") {
      boost::system::error_code ec;
      json::value v = json::parse(value, ec);
      if (ec || !v.is_object()) return usage_error("--options must be a JSON object");
      config.options = v.as_object();
    } else {
      return usage_error("unknown argument " + std::string(arg));
    }
  }
  if (game_name.empty()) return usage_error("--game is required");
  if (config.seats.empty()) return usage_error("--seats is required");
  const rules::GameType* game = rules::find_game(game_name);
  if (!game) return usage_error("unknown game \"" + game_name + "\"");
  auto report = arena::run(*game, config);
  if (!report.ok()) {
    std::fprintf(stderr, "parlor arena: %s: %s\n", report.error().code.c_str(),
                 report.error().message.c_str());
    return 1;
  }
  if (as_json) {
    std::printf("%s\n", json::serialize(arena::report_json(*report)).c_str());
  } else {
    std::fputs(arena::report_text(*report).c_str(), stdout);
  }
  return 0;
}

}  // namespace parlor::tools
