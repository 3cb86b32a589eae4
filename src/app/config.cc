#include "app/config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/sha256.h"

namespace parlor::app {

namespace fs = std::filesystem;

std::string serve_usage() {
  return R"(usage: parlor serve [options]

Starts the Parlor server: the web client, the HTTP API and the Phoenix
Channels socket at /socket/websocket. Every option can also come from the
environment variable in brackets; a flag wins over its variable.

  --host ADDR          address to listen on [PARLOR_HOST] (default 0.0.0.0)
  --port N             TCP port, 0 for any free one [PARLOR_PORT] (default 4000)
  --data DIR           data directory [PARLOR_DATA] (default ./var)
  --secret S           token signing secret, >= 32 bytes [PARLOR_SECRET]
                       (default: DATA/secret, created on first start)
  --static DIR         web client files [PARLOR_STATIC] (default <repo>/client/dist)
  --threads N          I/O threads [PARLOR_THREADS] (default: one per core)
  --allow-origin O     allowed browser Origin besides same-origin, repeatable;
                       "*" allows any [PARLOR_ALLOW_ORIGINS, comma-separated]
  --max-frame BYTES    largest inbound WebSocket message [PARLOR_MAX_FRAME] (65536)
  --rate N             messages per second per socket [PARLOR_RATE] (50)
  --burst N            token bucket size per socket [PARLOR_BURST] (100)
  --max-queue BYTES    outbound queue per socket before 1013 [PARLOR_MAX_QUEUE] (1048576)
  --max-channels N     joined topics per socket [PARLOR_MAX_CHANNELS] (100)
  --idle-timeout SEC   close sockets silent this long, 1001 [PARLOR_IDLE_TIMEOUT] (60)
  --token-ttl SEC      session token lifetime [PARLOR_TOKEN_TTL] (2592000 = 30 days)
  --bot-delay-ms N     computer players wait this long before moving [PARLOR_BOT_DELAY_MS] (700)
  --bot-delay-spread-pct N
                       each wait is drawn from that delay +- N percent
                       [PARLOR_BOT_DELAY_SPREAD_PCT] (25)
  --grace-ms N         a dropped player's seat waits this long for them [PARLOR_GRACE_MS] (60000)
  --hand-pause-ms N    a finished hand stays on the table this long [PARLOR_HAND_PAUSE_MS] (2500)
  --room-evict-after SEC  a room with nobody connected leaves memory after this
                       long and comes back from storage when needed
                       [PARLOR_ROOM_EVICT_AFTER] (300)
  --room-close-after SEC  close unfinished rooms idle this long [PARLOR_ROOM_CLOSE_AFTER] (7200)
  --durability MODE    process (survives kill -9) or power (fsync each commit)
                       [PARLOR_DURABILITY] (process)
  --checkpoint-ms N     copy the WAL into the database file this often, on a
                       thread of its own; 0 leaves it to SQLite, inline with
                       commits [PARLOR_CHECKPOINT_MS] (200)
  --commit-interval-us N  while the store is busy, start a commit no sooner
                       than this after the last one started, so the writes
                       arriving meanwhile share them (fewer commits, up to
                       N us more latency); 0 commits as soon as the writer
                       is free [PARLOR_COMMIT_INTERVAL_US] (0)
  --test-mode          enable test-only features (the conformance:* topic, games
                       started from fixed deals, fault injection)
                       [PARLOR_TEST_MODE=1]; never in production
  --quiet              no log lines on stderr [PARLOR_QUIET=1]
  -h, --help           this text
)";
}

