#include "channels/conformance_channel.h"

#include <stdexcept>

#include "channels/presence.h"

namespace parlor::channels {

namespace json = boost::json;

namespace {

bool truthy(const json::value* v) {
  if (!v || v->is_null()) return false;
  if (v->is_bool()) return v->get_bool();
  if (v->is_number()) return v->to_number<double>() != 0;
  if (v->is_string()) return !v->get_string().empty();
  return true;
}

class ConformanceChannel final : public Channel {
 public:
  JoinResult join(const json::object& params, ChannelContext& ctx) override {
    if (truthy(params.if_contains("reject"))) return JoinResult::refuse("rejected");
    auto* key = params.if_contains("presence_key");
    key_ = key && key->is_string() ? std::string(key->get_string()) : "anon-" + make_phx_ref();
    json::object meta;
    if (auto* m = params.if_contains("meta"); m && m->is_object()) meta = m->get_object();
    ctx.track(key_, meta);
    meta_ = std::move(meta);
    return JoinResult::accept({{"topic", ctx.topic()}, {"params", params}});
  }

  void handle_in(const std::string& event, Payload payload, const Ref& ref,
                 ChannelContext& ctx) override {
    if (event == "echo") return ctx.reply(ref, "ok", std::move(payload));
    if (event == "fail") return ctx.reply(ref, "error", std::move(payload));
    if (event == "shout") {
      // Broadcast first: the sender sees the shout before the reply.
      ctx.broadcast(ctx.topic(), "shout", std::move(payload));
      return ctx.reply(ref, "ok", json::object{});
    }
    if (event == "push_me") {
      ctx.push("pushed", std::move(payload));
      return ctx.reply(ref, "ok", json::object{});
    }
    if (event == "update_meta") {
      if (is_binary(payload)) return ctx.reply(ref, "error", json::object{{"reason", "bad payload"}});
      for (auto& [k, v] : std::get<json::object>(payload)) meta_[k] = v;
      std::string phx_ref = ctx.update_presence(key_, meta_);
      return ctx.reply(ref, "ok", json::object{{"phx_ref", phx_ref}});
    }
    if (event == "crash") throw std::runtime_error("conformance: crash requested");
    if (event == "close") {
      ctx.reply(ref, "ok", json::object{});
      return ctx.close();
    }
    if (event == "disconnect_me") {
      ctx.reply(ref, "ok", json::object{});
      return ctx.disconnect_socket();
    }
    ctx.reply(ref, "error", json::object{{"reason", "unknown event"}});
  }

 private:
  std::string key_;
  json::object meta_;  // without phx_ref: the runtime adds those
};

}  // namespace

std::unique_ptr<Channel> make_conformance_channel(const std::string&) {
  return std::make_unique<ConformanceChannel>();
}

}  // namespace parlor::channels
