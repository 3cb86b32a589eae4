#include "app/lobby_hub.h"

namespace parlor::app {

void LobbyHub::set_publisher(Publish p) {
  std::lock_guard lock(mu_);
  publish_ = std::move(p);
}

void LobbyHub::update(const boost::json::object& summary) {
  std::lock_guard lock(mu_);
  lobby_.update(summary);
}

void LobbyHub::remove(const std::string& room_id) {
  std::lock_guard lock(mu_);
  lobby_.remove(room_id);
}

boost::json::array LobbyHub::list() const {
  std::lock_guard lock(mu_);
  return lobby_.list();
}

std::optional<std::string> LobbyHub::quick_play_room(std::string_view game) const {
  std::lock_guard lock(mu_);
  return lobby_.quick_play_room(game);
}

void LobbyHub::flush() {
  std::optional<boost::json::object> changes;
  Publish publish;
  {
    std::lock_guard lock(mu_);
    changes = lobby_.take_changes();
    publish = publish_;
  }
  if (changes && publish) publish("rooms", std::move(*changes));
}

Status LobbyHub::take_chat_allowance(const std::string& player_id, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  return chat_limiter_.take(player_id, now_ms);
}

}  // namespace parlor::app
