#include "net/channel_slot.h"

#include <cstdio>
#include <exception>

#include "base/check.h"
#include "net/socket_session.h"

namespace parlor::net {

namespace json = boost::json;
using channels::EndReason;
using channels::Payload;
using channels::Ref;

namespace {

std::atomic<uint64_t> g_next_tracker{1};

const char* const kUnmatched = R"({"reason":"unmatched topic"})";

OutFrame encode_reply_frame(const Ref& jr, const Ref& ref, const std::string& topic,
                            std::string_view status, const Payload& response) {
  if (channels::is_binary(response)) {
    std::string b = channels::encode_binary_reply(jr, ref, topic, status, std::get<channels::Bytes>(response).data);
    return b.empty() ? OutFrame{} : binary_frame(std::move(b));
  }
  return text_frame(channels::encode_reply(jr, ref, topic, status,
                                           channels::json_text(std::get<json::object>(response))));
}

}  // namespace

ChannelSlot::ChannelSlot(Hub& hub, std::shared_ptr<Topic> topic,
                         const channels::ChannelFactory& factory, Ref join_ref,
                         std::shared_ptr<Outbound> out,
                         std::shared_ptr<const channels::Identity> identity,
                         std::weak_ptr<SocketSession> socket)
    : hub_(hub),
      topic_(std::move(topic)),
      factory_(factory),
      join_ref_(std::move(join_ref)),
      out_(std::move(out)),
      identity_(std::move(identity)),
      socket_(std::move(socket)),
      tracker_(g_next_tracker.fetch_add(1, std::memory_order_relaxed)) {}

template <class F>
bool ChannelSlot::guarded(const char* where, F&& f) {
  try {
    f();
    return true;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parlor: %s on %s threw: %s\n", where, topic_->name.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "parlor: %s on %s threw\n", where, topic_->name.c_str());
  }
  return false;
}

// ---------------------------------------------------------------- lifecycle

void ChannelSlot::run_join(json::object params, Ref ref, std::shared_ptr<ChannelSlot> replaced) {
  // channels-protocol.md 3.5: close the old join first, with ITS join_ref.
  if (replaced) replaced->end(EndReason::kReplaced, "phx_close");
  join_msg_ref_ = std::move(ref);
  if (state_.load() != kJoining) return;
  channels::JoinResult result;
  bool ok = guarded("join", [&] {
    handler_ = factory_(topic_->name);
    result = handler_->join(params, *this);
  });
  if (!ok) {
    hub_.metrics().error("join_crashed");
    handler_.reset();
    result = channels::JoinResult::refuse("join crashed");
  }
  // Deferred: complete_join() finishes it (possibly already did, from join).
  if (result.deferred || join_answered_) return;
  finish_join(std::move(result));
}

void ChannelSlot::complete_join(channels::JoinResult result) {
  // Always posted: a refusal destroys the handler, which may be on the stack.
  topic_->exec->post([self = shared_from_this(), r = std::move(result)]() mutable {
    if (self->state_.load() != kJoining || self->join_answered_ || r.deferred) return;
    self->finish_join(std::move(r));
  });
}

void ChannelSlot::finish_join(channels::JoinResult result) {
  join_answered_ = true;
  const std::string& name = topic_->name;
  if (!result.ok) {
    {
      std::lock_guard lock(held_mu_);
      state_.store(kClosed, std::memory_order_release);
      held_.clear();
    }
    out_->send(encode_reply_frame(join_ref_, join_msg_ref_, name, "error", result.response));
    handler_.reset();
    pending_tracks_.clear();
    if (auto s = socket_.lock()) s->forget(name, this);
    // Frames that waited for this join now find no channel (3.8).
    while (!waiting_.empty()) {
      auto f = std::move(waiting_.front());
      waiting_.pop_front();
      handle(std::move(f));
    }
    hub_.release(topic_);
    return;
  }
  // Subscribe, track, reply, presence_state, held pushes, then the diff to
  // everyone: one cut on the topic's executor (7.5). The joiner's frames go
  // out as one batch (its own copy of the diff last), so a client sees the
  // state and the diff that follows it together.
  subscriber_index = topic_->subscribers.size();
  topic_->subscribers.push_back(shared_from_this());
  std::vector<channels::PresenceDiff> diffs;
  for (auto& [key, meta] : pending_tracks_) {
    auto d = topic_->presence.track(tracker_, key, std::move(meta));
    if (!d.empty()) diffs.push_back(std::move(d));
  }
  pending_tracks_.clear();
  {
    std::lock_guard lock(held_mu_);
    std::vector<OutFrame> batch;
    batch.reserve(2 + held_.size() + diffs.size());
    batch.push_back(encode_reply_frame(join_ref_, join_msg_ref_, name, "ok", result.response));
    batch.push_back(text_frame(channels::encode_push(join_ref_, name, "presence_state",
                                                     channels::json_text(topic_->presence.state()))));
    for (auto& f : held_) batch.push_back(std::move(f));
    for (const auto& d : diffs) batch.push_back(Hub::diff_frame(*topic_, d));
    out_->send_all(std::move(batch));
    held_.clear();
    held_.shrink_to_fit();
    state_.store(kJoined, std::memory_order_release);
  }
  for (auto& d : diffs) hub_.fanout_diff(topic_, std::move(d), this);
  hub_.metrics().channel(name, +1);
  while (!waiting_.empty() && joined()) {
    auto f = std::move(waiting_.front());
    waiting_.pop_front();
    handle(std::move(f));
  }
}

void ChannelSlot::run_in(channels::InFrame frame) {
  if (state_.load() == kJoining) {
    waiting_.push_back(std::move(frame));  // 3.2: wait for the join to finish
    return;
  }
  handle(std::move(frame));
}

void ChannelSlot::handle(channels::InFrame f) {
  const std::string& name = topic_->name;
  if (state_.load() == kClosed) {
    // The channel ended while this message was on its way (3.8).
    if (f.event == "phx_leave") {
      out_->send(text_frame(channels::encode_reply(f.join_ref, f.ref, name, "ok", "{}")));
    } else {
      hub_.metrics().error("unmatched_topic");
      out_->send(text_frame(channels::encode_reply(Ref::null(), f.ref, name, "error", kUnmatched)));
    }
    return;
  }
  if (!f.join_ref.is_null() && !(f.join_ref == join_ref_)) {
    hub_.metrics().error("stale_join_ref");  // 3.9: dropped without a reply
    return;
  }
  if (f.event == "phx_leave") {
    out_->send(text_frame(channels::encode_reply(join_ref_, f.ref, name, "ok", "{}")));
    end(EndReason::kLeave, "phx_close");
    return;
  }
  if (!guarded("handle_in", [&] { handler_->handle_in(f.event, std::move(f.payload), f.ref, *this); })) {
    crash();
  }
}

void ChannelSlot::crash() {
  hub_.metrics().error("channel_crash");
  end(EndReason::kCrashed, "phx_error");
}

void ChannelSlot::end(EndReason reason, std::string_view lifecycle) {
  int prev;
  {
    std::lock_guard lock(held_mu_);
    prev = state_.exchange(kClosed);
    held_.clear();
  }
  if (prev == kClosed) return;
  if (prev == kJoined) {
    auto& subs = topic_->subscribers;
    size_t i = subscriber_index;
    PARLOR_CHECK(i < subs.size() && subs[i].get() == this, "subscriber index " << i);
    if (i + 1 != subs.size()) {
      subs[i] = std::move(subs.back());
      subs[i]->subscriber_index = i;
    }
    subs.pop_back();
    hub_.fanout_diff(topic_, topic_->presence.untrack_all(tracker_));
    hub_.metrics().channel(topic_->name, -1);
  }
  pending_tracks_.clear();
  waiting_.clear();
  if (handler_) {
    guarded("terminate", [&] { handler_->terminate(reason, *this); });
    handler_.reset();  // drops any ctx the handler kept: no cycles
  }
  if (prev == kJoined && !lifecycle.empty()) {
    std::string_view payload = lifecycle == "phx_error" ? R"({"reason":"channel_crash"})" : "{}";
    out_->send(text_frame(channels::encode_lifecycle(join_ref_, topic_->name, lifecycle, payload)));
  }
  if (auto s = socket_.lock()) s->forget(topic_->name, this);
  hub_.release(topic_);
}

// ---------------------------------------------------------------- context

void ChannelSlot::emit(OutFrame f) {
  if (!f.data) {
    hub_.metrics().error("unencodable");  // a binary header field over 255 bytes
    return;
  }
  int s = state_.load(std::memory_order_acquire);
  if (s == kJoined) return out_->send(std::move(f));
  if (s == kClosed) return;
  std::lock_guard lock(held_mu_);
  s = state_.load(std::memory_order_acquire);
  if (s == kJoining) {
    held_.push_back(std::move(f));
  } else if (s == kJoined) {
    out_->send(std::move(f));
  }
}

void ChannelSlot::reply(const Ref& ref, std::string_view status, Payload response) {
  emit(encode_reply_frame(join_ref_, ref, topic_->name, status, response));
}

void ChannelSlot::push(std::string_view event, Payload payload) {
  if (channels::is_binary(payload)) {
    std::string b = channels::encode_binary_push(join_ref_, topic_->name, event,
                                                 std::get<channels::Bytes>(payload).data);
    return emit(b.empty() ? OutFrame{} : binary_frame(std::move(b)));
  }
  emit(text_frame(channels::encode_push(join_ref_, topic_->name, event,
                                        channels::json_text(std::get<json::object>(payload)))));
}

void ChannelSlot::push_text(std::string_view event, std::string_view payload_json) {
  emit(text_frame(channels::encode_push(join_ref_, topic_->name, event, payload_json)));
}

void ChannelSlot::broadcast(std::string_view topic, std::string_view event, Payload payload) {
  hub_.broadcast(topic, event, std::move(payload));
}

std::string ChannelSlot::track(std::string key, json::object meta) {
  if (!topic_->exec->running_here()) {
    topic_->exec->post([self = shared_from_this(), k = std::move(key), m = std::move(meta)]() mutable {
      (void)self->track(std::move(k), std::move(m));
    });
    return "";
  }
  int s = state_.load();
  if (s == kClosed) return "";
  if (s == kJoining) {
    for (auto& [k, m] : pending_tracks_) {
      if (k == key) {
        m = std::move(meta);
        return "";
      }
    }
    pending_tracks_.emplace_back(std::move(key), std::move(meta));
    return "";
  }
  hub_.fanout_diff(topic_, topic_->presence.track(tracker_, key, std::move(meta)));
  auto m = topic_->presence.meta(tracker_, key);
  return m ? std::string(m->at("phx_ref").as_string()) : "";
}

std::string ChannelSlot::update_presence(std::string key, json::object meta) {
  if (!topic_->exec->running_here() || state_.load() != kJoined) return track(std::move(key), std::move(meta));
  auto d = topic_->presence.update(tracker_, key, std::move(meta));
  if (d.empty()) return "";
  hub_.fanout_diff(topic_, d);
  return std::string(topic_->presence.meta(tracker_, key)->at("phx_ref").as_string());
}

void ChannelSlot::untrack(std::string key) {
  topic_->exec->dispatch([self = shared_from_this(), k = std::move(key)] {
    auto& pt = self->pending_tracks_;
    std::erase_if(pt, [&](const auto& e) { return e.first == k; });
    if (self->state_.load() == kJoined) {
      self->hub_.fanout_diff(self->topic_, self->topic_->presence.untrack(self->tracker_, k));
    }
  });
}

void ChannelSlot::send_info(std::any message) {
  topic_->exec->post([self = shared_from_this(), m = std::move(message)]() mutable {
    if (!self->joined()) return;
    if (!self->guarded("handle_info", [&] { self->handler_->handle_info(std::move(m), *self); })) {
      self->crash();
    }
  });
}

void ChannelSlot::close() {
  // Posted, never inline: ending a channel destroys its handler, and the
  // handler calling close() is usually still running. Frames it sent before
  // (the reply) still go out first.
  topic_->exec->post([self = shared_from_this()] { self->end(EndReason::kClosed, "phx_close"); });
}

void ChannelSlot::disconnect_socket() { out_->close(1001, "disconnected"); }

}  // namespace parlor::net
