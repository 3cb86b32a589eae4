// One rate step's window (rooms-step.mjs): moves, latencies, views, the
// server's CPU, RSS and store, this process's own CPU, the machine.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "coordinator.h"
#include "server_watch.h"

namespace parlor::load {

StepResult table_step(Run& run, double rate, int64_t rooms) {
  const Options& o = run.o;
  StepResult r;
  r.bots = o.bots();
  r.rate = rate;
  r.room_rate = rate > 0 ? rate / static_cast<double>(rooms) : 0;
  if (rate) log("step %.0f moves/s offered (%.2f/s per table): warming up %.0f s", rate, r.room_rate, o.warmup_s);
  else log("step unpaced: warming up %.0f s", o.warmup_s);
  for (size_t i = 0; i < run.workers.size(); i++) run.workers[i]->go(run.is_probe(i) ? o.probe_rate : r.room_rate);
  if (o.stagger && !run.prerolled) {
    // Wait for the pre-roll (each table's random 0-55 unpaced moves).
    const auto t0 = std::chrono::steady_clock::now();
    for (;;) {
      sleep_ms(1000);
      const auto st = run.all();
      const int64_t pending = sum(st, [](auto& s) { return s.rooms - s.st.prerolled; });
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (pending <= 0 || secs > 120) {
        log("pre-roll done in %.1f s (%lld moves so far)", secs, (long long)sum(st, [](auto& s) { return s.st.moves_ok; }));
        break;
      }
    }
    run.prerolled = true;
  }
  sleep_ms(static_cast<int64_t>(o.warmup_s * 1000));
  if (o.perf_s > 0 && !run.perf_done) {
    run.perf_done = true;
    log("perf: recording the server for %.0f s into %s", o.perf_s, o.perf_out.c_str());
    run.perf = start_perf(o.server_pid, o.perf_s, o.perf_out, o.perf_call_graph);
  }
  // Window start.
  std::vector<Snapshot> a;
  for (auto& w : run.workers) a.push_back(w->reset_window());
  const ServerSample srv_a = server_sample(o.server_pid);
  const MachineCpu mach_a = machine_cpu();
  const SelfSample self_a = self_sample();
  const auto m_a = fetch_metrics(o.host, o.port);
  const int64_t t_a = now_us();
  // The store every 100 ms; a progress line every 10 s.
  StoreSampler store(o.host, o.port, o.server_pid, t_a);
  const int64_t end = t_a + static_cast<int64_t>(o.duration_s * 1e6);
  int64_t next_progress = t_a + 10'000'000, next_sample = t_a + 100'000;
  while (now_us() < end) {
    const int64_t wake = std::min({end, next_progress, next_sample});
    if (wake > now_us()) sleep_ms((wake - now_us() + 999) / 1000);
    const int64_t now = now_us();
    if (now >= next_sample && now < end) {
      store.sample(now);
      next_sample += 100'000;
      if (next_sample < now) next_sample = now + 100'000;
    }
    if (now >= next_progress && now < end) {
      next_progress += 10'000'000;
      const auto st = run.all();
      const double secs = (now - t_a) / 1e6;
      double worst_p99 = 0;
      for (const auto& s : st)
        if (!std::isnan(s.all_so_far.p99)) worst_p99 = std::max(worst_p99, s.all_so_far.p99);
      log("  %.0f s: %.0f ok moves/s, views %.0f/s, all-views p99 so far (worst thread) %s, server RSS %.1f MiB, machine load %.2f", secs,
          (sum(st, [](auto& s) { return s.st.moves_ok; }) - sum(a, [](auto& s) { return s.st.moves_ok; })) / secs,
          (sum(st, [](auto& s) { return s.st.views; }) - sum(a, [](auto& s) { return s.st.views; })) / secs, fmt_us(worst_p99).c_str(),
          server_sample(o.server_pid).rss_kib / 1024.0, load_avg()[0]);
    }
  }
  // Window end.
  const int64_t t_b = now_us();
  const ServerSample srv_b = server_sample(o.server_pid);
  const MachineCpu mach_b = machine_cpu();
  const SelfSample self_b = self_sample();
  std::vector<Snapshot> b = run.all(true);
  const auto m_b = fetch_metrics(o.host, o.port);
  if (run.perf > 0) {
    wait_perf(run.perf);
    run.perf = -1;
  }
  const double secs = (t_b - t_a) / 1e6;
  r.window_s = secs;
  auto d = [&](auto f) { return sum(b, f) - sum(a, f); };

  // Latencies: the load threads', and the probe's apart.
  Hist all, ack, ack_in_socket, first, p_all, p_ack;
  for (size_t i = 0; i < b.size(); i++) {
    if (run.is_probe(i)) {
      p_all.merge(b[i].all);
      p_ack.merge(b[i].ack);
    } else {
      all.merge(b[i].all);
      ack.merge(b[i].ack);
      ack_in_socket.merge(b[i].ack_in_socket);
      first.merge(b[i].first_view);
      for (size_t k = 0; k < b[i].series.size(); k++) {
        if (r.series.size() <= k) r.series.resize(k + 1, {0, 0, 0});
        r.series[k][0] += b[i].series[k][0];
        r.series[k][1] += b[i].series[k][1];
        r.series[k][2] = std::max(r.series[k][2], b[i].series[k][2]);
      }
    }
  }
  r.lat_all = all.stats();
  r.lat_ack = ack.stats();
  r.lat_ack_in_socket = ack_in_socket.stats();
  r.lat_first = first.stats();
  if (run.has_probe) r.probe = StepResult::Probe{o.probe_tables, o.probe_rate, p_all.stats(), p_ack.stats()};

  const int64_t moves_ok = d([](auto& s) { return s.st.moves_ok; });
  // Durable moves: in `rooms` every move is a seat's push, answered ok once
  // durable. In `rooms-bots` the person's ok replies are a quarter; the
  // versions the one socket saw advance count every durable move.
  const int64_t durable = r.bots ? d([](auto& s) { return s.st.version_advance; }) : moves_ok;
  r.durable_moves = durable;
  r.durable_per_s = durable / secs;
  r.ok_per_s = moves_ok / secs;
  r.pushes_per_s = d([](auto& s) { return s.st.pushes; }) / secs;
  CountMap ra, rb;
  for (auto& s : a) merge_into(ra, s.st.moves_refused);
  for (auto& s : b) merge_into(rb, s.st.moves_refused);
  r.refused = diff_counts(ra, rb);
  const int64_t views = d([](auto& s) { return s.st.views; });
  r.views_per_s = views / secs;
  r.view_kib_avg = d([](auto& s) { return s.st.view_bytes; }) / static_cast<double>(std::max<int64_t>(1, views)) / 1024;
  r.frames_in_per_s = d([](auto& s) { return s.st.frames_in; }) / secs;
  r.server_move_us = server_move_quantiles(m_a, m_b, {0.5, 0.99});
  for (const char* stage : {"queue", "store", "completion"})
    if (auto q = histogram_quantiles(m_a, m_b, "parlor_move_stage_seconds", std::string("stage=\"") + stage + "\"",
                                     {0.5, 0.9, 0.99}))
      r.server_stage_us[stage] = *q;
  r.version_gaps = d([](auto& s) { return s.st.version_gaps; });
  r.games_over = d([](auto& s) { return s.st.games_over; });
  r.rematches = d([](auto& s) { return s.st.rematches; });
  r.closed = d([](auto& s) { return s.st.closed; });
  CountMap ea, eb;
  for (auto& s : a) merge_into(ea, s.st.errors);
  for (auto& s : b) {
    merge_into(eb, s.st.errors);
    merge_into(r.close_codes, s.st.close_codes);
  }
  r.client_errors = diff_counts(ea, eb);

  const auto writes = metric_delta(m_a, m_b, "parlor_store_writes_total");
  const auto commits = metric_delta(m_a, m_b, "parlor_store_commits_total");
  const auto commit_us = metric_delta(m_a, m_b, "parlor_store_commit_microseconds_total");
  if (commits) r.store.commits_per_s = *commits / secs;
  if (writes) r.store.writes_per_s = *writes / secs;
  if (commits && writes && *commits) r.store.writes_per_commit = *writes / *commits;
  if (commit_us) r.store.busy_pct = *commit_us / 1e6 / secs * 100;
  r.store.sampled = store.present();
  r.store.longest_no_commit_ms = store.longest_no_commit_ms;
  r.store.max_commit_ms_per_slice = store.max_commit_ms_per_slice;
  r.store.write_bursts = store.write_bursts;

  const auto pct = [secs](double ticks) { return ticks / kClkTck / secs * 100; };
  r.server.cpu_pct = pct(static_cast<double>(srv_b.user_ticks + srv_b.sys_ticks - srv_a.user_ticks - srv_a.sys_ticks));
  r.server.user_pct = pct(static_cast<double>(srv_b.user_ticks - srv_a.user_ticks));
  r.server.sys_pct = pct(static_cast<double>(srv_b.sys_ticks - srv_a.sys_ticks));
  if (durable) r.server.us_per_move = r.server.cpu_pct / 100 * secs * 1e6 / static_cast<double>(durable);
  r.server.rss_kib = srv_b.rss_kib;
  if (auto x = metric_delta(m_a, m_b, "parlor_frames_out_total")) r.server.frames_out_per_s = *x / secs;
  if (auto x = metric_delta(m_a, m_b, "parlor_bytes_out_total")) r.server.bytes_out_per_s = *x / secs;
  if (auto x = metric_delta(m_a, m_b, "parlor_frames_in_total")) r.server.frames_in_per_s = *x / secs;
  r.server.connections = metric(m_b, "parlor_connections");
  r.server.rooms_live = metric(m_b, "parlor_rooms_live");
  if (m_b) r.server.errors = server_errors(m_b);

  double threads_us = 0, threads_sys_us = 0;
  for (size_t i = 0; i < b.size(); i++) {
    const double us = static_cast<double>(b[i].cpu_us - a[i].cpu_us);
    threads_us += us;
    threads_sys_us += static_cast<double>(b[i].cpu_sys_us - a[i].cpu_sys_us);
    r.client.cpu_pct.push_back(us / 1e6 / secs * 100);
    r.client.loop_p99_ms = std::max(r.client.loop_p99_ms, b[i].loop_p99_ms);
    r.client.loop_max_ms = std::max(r.client.loop_max_ms, b[i].loop_max_ms);
  }
  r.client.total_pct = threads_us / 1e6 / secs * 100;
  r.client.sys_pct = threads_sys_us / 1e6 / secs * 100;
  r.client.process_pct = static_cast<double>(self_b.cpu_us - self_a.cpu_us) / 1e6 / secs * 100;
  if (durable) r.client.us_per_move = threads_us / static_cast<double>(durable);
  r.client.rss_kib = {self_b.rss_kib};
  r.machine_busy_pct = static_cast<double>(mach_b.busy - mach_a.busy) / static_cast<double>(mach_b.total - mach_a.total) * 100 * 2;
  r.machine_others_pct = std::max(0.0, r.machine_busy_pct - r.server.cpu_pct - r.client.process_pct);
  r.load_avg = load_avg();
  print_step(r);
  return r;
}

}  // namespace parlor::load
