#pragma once
// Command-line options of parlor_rooms_load: the Node tool's (rooms.mjs)
// names and defaults where they mean the same, plus --threads.
#include <optional>
#include <string>
#include <vector>

namespace parlor::load {

struct Options {
  std::string scenario;  // rooms | rooms-bots
  std::string host = "127.0.0.1";
  int port = 0;
  int server_pid = 0;
  std::string json;
  int threads = 1;
  int local_base = 2;  // thread t connects from 127.0.0.(local_base + t); 0: any
  bool public_rooms = false;
  int hb_sec = 30;
  int rooms = 2000;
  std::vector<double> rates;  // moves/s in total; 0 = unpaced
  double ramp_rate = 200;
  int concurrency = 20;
  double warmup_s = 10, duration_s = 30;
  bool pick_first = false;
  uint32_t seed = 1;
  bool stagger = true;
  double start_spread_ms = 0;  // rooms-bots: each table's first move waits up to this long
  int end_score = 0;  // 0: the game's default
  std::string level = "easy";
  int read_buffer = 16384;  // bytes asked of one recv() per WebSocket (at least 4096)
  int probe_tables = 4;
  double probe_rate = 2;
  double perf_s = 0;
  std::string perf_out = "perf.data", perf_call_graph = "dwarf,16384";

  bool bots() const { return scenario == "rooms-bots"; }
};

extern const char* const kUsage;

// Parsed options, or nullopt after printing why (or the usage, with `help`).
std::optional<Options> parse_options(int argc, char** argv, bool& help);

}  // namespace parlor::load
