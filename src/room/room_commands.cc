// Seat, host and chat commands of a Room.
#include <boost/json/serialize.hpp>
#include <cmath>

#include "room/chat.h"

#include "room/room.h"
#include "rules/registry.h"

namespace parlor::room {

namespace {

Result<int> read_seat(const json::object& p, int players) {
  const auto* v = p.if_contains("seat");
  if (!v || !(v->is_int64() || v->is_uint64()))
    return make_error("bad_payload", "say which seat: {\"seat\": 0}");
  auto n = v->to_number<std::int64_t>();
  if (n < 0 || n >= players)
    return make_error("bad_payload", "there is no seat " + std::to_string(n));
  return static_cast<int>(n);
}

Result<std::string> read_level(const json::object& p) {
  const auto* v = p.if_contains("level");
  if (!v || v->is_null()) return std::string("normal");
  if (v->is_string() && (v->get_string() == "easy" || v->get_string() == "normal" ||
                         v->get_string() == "hard"))
    return std::string(v->get_string());
  return make_error("bad_payload", "level must be easy, normal or hard");
}

Error game_started() { return make_error("game_started", "the game has already started"); }
Error not_host() { return make_error("not_host", "only the host can do that"); }

}  // namespace

json::object Room::game_setup(std::optional<int> dealer) {
  if (!dealer) {
    // The first dealer is drawn from the OS's random source like the seeds.
    auto bytes = host_.fresh_hand_seed();
    dealer = static_cast<int>(std::stoul(bytes.substr(0, 8), nullptr, 16) %
                              static_cast<unsigned long>(players_));
  }
  return json::object{{"game", rec_.game}, {"options", options_}, {"players", players_},
                      {"dealer", *dealer}};
}

Result<json::object> Room::sit(const Player& who, const json::object& p) {
  auto seat = read_seat(p, players_);
  if (!seat) return seat.error();
  auto& s = seats_[static_cast<size_t>(*seat)];
  int mine = seat_of(who.id);
  if (mine == *seat) return json::object{{"seat", *seat}};
  if (!s.empty()) return make_error("seat_taken", "seat " + std::to_string(*seat) + " is taken");
  if (rec_.status != "waiting") return game_started();
  int conns = 0;
  for (const auto& [id, c] : conns_) conns += c.player.id == who.id ? 1 : 0;
  if (mine >= 0) seats_[static_cast<size_t>(mine)] = SeatState{};
  s = SeatState{};
  s.player = who;
  s.connections = conns;
  save_record();
  push_room_and_views();
  return json::object{{"seat", *seat}};
}

Result<json::object> Room::stand(const Player& who) {
  int mine = seat_of(who.id);
  if (mine < 0) return make_error("not_seated", "you are not sitting at this table");
  if (rec_.status == "playing")
    return make_error("game_started", "you cannot leave your seat during a game");
  seats_[static_cast<size_t>(mine)] = SeatState{};
  save_record();
  push_room_and_views();
  return json::object{};
}

Result<json::object> Room::add_bot(const Player& who, const json::object& p) {
  if (!is_host(who)) return not_host();
  auto seat = read_seat(p, players_);
  if (!seat) return seat.error();
  auto level = read_level(p);
  if (!level) return level.error();
  auto& s = seats_[static_cast<size_t>(*seat)];
  if (!s.empty() && s.bot.empty())
    return make_error("seat_taken", "seat " + std::to_string(*seat) + " is taken");
  if (rec_.status == "playing" && s.empty()) return game_started();
  s.bot = *level;
  save_record();
  push_room_and_views();
  schedule_actors();
  return json::object{{"seat", *seat}, {"level", *level}};
}

Result<json::object> Room::remove_bot(const Player& who, const json::object& p) {
  if (!is_host(who)) return not_host();
  auto seat = read_seat(p, players_);
  if (!seat) return seat.error();
  auto& s = seats_[static_cast<size_t>(*seat)];
  if (s.bot.empty()) return make_error("bad_payload", "no computer player sits there");
  if (rec_.status == "playing") return game_started();
  s.bot.clear();
  save_record();
  push_room_and_views();
  return json::object{};
}

Result<json::object> Room::set_options(const Player& who, const json::object& p) {
  if (!is_host(who)) return not_host();
  if (rec_.status != "waiting") return game_started();
  const auto* o = p.if_contains("options");
  if (!o || !o->is_object()) return make_error("bad_payload", "send {\"options\": {...}}");
  json::object record{{"game", rec_.game}, {"options", o->as_object()}};
  if (const auto* n = p.if_contains("players")) record["players"] = *n;
  else if (rec_.game == "golf") record["players"] = players_;
  auto probe = rules::create_from_record(record);
  if (!probe) return make_error("bad_option", probe.error().message);
  int players = (*probe)->players();
  if (players < players_) {
    for (size_t i = static_cast<size_t>(players); i < seats_.size(); ++i)
      if (seats_[i].player) return make_error("seat_taken", "someone sits in a seat that would go");
  }
  options_ = o->as_object();
  players_ = players;
  seats_.resize(static_cast<size_t>(players));
  bot_pending_.assign(seats_.size(), false);
  turn_since_ms_.assign(seats_.size(), -1);
  save_record();
  push_room_and_views();
  return json::object{{"options", (*probe)->options()}};
}

Result<json::object> Room::start(const Player& who, const json::object& p) {
  if (!is_host(who)) return not_host();
  if (rec_.status == "playing") return game_started();
  if (rec_.status == "finished") return make_error("game_over", "the game is over: ask for a rematch");
  for (const auto& s : seats_)
    if (s.empty()) return make_error("seats_open", "fill every seat (add computer players) first");
  std::optional<int> dealer;
  json::object setup;
  if (config_.test_mode) {
    // Test mode may fix the deals and the first dealer of a game.
    if (const auto* d = p.if_contains("dealer"); d && d->is_int64()) dealer = static_cast<int>(d->get_int64());
    setup = game_setup(dealer);
    if (const auto* v = p.if_contains("deals")) setup["deals"] = *v;
  } else {
    setup = game_setup(std::nullopt);
  }
  auto st = start_game(std::move(setup));
  if (!st) return st.error();
  return json::object{{"version", version_}};
}

Result<json::object> Room::rematch(const Player& who) {
  if (rec_.status != "finished")
    return make_error("not_finished", "a rematch starts once the game is over");
  if (seat_of(who.id) < 0 && !is_host(who))
    return make_error("not_seated", "only players at the table can ask for a rematch");
  // The deal passes on: the next game's first dealer is left of the last one.
  int dealer = setup_.contains("dealer") ? static_cast<int>(setup_.at("dealer").to_number<std::int64_t>()) : 0;
  auto st = start_game(game_setup((dealer + 1) % players_));
  if (!st) return st.error();
  return json::object{{"version", version_}};
}

Result<json::object> Room::quick_seat(const Player& who, bool fill) {
  int mine = seat_of(who.id);
  if (mine < 0) {
    if (rec_.status != "waiting") return game_started();
    for (size_t i = 0; i < seats_.size() && mine < 0; ++i)
      if (seats_[i].empty()) mine = static_cast<int>(i);
    if (mine < 0) return make_error("table_full", "every seat at this table is taken");
    seats_[static_cast<size_t>(mine)].player = who;
  }
  if (fill && rec_.status == "waiting") {
    for (auto& s : seats_)
      if (s.empty()) s.bot = "normal";
    save_record();
    auto st = start_game(game_setup(std::nullopt));
    if (!st) return st.error();
  } else {
    save_record();
  }
  push_room_and_views();
  return json::object{{"room_id", rec_.id}, {"seat", mine}};
}

void Room::chat(const Player& who, const ReplyTo& to, const json::object& p) {
  auto fail = [&](const char* code, const std::string& message) {
    host_.reply(to, false, json::object{{"code", code}, {"message", message}});
  };
  const auto* t = p.if_contains("text");
  if (!t || !t->is_string()) return fail("bad_payload", "send {\"text\": \"...\"}");
  std::string text(t->get_string());
  auto now = host_.now_ms();
  Status ok = check_chat_text(text, config_.chat_max_chars);
  if (ok) ok = chat_limiter_.take(who.id, now);
  if (!ok) return fail(ok.error().code.c_str(), ok.error().message);
  ChatMessage msg{0, rec_.id, who.id, who.name, std::move(text), now};
  host_.store_chat(std::move(msg), [this, to](Result<ChatMessage> stored) {
    if (!stored) {
      host_.reply(to, false, json::object{{"code", "storage"}, {"message", stored.error().message}});
      return;
    }
    json::object m{{"id", stored->id},
                   {"from", json::object{{"id", stored->player_id}, {"name", stored->name}}},
                   {"text", stored->text},
                   {"at", stored->at_ms}};
    chat_.push_back(m);
    while (static_cast<int>(chat_.size()) > config_.chat_history) chat_.pop_front();
    host_.reply(to, true, json::object{{"id", stored->id}});
    for (const auto& [conn, c] : conns_) host_.push(conn, "chat", m);
  });
}

}  // namespace parlor::room
