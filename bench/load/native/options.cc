#include "options.h"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>

namespace parlor::load {

const char* const kUsage = R"(usage: parlor_rooms_load rooms|rooms-bots --url http://127.0.0.1:PORT --server-pid PID [options]

A native load generator for Parlor's rooms benchmark: the `rooms` and
`rooms-bots` scenarios of bench/load/rooms.mjs, with the same semantics and
JSON (bench/load/report.mjs prints it), at a fraction of Node's CPU per move.

  --url URL            server base URL (loopback only)                     (required)
  --server-pid PID     the server process, for CPU and RSS from /proc       (required)
  --json FILE          also write the results as JSON
  --threads N          worker threads, each with its own io_context owning whole
                       tables (a table's 4 sockets on one thread) (1)
  --local-base N       thread t connects from 127.0.0.(N+t); 0: kernel's choice (2)
  --public             create public rooms (default private: see rooms.mjs)
  --hb SEC             heartbeat per socket, like phoenix.js (30)
  --rooms K            tables (2000)
  --rate R[,R...]      durable moves per second to offer in total, paced per table
                       (R/K each, every table at 0.5-1.5 x the mean); 0 = unpaced
                       (closed loop). A list measures each rate in turn on the same
                       tables. rooms: 20000; rooms-bots: 0
  --ramp-rate N        tables set up per second, in total (200)
  --concurrency N      tables being set up at once per thread (20)
  --warmup SEC         play this long before each window (10)
  --duration SEC       measurement window per rate (30)
  --pick first|random  which legal move to push (random, seeded)
  --seed N             seed for the random picks (1)
  --no-stagger         no pre-roll (each table otherwise first plays a random 0-55
                       moves unpaced, rooms-bots 0-13 of the person's) and every
                       table at the mean pace
  --start-spread-ms N  rooms-bots: each table's person makes its first move after a
                       delay drawn uniform in [0, N] ms (unless --no-stagger). Tables
                       paced by the computer players alone keep the phase they start
                       with, so tables started together end their hands together;
                       spread over one hand's length (run.sh: 42 x --bot-delay-ms)
                       they play out of step, as independent tables do (0)
  --end-score N        Hearts end_score option (default: the game's 100)
  --level L            rooms-bots: computer players' level (easy)
  --read-buffer BYTES  bytes each WebSocket asks of one recv() (at least 4096; more
                       while a larger frame arrives): one recv() takes every frame
                       that has arrived (16384)
  --probe-tables N     extra tables on a thread of their own at --probe-rate moves/s
                       each whatever the step (4; 0: none)
  --probe-rate R       moves per second per probe table (2)
  --perf SEC           `perf record` the server for SEC s from the start of the first
                       window (--perf-out FILE [perf.data], --perf-call-graph MODE
                       [dwarf,16384])
)";

namespace {

template <class T>
bool num(const char* s, T& out) {
  const char* end = s + std::strlen(s);
  auto [p, ec] = std::from_chars(s, end, out);
  return ec == std::errc() && p == end;
}

bool parse_url(const std::string& url, Options& o) {
  const std::string pre = "http://";
  if (url.rfind(pre, 0) != 0) return false;
  std::string rest = url.substr(pre.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return false;
  o.host = rest.substr(0, colon);
  if (o.host == "localhost") o.host = "127.0.0.1";
  if (o.host.rfind("127.", 0) != 0) {
    std::fprintf(stderr, "refusing %s: this tool only targets loopback addresses\n", url.c_str());
    return false;
  }
  return num(rest.c_str() + colon + 1, o.port) && o.port > 0;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, bool& help) {
  Options o;
  help = false;
  std::string url, rates;
  bool bad = false;
  using Setter = std::function<bool(const char*)>;
  auto integer = [](auto& field) { return Setter([&field](const char* v) { return num(v, field); }); };
  auto real = [](double& field) {
    return Setter([&field](const char* v) {
      char* end = nullptr;
      field = std::strtod(v, &end);
      return end && *end == 0;
    });
  };
  auto text = [](std::string& field) { return Setter([&field](const char* v) { return (field = v), true; }); };
  std::map<std::string, Setter> with_value = {
      {"url", text(url)},
      {"server-pid", integer(o.server_pid)},
      {"json", text(o.json)},
      {"threads", integer(o.threads)},
      {"procs", integer(o.threads)},  // the Node tool's name for the same knob
      {"local-base", integer(o.local_base)},
      {"hb", integer(o.hb_sec)},
      {"rooms", integer(o.rooms)},
      {"rate", text(rates)},
      {"ramp-rate", real(o.ramp_rate)},
      {"concurrency", integer(o.concurrency)},
      {"warmup", real(o.warmup_s)},
      {"duration", real(o.duration_s)},
      {"pick", Setter([&o](const char* v) { return (o.pick_first = std::strcmp(v, "first") == 0) || std::strcmp(v, "random") == 0; })},
      {"seed", integer(o.seed)},
      {"start-spread-ms", real(o.start_spread_ms)},
      {"end-score", integer(o.end_score)},
      {"level", text(o.level)},
      {"read-buffer", integer(o.read_buffer)},
      {"probe-tables", integer(o.probe_tables)},
      {"probe-rate", real(o.probe_rate)},
      {"perf", real(o.perf_s)},
      {"perf-out", text(o.perf_out)},
      {"perf-call-graph", text(o.perf_call_graph)},
  };
  for (int i = 1; i < argc; i++) {
    const std::string a = argv[i];
    if (a.rfind("--", 0) != 0) {
      if (!o.scenario.empty()) bad = true;
      o.scenario = a;
      continue;
    }
    const std::string name = a.substr(2);
    if (name == "help" || a == "-h") help = true;
    else if (name == "public") o.public_rooms = true;
    else if (name == "no-stagger") o.stagger = false;
    else if (auto it = with_value.find(name); it != with_value.end()) {
      if (i + 1 >= argc || !it->second(argv[++i])) {
        std::fprintf(stderr, "parlor_rooms_load: bad value for --%s\n", name.c_str());
        bad = true;
      }
    } else {
      std::fprintf(stderr, "parlor_rooms_load: unknown option %s\n", a.c_str());
      bad = true;
    }
  }
  if (help || bad || (o.scenario != "rooms" && o.scenario != "rooms-bots") || url.empty()) {
    std::fputs(kUsage, help ? stdout : stderr);
    return std::nullopt;
  }
  if (!parse_url(url, o)) {
    if (o.host.rfind("127.", 0) == 0) std::fprintf(stderr, "parlor_rooms_load: --url must be http://127.x.x.x:PORT\n");
    return std::nullopt;
  }
  if (!o.server_pid) {
    std::fprintf(stderr, "--server-pid is required (RSS and CPU come from /proc/<pid>)\n");
    return std::nullopt;
  }
  if (rates.empty()) rates = o.bots() ? "0" : "20000";
  for (size_t s = 0; s <= rates.size();) {
    size_t e = rates.find(',', s);
    if (e == std::string::npos) e = rates.size();
    char* end = nullptr;
    const std::string part = rates.substr(s, e - s);
    const double r = std::strtod(part.c_str(), &end);
    if (part.empty() || *end || r < 0) {
      std::fprintf(stderr, "parlor_rooms_load: bad --rate %s\n", rates.c_str());
      return std::nullopt;
    }
    o.rates.push_back(r);
    s = e + 1;
  }
  if (o.threads < 1 || o.threads > 64 || o.rooms < 1 || o.concurrency < 1) {
    std::fprintf(stderr, "parlor_rooms_load: --threads 1-64, --rooms and --concurrency >= 1\n");
    return std::nullopt;
  }
  return o;
}

}  // namespace parlor::load
