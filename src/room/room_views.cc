// What a Room shows: per-connection views, the room info and the lobby summary.
#include "room/room.h"
#include <boost/json/parse.hpp>
#include <algorithm>
#include <optional>

#include "rules/json_text.h"
#include "rules/json_util.h"

namespace parlor::room {

void Room::write_seats(rules::JsonText& w) const {
  w.begin_array();
  for (size_t i = 0; i < seats_.size(); ++i) {
    const auto& s = seats_[i];
    w.begin_object().key("player");
    if (s.player) w.begin_object().key("id").string(s.player->id).key("name").string(s.player->name).end_object();
    else w.null();
    w.key("bot").boolean(!s.bot.empty() || s.standin);
    if (!s.bot.empty()) w.key("level").string(s.bot);
    w.key("standin").boolean(s.standin);
    w.key("connected").boolean(s.player ? s.connections > 0 : !s.bot.empty());
    if (turn_seconds_ && i < turn_since_ms_.size() && turn_since_ms_[i] >= 0)
      w.key("turn_deadline_ms").number(turn_since_ms_[i] + *turn_seconds_ * 1000LL);
    w.end_object();
  }
  w.end_array();
}

json::array Room::seats_json() const {
  std::string text;
  rules::JsonText w(text);
  write_seats(w);
  return json::parse(text).as_array();
}

std::string Room::game_text_of(const rules::StatePtr& state) const {
  if (state) return state->shared_view_text();
  std::string text;
  rules::JsonText w(text);
  w.key("game").string(rec_.game).key("status").string("waiting").key("to_act").begin_array().end_array();
  return text;
}

std::string Room::room_fields_text(std::int64_t version) const {
  std::string text;
  text.reserve(512);
  rules::JsonText w(text);
  w.key("version").number(version).key("room_status").string(rec_.status).key("seats");
  write_seats(w);
  return text;
}

namespace {
rules::Viewer viewer_of(int seat) { return seat >= 0 ? rules::Viewer(seat) : std::nullopt; }
}  // namespace

std::string Room::seat_view_text_of(const rules::StatePtr& state, int seat) const {
  if (state) return state->seat_view_text(viewer_of(seat));
  std::string text;
  rules::JsonText w(text);
  w.key("seat").seat_or_null(seat).key("legal").begin_array().end_array();
  return text;
}

std::string Room::view_text_of(const rules::StatePtr& state, std::int64_t version, int seat) const {
  std::string text = rules::joined_members_text(seat_view_text_of(state, seat), game_text_of(state));
  text.back() = ',';  // the object's '}': the room's fields follow
  text += room_fields_text(version);
  text += '}';
  return text;
}

json::object Room::view_of(const rules::StatePtr& state, std::int64_t version, int seat) const {
  return json::parse(view_text_of(state, version, seat)).as_object();
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
