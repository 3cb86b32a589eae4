#include "net/hub.h"

#include <utility>

#include "net/channel_slot.h"
#include "net/socket_session.h"

namespace parlor::net {

OutFrame text_frame(std::string s) {
  return OutFrame{std::make_shared<const std::string>(std::move(s)), false};
}
OutFrame binary_frame(std::string s) {
  return OutFrame{std::make_shared<const std::string>(std::move(s)), true};
}

Hub::Hub(const channels::Router& router, Metrics& metrics, SerialExecutor::Pool pool,
         SocketLimits limits)
    : router_(router),
      metrics_(metrics),
      pool_(std::make_shared<const SerialExecutor::Pool>(std::move(pool))),
      limits_(limits) {}

Hub::~Hub() {
  // Normally empty by now. If shutdown gave up on some channels, break the
  // topic <-> subscriber cycles so nothing outlives the hub.
  for (auto& [name, t] : topics_) t->subscribers.clear();
}

size_t Hub::topic_count() const {
  std::lock_guard lock(topics_mu_);
  return topics_.size();
}

std::shared_ptr<Topic> Hub::acquire(const std::string& name) {
  std::lock_guard lock(topics_mu_);
  auto& t = topics_[name];
  if (!t) t = std::make_shared<Topic>(name, std::make_shared<SerialExecutor>(pool_));
  ++t->users;
  return t;
}

void Hub::release(const std::shared_ptr<Topic>& topic) {
  std::lock_guard lock(topics_mu_);
  if (--topic->users != 0) return;
  auto it = topics_.find(topic->name);
  if (it != topics_.end() && it->second == topic) topics_.erase(it);
}

std::shared_ptr<Topic> Hub::find(std::string_view name) const {
  std::lock_guard lock(topics_mu_);
  auto it = topics_.find(std::string(name));
  return it == topics_.end() ? nullptr : it->second;
}

void Hub::fanout(Topic& topic, const OutFrame& frame, const ChannelSlot* except) {
  for (const auto& sub : topic.subscribers) {
    if (sub.get() != except) sub->out().send(frame);
  }
}

OutFrame Hub::diff_frame(const Topic& topic, const channels::PresenceDiff& diff) {
  return text_frame(channels::encode_broadcast(topic.name, "presence_diff", diff.json()));
}

void Hub::fanout_diff(const std::shared_ptr<Topic>& topic, channels::PresenceDiff diff, const ChannelSlot* except) {
  if (diff.empty()) return;
  if (topic->subscribers.size() <= kDiffsAtOnceUpTo && !topic->diff_flush_queued) {
    fanout(*topic, diff_frame(*topic, diff), except);
    return;
  }
  topic->pending_diff.merge(std::move(diff));
  if (topic->diff_flush_queued) return;
  topic->diff_flush_queued = true;
  topic->exec->post([this, topic] {
    topic->diff_flush_queued = false;
    channels::PresenceDiff merged = std::exchange(topic->pending_diff, {});
    if (!merged.empty()) fanout(*topic, diff_frame(*topic, merged));
  });
}

void Hub::broadcast(std::string_view topic, std::string_view event, channels::Payload payload) {
  std::shared_ptr<Topic> t = find(topic);
  if (!t) return;  // nobody has joined it
  OutFrame frame;
  if (channels::is_binary(payload)) {
    std::string b = channels::encode_binary_broadcast(topic, event, std::get<channels::Bytes>(payload).data);
    if (b.empty()) {
      metrics_.error("unencodable");
      return;
    }
    frame = binary_frame(std::move(b));
  } else {
    frame = text_frame(channels::encode_broadcast(
        topic, event, channels::json_text(std::get<boost::json::object>(payload))));
  }
  // Encoded here, on the caller's thread; only the fan-out is serialised.
  t->exec->dispatch([this, t, f = std::move(frame)] { fanout(*t, f); });
}

std::shared_ptr<SocketSession> Hub::open_socket(std::shared_ptr<Outbound> out,
                                                channels::Identity identity, int64_t now_ns) {
  std::lock_guard lock(sockets_mu_);
  uint64_t id = next_socket_id_++;
  auto s = std::make_shared<SocketSession>(*this, id, std::move(out), std::move(identity), now_ns);
  sockets_.emplace(id, s);
  metrics_.connections.fetch_add(1, std::memory_order_relaxed);
  metrics_.connections_total.fetch_add(1, std::memory_order_relaxed);
  return s;
}

void Hub::forget_socket(uint64_t id) {
  std::lock_guard lock(sockets_mu_);
  if (sockets_.erase(id)) metrics_.connections.fetch_sub(1, std::memory_order_relaxed);
}

size_t Hub::socket_count() const {
  std::lock_guard lock(sockets_mu_);
  return sockets_.size();
}

namespace {
template <class Map>
std::vector<std::shared_ptr<SocketSession>> live(std::mutex& mu, const Map& m) {
  std::vector<std::shared_ptr<SocketSession>> out;
  std::lock_guard lock(mu);
  out.reserve(m.size());
  for (const auto& [id, w] : m) {
    if (auto s = w.lock()) out.push_back(std::move(s));
  }
  return out;
}
}  // namespace

void Hub::sweep(int64_t now_ns) {
  const int64_t idle_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(limits_.idle_timeout).count();
  for (const auto& s : live(sockets_mu_, sockets_)) {
    if (now_ns - s->last_rx_ns() > idle_ns && s->request_close(1001, "idle timeout")) {
      metrics_.error("idle_timeout");
    }
    s->check_deadline(now_ns);
  }
}

size_t Hub::close_some(size_t max, uint16_t code, std::string_view reason) {
  size_t asked = 0;
  for (const auto& s : live(sockets_mu_, sockets_)) {
    if (asked >= max) break;
    if (s->request_close(code, reason)) ++asked;
  }
  return asked;
}

void Hub::disconnect_player(std::string_view player_id) {
  for (const auto& s : live(sockets_mu_, sockets_)) {
    if (s->identity().player_id == player_id) s->request_close(1001, "disconnected");
  }
}

}  // namespace parlor::net
