#include "room/lobby.h"

#include <algorithm>
#include <vector>

namespace parlor::room {

namespace json = boost::json;

namespace {
int status_rank(const json::object& s) {
  auto st = s.at("status").as_string();
  return st == "waiting" ? 0 : st == "playing" ? 1 : 2;
}
int open_seats(const json::object& s) {
  int n = 0;
  for (const auto& seat : s.at("seats").as_array()) {
    const auto& o = seat.as_object();
    if (o.at("player").is_null() && !o.at("bot").as_bool()) ++n;
  }
  return n;
}
}  // namespace

bool Lobby::listable(const json::object& summary) {
  const auto* priv = summary.if_contains("private");
  if (priv && priv->is_bool() && priv->get_bool()) return false;
  auto st = summary.at("status").as_string();
  return st == "waiting" || st == "playing" || st == "finished";
}

void Lobby::update(const json::object& summary) {
  std::string id(summary.at("id").as_string());
  if (!listable(summary)) {
    remove(id);
    return;
  }
  auto it = rooms_.find(id);
  if (it != rooms_.end() && it->second == summary) return;
  rooms_[id] = summary;
  changed_.insert(id);
  removed_.erase(id);
}

void Lobby::remove(const std::string& room_id) {
  if (rooms_.erase(room_id) == 0) return;
  changed_.erase(room_id);
  removed_.insert(room_id);
}

json::array Lobby::list() const {
  std::vector<const json::object*> all;
  for (const auto& [id, s] : rooms_) all.push_back(&s);
  std::stable_sort(all.begin(), all.end(), [](const auto* a, const auto* b) {
    return status_rank(*a) < status_rank(*b);
  });
  json::array out;
  for (const auto* s : all) out.push_back(*s);
  return out;
}

std::optional<std::string> Lobby::quick_play_room(std::string_view game) const {
  std::optional<std::string> best;
  int best_open = 1 << 20;
  for (const auto& [id, s] : rooms_) {
    if (s.at("game").as_string() != game || s.at("status").as_string() != "waiting") continue;
    int open = open_seats(s);
    if (open > 0 && open < best_open) {
      best = id;
      best_open = open;
    }
  }
  return best;
}

std::optional<json::object> Lobby::take_changes() {
  if (changed_.empty() && removed_.empty()) return std::nullopt;
  json::array changed, removed;
  for (const auto& id : changed_) changed.push_back(rooms_.at(id));
  for (const auto& id : removed_) removed.emplace_back(id);
  changed_.clear();
  removed_.clear();
  return json::object{{"changed", std::move(changed)}, {"removed", std::move(removed)}};
}

}  // namespace parlor::room
