// The game inside a Room: starting, moves, the durable log, computer players
// and timers, and rebuilding from the log.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cstdio>
#include <random>
#include <stdexcept>

#include "room/room.h"
#include "rules/json_util.h"
#include "rules/registry.h"

namespace parlor::room {

namespace {

LogEntry entry(std::string kind, int seat, const json::value& body, std::int64_t at) {
  return LogEntry{0, std::move(kind), seat, json::serialize(body), at};
}

bool in_mask(const std::vector<int>& seats, int seat) {
  for (int s : seats)
    if (s == seat) return true;
  return false;
}

}  // namespace

Status Room::start_game(json::object setup_record) {
  auto created = rules::create_from_record(setup_record, /*live=*/true);
  if (!created) return created.error();
  setup_ = std::move(setup_record);
  version_ = 0;
  moves_since_snapshot_ = 0;
  first_action_ms_ = -1;
  state_ = *created;
  rec_.status = "playing";
  save_record_later();
  std::vector<LogEntry> step;
  step.push_back(entry("start", -1, setup_, host_.now_ms()));
  start_seq_ = seq_ + 1;  // append_step numbers the entries from there
  if (state_->awaiting_hand_seed()) {
    auto seed = host_.fresh_hand_seed();
    state_ = state_->with_hand_seed(seed);
    step.push_back(entry("hand_seed", -1, json::object{{"seed", seed}}, host_.now_ms()));
  }
  append_step(std::move(step), std::nullopt);
  // The status changed (start or rematch): everyone hears it at once; the
  // first view follows when the start is durable.
  push_room();
  host_.summary_changed(summary());
  return Status::Ok();
}

void Room::move(const Player& who, const ReplyTo& to, const json::object& p) {
  auto fail = [&](const char* code, const std::string& message) {
    host_.reply(to, false, json::object{{"code", code}, {"message", message}});
  };
  if (rec_.status == "waiting") return fail("not_started", "the game has not started yet");
  if (rec_.status == "finished" || !state_ || state_->is_over())
    return fail("game_over", "the game is over");
  int seat = seat_of(who.id);
  if (seat < 0) return fail("not_seated", "you are not sitting at this table");
  if (const auto* ev = p.if_contains("expect_version"); ev && !ev->is_null()) {
    if (!(ev->is_int64() || ev->is_uint64()) || ev->to_number<std::int64_t>() != version_)
      return fail("stale_version", "the table has moved on (now at version " +
                                       std::to_string(version_) + "); look again");
  }
  json::object m = p;
  m.erase("expect_version");
  auto st = apply_move(seat, std::move(m), to);
  if (!st) fail(st.error().code.c_str(), st.error().message);
}

Status Room::apply_move(int seat, json::object move, std::optional<ReplyTo> to) {
  auto now = host_.now_ms();
  if (rec_.game == "klondike") {
    // The server's clock, never the client's: seconds since the first action.
    if (first_action_ms_ < 0) first_action_ms_ = now;
    move["t"] = (now - first_action_ms_) / 1000;
  } else {
    move.erase("t");
  }
  move.erase("seat");
  auto next = state_->apply(seat, move);
  if (!next) return next.error();
  state_ = *next;
  ++version_;
  append_step({entry("move", seat, move, now)}, to);
  maybe_snapshot();
  // The finished hand stays in view for a moment; then the next is dealt.
  if (state_->awaiting_hand_seed()) host_.start_timer({TimerKind::kDeal, -1}, config_.hand_pause);
  return Status::Ok();
}

void Room::append_step(std::vector<LogEntry> entries, std::optional<ReplyTo> to) {
  std::int64_t last = 0;
  for (auto& e : entries) {
    e.seq = last = next_seq();
    record_.add(e);
  }
  pending_.push_back(Pending{last, state_, version_, to});
  for (auto& e : entries) {
    bool is_last = e.seq == last;
    auto seq = e.seq;
    host_.append(std::move(e), [this, seq, is_last](Status st) {
      if (!st) throw std::runtime_error("log append failed: " + st.error().message);
      if (is_last) on_durable(seq, st);
    });
  }
  schedule_actors();
}

void Room::on_durable(std::int64_t seq, const Status&) {
  while (!pending_.empty() && pending_.front().seq <= seq) {
    Pending p = std::move(pending_.front());
    pending_.pop_front();
    if (p.reply) host_.reply(*p.reply, true, json::object{{"version", p.version}});
    if (p.state->is_over() && rec_.status == "playing" && pending_.empty()) {
      // The game's last move: the result is stored before anyone is shown
      // the end (finish_game shows it then), so a client that sees
      // game_over can fetch the record at once.
      finish_game(p.state, p.version);
      continue;
    }
    shown_ = p.state;
    shown_version_ = p.version;
    publish(p.state);
  }
}

void Room::publish(const rules::StatePtr& shown) {
  // The bulk of a view (tricks, scores, seats) is the same for everyone: it
  // is written once, and each seat's text is its own few fields joined to it
  // (view_text_of() writes the same three parts for one seat). One text per
  // seat, shared by spectators and a player's extra tabs.
  std::map<int, std::vector<ConnId>> by_seat;
  for (const auto& [conn, c] : conns_) by_seat[seat_of(c.player.id)].push_back(conn);
  if (by_seat.empty()) return;
  std::string shared = game_text_of(shown);
  shared += ',';
  shared += room_fields_text(shown_version_);
  for (const auto& [seat, conns] : by_seat) {
    const std::string text = rules::joined_members_text(seat_view_text_of(shown, seat), shared);
    for (ConnId conn : conns) host_.push_text(conn, "view", text);
  }
}

void Room::finish_game(rules::StatePtr state, std::int64_t version) {
  // Neither write is waited for (a commit's wait on the room's thread was
  // 10 % of the I/O threads' time with 2,000 busy tables): both are queued
  // behind the game's last entry, and the end is shown when they are durable.
  rec_.status = "finished";
  save_record_later();
  GameResult r;
  r.room_id = rec_.id;
  r.game = rec_.game;
  r.record = record_text_of_game();
  record_.clear();  // a finished room keeps no moves in memory
  json::object result = state->result();
  r.result = json::serialize(result);
  std::vector<bool> won(seats_.size(), false);
  if (const auto* w = result.if_contains("winners"); w && w->is_array()) {
    for (const auto& x : w->as_array()) {
      auto i = static_cast<size_t>(x.to_number<std::int64_t>());
      if (rec_.game == "spades") {  // winners are teams: seats t and t + 2
        if (i < 2) won[i] = won[i + 2] = true;
      } else if (i < won.size()) {
        won[i] = true;
      }
    }
  }
  for (size_t i = 0; i < seats_.size(); ++i)
    r.seat_players.push_back(seats_[i].player ? seats_[i].player->id : "");
  r.winners = won;
  r.finished_ms = host_.now_ms();
  host_.store().save_result_later(std::move(r), host_.on_room_strand([this, state, version](Status st) {
    if (!st) throw std::runtime_error("cannot save result: " + st.error().message);
    shown_ = state;
    shown_version_ = version;
    push_room_and_views();
  }));
}

std::string Room::record_text_of_game() {
  if (!record_.complete()) {
    GameRecordText from_log;
    for (const auto& e : host_.store().load_log(rec_.id, start_seq_ - 1)) {
      if (e.kind == "start" && e.seq != start_seq_) break;  // a later game (not expected: this one is current)
      from_log.add(e);
    }
    record_ = std::move(from_log);
  }
  return record_.text(setup_);
}

void Room::maybe_snapshot() {
  bool boundary = state_->awaiting_hand_seed() || state_->is_over();
  if (!boundary && ++moves_since_snapshot_ < kSnapshotEvery) return;
  moves_since_snapshot_ = 0;
  json::object body{{"start_seq", start_seq_},
                    {"version", version_},
                    {"setup", setup_},
                    {"first_action_ms", first_action_ms_},
                    {"state", state_->to_json()}};
  // Best effort: the log stays the source of truth, a lost snapshot only
  // makes the next restore replay more.
  host_.store().save_snapshot_later(rec_.id, Snapshot{seq_, json::serialize(body)}, [id = rec_.id](Status st) {
    if (!st) std::fprintf(stderr, "room %s: snapshot not saved: %s\n", id.c_str(), st.error().message.c_str());
  });
}

void Room::schedule_actors() {
  if (!state_ || state_->is_over()) return;
  auto acting = state_->to_act();
  auto now = host_.now_ms();
  for (int seat = 0; seat < players_; ++seat) {
    auto i = static_cast<size_t>(seat);
    bool acts = in_mask(acting, seat);
    if (!acts) {
      if (turn_since_ms_[i] >= 0) {  // set from its turn timer's start to the turn's end
        turn_since_ms_[i] = -1;
        host_.cancel_timer({TimerKind::kTurn, seat});
      }
      continue;
    }
    if (seats_[i].bot_controlled()) {
      if (!bot_pending_[i]) {
        bot_pending_[i] = true;
        host_.start_timer({TimerKind::kBotTurn, seat}, bot_wait());
      }
    } else if (turn_seconds_ && turn_since_ms_[i] < 0) {
      turn_since_ms_[i] = now;
      host_.start_timer({TimerKind::kTurn, seat}, std::chrono::seconds(*turn_seconds_));
    }
  }
}

std::chrono::milliseconds Room::bot_wait() {
  const std::int64_t base = config_.bot_delay.count();
  const std::int64_t spread = base * std::clamp(config_.bot_delay_spread_pct, 0, 100) / 100;
  if (spread <= 0) return config_.bot_delay;
  std::uniform_int_distribution<std::int64_t> wait(base - spread, base + spread);
  return std::chrono::milliseconds(wait(bot_pace_));
}

void Room::on_timer(TimerKey key) {
  auto i = static_cast<size_t>(key.seat);
  switch (key.kind) {
    case TimerKind::kGrace:
      if (key.seat < 0 || i >= seats_.size() || seats_[i].connections > 0 || !seats_[i].player) return;
      if (rec_.status == "waiting") {
        seats_[i] = SeatState{};  // nobody waits for a player who left before the start
        save_record();
      } else {
        seats_[i].standin = true;
      }
      push_room_and_views();
      schedule_actors();
      return;
    case TimerKind::kBotTurn:
    case TimerKind::kTurn: {
      if (key.seat < 0 || i >= seats_.size() || !state_ || state_->is_over()) return;
      if (key.kind == TimerKind::kBotTurn) bot_pending_[i] = false;
      if (!in_mask(state_->to_act(), key.seat)) return;
      bool bot = seats_[i].bot_controlled();
      if (key.kind == TimerKind::kBotTurn && !bot) return;
      std::string level = seats_[i].bot.empty() ? "easy" : seats_[i].bot;
      bot_pending_[i] = true;
      auto seed = static_cast<std::uint64_t>(version_) * 1315423911u + i;
      host_.request_bot_move(key.seat, version_, level, state_, seed);
      return;
    }
    case TimerKind::kDeal:
      deal_if_waiting();
      return;
    case TimerKind::kIdle:
      return;
  }
}

void Room::on_bot_move(int seat, std::int64_t, const json::value& move) {
  auto i = static_cast<size_t>(seat);
  if (i >= seats_.size() || !state_ || state_->is_over()) return;
  bot_pending_[i] = false;
  if (!in_mask(state_->to_act(), seat)) return;
  bool timed_out = turn_seconds_ && turn_since_ms_[i] >= 0 &&
                   host_.now_ms() - turn_since_ms_[i] >= *turn_seconds_ * 1000LL;
  if (!seats_[i].bot_controlled() && !timed_out) return;  // the person came back
  Status st = move.is_object() ? apply_move(seat, move.as_object(), std::nullopt)
                               : Status(make_error("bad_payload", "a bot sent no move"));
  if (!st) {
    // A bot's move that no longer fits (the table moved on): take the first
    // legal move rather than stall the table.
    auto legal = state_->legal_moves(seat);
    PARLOR_CHECK(!legal.empty(), "seat " << seat << " acts with no legal move in room " << rec_.id);
    st = apply_move(seat, legal[0].as_object(), std::nullopt);
    PARLOR_CHECK(st.ok(), "first legal move refused: " << st.error().message);
  }
}

Status Room::replay(const std::optional<Snapshot>& snap, const std::vector<LogEntry>& log) {
  size_t start = log.size();
  for (size_t i = log.size(); i-- > 0;)
    if (log[i].kind == "start") {
      start = i;
      break;
    }
  seq_ = log.empty() ? (snap ? snap->seq : 0) : log.back().seq;
  size_t next = 0;
  if (start < log.size()) {
    // A game started after the snapshot (or there is none): from its start.
    boost::system::error_code ec;
    auto setup = json::parse(log[start].body, ec);
    if (ec || !setup.is_object()) return make_error("broken", "unreadable start entry");
    auto created = rules::create_from_record(setup.as_object(), /*live=*/true);
    if (!created) return make_error("broken", "cannot recreate the game: " + created.error().message);
    setup_ = setup.as_object();
    start_seq_ = log[start].seq;
    state_ = *created;
    next = start + 1;
    for (size_t i = start; i < log.size(); ++i) record_.add(log[i]);  // the "start" entry begins it
  } else if (snap) {
    if (auto st = resume_from(*snap); !st) return st;
    record_.clear();  // the game's first entries are only in the log
  } else {
    return Status::Ok();  // no game yet
  }
  for (size_t i = next; i < log.size(); ++i)
    if (auto st = apply_logged(log[i]); !st) return st;
  shown_ = state_;
  shown_version_ = version_;
  if (state_->is_over() && rec_.status == "playing") finish_game(state_, version_);
  deal_if_waiting();
  schedule_actors();
  return Status::Ok();
}

Status Room::resume_from(const Snapshot& snap) {
  boost::system::error_code ec;
  auto body = json::parse(snap.state, ec);
  if (ec || !body.is_object()) return make_error("broken", "unreadable snapshot at " + std::to_string(snap.seq));
  const auto& o = body.as_object();
  const auto* game = rules::find_game(rec_.game);
  if (!game) return make_error("broken", "unknown game " + rec_.game);
  auto state = game->from_json(o.at("state"));
  if (!state) return make_error("broken", "snapshot at " + std::to_string(snap.seq) + ": " + state.error().message);
  state_ = *state;
  setup_ = o.at("setup").as_object();
  start_seq_ = o.at("start_seq").to_number<std::int64_t>();
  version_ = o.at("version").to_number<std::int64_t>();
  first_action_ms_ = o.at("first_action_ms").to_number<std::int64_t>();
  return Status::Ok();
}

Status Room::apply_logged(const LogEntry& e) {
  boost::system::error_code ec;
  auto body = json::parse(e.body, ec);
  if (ec || !body.is_object()) return make_error("broken", "unreadable log entry " + std::to_string(e.seq));
  if (e.kind == "hand_seed") {
    state_ = state_->with_hand_seed(std::string(body.at("seed").as_string()));
  } else if (e.kind == "move") {
    if (rec_.game == "klondike" && first_action_ms_ < 0) first_action_ms_ = e.at_ms;
    auto next = state_->apply(e.seat, body);
    if (!next)
      return make_error("broken", "log entry " + std::to_string(e.seq) + " does not apply: " + next.error().message);
    state_ = *next;
    ++version_;
  }
  return Status::Ok();
}

void Room::deal_if_waiting() {
  // Also after a restart: a crash between a hand's last move and its new
  // seed's entry leaves the next hand undealt; no view showed that seed's
  // hash, so a fresh one is fair.
  if (!state_ || state_->is_over() || !state_->awaiting_hand_seed()) return;
  auto seed = host_.fresh_hand_seed();
  state_ = state_->with_hand_seed(seed);
  append_step({entry("hand_seed", -1, json::object{{"seed", seed}}, host_.now_ms())}, std::nullopt);
}

}  // namespace parlor::room
