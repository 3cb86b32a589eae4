#include "app/parlor_channels.h"

#include "app/lobby_hub.h"
#include "app/room_registry.h"
#include "base/clock.h"
#include "room/chat.h"

namespace parlor::app {

namespace json = boost::json;
using channels::ChannelContext;
using channels::JoinResult;
using channels::Payload;
using channels::Ref;

namespace {


json::object error_json(const Error& e) { return json::object{{"code", e.code}, {"message", e.message}}; }

JoinResult refuse(const Error& e) {
  return JoinResult::refuse(e.code, json::object{{"code", e.code}, {"message", e.message}});
}

room::Player player_of(const ChannelContext& ctx) {
  return room::Player{ctx.identity().player_id, ctx.identity().name};
}

json::object presence_meta(const ChannelContext& ctx) {
  return json::object{{"name", ctx.identity().name}, {"online_at", wall_ms()}};
}

const json::object* object_payload(const Payload& p) { return std::get_if<json::object>(&p); }

class RoomChannel final : public channels::Channel {
 public:
  explicit RoomChannel(ParlorTopics& t) : t_(t) {}

  JoinResult join(const json::object& params, ChannelContext& ctx) override {
    std::string id = ctx.topic().substr(std::string_view("room:").size());
    auto actor = t_.rooms.get(id);
    if (!actor) return refuse(actor.error());
    actor_ = *actor;
    auto self = ctx.self();
    actor_->join(self, player_of(ctx), params, [self](Result<json::object> r) {
      if (!r) return self->complete_join(refuse(r.error()));
      self->complete_join(JoinResult::accept(std::move(*r)));
      self->track(self->identity().player_id, presence_meta(*self));
    });
    return JoinResult::later();
  }

  void handle_in(const std::string& event, Payload payload, const Ref& ref,
                 ChannelContext& ctx) override {
    const auto* obj = object_payload(payload);
    if (!obj) {
      ctx.reply(ref, "error", error_json(make_error("bad_payload", "payloads are JSON objects")));
      return;
    }
    actor_->handle(ctx.self(), ref, event, *obj);
  }

  void terminate(channels::EndReason, ChannelContext& ctx) override {
    if (actor_) actor_->leave(ctx.self());
  }

 private:
  ParlorTopics& t_;
  std::shared_ptr<RoomActor> actor_;
};

// One per lobby join; shared lobby state lives in LobbyHub and the store.
class LobbyChannel final : public channels::Channel {
 public:
  explicit LobbyChannel(ParlorTopics& t) : t_(t) {}

  JoinResult join(const json::object&, ChannelContext& ctx) override {
    ctx.track(ctx.identity().player_id, presence_meta(ctx));
    json::array chat;
    for (const auto& m : t_.store.load_chat("lobby", 100)) chat.push_back(chat_json(m));
    return JoinResult::accept(json::object{
        {"me", json::object{{"id", ctx.identity().player_id}, {"name", ctx.identity().name}}},
        {"rooms", t_.lobby.list()},
        {"chat", std::move(chat)}});
  }

  void handle_in(const std::string& event, Payload payload, const Ref& ref,
                 ChannelContext& ctx) override {
    const auto* p = object_payload(payload);
    if (!p) return ctx.reply(ref, "error", error_json(make_error("bad_payload", "payloads are JSON objects")));
    if (event == "create_room") return create_room(*p, ref, ctx);
    if (event == "quick_play") return quick_play(*p, ref, ctx);
    if (event == "chat") return chat(*p, ref, ctx);
    ctx.reply(ref, "error", error_json(make_error("bad_payload", "unknown event \"" + event + "\"")));
  }

 private:
  static json::object chat_json(const room::ChatMessage& m) {
    return json::object{{"id", m.id},
                        {"from", json::object{{"id", m.player_id}, {"name", m.name}}},
                        {"text", m.text},
                        {"at", m.at_ms}};
  }

