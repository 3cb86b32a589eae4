// parlor_rooms_load: the coordinator. Starts the worker threads (each sets
// up its share of the tables), runs one measurement step per --rate on the
// same tables (step.cc), adds up the totals, and prints and writes the
// results (as rooms.mjs and rooms-tables.mjs do for the Node tool).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <thread>

#include <boost/json/serialize.hpp>

#include "coordinator.h"
#include "server_watch.h"

namespace parlor::load {

void log(const char* fmt, ...) {
  const std::time_t t = std::time(nullptr);
  char ts[16];
  std::strftime(ts, sizeof ts, "%H:%M:%S", std::gmtime(&t));
  std::printf("[rooms %s] ", ts);
  va_list ap;
  va_start(ap, fmt);
  std::vprintf(fmt, ap);
  va_end(ap);
  std::printf("\n");
  std::fflush(stdout);
}

void sleep_ms(int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

namespace {

namespace json = boost::json;

// Each socket is a file descriptor: the soft limit up to the hard one.
void raise_fd_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

std::string iso_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  char b[40];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%S", std::gmtime(&t));
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", b, ms);
  return out;
}

Counters totals_of(const std::vector<Snapshot>& st) {
  Counters t;
  for (const auto& s : st) {
    t.moves_ok += s.st.moves_ok;
    t.pushes += s.st.pushes;
    merge_into(t.moves_refused, s.st.moves_refused);
    t.version_gaps += s.st.version_gaps;
    t.games_over += s.st.games_over;
    t.rematches += s.st.rematches;
    t.closed += s.st.closed;
    merge_into(t.close_codes, s.st.close_codes);
    merge_into(t.errors, s.st.errors);
    t.late_replies += s.st.late_replies;
    t.hb_ok += s.st.hb_ok;
    t.hb_sent += s.st.hb_sent;
    t.hb_missed += s.st.hb_missed;
  }
  return t;
}

int run_tables(const Options& o) {
  const bool bots = o.bots();
  const int per_room = bots ? 1 : 4;
  Run run{o, {}, false, false, -1, false};
  RunResult res;
  res.scenario = o.scenario;

  const ServerSample s0 = server_sample(o.server_pid);
  const auto m0 = fetch_metrics(o.host, o.port);
  std::string rates;
  for (double r : o.rates) rates += (rates.empty() ? "" : ", ") + (r ? std::to_string(static_cast<int64_t>(r)) + "/s" : "unpaced");
  log("%s: %d Hearts tables (%d socket(s) each%s) over %d thread(s); rates %s; warmup %.0f s, window %.0f s (native)", o.scenario.c_str(),
      o.rooms, per_room, bots ? " + 3 computer players" : "", o.threads, rates.c_str(), o.warmup_s, o.duration_s);
  log("server before: RSS %.1f MiB, threads %lld; store metrics %s", s0.rss_kib / 1024.0, (long long)s0.threads,
      metric(m0, "parlor_store_commits_total") ? "present" : "ABSENT");

  json::object options;
  if (o.end_score) options["end_score"] = o.end_score;
  WorkerConfig base;
  base.bots = bots;
  base.host = o.host;
  base.port = o.port;
  base.concurrency = o.concurrency;
  base.pick_first = o.pick_first;
  base.seed = o.seed;
  base.public_rooms = o.public_rooms;
  base.options_json = json::serialize(options);
  base.bot_level = o.level;
  base.stagger = o.stagger;
  base.start_spread_ms = bots && o.stagger ? o.start_spread_ms : 0;
  // One Hearts hand is 56 moves (4 passes + 52 cards); with computer
  // players the person makes a quarter of them.
  base.preroll_moves = bots ? 14 : 56;
  base.hb_sec = o.hb_sec;
  base.read_buffer = o.read_buffer;
  const std::string prefix = "n" + std::to_string(getpid() % 1000);
  int room_base = 0;
  for (int t = 0; t < o.threads; t++) {
    WorkerConfig c = base;
    c.rooms = o.rooms / o.threads + (t < o.rooms % o.threads ? 1 : 0);
    c.room_base = room_base;
    room_base += c.rooms;
    c.name_prefix = prefix + "t" + std::to_string(t);
    c.local_address = o.local_base ? "127.0.0." + std::to_string(o.local_base + t) : "";
    c.ramp_rate = o.ramp_rate / o.threads;
    run.workers.push_back(std::make_unique<Worker>(t, c));
  }
  // The probe: a few more tables on a thread of their own at a gentle fixed
  // pace whatever the step: latency without the load threads' own queueing.
  if (o.probe_tables > 0) {
    WorkerConfig c = base;
    c.rooms = o.probe_tables;
    c.room_base = room_base;
    c.name_prefix = prefix + "p";
    c.local_address = o.local_base ? "127.0.0." + std::to_string(o.local_base + o.threads) : "";
    c.ramp_rate = 0;
    c.probe = true;
    run.workers.push_back(std::make_unique<Worker>(o.threads, c));
    run.has_probe = true;
  }

  // Ramp.
  const int64_t expected = o.rooms + o.probe_tables;
  const double timeout_s = std::max(300.0, o.rooms / o.ramp_rate * 3);
  const auto t0 = std::chrono::steady_clock::now();
  for (auto& w : run.workers) w->start();
  for (;;) {
    bool done = true;
    for (auto& w : run.workers)
      if (w->ready().wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) done = false;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (done) break;
    if (secs > timeout_s) {
      std::fprintf(stderr, "rooms: tables not ready after %.0f s\n", timeout_s);
      return 1;
    }
    static double next_progress = 5;
    if (secs >= next_progress) {
      next_progress += 5;
      const auto st = run.all();
      const auto m = fetch_metrics(o.host, o.port);
      log("ramp: tables ready %lld/%lld, failed %lld, sockets %lld, server conns %.0f, rooms live %.0f, server RSS %.1f MiB",
          (long long)sum(st, [](auto& s) { return s.st.rooms_ready; }), (long long)expected,
          (long long)sum(st, [](auto& s) { return s.st.rooms_failed; }), (long long)sum(st, [](auto& s) { return s.open; }),
          metric(m, "parlor_connections").value_or(NAN), metric(m, "parlor_rooms_live").value_or(NAN),
          server_sample(o.server_pid).rss_kib / 1024.0);
    }
    sleep_ms(100);
  }
  for (auto& w : run.workers) {
    try {
      w->ready().get();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "rooms: worker %d failed to set up: %s\n", w->id, e.what());
      return 1;
    }
  }
  res.ramp_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto after_ramp = run.all();
  const int64_t ready = sum(after_ramp, [](auto& s) { return s.st.rooms_ready; });
  const ServerSample s_ramp = server_sample(o.server_pid);
  const auto m_ramp = fetch_metrics(o.host, o.port);
  res.tables_started = ready;
  res.tables_failed = sum(after_ramp, [](auto& s) { return s.st.rooms_failed; });
  res.sockets_open = sum(after_ramp, [](auto& s) { return s.open; });
  log("ramp done in %.1f s: %lld tables started, %lld failed; %lld sockets; server RSS %.1f MiB, conns %.0f", res.ramp_s, (long long)ready,
      (long long)res.tables_failed, (long long)res.sockets_open, s_ramp.rss_kib / 1024.0, metric(m_ramp, "parlor_connections").value_or(NAN));
  if (!ready) {
    CountMap errs;
    for (auto& s : after_ramp) merge_into(errs, s.st.errors);
    std::string e;
    for (auto& [k, v] : errs) e += k + ": " + std::to_string(v) + "; ";
    std::fprintf(stderr, "rooms: no table started: %s\n", e.c_str());
    return 1;
  }

  const int64_t probe_ready = run.has_probe ? run.workers.back()->stats().st.rooms_ready : 0;
  for (double rate : o.rates) res.steps.push_back(table_step(run, rate, std::max<int64_t>(1, ready - probe_ready)));
  const auto fin = run.all();
  const ServerSample s_end = server_sample(o.server_pid);
  for (auto& w : run.workers) w->stop();

  res.when = iso_now();
  json::array rates_j;
  for (double r : o.rates) rates_j.push_back(r);
  res.params = json::object{{"rooms", o.rooms},
                            {"procs", o.threads},
                            {"threads", o.threads},
                            {"rates", rates_j},
                            {"warmupS", o.warmup_s},
                            {"durationS", o.duration_s},
                            {"rampRate", o.ramp_rate},
                            {"pick", o.pick_first ? "first" : "random"},
                            {"public", o.public_rooms},
                            {"options", options},
                            {"probeTables", o.probe_tables},
                            {"readBuffer", o.read_buffer}};
  res.totals = totals_of(fin);
  res.rss_before_kib = s0.rss_kib;
  res.rss_after_ramp_kib = s_ramp.rss_kib;
  res.rss_end_kib = s_end.rss_kib;
  res.rss_peak_kib = s_end.hwm_kib;
  res.threads = s_end.threads;
  res.client_rss_kib = self_sample().rss_kib;
  res.load_avg = load_avg();
  print_run(res);
  if (!o.json.empty()) {
    std::ofstream f(o.json);
    f << pretty(to_json(res));
    if (!f) {
      std::fprintf(stderr, "rooms: could not write %s\n", o.json.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace parlor::load

int main(int argc, char** argv) {
  using namespace parlor::load;
  bool help = false;
  auto o = parse_options(argc, argv, help);
  if (!o) return help ? 0 : 2;
  raise_fd_limit();
  int rc = 1;
  try {
    rc = run_tables(*o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rooms %s: %s\n", o->scenario.c_str(), e.what());
  }
  std::fflush(stdout);
  std::fflush(stderr);
  // The sockets close with the process (as the Node tool's terminate);
  // skipping the destructors keeps the exit quick with thousands of them.
  std::_Exit(rc);
}
