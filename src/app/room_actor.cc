#include "app/room_actor.h"

#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdio>

#include "app/bot_runner.h"
#include "app/completion_relay.h"
#include "app/lobby_hub.h"
#include "base/clock.h"
#include "base/sha256.h"
#include "bots/bot.h"
#include "bots/level.h"

namespace parlor::app {

namespace asio = boost::asio;
namespace json = boost::json;

RoomActor::RoomActor(std::string id, std::unique_ptr<room::Room> room, RoomServices& services)
    : id_(std::move(id)),
      services_(services),
      strand_(asio::make_strand(services.io)),
      room_(std::move(room)) {
  idle_since_ms_ = last_activity_ms_ = wall_ms();
}

void RoomActor::adopt(std::unique_ptr<room::Room> room) {
  room_ = std::move(room);
  note_status();
}

std::string RoomActor::status() const {
  std::lock_guard lock(status_mu_);
  return status_;
}

void RoomActor::note_status() {
  std::lock_guard lock(status_mu_);
  status_ = room_ ? room_->status() : "broken";
}

void RoomActor::close_for_inactivity() {
  post([this] {
    if (!room_) return;
    room_->close();
    note_status();
    for (auto& [conn, c] : conns_) {
      c.ctx->push("room_closed", json::object{{"code", "closed"},
                                              {"message", "this table was closed after two hours without play"}});
      c.ctx->close();
    }
    conns_.clear();
    conn_ids_.clear();
  });
}

void RoomActor::post(std::function<void()> f) { post_for(0, std::move(f)); }

void RoomActor::post_for(std::uint64_t generation, std::function<void()> f) {
  asio::post(strand_, [self = shared_from_this(), generation, f = std::move(f)] {
    if (generation != 0 && generation != self->generation_) return;  // an old room's callback
    self->guarded(f);
    self->note_status();
  });
}

void RoomActor::post_completion(std::uint64_t generation, std::function<void()> f) {
  bool first;
  {
    std::lock_guard lock(inbox_mu_);
    first = inbox_.empty();
    inbox_.push_back({generation, std::move(f)});
  }
  if (!first) return;
  auto run = [self = shared_from_this()] { self->run_completions(); };
  if (!services_.completions) {
    asio::post(strand_, std::move(run));
    return;
  }
  services_.completions->post([strand = strand_, run = std::move(run)]() mutable {
    asio::post(strand, std::move(run));
  });
}

void RoomActor::run_completions() {
  std::vector<Completion> batch;
  {
    std::lock_guard lock(inbox_mu_);
    batch.swap(inbox_);
  }
  for (auto& c : batch)
    if (c.generation == generation_) guarded(c.f);  // else an old room's callback
  note_status();
}

void RoomActor::guarded(const std::function<void()>& f) {
  if (broken_ && room_ == nullptr) return;
  try {
    f();
  } catch (const std::exception& e) {
    restart(e.what());
  }
}

void RoomActor::restart(const std::string& why) {
  std::fprintf(stderr, "room %s failed: %s\n", id_.c_str(), why.c_str());
  ++generation_;
  cancel_all_timers();
  for (auto& [token, r] : replies_) {
    auto it = conns_.find(r.conn);
    if (it != conns_.end())
      it->second.ctx->reply(r.ref, "error",
                            json::object{{"code", "room_restarted"},
                                         {"message", "the table restarted; look again and retry"}});
  }
  replies_.clear();
  auto now = wall_ms();
  failures_ms_.push_back(now);
  std::erase_if(failures_ms_, [&](auto t) {
    return now - t > std::chrono::duration_cast<std::chrono::milliseconds>(kFailureWindow).count();
  });
  room_.reset();
  if (static_cast<int>(failures_ms_.size()) < kMaxFailures) {
    auto restored = room::Room::restore(id_, services_.config, *this);
    if (restored) room_ = std::move(*restored);
  }
  if (!room_) {
    broken_ = true;
    note_status();  // before anyone hears of it
    if (auto rec = services_.store.load_room(id_)) {
      rec->status = "broken";
      (void)services_.store.save_room(*rec);
    }
    services_.lobby.remove(id_);
    for (auto& [conn, c] : conns_) {
      c.ctx->push("room_broken", json::object{{"code", "broken"},
                                              {"message", "this table failed and was stopped"}});
      c.ctx->close();
    }
    conns_.clear();
    conn_ids_.clear();
    return;
  }
  // Everyone still here rejoins the rebuilt room and gets a fresh view.
  for (auto& [conn, c] : conns_) {
    auto joined = room_->join(conn, c.player, json::object{{"rejoin", true}});
    if (!joined) continue;
    c.ctx->push("room", joined->at("room").as_object());
    json::object view = joined->at("view").as_object();
    view["restarted"] = true;
    c.ctx->push("view", std::move(view));
  }
}

room::ConnId RoomActor::conn_of(const std::shared_ptr<channels::ChannelContext>& ctx) {
  auto it = conn_ids_.find(ctx.get());
  return it == conn_ids_.end() ? 0 : it->second;
}

void RoomActor::join(std::shared_ptr<channels::ChannelContext> ctx, room::Player player,
                     json::object params, JoinDone done) {
  asio::post(strand_, [self = shared_from_this(), ctx = std::move(ctx), player = std::move(player),
                       params = std::move(params), done = std::move(done)]() mutable {
    if (!self->room_) return done(make_error("broken", "this table failed and was stopped"));
    room::ConnId conn = self->next_conn_++;
    self->conns_[conn] = Conn{ctx, player};
    self->conn_ids_[ctx.get()] = conn;
    Result<json::object> r = make_error("broken", "this table failed");
    try {
      r = self->room_->join(conn, player, params);
    } catch (const std::exception& e) {
      self->restart(e.what());
    }
    if (!r) {
      self->conns_.erase(conn);
      self->conn_ids_.erase(ctx.get());
    }
    self->idle_since_ms_ = self->conns_.empty() ? wall_ms() : 0;
    self->last_activity_ms_ = wall_ms();
    self->note_status();
    done(std::move(r));
  });
}

void RoomActor::leave(std::shared_ptr<channels::ChannelContext> ctx) {
  post([this, ctx = std::move(ctx)] {
    room::ConnId conn = conn_of(ctx);
    if (!conn) return;
    conns_.erase(conn);
    conn_ids_.erase(ctx.get());
    if (conns_.empty()) idle_since_ms_ = wall_ms();
    if (room_) room_->leave(conn);
  });
}

void RoomActor::handle(std::shared_ptr<channels::ChannelContext> ctx, channels::Ref ref,
                       std::string event, json::object payload) {
  post([this, ctx = std::move(ctx), ref = std::move(ref), event = std::move(event),
        payload = std::move(payload), received = steady_ns()]() mutable {
    if (services_.move_stages) services_.move_stages->queue.observe_ns(steady_ns() - received);
    room::ConnId conn = conn_of(ctx);
    if (!conn || !room_) {
      ctx->reply(ref, "error", json::object{{"code", "not_joined"}, {"message", "join the room first"}});
      return;
    }
    last_activity_ms_ = wall_ms();
    std::uint64_t token = next_reply_++;
    replies_[token] = {conn, ref, received, event == "move"};
    room_->handle(conn, room::ReplyTo{conn, token}, event, payload);
  });
}

void RoomActor::with_room(std::function<void(room::Room&)> f) {
  post([this, f = std::move(f)] {
    if (room_) f(*room_);
  });
}

bool RoomActor::idle_since(std::int64_t& since_ms) const {
  since_ms = idle_since_ms_;
  return since_ms != 0;
}

void RoomActor::touch() {
  auto since = idle_since_ms_.load();
  if (since != 0) idle_since_ms_.compare_exchange_strong(since, wall_ms());
}

void RoomActor::retire() {
  asio::post(strand_, [self = shared_from_this()] {
    ++self->generation_;
    self->cancel_all_timers();
    self->room_.reset();
    self->broken_ = true;  // nothing runs on this actor any more
    self->note_status();
  });
}

void RoomActor::push(room::ConnId conn, std::string_view event, json::object payload) {
  auto it = conns_.find(conn);
  if (it != conns_.end()) it->second.ctx->push(event, std::move(payload));
}

void RoomActor::push_text(room::ConnId conn, std::string_view event, std::string_view payload_json) {
  auto it = conns_.find(conn);
  if (it != conns_.end()) it->second.ctx->push_text(event, payload_json);
}

void RoomActor::reply(const room::ReplyTo& to, bool ok, json::object payload) {
  auto r = replies_.find(to.token);
  if (r == replies_.end()) return;
  const PendingReply& p = r->second;
  if (ok && p.is_move && services_.move_seconds) services_.move_seconds->observe_ns(steady_ns() - p.received_ns);
  auto it = conns_.find(p.conn);
  if (it != conns_.end()) it->second.ctx->reply(p.ref, ok ? "ok" : "error", std::move(payload));
  replies_.erase(r);
}

void RoomActor::append(room::LogEntry entry, std::function<void(Status)> on_durable) {
  services_.store.append(id_, std::move(entry),
                         to_room_strand(std::move(on_durable), services_.move_stages, steady_ns()));
}

void MoveStages::append(std::string& out) const {
  constexpr const char* kName = "parlor_move_stage_seconds";
  net::Histogram::append_header(
      out, kName,
      "Where moves wait in the server: queue (push handed to its room -> the room runs it), store (log entry "
      "submitted -> committed), completion (committed -> the room sends the reply and views).");
  queue.append_series(out, kName, "stage=\"queue\"");
  store.append_series(out, kName, "stage=\"store\"");
  completion.append_series(out, kName, "stage=\"completion\"");
}

std::function<void(Status)> RoomActor::on_room_strand(std::function<void(Status)> f) {
  return to_room_strand(std::move(f), nullptr, 0);
}

std::function<void(Status)> RoomActor::to_room_strand(std::function<void(Status)> f, MoveStages* stages,
                                                      std::int64_t submitted_ns) {
  return [self = shared_from_this(), gen = generation_, f = std::move(f), stages, submitted_ns](Status st) {
    const std::int64_t done_ns = stages ? steady_ns() : 0;
    if (stages) stages->store.observe_ns(done_ns - submitted_ns);
    self->post_completion(gen, [f, st, stages, done_ns] {
      if (stages) stages->completion.observe_ns(steady_ns() - done_ns);
      f(st);
    });
  };
}

void RoomActor::store_chat(room::ChatMessage msg,
                           std::function<void(Result<room::ChatMessage>)> on_stored) {
  auto gen = generation_;
  services_.store.add_chat(std::move(msg), [self = shared_from_this(), gen,
                                            cb = std::move(on_stored)](Result<room::ChatMessage> r) {
    self->post_completion(gen, [cb, r] { cb(r); });
  });
}

void RoomActor::start_timer(room::TimerKey key, std::chrono::milliseconds after) {
  Timer& t = timers_[timer_slot(key)];
  t.ticket = next_ticket_++;
  auto fire = [self = shared_from_this(), gen = generation_, key, ticket = t.ticket] {
    if (gen == self->generation_) self->fire_timer(key, ticket);
  };
  if (after.count() <= 0) {  // a computer player without a delay: no clock to set
    if (t.clock) t.clock->cancel();
    asio::post(strand_, std::move(fire));
    return;
  }
  if (!t.clock) t.clock = std::make_unique<asio::steady_timer>(strand_);
  t.clock->expires_at(on_timer_grid(std::chrono::steady_clock::now() + after));  // cancels a wait still pending
  t.clock->async_wait([fire = std::move(fire)](boost::system::error_code ec) {
    if (!ec) fire();
  });
}

std::chrono::steady_clock::time_point RoomActor::on_timer_grid(std::chrono::steady_clock::time_point at) {
  using std::chrono::steady_clock;
  const auto tick = std::chrono::duration_cast<steady_clock::duration>(kTimerGrid).count();
  const auto t = at.time_since_epoch().count();
  return steady_clock::time_point(steady_clock::duration((t + tick - 1) / tick * tick));
}

void RoomActor::fire_timer(room::TimerKey key, std::uint64_t ticket) {
  auto it = timers_.find(timer_slot(key));
  if (it == timers_.end() || it->second.ticket != ticket) return;  // cancelled or started again
  it->second.ticket = 0;
  guarded([&] {
    if (room_) room_->on_timer(key);
  });
}

void RoomActor::cancel_timer(room::TimerKey key) {
  auto it = timers_.find(timer_slot(key));
  if (it == timers_.end() || it->second.ticket == 0) return;
  it->second.ticket = 0;
  if (it->second.clock) it->second.clock->cancel();
}

void RoomActor::cancel_all_timers() {
  for (auto& [slot, t] : timers_)
    if (t.clock) t.clock->cancel();
  timers_.clear();
}

void RoomActor::request_bot_move(int seat, std::int64_t version, std::string level,
                                 rules::StatePtr state, std::uint64_t seed) {
  const bool searches = bots::parse_level(level).searches();
  auto decide = [self = shared_from_this(), gen = generation_, seat, version, level = std::move(level),
                 state = std::move(state), seed] {
    json::value move = bots::choose_move_for_seat(*state, seat, level, seed);
    self->post_for(gen, [self, seat, version, move = std::move(move)] {
      if (self->room_) self->room_->on_bot_move(seat, version, move);
    });
  };
  // A decision without search takes microseconds: made here, on the room's
  // strand, it saves the pool's two thread hand-offs (each a wake-up, about
  // 17 us of CPU on a 2-core VM). Its move still arrives as a later message,
  // as from the pool. Searches go to the pool, so no room waits for them.
  if (searches) services_.bots.run(std::move(decide));
  else decide();
}

void RoomActor::summary_changed(json::object summary) { services_.lobby.update(summary); }

std::int64_t RoomActor::now_ms() { return wall_ms(); }

std::string RoomActor::fresh_hand_seed() { return to_hex(random_bytes(32)); }

}  // namespace parlor::app
