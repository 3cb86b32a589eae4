#include "room/room.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "rules/registry.h"

namespace parlor::room {

namespace {

// Creates a throwaway game to validate options and learn the seat count.
Result<int> probe_players(const std::string& game, const json::object& options,
                          std::optional<int> players) {
  json::object record;
  record["game"] = game;
  record["options"] = options;
  if (players) record["players"] = *players;
  auto s = rules::create_from_record(record);
  if (!s) {
    if (s.error().code == "bad_record" && !rules::find_game(game))
      return make_error("not_found", "there is no game called \"" + game + "\"");
    return s.error().code == "bad_record" ? make_error("bad_option", s.error().message) : s.error();
  }
  return (*s)->players();
}

json::object seats_record(const std::vector<SeatState>& seats) {
  json::array a;
  for (const auto& s : seats) {
    json::object o;
    if (s.player) o["player"] = json::object{{"id", s.player->id}, {"name", s.player->name}};
    else o["player"] = nullptr;
    o["bot"] = s.bot;
    o["standin"] = s.standin;
    a.push_back(std::move(o));
  }
  return json::object{{"seats", std::move(a)}};
}

}  // namespace

Room::Room(RoomRecord rec, const RoomConfig& config, RoomHost& host)
    : rec_(std::move(rec)),
      config_(config),
      host_(host),
      bot_pace_(static_cast<std::uint_fast32_t>(std::hash<std::string>{}(rec_.id))) {}

Result<std::unique_ptr<Room>> Room::create(const CreateParams& p, const RoomConfig& config,
                                           RoomHost& host) {
  auto players = probe_players(p.game, p.options, p.players);
  if (!players) return players.error();
  RoomRecord rec;
  rec.id = p.id;
  rec.game = p.game;
  rec.is_private = p.is_private;
  rec.invite = p.invite;
  rec.host_player = p.host.id;
  rec.status = "waiting";
  rec.created_ms = rec.updated_ms = host.now_ms();
  std::unique_ptr<Room> room(new Room(std::move(rec), config, host));
  room->options_ = p.options;
  room->players_ = *players;
  room->turn_seconds_ = p.turn_seconds;
  room->seats_.resize(static_cast<size_t>(*players));
  room->bot_pending_.assign(static_cast<size_t>(*players), false);
  room->turn_since_ms_.assign(static_cast<size_t>(*players), -1);
  room->save_record();
  return room;
}

Result<std::unique_ptr<Room>> Room::restore(const std::string& id, const RoomConfig& config,
                                            RoomHost& host) {
  auto rec = host.store().load_room(id);
  if (!rec) return make_error("not_found", "there is no room " + id);
  boost::system::error_code ec;
  auto opts = json::parse(rec->options, ec);
  auto seats = json::parse(rec->seats, ec ? ec : ec);
  if (ec || !opts.is_object() || !seats.is_object())
    return make_error("broken", "room " + id + " has an unreadable record");
  std::unique_ptr<Room> room(new Room(*rec, config, host));
  const auto& o = opts.get_object();
  room->options_ = o.contains("options") ? o.at("options").as_object() : json::object{};
  if (const auto* t = o.if_contains("turn_seconds"); t && t->is_int64())
    room->turn_seconds_ = static_cast<int>(t->get_int64());
  for (const auto& s : seats.at("seats").as_array()) {
    SeatState st;
    const auto& so = s.as_object();
    if (so.at("player").is_object()) {
      const auto& po = so.at("player").as_object();
      st.player = Player{std::string(po.at("id").as_string()), std::string(po.at("name").as_string())};
    }
    st.bot = std::string(so.at("bot").as_string());
    room->seats_.push_back(std::move(st));
  }
  room->players_ = static_cast<int>(room->seats_.size());
  room->bot_pending_.assign(room->seats_.size(), false);
  room->turn_since_ms_.assign(room->seats_.size(), -1);
  // After a restart nobody is connected yet: every person gets the grace
  // period to come back before a computer player stands in.
  for (size_t i = 0; i < room->seats_.size(); ++i)
    if (room->seats_[i].player) host.start_timer({TimerKind::kGrace, static_cast<int>(i)}, config.grace);
  auto snap = host.store().load_snapshot(id);
  auto st = room->replay(snap, host.store().load_log(id, snap ? snap->seq : 0));
  if (!st) return st.error();
  for (auto& c : host.store().load_chat(id, config.chat_history)) {
    room->chat_.push_back(json::object{{"id", c.id},
                                       {"from", json::object{{"id", c.player_id}, {"name", c.name}}},
                                       {"text", c.text},
                                       {"at", c.at_ms}});
  }
  return room;
}

Result<json::object> Room::join(ConnId conn, const Player& player, const json::object& params) {
  int seat = seat_of(player.id);
  if (rec_.is_private && seat < 0 && player.id != rec_.host_player) {
    const auto* code = params.if_contains("invite");
    if (!code || !code->is_string() || code->get_string() != rec_.invite)
      return make_error("private", "this table is private: you need its invite link");
  }
  conns_[conn] = Conn{player};
  if (seat >= 0) {
    auto& s = seats_[static_cast<size_t>(seat)];
    if (++s.connections == 1) {
      host_.cancel_timer({TimerKind::kGrace, seat});
      s.standin = false;
      s.player->name = player.name;
    }
  }
  json::array chat;
  for (const auto& m : chat_) chat.push_back(m);
  json::object reply{{"room", info()}, {"view", view_for(conn)}, {"chat", std::move(chat)}};
  if (seat >= 0) push_room_and_views();
  else host_.summary_changed(summary());
  return reply;
}

void Room::leave(ConnId conn) {
  auto it = conns_.find(conn);
  if (it == conns_.end()) return;
  Player who = it->second.player;
  conns_.erase(it);
  int seat = seat_of(who.id);
  if (seat < 0) {
    host_.summary_changed(summary());
    return;
  }
  auto& s = seats_[static_cast<size_t>(seat)];
  if (--s.connections <= 0) {
    s.connections = 0;
    host_.start_timer({TimerKind::kGrace, seat}, config_.grace);
    push_room_and_views();
  }
}

void Room::handle(ConnId conn, const ReplyTo& to, std::string_view event,
                  const json::object& payload) {
  auto it = conns_.find(conn);
  if (it == conns_.end()) {
    host_.reply(to, false, json::object{{"code", "not_joined"}, {"message", "join the room first"}});
    return;
  }
  const Player who = it->second.player;
  if (event == "move") return move(who, to, payload);
  if (event == "chat") return chat(who, to, payload);
  Result<json::object> r = make_error("bad_payload", "unknown event \"" + std::string(event) + "\"");
  if (event == "sit") r = sit(who, payload);
  else if (event == "stand") r = stand(who);
  else if (event == "add_bot") r = add_bot(who, payload);
  else if (event == "remove_bot") r = remove_bot(who, payload);
  else if (event == "set_options") r = set_options(who, payload);
  else if (event == "start") r = start(who, payload);
  else if (event == "rematch") r = rematch(who);
  else if (event == "crash" && config_.test_mode) throw std::runtime_error("injected fault");
  if (r) {
    host_.reply(to, true, std::move(*r));
  } else {
    host_.reply(to, false, json::object{{"code", r.error().code}, {"message", r.error().message}});
  }
}

void Room::close() {
  rec_.status = "closed";
  save_record();
  host_.summary_changed(summary());
}

void Room::update_record() {
  json::object opts{{"options", options_}};
  if (turn_seconds_) opts["turn_seconds"] = *turn_seconds_;
  rec_.options = json::serialize(opts);
  rec_.seats = json::serialize(seats_record(seats_));
  rec_.updated_ms = host_.now_ms();
}

void Room::save_record() {
  update_record();
  auto st = host_.store().save_room(rec_);
  // Storage failing is a room failure: its supervisor restarts it from the store.
  if (!st) throw std::runtime_error("cannot save room " + rec_.id + ": " + st.error().message);
}

void Room::save_record_later() {
  update_record();
  host_.store().save_room_later(rec_, host_.on_room_strand([id = rec_.id](Status st) {
    if (!st) throw std::runtime_error("cannot save room " + id + ": " + st.error().message);
  }));
}

int Room::seat_of(const std::string& player_id) const {
  for (size_t i = 0; i < seats_.size(); ++i)
    if (seats_[i].player && seats_[i].player->id == player_id) return static_cast<int>(i);
  return -1;
}

}  // namespace parlor::room