  static Result<room::CreateParams> read_create(const json::object& p, const room::Player& host) {
    room::CreateParams c;
    const auto* game = p.if_contains("game");
    if (!game || !game->is_string()) return make_error("bad_payload", "say which game: {\"game\": \"hearts\"}");
    c.game = std::string(game->get_string());
    if (const auto* o = p.if_contains("options"); o && !o->is_null()) {
      if (!o->is_object()) return make_error("bad_option", "options must be an object");
      c.options = o->get_object();
    }
    if (const auto* n = p.if_contains("players"); n && !n->is_null()) {
      if (!n->is_int64()) return make_error("bad_option", "players must be a whole number");
      c.players = static_cast<int>(n->get_int64());
    }
    if (const auto* pr = p.if_contains("private"); pr && pr->is_bool()) c.is_private = pr->get_bool();
    if (const auto* t = p.if_contains("turn_seconds"); t && !t->is_null()) {
      if (!t->is_int64() || t->get_int64() < 5 || t->get_int64() > 600)
        return make_error("bad_option", "turn_seconds must be from 5 to 600");
      c.turn_seconds = static_cast<int>(t->get_int64());
    }
    c.host = host;
    return c;
  }

  void create_room(const json::object& p, const Ref& ref, ChannelContext& ctx) {
    auto params = read_create(p, player_of(ctx));
    if (!params) return ctx.reply(ref, "error", error_json(params.error()));
    bool is_private = params->is_private;
    auto actor = t_.rooms.create(std::move(*params));
    if (!actor) return ctx.reply(ref, "error", error_json(actor.error()));
    json::object out{{"room_id", (*actor)->id()}};
    if (is_private) {
      auto rec = t_.store.load_room((*actor)->id());
      if (rec) out["invite"] = rec->invite;
    }
    ctx.reply(ref, "ok", std::move(out));
  }

  void quick_play(const json::object& p, const Ref& ref, ChannelContext& ctx) {
    const auto* game = p.if_contains("game");
    if (!game || !game->is_string())
      return ctx.reply(ref, "error", error_json(make_error("bad_payload", "say which game")));
    std::string name(game->get_string());
    bool fill = false;
    std::shared_ptr<RoomActor> actor;
    if (auto id = t_.lobby.quick_play_room(name)) {
      if (auto a = t_.rooms.get(*id)) actor = *a;
    }
    if (!actor) {
      room::CreateParams c;
      c.game = name;
      c.host = player_of(ctx);
      if (name == "golf") c.players = 4;
      auto a = t_.rooms.create(std::move(c));
      if (!a) return ctx.reply(ref, "error", error_json(a.error()));
      actor = *a;
      fill = true;
    }
    actor->with_room([self = ctx.self(), ref, player = player_of(ctx), fill](room::Room& room) {
      auto r = room.quick_seat(player, fill);
      if (r) self->reply(ref, "ok", json::object{{"room_id", room.id()}});
      else self->reply(ref, "error", error_json(r.error()));
    });
  }

  void chat(const json::object& p, const Ref& ref, ChannelContext& ctx) {
    const auto* t = p.if_contains("text");
    if (!t || !t->is_string())
      return ctx.reply(ref, "error", error_json(make_error("bad_payload", "send {\"text\": \"...\"}")));
    room::ChatMessage m{0, "lobby", ctx.identity().player_id, ctx.identity().name,
                        std::string(t->get_string()), wall_ms()};
    Status ok = room::check_chat_text(m.text, 500);
    if (ok) ok = t_.lobby.take_chat_allowance(m.player_id, m.at_ms);
    if (!ok) return ctx.reply(ref, "error", error_json(ok.error()));
    t_.store.add_chat(std::move(m), [self = ctx.self(), ref](Result<room::ChatMessage> stored) {
      if (!stored) return self->reply(ref, "error", error_json(stored.error()));
      self->reply(ref, "ok", json::object{{"id", stored->id}});
      self->broadcast("lobby", "chat", chat_json(*stored));
    });
  }

  ParlorTopics& t_;
};

}  // namespace

void add_parlor_topics(channels::Router& router, ParlorTopics& topics) {
  router.add("lobby", [&topics](const std::string&) { return std::make_unique<LobbyChannel>(topics); });
  router.add("room:*", [&topics](const std::string&) { return std::make_unique<RoomChannel>(topics); });
}

}  // namespace parlor::app
