// A room's own CPU per move: whole Hearts games of four easy computer players
// and one person watching, through the real Room, bots and SQLite store, on
// one thread (the room's strand's work: views, bot decisions, moves, log
// appends handed to the store). The store's writer thread and sockets are not
// in the time; bench/load measures those with everything else.
//   cmake --build build --target room_bench && build/bench/room_bench
//
// Two orders of events, as a live server sees both:
//   AckEachMove  every move is durable (and published) before the next bot
//                looks: bots see published states.
//   BotsAhead    bots move three times before the log catches up: they look
//                at states not yet published.
#include <benchmark/benchmark.h>

#include <deque>
#include <filesystem>
#include <mutex>
#include <unistd.h>

#include "bots/bot.h"
#include "room/room.h"
#include "store/sqlite_store.h"

namespace parlor::bench {
namespace {

namespace json = boost::json;
using namespace parlor::room;

// Plays the actor's part: timers and bot requests wait for the driver; durable
// acks run when the driver says so. Views are counted, not read.
class BenchHost final : public RoomHost {
 public:
  explicit BenchHost(Store& store) : store_(store) {}

  void push(ConnId, std::string_view, json::object) override {}
  void push_text(ConnId, std::string_view, std::string_view payload) override {
    view_bytes += payload.size();
  }
  void reply(const ReplyTo&, bool, json::object) override {}
  void append(LogEntry entry, std::function<void(Status)> on_durable) override {
    store_.append(room_id, std::move(entry), on_room_strand(std::move(on_durable)));
  }
  std::function<void(Status)> on_room_strand(std::function<void(Status)> f) override {
    return [this, f = std::move(f)](Status st) {
      std::lock_guard lock(mu_);
      acks_.push_back([f, st] { f(st); });
    };
  }
  void store_chat(ChatMessage, std::function<void(Result<ChatMessage>)>) override {}
  Store& store() override { return store_; }
  void start_timer(TimerKey key, std::chrono::milliseconds) override {
    std::erase(timers, key);
    timers.push_back(key);
  }
  void cancel_timer(TimerKey key) override { std::erase(timers, key); }
  void request_bot_move(int seat, std::int64_t, std::string level, rules::StatePtr state,
                        std::uint64_t seed) override {
    asks.push_back({seat, bots::choose_move_for_seat(*state, seat, level, seed)});
  }
  void summary_changed(json::object) override {}
  std::int64_t now_ms() override { return 1'767'225'600'000; }
  std::string fresh_hand_seed() override { return std::to_string(seeds++) + std::string(60, 'a'); }

  void run_acks() {
    store_.flush();
    std::deque<std::function<void()>> ready;
    {
      std::lock_guard lock(mu_);
      ready.swap(acks_);
    }
    for (auto& f : ready) f();
  }

  struct Ask {
    int seat;
    json::value move;
  };
  std::string room_id;
  std::vector<TimerKey> timers;
  std::vector<Ask> asks;
  std::size_t view_bytes = 0;
  int seeds = 0;

 private:
  Store& store_;
  std::mutex mu_;
  std::deque<std::function<void()>> acks_;
};

// Fires every pending timer (bot turns, deals), then lets the bots move.
void step(Room& room, BenchHost& host) {
  for (TimerKey k : std::exchange(host.timers, {})) room.on_timer(k);
  for (auto& ask : std::exchange(host.asks, {})) room.on_bot_move(ask.seat, 0, ask.move);
}

void BM_BotGame(benchmark::State& bs, int moves_ahead) {
  const auto dir = std::filesystem::temp_directory_path() / ("room_bench_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = store::open_sqlite_store((dir / "parlor.db").string());
  PARLOR_CHECK(store.ok(), store.error().message);
  BenchHost host(**store);
  RoomConfig config;
  config.bot_delay = std::chrono::milliseconds(0);
  const Player watcher{"p_watch", "Watcher"};
  std::int64_t moves = 0, games = 0;
  for (auto _ : bs) {
    CreateParams p;
    p.id = host.room_id = "r" + std::to_string(games);
    p.game = "hearts";
    p.host = watcher;
    auto room = Room::create(p, config, host);
    PARLOR_CHECK(room.ok(), room.error().message);
    Room& r = **room;
    PARLOR_CHECK(r.join(1, watcher, {}).ok(), "join");
    for (int seat = 0; seat < 4; ++seat)
      r.handle(1, ReplyTo{1, 1}, "add_bot", json::object{{"seat", seat}, {"level", "easy"}});
    r.handle(1, ReplyTo{1, 2}, "start", {});
    while (r.status() == "playing") {
      for (int i = 0; i < moves_ahead; ++i) step(r, host);
      host.run_acks();
    }
    PARLOR_CHECK(r.status() == "finished", "the game did not finish: " << r.status());
    moves += r.version();
    ++games;
  }
  bs.counters["moves/s"] = benchmark::Counter(static_cast<double>(moves), benchmark::Counter::kIsRate);
  bs.counters["us/move"] = benchmark::Counter(static_cast<double>(moves) / 1e6,
                                              benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  bs.counters["view bytes/move"] = static_cast<double>(host.view_bytes) / static_cast<double>(moves);
  store->reset();
  std::filesystem::remove_all(dir);
}

BENCHMARK_CAPTURE(BM_BotGame, AckEachMove, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BotGame, BotsAhead, 3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parlor::bench
