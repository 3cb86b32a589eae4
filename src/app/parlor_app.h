#pragma once
// ParlorApp: Parlor's application on top of the channel server: the store,
// the room registry, the lobby, the computer players, their periodic chores,
// and the HTTP history API. `parlor serve` builds one, registers its topics,
// and starts it once the server listens.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "app/bot_runner.h"
#include "app/completion_relay.h"
#include "app/lobby_hub.h"
#include "app/parlor_channels.h"
#include "app/room_actor.h"
#include "app/room_registry.h"
#include "base/result.h"
#include "channels/router.h"
#include "net/http_types.h"

namespace boost::asio {
class io_context;
}

namespace parlor::net {
class Hub;
}

namespace parlor::app {

struct AppConfig {
  std::filesystem::path data_dir = "var";
  room::RoomConfig room;
  RegistryConfig registry;
  unsigned bot_threads = 1;
  bool power_loss_durability = false;  // synchronous=FULL instead of NORMAL
  std::chrono::milliseconds checkpoint_every{200};  // background WAL checkpoints; 0: inline
  // store::Options::commit_interval; 0: a batch starts as soon as the writer is
  // free (docs/storage.md, "Commit interval": pacing cost latency and saved
  // no CPU beyond the runs' spread).
  std::chrono::microseconds commit_interval{0};
};

class ParlorApp {
 public:
  // Opens (and migrates) DATA_DIR/parlor.db. Errors: the store's open errors.
  static Result<std::unique_ptr<ParlorApp>> open(AppConfig config, boost::asio::io_context& io);
  ~ParlorApp();

  // Registers "lobby" and "room:*".
  void add_topics(channels::Router& router);
  // Wires lobby pushes to the hub, resumes unfinished rooms and starts the
  // periodic chores (lobby batching, room eviction).
  void start(net::Hub& hub);
  // Stops the chores and the bots, and flushes the store (shutdown's drain).
  void stop();

  // GET /api/games/<room id> and GET /api/players/<id>/stats; nullopt for
  // other paths. Also remembers players when sessions are made.
  std::optional<net::HttpReply> http(std::string_view method, std::string_view path);
  void player_seen(const std::string& player_id, const std::string& name);
  // The application's metrics in the Prometheus text format (rooms in
  // memory, store commits and writes), for the server's /metrics.
  std::string metrics_text() const;

  // Counts the store's group commits; updated on the writer thread.
  struct StoreCounters {
    std::atomic<int64_t> commits{0};     // transactions committed
    std::atomic<int64_t> writes{0};      // queued writes they carried (moves, chat, rooms)
    std::atomic<int64_t> failed{0};      // writes that reported an error
    std::atomic<int64_t> commit_us{0};   // time spent from begin to commit
    net::Histogram commit_seconds{{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1}};
    std::atomic<int64_t> last_slow_log_ms{0};
  };

 private:
  ParlorApp(AppConfig config, boost::asio::io_context& io, std::unique_ptr<room::Store> store,
            std::shared_ptr<StoreCounters> counters, std::shared_ptr<CompletionRelay> completions);

  AppConfig config_;
  std::shared_ptr<StoreCounters> store_counters_;
  std::shared_ptr<CompletionRelay> completions_;  // shared with the store's on_commit
  MoveStages move_stages_;
  net::Histogram move_seconds_{{0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5}};
  std::unique_ptr<room::Store> store_;
  BotRunner bots_;
  LobbyHub lobby_;
  RoomServices services_;
  RoomRegistry rooms_;
  ParlorTopics topics_;
  std::atomic<bool> running_{false};
  std::thread chores_;
};

}  // namespace parlor::app
