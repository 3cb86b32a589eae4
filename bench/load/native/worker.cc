#include "worker.h"

#include <sys/resource.h>

#include <boost/asio/post.hpp>
#include <cmath>

#include "table.h"
#include "ws_socket.h"

namespace parlor::load {

namespace asio = boost::asio;

namespace {
constexpr int64_t kTickUs = 10'000;  // the loop-delay probe and the heartbeat walk

asio::steady_timer::time_point to_tp(int64_t us) {
  return asio::steady_timer::time_point(std::chrono::duration_cast<asio::steady_timer::duration>(std::chrono::microseconds(us)));
}
}  // namespace

Worker::Worker(int i, WorkerConfig c) : id(i), cfg(std::move(c)), rand_state_(0x9e3779b97f4a7c15ull ^ (cfg.seed + 7919u * static_cast<unsigned>(i))) {
  ready_ = ready_promise_.get_future().share();
}

Worker::~Worker() { stop(); }

void Worker::start() {
  thread_ = std::thread([this] {
    auto guard = asio::make_work_guard(ioc);
    tick_due_ = now_us() + kTickUs;
    next_hb_at_ = now_us() + 1'000'000;
    tick();
    set_up();
    ioc.run();
  });
}

void Worker::stop() {
  if (!thread_.joinable()) return;
  asio::post(ioc, [this] {
    stopping = true;
    for (auto& s : socks) s->close();
    ioc.stop();
  });
  thread_.join();
}

template <class F>
auto Worker::call(F f) -> decltype(f()) {
  std::packaged_task<decltype(f())()> task(std::move(f));
  auto fut = task.get_future();
  asio::post(ioc, [&task] { task(); });
  return fut.get();
}

Snapshot Worker::stats(bool with_hist) {
  return call([this, with_hist] { return snapshot(with_hist); });
}

Snapshot Worker::reset_window() {
  return call([this] {
    lat_all.clear();
    lat_ack.clear();
    lat_ack_in_socket.clear();
    lat_first.clear();
    loop_delay_.clear();
    series.clear();
    window_start_us = now_us();
    return snapshot(false);
  });
}

void Worker::go(double room_rate) {
  call([this, room_rate] { start_play(room_rate); });
}

Snapshot Worker::snapshot(bool with_hist) {
  Snapshot s;
  s.st = st;
  s.rooms = static_cast<int64_t>(rooms.size());
  for (auto& k : socks) s.open += k->is_open() ? 1 : 0;
  rusage ru{};
  getrusage(RUSAGE_THREAD, &ru);
  s.cpu_sys_us = ru.ru_stime.tv_sec * 1'000'000LL + ru.ru_stime.tv_usec;
  s.cpu_us = ru.ru_utime.tv_sec * 1'000'000LL + ru.ru_utime.tv_usec + s.cpu_sys_us;
  const LatencyStats ld = loop_delay_.stats();
  s.loop_p99_ms = std::isnan(ld.p99) ? 0 : ld.p99 / 1000;
  s.loop_max_ms = std::isnan(ld.max) ? 0 : ld.max / 1000;
  s.with_hist = with_hist;
  if (with_hist) {
    s.all = lat_all;
    s.ack = lat_ack;
    s.ack_in_socket = lat_ack_in_socket;
    s.first_view = lat_first;
    s.series = series;
  }
  s.all_so_far = lat_all.stats();
  return s;
}

void Worker::sample_all_views(int64_t first_at, int64_t all_at, int64_t t0) {
  lat_all.add(all_at - t0);
  series_add(series, window_start_us, all_at, all_at - t0);
  lat_first.add(first_at - t0);
}

double Worker::uniform() {
  // splitmix64
  uint64_t z = (rand_state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / 9007199254740992.0;
}

// ---------------------------------------------------------------- timers
// One asio timer for all of this thread's delayed pushes: a heap of due
// times, the timer armed for the earliest.

void Worker::at(int64_t at_us, std::function<void()> fn) {
  timed_.push({at_us, timed_seq_++, std::move(fn)});
  if (at_us < timer_at_ - kSlackUs) arm_timer();
}

void Worker::run_due_now(int64_t now) {
  while (!timed_.empty() && timed_.top().at <= now + kSlackUs) {
    auto fn = std::move(const_cast<Timed&>(timed_.top()).fn);
    timed_.pop();
    fn();
  }
}

void Worker::arm_timer() {
  if (timed_.empty()) {
    timer_at_ = INT64_MAX;
    return;
  }
  timer_at_ = timed_.top().at;
  timer_.expires_at(to_tp(timer_at_));  // cancels a wait for a later time
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec == asio::error::operation_aborted) return;
    run_due_now(now_us());
    arm_timer();
  });
}

// Every 10 ms: how late this tick is (this thread's own stalls, which land
// in the latencies it measures), and the heartbeats due: one per socket per
// hb_sec, spread over the period as phoenix.js's timers would be.
void Worker::tick() {
  tick_timer_.expires_at(to_tp(tick_due_));
  tick_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopping) return;
    const int64_t now = now_us();
    loop_delay_.add(now - tick_due_);
    tick_due_ += kTickUs;
    if (tick_due_ < now) tick_due_ = now + kTickUs;
    if (cfg.hb_sec > 0 && now >= next_hb_at_) {
      next_hb_at_ += 1'000'000;
      const size_t slot = hb_slot_++ % static_cast<size_t>(cfg.hb_sec);
      for (size_t i = slot; i < socks.size(); i += cfg.hb_sec)
        if (socks[i]->is_open()) socks[i]->heartbeat();
    }
    tick();
  });
}

}  // namespace parlor::load
