// What a Room shows: per-connection views, the room info and the lobby summary.
#include "room/room.h"
#include <algorithm>
#include <optional>

#include "rules/json_util.h"

namespace parlor::room {

json::array Room::seats_json() const {
  json::array a;
  a.reserve(seats_.size());
  for (size_t i = 0; i < seats_.size(); ++i) {
    const auto& s = seats_[i];
    json::object o;
    o.reserve(7);
    if (s.player) o["player"] = json::object{{"id", s.player->id}, {"name", s.player->name}};
    else o["player"] = nullptr;
    o["bot"] = !s.bot.empty() || s.standin;
    if (!s.bot.empty()) o["level"] = s.bot;
    o["standin"] = s.standin;
    o["connected"] = s.player ? s.connections > 0 : !s.bot.empty();
    if (turn_seconds_ && i < turn_since_ms_.size() && turn_since_ms_[i] >= 0)
      o["turn_deadline_ms"] = turn_since_ms_[i] + *turn_seconds_ * 1000LL;
    a.push_back(std::move(o));
  }
  return a;
}

json::object Room::room_view_fields(std::int64_t version) const {
  return json::object{{"version", version}, {"room_status", rec_.status}, {"seats", seats_json()}};
}

json::object Room::shared_view_of(const rules::StatePtr& state, std::int64_t version) const {
  json::object v;
  if (state) {
    v = game_part_of(state, version);
  } else {
    v["game"] = rec_.game;
    v["status"] = "waiting";
    v["to_act"] = json::array{};
  }
  v.reserve(v.size() + 8);  // and the seat's fields when view_of() joins them
  rules::merge_into(v, room_view_fields(version));
  return v;
}

json::object Room::game_part_of(const rules::StatePtr& state, std::int64_t version) const {
  auto kept = std::find_if(shared_parts_.begin(), shared_parts_.end(),
                           [&](const SharedPart& p) { return p.state == state; });
  if (kept != shared_parts_.end() && kept->object) {
    json::object part = std::move(*kept->object);
    kept->object.reset();
    if (kept->text.empty()) shared_parts_.erase(kept);
    return part;
  }
  json::object part = state->shared_view();
  if (version > shown_version_ && kept == shared_parts_.end())
    keep_shared_part(SharedPart{version, state, std::nullopt, rules::members_text(part)});
  return part;
}

std::string Room::game_part_text_of(const rules::StatePtr& state, std::int64_t version) {
  std::string text;
  for (SharedPart& p : shared_parts_)
    if (p.state == state) text = std::move(p.text);
  // Published now: no text is wanted for this version or an older one, and
  // an object kept for an older state will not be asked for.
  std::erase_if(shared_parts_, [&](const SharedPart& p) { return p.version <= version; });
  if (!text.empty()) return text;
  json::object part = state->shared_view();
  text = rules::members_text(part);
  const bool bot_to_look = std::ranges::find(bot_pending_, true) != bot_pending_.end();
  if (state == state_ && bot_to_look) keep_shared_part(SharedPart{version, state, std::move(part), {}});
  return text;
}

void Room::keep_shared_part(SharedPart part) const {
  if (shared_parts_.size() == kMaxSharedParts) shared_parts_.erase(shared_parts_.begin());
  shared_parts_.push_back(std::move(part));
}

std::string Room::shared_view_text_of(const rules::StatePtr& state, std::int64_t version) {
  if (!state) return rules::members_text(shared_view_of(state, version));
  std::string text = game_part_text_of(state, version);
  const std::string room = rules::members_text(room_view_fields(version));
  text.reserve(text.size() + room.size() + 1);
  text += ',';
  text += room;
  return text;
}

namespace {
rules::Viewer viewer_of(int seat) { return seat >= 0 ? rules::Viewer(seat) : std::nullopt; }
}  // namespace

json::object Room::seat_view_of(const rules::StatePtr& state, int seat) const {
  if (state) return state->seat_view(viewer_of(seat));
  return json::object{{"seat", seat >= 0 ? json::value(seat) : json::value(nullptr)},
                      {"legal", json::array{}}};
}

std::string Room::seat_view_text_of(const rules::StatePtr& state, int seat) const {
  if (state) return state->seat_view_text(viewer_of(seat));
  return rules::members_text(seat_view_of(state, seat));
}

json::object Room::view_of(const rules::StatePtr& state, std::int64_t version, int seat) const {
  json::object v = shared_view_of(state, version);
  rules::merge_into(v, seat_view_of(state, seat));
  return v;
}

json::object Room::view_for(ConnId conn) const {
  auto it = conns_.find(conn);
  int seat = it == conns_.end() ? -1 : seat_of(it->second.player.id);
  return view_of(shown_, shown_version_, seat);
}

void Room::push_room() {
  json::object room = info();
  for (const auto& [conn, c] : conns_) host_.push(conn, "room", room);
}

void Room::push_room_and_views() {
  push_room();
  publish(shown_);
  host_.summary_changed(summary());
}

json::object Room::summary() const {
  std::set<std::string> watchers;
  for (const auto& [conn, c] : conns_)
    if (seat_of(c.player.id) < 0) watchers.insert(c.player.id);
  json::array seats;
  for (const auto& s : seats_) {
    json::object o;
    if (s.player) o["player"] = json::object{{"id", s.player->id}, {"name", s.player->name}};
    else o["player"] = nullptr;
    o["bot"] = !s.bot.empty();
    o["connected"] = s.player ? s.connections > 0 : !s.bot.empty();
    seats.push_back(std::move(o));
  }
  return json::object{{"id", rec_.id},
                      {"game", rec_.game},
                      {"options", options_},
                      {"status", rec_.status},
                      {"seats", std::move(seats)},
                      {"spectators", static_cast<std::int64_t>(watchers.size())},
                      {"private", rec_.is_private}};
}

json::object Room::info() const {
  json::object o = summary();
  o["host"] = rec_.host_player;
  o["players"] = players_;
  o["seats"] = seats_json();
  if (rec_.is_private) o["invite"] = rec_.invite;
  if (turn_seconds_) o["turn_seconds"] = *turn_seconds_;
  o["version"] = shown_version_;
  return o;
}

}  // namespace parlor::room
