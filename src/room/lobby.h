#pragma once
// Lobby: the live list of open public rooms and the quick-play choice, as
// plain logic. Rooms report their summaries; the lobby keeps those a player
// may see (public, not closed) and batches changes for the "rooms" push.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace parlor::room {

class Lobby {
 public:
  // A room's summary changed (RoomSummary of app-protocol.md).
  void update(const boost::json::object& summary);
  void remove(const std::string& room_id);

  // Every listed room, waiting ones first, then playing, then finished.
  boost::json::array list() const;
  // A waiting public room of `game` with an open seat, fullest first.
  std::optional<std::string> quick_play_room(std::string_view game) const;

  // Changes since the last call: {"changed": [...], "removed": [ids]}, or
  // nullopt when nothing changed.
  std::optional<boost::json::object> take_changes();

 private:
  static bool listable(const boost::json::object& summary);
  std::map<std::string, boost::json::object> rooms_;
  std::set<std::string> changed_;
  std::set<std::string> removed_;
};

}  // namespace parlor::room
