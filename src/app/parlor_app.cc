#include "app/parlor_app.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "base/clock.h"
#include "base/thread_name.h"
#include "net/hub.h"
#include "net/metrics.h"
#include "store/sqlite_store.h"

namespace parlor::app {

namespace json = boost::json;

namespace {

net::HttpReply json_reply(int status, const json::value& body) {
  net::HttpReply r;
  r.status = status;
  r.header("Content-Type", "application/json");
  r.header("Cache-Control", "no-store");
  r.body = json::serialize(body);
  return r;
}

net::HttpReply not_found(const std::string& message) {
  return json_reply(404, json::object{{"error", json::object{{"code", "not_found"}, {"message", message}}}});
}

// A commit that holds every room's acknowledgements for this long is worth a
// line in the log (at most one a second: a slow disk would flood it).
constexpr std::chrono::milliseconds kSlowCommit{100};

void log_slow_commit(ParlorApp::StoreCounters& counters, const store::CommitInfo& info) {
  if (info.duration < kSlowCommit) return;
  const std::int64_t now_ms = steady_ns() / 1'000'000;
  auto last = counters.last_slow_log_ms.load(std::memory_order_relaxed);
  if (now_ms - last < 1000 || !counters.last_slow_log_ms.compare_exchange_strong(last, now_ms)) return;
  const long long ms = info.duration.count() / 1000;
  if (info.fold_step) {
    std::fprintf(stderr, "slow commit: a step of the log's fold took %lld ms\n", ms);
  } else {
    std::fprintf(stderr, "slow commit: %zu writes took %lld ms\n", info.jobs, ms);
  }
}

}  // namespace

Result<std::unique_ptr<ParlorApp>> ParlorApp::open(AppConfig config, boost::asio::io_context& io) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  store::Options opts;
  if (config.power_loss_durability) opts.durability = store::Durability::kPowerLoss;
  opts.checkpoint_every = config.checkpoint_every;
  opts.commit_interval = config.commit_interval;
  auto counters = std::make_shared<StoreCounters>();
  auto completions = std::make_shared<CompletionRelay>(io);
  opts.on_commit = [counters, completions](const store::CommitInfo& info) {
    completions->batch_done();
    counters->commits.fetch_add(1, std::memory_order_relaxed);
    counters->writes.fetch_add(static_cast<int64_t>(info.jobs), std::memory_order_relaxed);
    counters->failed.fetch_add(static_cast<int64_t>(info.failed), std::memory_order_relaxed);
    counters->commit_us.fetch_add(info.duration.count(), std::memory_order_relaxed);
    counters->commit_seconds.observe_ns(info.duration.count() * 1000);
    log_slow_commit(*counters, info);
  };
  auto s = store::open_sqlite_store((config.data_dir / "parlor.db").string(), opts);
  if (!s) return s.error();
  return std::unique_ptr<ParlorApp>(
      new ParlorApp(std::move(config), io, std::move(*s), std::move(counters), std::move(completions)));
}

ParlorApp::ParlorApp(AppConfig config, boost::asio::io_context& io, std::unique_ptr<room::Store> store,
                     std::shared_ptr<StoreCounters> counters, std::shared_ptr<CompletionRelay> completions)
    : config_(std::move(config)),
      store_counters_(std::move(counters)),
      completions_(std::move(completions)),
      store_(std::move(store)),
      bots_(config_.bot_threads),
      services_{io, *store_, bots_, lobby_, config_.room, &move_seconds_, &move_stages_, completions_.get()},
      rooms_(services_, config_.registry),
      topics_{rooms_, lobby_, *store_} {}

ParlorApp::~ParlorApp() { stop(); }

void ParlorApp::add_topics(channels::Router& router) { add_parlor_topics(router, topics_); }

