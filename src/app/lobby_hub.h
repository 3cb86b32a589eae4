#pragma once
// LobbyHub: the lobby's live state shared by every `lobby` channel: the room
// list (room::Lobby) behind a lock, and the pushes of its changes to the
// lobby topic, batched so a burst of room changes becomes one `rooms` push.
#include <boost/json/object.hpp>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "room/chat.h"
#include "room/lobby.h"

namespace parlor::app {

class LobbyHub {
 public:
  // `publish(event, payload)` broadcasts to the lobby topic (thread-safe).
  using Publish = std::function<void(std::string_view, boost::json::object)>;

  void set_publisher(Publish p);
  void update(const boost::json::object& summary);
  void remove(const std::string& room_id);
  boost::json::array list() const;
  std::optional<std::string> quick_play_room(std::string_view game) const;
  // Sends pending changes as one `rooms` push; called by a periodic timer.
  void flush();
  // Lobby chat's per-player rate limit. Error rate_limited.
  Status take_chat_allowance(const std::string& player_id, std::int64_t now_ms);

 private:
  mutable std::mutex mu_;
  room::Lobby lobby_;
  room::ChatLimiter chat_limiter_{5, std::chrono::seconds(2)};
  Publish publish_;
};

}  // namespace parlor::app
