#include "net/socket_session.h"

#include <algorithm>

#include "net/channel_slot.h"

namespace parlor::net {

namespace json = boost::json;
using channels::Ref;

namespace {
constexpr std::string_view kUnmatched = R"({"reason":"unmatched topic"})";
constexpr std::string_view kRateLimited =
    R"({"reason":"rate_limited","code":"rate_limited","message":"too many messages; slow down"})";
}  // namespace

SocketSession::SocketSession(Hub& hub, uint64_t id, std::shared_ptr<Outbound> out,
                             channels::Identity identity, int64_t now_ns)
    : hub_(hub),
      id_(id),
      out_(std::move(out)),
      identity_(std::make_shared<const channels::Identity>(std::move(identity))),
      last_rx_ns_(now_ns),
      bucket_(hub.limits().rate_per_s, hub.limits().burst, now_ns) {}

void SocketSession::reply_direct(const Ref& jr, const Ref& ref, const std::string& topic,
                                 std::string_view status, std::string_view response_json) {
  out_->send(text_frame(channels::encode_reply(jr, ref, topic, status, response_json)));
}

bool SocketSession::admit(int64_t now_ns, bool heartbeat) {
  if (bucket_.take(now_ns)) {
    strikes_ = 0;
    return true;
  }
  if (heartbeat) return true;  // always answered: a missed one costs a full rejoin
  ++strikes_;
  return false;
}

uint16_t SocketSession::on_message(std::string_view data, bool binary, int64_t now_ns) {
  if (!out_) return 0;
  last_rx_ns_.store(now_ns, std::memory_order_relaxed);
  Metrics& m = hub_.metrics();
  m.frames_in.fetch_add(1, std::memory_order_relaxed);
  m.bytes_in.fetch_add(static_cast<int64_t>(data.size()), std::memory_order_relaxed);

  auto decoded = binary ? channels::decode_binary(data) : channels::decode_text(data);
  if (auto* err = std::get_if<channels::FrameError>(&decoded)) {
    m.error(err->code);
    return err->close_code;
  }
  auto& f = std::get<channels::InFrame>(decoded);
  const bool heartbeat = f.topic == "phoenix" && f.event == "heartbeat";
  if (!admit(now_ns, heartbeat)) {
    if (strikes_ > hub_.limits().flood_close_after) {
      m.error("flood");
      return 1008;
    }
    m.error("rate_limited");
    reply_direct(f.join_ref, f.ref, f.topic, "error", kRateLimited);
    return 0;
  }
  if (f.topic == "phoenix") {
    if (heartbeat) {
      reply_direct(Ref::null(), f.ref, f.topic, "ok", "{}");
    } else {
      m.error("unmatched_topic");
      reply_direct(Ref::null(), f.ref, f.topic, "error", kUnmatched);
    }
    return 0;
  }
  if (f.event == "phx_join") {
    handle_join(std::move(f));
    return 0;
  }
  std::shared_ptr<ChannelSlot> slot;
  {
    std::lock_guard lock(mu_);
    for (auto& [t, s] : channels_) {
      if (t == f.topic) slot = s;
    }
  }
  if (!slot) {
    if (f.event == "phx_leave") {
      reply_direct(f.join_ref, f.ref, f.topic, "ok", "{}");  // 3.6: leaving nothing is fine
    } else {
      m.error("unmatched_topic");  // 3.8, also "events before join"
      reply_direct(Ref::null(), f.ref, f.topic, "error", kUnmatched);
    }
    return 0;
  }
  auto& exec = slot->topic_ptr()->exec;
  exec->post([slot = std::move(slot), fr = std::move(f)]() mutable { slot->run_in(std::move(fr)); });
  return 0;
}

void SocketSession::handle_join(channels::InFrame f) {
  Metrics& m = hub_.metrics();
  if (channels::is_binary(f.payload)) {
    m.error("bad_payload");
    reply_direct(f.join_ref, f.ref, f.topic, "error", R"({"reason":"join params must be a JSON object"})");
    return;
  }
  const channels::ChannelFactory* factory = hub_.router().match(f.topic);
  if (!factory) {
    m.error("unmatched_topic");
    reply_direct(Ref::null(), f.ref, f.topic, "error", kUnmatched);
    return;
  }
  Ref jr = f.join_ref.is_null() ? f.ref : f.join_ref;
  std::shared_ptr<Topic> topic = hub_.acquire(f.topic);
  std::shared_ptr<ChannelSlot> slot, replaced;
  bool refused = false;
  {
    std::lock_guard lock(mu_);
    auto it = std::find_if(channels_.begin(), channels_.end(),
                           [&](const auto& e) { return e.first == f.topic; });
    if (closed_ || (it == channels_.end() && channels_.size() >= hub_.limits().max_channels)) {
      refused = true;
    } else {
      slot = std::make_shared<ChannelSlot>(hub_, topic, *factory, jr, out_, identity_, weak_from_this());
      if (it != channels_.end()) {
        replaced = std::move(it->second);
        it->second = slot;
      } else {
        channels_.emplace_back(f.topic, slot);
      }
    }
  }
  if (refused) {
    hub_.release(topic);
    m.error("too_many_channels");
    reply_direct(jr, f.ref, f.topic, "error", R"({"reason":"too many channels joined"})");
    return;
  }
  topic->exec->post([slot = std::move(slot), p = std::get<json::object>(std::move(f.payload)),
                     ref = std::move(f.ref), old = std::move(replaced)]() mutable {
    slot->run_join(std::move(p), std::move(ref), std::move(old));
  });
}

void SocketSession::on_closed() {
  std::vector<std::pair<std::string, std::shared_ptr<ChannelSlot>>> chans;
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    chans.swap(channels_);
    out_.reset();
  }
  for (auto& entry : chans) {
    auto slot = std::move(entry.second);
    auto& exec = slot->topic_ptr()->exec;
    exec->post([slot = std::move(slot)] { slot->end(channels::EndReason::kDisconnect, ""); });
  }
  hub_.forget_socket(id_);
}

void SocketSession::forget(const std::string& topic, const ChannelSlot* slot) {
  std::lock_guard lock(mu_);
  auto it = std::find_if(channels_.begin(), channels_.end(), [&](const auto& e) {
    return e.first == topic && e.second.get() == slot;
  });
  if (it == channels_.end()) return;
  if (it + 1 != channels_.end()) *it = std::move(channels_.back());
  channels_.pop_back();
}

bool SocketSession::request_close(uint16_t code, std::string_view reason) {
  std::shared_ptr<Outbound> o;
  {
    std::lock_guard lock(mu_);
    if (closed_ || close_requested_) return false;
    close_requested_ = true;
    o = out_;
  }
  o->close(code, std::string(reason));
  return true;
}

void SocketSession::check_deadline(int64_t now_ns) {
  std::shared_ptr<Outbound> o;
  {
    std::lock_guard lock(mu_);
    o = out_;
  }
  if (o) o->check_deadline(now_ns);
}

size_t SocketSession::channel_count() const {
  std::lock_guard lock(mu_);
  return channels_.size();
}

}  // namespace parlor::net