void ParlorApp::start(net::Hub& hub) {
  lobby_.set_publisher([&hub](std::string_view event, json::object payload) {
    hub.broadcast("lobby", event, std::move(payload));
  });
  rooms_.resume_open_rooms();
  running_ = true;
  // Sweeps often enough that a room leaves memory within about a quarter of
  // its eviction delay, and at most twice a second.
  const auto sweep_every = std::clamp<std::chrono::milliseconds>(
      std::min(config_.registry.evict_after, config_.registry.close_after) / 4, std::chrono::milliseconds(500),
      std::chrono::milliseconds(30'000));
  chores_ = std::thread([this, sweep_every] {
    name_this_thread("parlor-chores");
    using namespace std::chrono_literals;
    auto next_sweep = std::chrono::steady_clock::now() + sweep_every;
    while (running_) {
      std::this_thread::sleep_for(200ms);  // lobby changes go out at most 5 times a second
      lobby_.flush();
      if (std::chrono::steady_clock::now() >= next_sweep) {
        rooms_.sweep();
        next_sweep = std::chrono::steady_clock::now() + sweep_every;
      }
    }
  });
}

void ParlorApp::stop() {
  if (running_.exchange(false) && chores_.joinable()) chores_.join();
  bots_.stop();
  if (store_) store_->flush();
}

void ParlorApp::player_seen(const std::string& player_id, const std::string& name) {
  (void)store_->upsert_player(player_id, name);
}

std::string ParlorApp::metrics_text() const {
  auto load = [](const std::atomic<int64_t>& a) { return a.load(std::memory_order_relaxed); };
  std::string out;
  net::append_metric(out, "parlor_rooms_live", "gauge", "Room actors in memory.",
                     static_cast<int64_t>(rooms_.live_rooms()));
  net::append_metric(out, "parlor_store_commits_total", "counter", "SQLite transactions committed (group commits and fold steps).",
                     load(store_counters_->commits));
  net::append_metric(out, "parlor_store_writes_total", "counter",
                     "Writes carried by those commits (moves, chat, room changes).", load(store_counters_->writes));
  net::append_metric(out, "parlor_store_failed_writes_total", "counter", "Writes the store refused or lost.",
                     load(store_counters_->failed));
  net::append_metric(out, "parlor_store_commit_microseconds_total", "counter", "Time spent committing, in microseconds.",
                     load(store_counters_->commit_us));
  store_counters_->commit_seconds.append(out, "parlor_store_commit_seconds",
                                         "Commits (group commits) by duration, from BEGIN to COMMIT.");
  move_seconds_.append(out, "parlor_move_seconds",
                       "Accepted moves, from the push reaching its room to the durable reply.");
  move_stages_.append(out);
  return out;
}

std::optional<net::HttpReply> ParlorApp::http(std::string_view method, std::string_view path) {
  constexpr std::string_view kGames = "/api/games/";
  constexpr std::string_view kPlayers = "/api/players/";
  if (method != "GET") return std::nullopt;
  if (path.starts_with(kGames)) {
    std::string id(path.substr(kGames.size()));
    auto result = store_->load_result(id);
    if (!result) return not_found("no finished game in room " + id);
    boost::system::error_code ec;
    json::value record = json::parse(result->record, ec);
    json::value outcome = json::parse(result->result, ec);
    if (ec || !record.is_object()) return not_found("the record of room " + id + " is unreadable");
    // The record itself (game-records.md), so `parlor engine` replays it as
    // it is; the extra fields are ignored by the engine.
    json::object out = record.as_object();
    out["room_id"] = id;
    out["finished_at"] = result->finished_ms;
    out["result"] = outcome;
    return json_reply(200, out);
  }
  if (path.starts_with(kPlayers) && path.ends_with("/stats")) {
    std::string id(path.substr(kPlayers.size(), path.size() - kPlayers.size() - 6));
    json::object games;
    int played = 0, won = 0;
    for (const auto& s : store_->player_stats(id)) {
      games[s.game] = json::object{{"played", s.played}, {"won", s.won}};
      played += s.played;
      won += s.won;
    }
    return json_reply(200, json::object{{"player_id", id},
                                        {"played", played},
                                        {"won", won},
                                        {"games", std::move(games)}});
  }
  return std::nullopt;
}

}  // namespace parlor::app
