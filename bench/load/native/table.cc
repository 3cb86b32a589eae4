#include "table.h"

#include <cmath>

#include "worker.h"
#include "ws_socket.h"

namespace parlor::load {

// ---------------------------------------------------------------- Room

Seen* Room::find_seen(int64_t key) {
  for (auto& e : seen)
    if (e.key == key) return &e;
  return nullptr;
}

Seen& Room::get_seen(int64_t key) {
  if (Seen* e = find_seen(key)) return *e;
  if (seen.size() > 64) {
    // Versions that will never complete (a gap, a refused push): forget them.
    std::erase_if(seen, [key](const Seen& e) { return e.key < key - 32; });
  }
  seen.push_back({key, 0, 0, 0, 0});
  return seen.back();
}

void Room::forget_seen(int64_t key) {
  std::erase_if(seen, [key](const Seen& e) { return e.key == key; });
}

// ---------------------------------------------------------------- Seat

Seat::Seat(Room& r, int i, Sock& s, uint32_t seed) : room(r), index(i), sock(s), rand_(seed) { s.seat = this; }

void Seat::on_view(std::string_view view) {
  Worker& w = room.w;
  const int64_t now = now_us();
  view_seq_++;
  size_t version_at = std::string_view::npos;
  const int64_t version = view_version(view, &version_at);
  if (version < last_version_) {
    // A rematch: a new game starts at version 0.
    game_no_++;
    last_version_ = version;
  } else if (version > last_version_) {
    if (last_version_ >= 0 && version > last_version_ + 1) w.st.version_gaps++;
    if (w.cfg.bots && last_version_ >= 0) w.st.version_advance += version - last_version_;
    last_version_ = version;
    if (!w.cfg.bots) count_seen(seen_key(game_no_, version), now);
  }
  version_ = version;
  legal_.assign(view_legal(view));
  if (index == 0 && room.game_over_asked != game_no_ && view_game_over(view, version_at)) {
    room.game_over_asked = game_no_;
    w.st.games_over++;
    ask_rematch(0);
    return;
  }
  maybe_schedule();
}

// One more seat has the view of version `key`; at four, the move that made
// it (if its ok reply is in) gets a latency sample.
void Seat::count_seen(int64_t key, int64_t now) {
  Seen& e = room.get_seen(key);
  e.count++;
  if (e.count == 1) e.first_at = now;
  if (e.count == 4) {
    e.all_at = now;
    if (e.t0) {
      if (!room.w.paused) room.w.sample_all_views(e.first_at, e.all_at, e.t0);
      room.forget_seen(key);
    }
  }
}

void Seat::ask_rematch(int tries) {
  Worker& w = room.w;
  if (tries >= 50 || w.stopping) return;
  sock.request(room.topic, "rematch", "{}", [this, tries](Reply& r) {
    Worker& wk = room.w;
    if (r.ok) {
      wk.st.rematches++;
      return;
    }
    if (r.code == "socket_closed") return;
    bump(wk.st.errors, "rematch_" + r.code);
    wk.at(now_us() + 50'000, [this, tries] { ask_rematch(tries + 1); });
  });
}

void Seat::push() {
  Worker& w = room.w;
  scheduled_ = false;
  if (w.stopping || inflight_ || legal_.empty() || pushed_seq_ == view_seq_) return;
  const std::string_view legal = legal_;
  std::string_view move;
  if (w.cfg.pick_first) {
    move = move_at(legal, 0);
  } else {
    const int n = count_moves(legal);
    move = move_at(legal, static_cast<int>(std::floor(rand_.next() * n)));
  }
  if (move.empty()) {
    bump(w.st.errors, "no_move_in_legal");
    return;
  }
  const int64_t expect = expect_ = version_;
  std::string payload;
  payload.reserve(move.size() + 32);
  payload.append(move).append(",\"expect_version\":").append(std::to_string(expect)).push_back('}');
  game_ = game_no_;
  pushed_seq_ = view_seq_;
  inflight_ = true;
  w.st.pushes++;
  t0_ = now_us();
  counted_ = !w.paused;
  sock.request(room.topic, "move", payload, [this](Reply& r) { on_move_reply(r); });
}

void Seat::on_move_reply(Reply& r) {
  Worker& w = room.w;
  const int64_t expect = expect_, t0 = t0_;
  const int game = game_;
  const bool counted = counted_;
  const int64_t now = now_us();
  inflight_ = false;
  if (r.ok) {
    w.st.moves_ok++;
    if (room.preroll_left > 0 && --room.preroll_left == 0) w.st.prerolled++;
    if (counted) {
      w.lat_ack.add(now - t0);
      w.lat_ack_in_socket.add(now - t0 - w.read_late_us);
      if (w.cfg.bots) series_add(w.series, w.window_start_us, now, now - t0);
    }
    if (!w.cfg.bots) {
      int64_t v = r.version;
      if (const auto* o = v >= 0 ? nullptr : r.response.if_object())
        if (const auto* jv = o->if_contains("version"); jv && jv->is_int64()) v = jv->as_int64();
      if (v != expect + 1) bump(w.st.errors, "ok_version_mismatch");
      const int64_t key = seen_key(game, v);
      Seen* e = room.find_seen(key);
      if (e && e->count == 4) {
        // Every seat saw it before this reply was read here.
        if (counted) w.sample_all_views(e->first_at, e->all_at, t0);
        room.forget_seen(key);
      } else if (!counted) {
        if (e) room.forget_seen(key);
      } else {
        if (!e) e = &room.get_seen(key);
        e->t0 = t0;
      }
    }
  } else {
    const std::string code = r.code.empty() ? "error" : r.code;
    bump(w.st.moves_refused, code);
    if (code == "rate_limited") {
      // The server's per-socket limit: try the same view again shortly.
      w.at(now + 100'000, [this] {
        if (pushed_seq_ == view_seq_) pushed_seq_ = UINT64_MAX;
        maybe_schedule();
      });
      return;
    }
    // stale_version and the like: a newer view is on its way.
  }
  maybe_schedule();
}

void Seat::maybe_schedule() {
  Worker& w = room.w;
  if (w.paused || w.stopping || scheduled_ || inflight_ || legal_.empty() || pushed_seq_ == view_seq_) return;
  scheduled_ = true;
  const double now = now_us() / 1000.0;
  if (room.start_at_ms > now) {
    w.at(static_cast<int64_t>(room.start_at_ms * 1000), [this] { push(); });
    return;
  }
  if (w.interval_ms <= 0 || room.preroll_left > 0) {
    push();
    return;
  }
  const double at = std::max(now, room.next_at_ms);
  room.next_at_ms = at + w.interval_ms / room.pace_factor;
  if (at - now < 0.5) push();
  else w.at(static_cast<int64_t>(at * 1000), [this] { push(); });
}

// ---------------------------------------------------------------- pace

// Tables set up together would stay in step (every hand ending and every
// passing round at the same moment everywhere). So each table first plays a
// random number of moves, up to one hand, unpaced (the pre-roll, before any
// window), and then keeps its own pace, uniform in [0.5, 1.5] x the mean.
// With computer players the pace is theirs and a pre-roll moves no table out
// of step; there each table's first move waits a random part of one hand
// instead (cfg.start_spread_ms).
void Worker::start_play(double room_rate) {
  interval_ms = room_rate > 0 ? 1000 / room_rate : 0;
  if (!paused) return;
  paused = false;
  Mulberry32 pick(cfg.seed ^ 0x5eedu);
  const double now_ms = now_us() / 1000.0;
  for (auto& r : rooms) {
    r->preroll_left = cfg.stagger ? static_cast<int>(std::floor(pick.next() * cfg.preroll_moves)) : 0;
    if (!r->ready) r->preroll_left = 0;  // a table that failed to set up never plays
    if (r->preroll_left == 0) st.prerolled++;
    r->pace_factor = cfg.stagger ? 0.5 + pick.next() : 1;
    r->next_at_ms = now_ms + uniform() * interval_ms;
    r->start_at_ms = now_ms + pick.next() * cfg.start_spread_ms;
  }
  for (auto& r : rooms)
    for (auto& s : r->seats) s->maybe_schedule();
}

}  // namespace parlor::load
