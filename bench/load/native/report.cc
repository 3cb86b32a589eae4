#include "report.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace parlor::load {

namespace json = boost::json;

namespace {

// JSON.stringify turns NaN and Infinity into null.
json::value num(double x) { return std::isfinite(x) ? json::value(x) : json::value(nullptr); }
json::value num(const std::optional<double>& x) { return x ? num(*x) : json::value(nullptr); }

json::object counts(const CountMap& m) {
  json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

json::object latency(const LatencyStats& l) {
  return {{"count", l.count}, {"p50", num(l.p50)}, {"p90", num(l.p90)}, {"p99", num(l.p99)}, {"p999", num(l.p999)}, {"max", num(l.max)}};
}

json::array series(const Series& s) {
  json::array a;
  for (const auto& e : s) a.push_back(json::array{e[0], e[1], e[2]});
  return a;
}

template <class T>
json::array arr(const T& xs) {
  json::array a;
  for (const auto& x : xs) a.push_back(num(static_cast<double>(x)));
  return a;
}

std::string cm(const CountMap& m) { return json::serialize(counts(m)); }

// {"name": count} with the counts as integers (they come from /metrics as doubles).
std::string int_counts(const std::map<std::string, double>& m) {
  json::object o;
  for (const auto& [k, v] : m) o[k] = static_cast<int64_t>(std::llround(v));
  return json::serialize(o);
}

std::string f0(double x) {
  char b[48];
  std::snprintf(b, sizeof b, "%.0f", x);
  return b;
}
std::string f1(double x) {
  char b[48];
  std::snprintf(b, sizeof b, "%.1f", x);
  return b;
}
std::string f2(double x) {
  char b[48];
  std::snprintf(b, sizeof b, "%.2f", x);
  return b;
}

json::object step_json(const StepResult& r) {
  json::object o;
  o["rate"] = num(r.rate);
  o["roomRate"] = num(r.room_rate);
  o["windowSeconds"] = num(r.window_s);
  o["durableMoves"] = r.durable_moves;
  o["durableMovesPerSec"] = num(r.durable_per_s);
  o["okRepliesPerSec"] = num(r.ok_per_s);
  o["pushesPerSec"] = num(r.pushes_per_s);
  o["refused"] = counts(r.refused);
  o["viewsPerSec"] = num(r.views_per_s);
  o["viewKiBAvg"] = num(r.view_kib_avg);
  o["framesInPerSec"] = num(r.frames_in_per_s);
  o["latencyAllViewsUs"] = latency(r.lat_all);
  o["latencyFirstViewUs"] = latency(r.lat_first);
  o["latencyAckUs"] = latency(r.lat_ack);
  o["latencyAckInSocketUs"] = latency(r.lat_ack_in_socket);
  o["serverMoveUs"] = r.server_move_us ? json::value(arr(*r.server_move_us)) : json::value(nullptr);
  json::object stages;
  for (const auto& [stage, q] : r.server_stage_us) stages[stage] = arr(q);
  o["serverStageUs"] = std::move(stages);
  if (r.probe)
    o["probe"] = json::object{{"tables", r.probe->tables},
                              {"movesPerSecPerTable", num(r.probe->rate)},
                              {"latencyAllViewsUs", latency(r.probe->lat_all)},
                              {"latencyAckUs", latency(r.probe->lat_ack)}};
  else o["probe"] = nullptr;
  o["series"] = series(r.series);
  o["versionGaps"] = r.version_gaps;
  o["gamesOver"] = r.games_over;
  o["rematches"] = r.rematches;
  o["closed"] = r.closed;
  o["closeCodes"] = counts(r.close_codes);
  o["clientErrors"] = counts(r.client_errors);
  json::object store{{"commitsPerSec", num(r.store.commits_per_s)},
                     {"writesPerSec", num(r.store.writes_per_s)},
                     {"writesPerCommit", num(r.store.writes_per_commit)},
                     {"commitBusyPct", num(r.store.busy_pct)}};
  if (r.store.sampled) {
    store["longestNoCommitMs"] = r.store.longest_no_commit_ms;
    store["maxCommitMsPerSlice"] = num(r.store.max_commit_ms_per_slice);
    store["writeBursts"] = arr(r.store.write_bursts);
  }
  o["store"] = std::move(store);
  json::object server{{"cpuPct", num(r.server.cpu_pct)},
                      {"userPct", num(r.server.user_pct)},
                      {"sysPct", num(r.server.sys_pct)},
                      {"cpuUsPerMove", num(r.server.us_per_move)},
                      {"rssKiB", r.server.rss_kib},
                      {"framesOutPerSec", num(r.server.frames_out_per_s)},
                      {"bytesOutPerSec", num(r.server.bytes_out_per_s)},
                      {"framesInPerSec", num(r.server.frames_in_per_s)},
                      {"connections", num(r.server.connections)},
                      {"roomsLive", num(r.server.rooms_live)}};
  if (r.server.errors) {
    json::object e;
    for (const auto& [k, v] : *r.server.errors) e[k] = v;
    server["errors"] = std::move(e);
  } else {
    server["errors"] = nullptr;
  }
  o["server"] = std::move(server);
  o["client"] = json::object{{"cpuPct", arr(r.client.cpu_pct)},
                             {"totalPct", num(r.client.total_pct)},
                             {"rssKiB", arr(r.client.rss_kib)},
                             {"loopDelayP99Ms", num(r.client.loop_p99_ms)},
                             {"loopDelayMaxMs", num(r.client.loop_max_ms)},
                             {"gcMaxPauseMs", 0},
                             {"gcTotalMs", json::array{}},
                             // added: the native tool's own cost
                             {"sysPct", num(r.client.sys_pct)},
                             {"processPct", num(r.client.process_pct)},
                             {"usPerMove", num(r.client.us_per_move)}};
  o["machine"] = json::object{{"busyPct", num(r.machine_busy_pct)}, {"othersPct", num(r.machine_others_pct)}};
  o["loadAvg"] = arr(r.load_avg);
  o["targets"] = json::object{{"moves20k", r.durable_per_s >= 20'000},
                              {"p99Under10ms", r.bots ? json::value(nullptr) : json::value(r.lat_all.p99 < 10'000)}};
  return o;
}

// Worst latency in the seconds with a write burst (or the second after)
// against the others.
std::string burst_effect(const StepResult& r) {
  std::set<int64_t> b;
  for (int64_t x : r.store.write_bursts) b.insert(x), b.insert(x + 1);
  double in = 0, out = 0;
  int nin = 0, nout = 0;
  for (size_t i = 0; i < r.series.size(); i++) {
    if (!r.series[i][0]) continue;
    if (b.count(static_cast<int64_t>(i))) in += r.series[i][2], nin++;
    else out += r.series[i][2], nout++;
  }
  const auto avg = [](double s, int n) { return n ? f0(s / n / 1000) : std::string("NaN"); };
  return "; worst per second averages " + avg(in, nin) + " ms in those seconds (and the next), " + avg(out, nout) + " ms in the others";
}

}  // namespace

void print_step(const StepResult& r) {
  const auto& l = r.lat_all;
  const auto& k = r.lat_ack;
  const auto& main = r.bots ? k : l;
  std::ostringstream o;
  o << "\n  step: " << (r.rate ? f0(r.rate) + " moves/s offered" : std::string("unpaced (closed loop)")) << "\n";
  o << "  durable moves                  " << f0(r.durable_per_s) << "/s over " << f1(r.window_s) << " s";
  if (r.bots) o << " (person's ok replies " << f0(r.ok_per_s) << "/s)";
  o << "; pushes " << f0(r.pushes_per_s) << "/s, refused " << cm(r.refused) << "\n";
  o << "  store                          ";
  if (!r.store.commits_per_s) o << "no store metrics\n";
  else
    o << f0(*r.store.commits_per_s) << " commits/s, " << f0(*r.store.writes_per_s) << " writes/s ("
      << (r.store.writes_per_commit ? f1(*r.store.writes_per_commit) : "-") << " per commit), committing "
      << (r.store.busy_pct ? f0(*r.store.busy_pct) : "?") << "% of the time\n";
  o << (r.bots ? "  push -> ok reply (durable)     " : "  push -> view at all 4 seats   ") << " p50 " << fmt_us(main.p50) << ", p90 "
    << fmt_us(main.p90) << ", p99 " << fmt_us(main.p99) << ", p99.9 " << fmt_us(main.p999) << ", max " << fmt_us(main.max) << " ("
    << main.count << " samples)\n";
  if (r.bots) {
    const auto& s = r.lat_ack_in_socket;
    o << "    to its arrival in the socket  p50 " << fmt_us(s.p50) << ", p90 " << fmt_us(s.p90) << ", p99 " << fmt_us(s.p99)
      << ", p99.9 " << fmt_us(s.p999) << ", max " << fmt_us(s.max) << " (kernel receive time: without the load tool's own delays)\n";
  }
  if (!r.bots) {
    o << "  push -> view at the first seat  p50 " << fmt_us(r.lat_first.p50) << ", p99 " << fmt_us(r.lat_first.p99) << "\n";
    o << "  push -> ok reply (durable)     p50 " << fmt_us(k.p50) << ", p99 " << fmt_us(k.p99) << ", max " << fmt_us(k.max) << "\n";
  }
  if (r.server_move_us)
    o << "  in the server (its histogram)  push at the room -> durable reply: p50 <= " << fmt_us((*r.server_move_us)[0])
      << ", p99 <= " << fmt_us((*r.server_move_us)[1]) << " (bucket bounds)\n";
  for (const auto& [stage, q] : r.server_stage_us)
    o << "    stage " << stage << std::string(stage.size() < 12 ? 12 - stage.size() : 0, ' ') << "             p50 <= "
      << fmt_us(q[0]) << ", p90 <= " << fmt_us(q[1]) << ", p99 <= " << fmt_us(q[2]) << "\n";
  if (r.probe) {
    const auto& p = r.bots ? r.probe->lat_ack : r.probe->lat_all;
    o << "  probe tables (" << r.probe->tables << ", " << f0(r.probe->rate) << "/s each, own thread)  "
      << (r.bots ? "push -> ok" : "push -> all 4 views") << " p50 " << fmt_us(p.p50) << ", p99 " << fmt_us(p.p99) << ", max "
      << fmt_us(p.max) << " (" << p.count << " samples)\n";
  }
  o << "  views received                 " << f0(r.views_per_s) << "/s, " << f2(r.view_kib_avg) << " KiB each; version gaps "
    << r.version_gaps << "; games over " << r.games_over << ", rematches " << r.rematches << "\n";
  o << "  server                         CPU " << f0(r.server.cpu_pct) << "% (user " << f0(r.server.user_pct) << "%, kernel "
    << f0(r.server.sys_pct) << "%), " << (r.server.us_per_move ? f1(*r.server.us_per_move) : "-") << " us per durable move; RSS "
    << f1(r.server.rss_kib / 1024.0) << " MiB; frames out " << f0(r.server.frames_out_per_s.value_or(NAN)) << "/s ("
    << f1(r.server.bytes_out_per_s.value_or(NAN) / 1048576) << " MiB/s), in " << f0(r.server.frames_in_per_s.value_or(NAN))
    << "/s; conns " << f0(r.server.connections.value_or(NAN)) << ", rooms live " << f0(r.server.rooms_live.value_or(NAN)) << "\n";
  o << "  slow moves per second         ";
  for (const auto& e : r.series) o << " " << (e[0] ? f0(std::round(100.0 * e[1] / e[0])) : "-");
  o << " (% over 10 ms, each second of the window)\n";
  o << "  worst per second              ";
  for (const auto& e : r.series) o << " " << f0(e[2] / 1000.0);
  o << " (ms)\n";
  o << "  write bursts (checkpoints)     ";
  if (!r.store.sampled) o << "?\n";
  else {
    o << "seconds ";
    for (size_t i = 0; i < r.store.write_bursts.size(); i++) o << (i ? ", " : "") << r.store.write_bursts[i];
    o << " of the window (> 8 MiB written in 100 ms)" << burst_effect(r) << "\n";
  }
  o << "  store stalls (100 ms samples)  longest run without a commit "
    << (r.store.sampled ? std::to_string(r.store.longest_no_commit_ms) : "?") << " ms; most commit time in one 100 ms slice "
    << (r.store.sampled ? f1(r.store.max_commit_ms_per_slice) : "?") << " ms\n";
  o << "  load generator (native)        threads";
  for (size_t i = 0; i < r.client.cpu_pct.size(); i++) o << (i ? " + " : " ") << f0(r.client.cpu_pct[i]) << "%";
  o << " = " << f0(r.client.total_pct) << "% (kernel " << f0(r.client.sys_pct) << "%; whole process " << f0(r.client.process_pct)
    << "%), " << (r.client.us_per_move ? f1(*r.client.us_per_move) : "-") << " us per durable move; tick delay p99 "
    << f1(r.client.loop_p99_ms) << " ms, max " << f1(r.client.loop_max_ms) << " ms; machine " << f0(r.machine_busy_pct)
    << "% of 200% (others ~" << f0(r.machine_others_pct) << "%)\n";
  o << "  sockets closed / errors        " << r.closed << " closed " << cm(r.close_codes) << "; client " << cm(r.client_errors)
    << "; server ";
  if (r.server.errors) {
    o << int_counts(*r.server.errors);
  } else {
    o << "null";
  }
  o << "\n  targets                        >= 20000 durable moves/s: " << (r.durable_per_s >= 20'000 ? "MET" : "NOT MET");
  if (!r.bots) o << "; p99 move -> all views < 10 ms: " << (l.p99 < 10'000 ? "MET" : "NOT MET");
  std::printf("%s\n", o.str().c_str());
  std::fflush(stdout);
}

void print_run(const RunResult& r) {
  const auto& t = r.totals;
  const int64_t probe = r.params.contains("probeTables") ? r.params.at("probeTables").to_number<int64_t>() : 0;
  std::printf(
      "\n%s result: %lld tables started (%lld of them probe tables; %lld failed) in %.1f s, %lld sockets\n"
      "  totals                         %lld ok moves, %lld pushes, refused %s, version gaps %lld, games over %lld, rematches %lld\n"
      "  sockets closed                 %lld %s; client errors %s; late replies %lld; heartbeats %lld/%lld (%lld missed)\n"
      "  server RSS                     %.1f MiB before, %.1f after the ramp, %.1f at the end (peak %.1f), %lld threads\n\n",
      r.scenario.c_str(), (long long)r.tables_started, (long long)probe, (long long)r.tables_failed, r.ramp_s, (long long)r.sockets_open,
      (long long)t.moves_ok, (long long)t.pushes, cm(t.moves_refused).c_str(), (long long)t.version_gaps, (long long)t.games_over,
      (long long)t.rematches, (long long)t.closed, cm(t.close_codes).c_str(), cm(t.errors).c_str(), (long long)t.late_replies,
      (long long)t.hb_ok, (long long)t.hb_sent, (long long)t.hb_missed, r.rss_before_kib / 1024.0, r.rss_after_ramp_kib / 1024.0,
      r.rss_end_kib / 1024.0, r.rss_peak_kib / 1024.0, (long long)r.threads);
  std::fflush(stdout);
}

json::object to_json(const RunResult& r) {
  json::array steps;
  for (const auto& s : r.steps) steps.push_back(step_json(s));
  const auto& t = r.totals;
  json::object totals{{"movesOk", t.moves_ok},       {"pushes", t.pushes},         {"movesRefused", counts(t.moves_refused)},
                      {"versionGaps", t.version_gaps}, {"gamesOver", t.games_over},   {"rematches", t.rematches},
                      {"closed", t.closed},            {"closeCodes", counts(t.close_codes)}, {"errors", counts(t.errors)},
                      {"lateReplies", t.late_replies}, {"hbOk", t.hb_ok},             {"hbSent", t.hb_sent},
                      {"hbMissed", t.hb_missed}};
  return {{"scenario", r.scenario},
          {"tool", "parlor_rooms_load"},
          {"when", r.when},
          {"params", r.params},
          {"tablesStarted", r.tables_started},
          {"tablesFailed", r.tables_failed},
          {"rampSeconds", num(r.ramp_s)},
          {"socketsOpen", r.sockets_open},
          {"steps", std::move(steps)},
          {"totals", std::move(totals)},
          {"server",
           json::object{{"rssBeforeKiB", r.rss_before_kib},
                        {"rssAfterRampKiB", r.rss_after_ramp_kib},
                        {"rssEndKiB", r.rss_end_kib},
                        {"rssPeakKiB", r.rss_peak_kib},
                        {"threads", r.threads}}},
          {"clientRssKiB", json::array{r.client_rss_kib}},
          {"loadAvg", arr(r.load_avg)}};
}

namespace {
void pretty_into(std::string& out, const json::value& v, int indent) {
  const std::string pad(static_cast<size_t>(indent) + 2, ' '), end_pad(static_cast<size_t>(indent), ' ');
  if (const auto* o = v.if_object()) {
    if (o->empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& kv : *o) {
      if (!first) out += ",\n";
      first = false;
      out += pad + json::serialize(json::value(kv.key())) + ": ";
      pretty_into(out, kv.value(), indent + 2);
    }
    out += "\n" + end_pad + "}";
  } else if (const auto* a = v.if_array()) {
    if (a->empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (size_t i = 0; i < a->size(); i++) {
      if (i) out += ",\n";
      out += pad;
      pretty_into(out, (*a)[i], indent + 2);
    }
    out += "\n" + end_pad + "]";
  } else if (v.is_double()) {
    // Integral doubles as integers, like JSON.stringify.
    const double d = v.get_double();
    char b[64];
    if (std::floor(d) == d && std::fabs(d) < 1e15) std::snprintf(b, sizeof b, "%.0f", d);
    else *std::to_chars(b, b + sizeof b - 1, d).ptr = 0;
    out += b;
  } else {
    out += json::serialize(v);
  }
}
}  // namespace

std::string pretty(const json::value& v) {
  std::string out;
  pretty_into(out, v, 0);
  return out + "\n";
}

}  // namespace parlor::load