namespace {

Error usage(std::string message) { return make_error("usage", std::move(message)); }

template <class T>
bool parse_number(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool truthy(std::string_view v) { return v == "1" || v == "true" || v == "yes" || v == "on"; }

struct Option {
  const char* flag;
  const char* env;
  bool takes_value;
  std::function<Status(ServeConfig&, std::string_view)> apply;
};

template <class T>
std::function<Status(ServeConfig&, std::string_view)> number(const char* what, T min, T max,
                                                            std::function<void(ServeConfig&, T)> set) {
  return [=](ServeConfig& c, std::string_view v) -> Status {
    T n{};
    if (!parse_number(v, n) || n < min || n > max) {
      return usage(std::string(what) + " must be a number from " + std::to_string(min) + " to " +
                   std::to_string(max) + ", got '" + std::string(v) + "'");
    }
    set(c, n);
    return Status::Ok();
  };
}

std::vector<Option> options() {
  using C = ServeConfig;
  return {
      {"--host", "PARLOR_HOST", true, [](C& c, std::string_view v) { c.server.host = v; return Status::Ok(); }},
      {"--port", "PARLOR_PORT", true, number<int>("--port", 0, 65535, [](C& c, int n) { c.server.port = static_cast<uint16_t>(n); })},
      {"--data", "PARLOR_DATA", true, [](C& c, std::string_view v) { c.data_dir = std::string(v); return Status::Ok(); }},
      {"--secret", "PARLOR_SECRET", true, [](C& c, std::string_view v) -> Status {
         if (v.size() < 32) return usage("the secret must be at least 32 bytes");
         c.server.secret = v;
         return Status::Ok();
       }},
      {"--static", "PARLOR_STATIC", true, [](C& c, std::string_view v) { c.server.static_dir = std::string(v); return Status::Ok(); }},
      {"--threads", "PARLOR_THREADS", true, number<int>("--threads", 1, 256, [](C& c, int n) { c.server.threads = n; })},
      {"--allow-origin", "PARLOR_ALLOW_ORIGINS", true, [](C& c, std::string_view v) {
         while (!v.empty()) {
           size_t comma = v.find(',');
           std::string_view one = v.substr(0, comma);
           if (!one.empty()) c.server.allowed_origins.emplace_back(one);
           v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
         }
         return Status::Ok();
       }},
      {"--max-frame", "PARLOR_MAX_FRAME", true, number<size_t>("--max-frame", 256, 64 << 20, [](C& c, size_t n) { c.server.limits.max_frame_bytes = n; })},
      {"--rate", "PARLOR_RATE", true, number<int>("--rate", 1, 1000000, [](C& c, int n) { c.server.limits.rate_per_s = n; })},
      {"--burst", "PARLOR_BURST", true, number<int>("--burst", 1, 1000000, [](C& c, int n) { c.server.limits.burst = n; })},
      {"--max-queue", "PARLOR_MAX_QUEUE", true, number<size_t>("--max-queue", 4096, size_t{1} << 32, [](C& c, size_t n) { c.server.limits.max_queue_bytes = n; })},
      {"--max-channels", "PARLOR_MAX_CHANNELS", true, number<int>("--max-channels", 1, 10000, [](C& c, int n) { c.server.limits.max_channels = static_cast<size_t>(n); })},
      {"--idle-timeout", "PARLOR_IDLE_TIMEOUT", true, [](C& c, std::string_view v) -> Status {
         double s = 0;
         if (!parse_number(v, s) || s < 0.5 || s > 86400) return usage("--idle-timeout must be 0.5 to 86400 seconds");
         c.server.limits.idle_timeout = std::chrono::milliseconds(static_cast<int64_t>(s * 1000));
         return Status::Ok();
       }},
      {"--token-ttl", "PARLOR_TOKEN_TTL", true, number<int64_t>("--token-ttl", 60, int64_t{10} * 365 * 86400, [](C& c, int64_t n) { c.server.token_ttl_s = n; })},
      {"--bot-delay-ms", "PARLOR_BOT_DELAY_MS", true, number<int>("--bot-delay-ms", 0, 60000, [](C& c, int n) { c.app.room.bot_delay = std::chrono::milliseconds(n); })},
      {"--bot-delay-spread-pct", "PARLOR_BOT_DELAY_SPREAD_PCT", true, number<int>("--bot-delay-spread-pct", 0, 100, [](C& c, int n) { c.app.room.bot_delay_spread_pct = n; })},
      {"--grace-ms", "PARLOR_GRACE_MS", true, number<int>("--grace-ms", 0, 3600000, [](C& c, int n) { c.app.room.grace = std::chrono::milliseconds(n); })},
      {"--hand-pause-ms", "PARLOR_HAND_PAUSE_MS", true, number<int>("--hand-pause-ms", 0, 60000, [](C& c, int n) { c.app.room.hand_pause = std::chrono::milliseconds(n); })},
      {"--room-evict-after", "PARLOR_ROOM_EVICT_AFTER", true, number<int>("--room-evict-after", 1, 86400, [](C& c, int n) { c.app.registry.evict_after = std::chrono::seconds(n); })},
      {"--room-close-after", "PARLOR_ROOM_CLOSE_AFTER", true, number<int>("--room-close-after", 60, 30 * 86400, [](C& c, int n) { c.app.registry.close_after = std::chrono::seconds(n); })},
      {"--durability", "PARLOR_DURABILITY", true, [](C& c, std::string_view v) -> Status {
         if (v != "process" && v != "power") return usage("--durability must be process or power");
         c.app.power_loss_durability = v == "power";
         return Status::Ok();
       }},
      {"--checkpoint-ms", "PARLOR_CHECKPOINT_MS", true, number<int>("--checkpoint-ms", 0, 600000, [](C& c, int n) { c.app.checkpoint_every = std::chrono::milliseconds(n); })},
      {"--commit-interval-us", "PARLOR_COMMIT_INTERVAL_US", true, number<int>("--commit-interval-us", 0, 100000, [](C& c, int n) { c.app.commit_interval = std::chrono::microseconds(n); })},
      {"--test-mode", "PARLOR_TEST_MODE", false, [](C& c, std::string_view v) { c.test_mode = truthy(v); return Status::Ok(); }},
      {"--quiet", "PARLOR_QUIET", false, [](C& c, std::string_view v) { c.server.quiet = truthy(v); return Status::Ok(); }},
  };
}

}  // namespace

Result<ServeConfig> parse_serve_args(int argc, char** argv, const GetEnv& getenv,
                                     const std::string& default_static) {
  ServeConfig c;
  c.server.static_dir = default_static;
  const auto opts = options();
  // Environment first, flags after: a flag wins.
  for (const auto& o : opts) {
    if (const char* v = getenv(o.env); v && *v) {
      Status s = o.apply(c, v);
      if (!s.ok()) return make_error("usage", std::string(o.env) + ": " + s.error().message);
    }
  }
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      c.help = true;
      continue;
    }
    std::string_view value;
    bool has_inline = false;
    if (auto eq = arg.find('='); arg.substr(0, 2) == "--" && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_inline = true;
    }
    const Option* opt = nullptr;
    for (const auto& o : opts) {
      if (arg == o.flag) opt = &o;
    }
    if (!opt) return usage("unknown option " + std::string(arg) + " (see parlor serve --help)");
    if (opt->takes_value && !has_inline) {
      if (i + 1 >= argc) return usage(std::string(arg) + " needs a value");
      value = argv[++i];
    } else if (!opt->takes_value && !has_inline) {
      value = "1";
    }
    Status s = opt->apply(c, value);
    if (!s.ok()) return s.error();
  }
  return c;
}

Result<std::string> load_or_create_secret(const fs::path& data_dir) {
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec) return make_error("data_dir", "cannot create " + data_dir.string() + ": " + ec.message());
  fs::path file = data_dir / "secret";
  if (fs::exists(file, ec)) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string secret = ss.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (!in || secret.size() < 32) {
      return make_error("secret", file.string() + " is unreadable or shorter than 32 bytes");
    }
    return secret;
  }
  std::string secret = to_hex(random_bytes(32));
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return make_error("secret", "cannot create " + file.string() + ": " + std::strerror(errno));
  std::string line = secret + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) return make_error("secret", "cannot write " + file.string());
  return secret;
}

}  // namespace parlor::app
