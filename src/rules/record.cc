#include "rules/record.h"


namespace parlor::rules {
namespace {

json::object error_json(const json::value& move_index, const Error& e) {
  json::object o;
  o["move"] = move_index;
  o["code"] = e.code;
  o["message"] = e.message;
  return o;
}

}  // namespace

json::object result_object(std::string_view game, const GameState* state, int moves_applied,
                           const json::value& error) {
  json::object out;
  out["game"] = game;
  if (!state) {
    out["status"] = nullptr;
    out["moves_applied"] = 0;
    out["error"] = error;
    out["hands"] = json::array{};
    out["totals"] = json::array{};
    out["winners"] = json::array{};
    out["to_act"] = json::array{};
    out["legal"] = json::array{};
    return out;
  }
  json::object r = state->result();
  out["status"] = state->status();
  out["moves_applied"] = moves_applied;
  out["error"] = error;
  for (const char* key : {"hands", "totals", "winners"}) {
    auto* v = r.if_contains(key);
    out[key] = v ? *v : json::value(json::array{});
  }
  for (const auto& kv : r)
    if (!out.contains(kv.key())) out[kv.key()] = kv.value();
  auto acting = state->to_act();
  json::array to_act;
  for (int s : acting) to_act.emplace_back(s);
  out["to_act"] = std::move(to_act);
  out["legal"] = acting.size() == 1 ? state->legal_moves(acting[0]) : json::array{};
  return out;
}

json::object run_record(const GameType& game, const json::object& record) {
  auto setup = setup_from_record(record);
  if (!setup) return result_object(game.name(), nullptr, 0, error_json(nullptr, setup.error()));
  auto created = game.create(*setup);
  if (!created) return result_object(game.name(), nullptr, 0, error_json(nullptr, created.error()));
  StatePtr s = *created;
  const json::value* moves_v = record.if_contains("moves");
  if (moves_v && !moves_v->is_null() && !moves_v->is_array())
    return result_object(game.name(), nullptr, 0,
                         error_json(nullptr, make_error("bad_record", "moves must be a list")));
  int applied = 0;
  if (moves_v && moves_v->is_array()) {
    const auto& moves = moves_v->get_array();
    for (size_t i = 0; i < moves.size(); ++i) {
      const auto* m = moves[i].if_object();
      const json::value* seat = m ? m->if_contains("seat") : nullptr;
      if (!m || !seat || !(seat->is_int64() || seat->is_uint64())) {
        return result_object(
            game.name(), s.get(), applied,
            error_json(static_cast<std::int64_t>(i),
                       make_error("bad_record", "each move must be an object with a \"seat\"")));
      }
      auto next = s->apply(static_cast<int>(seat->to_number<std::int64_t>()), moves[i]);
      if (!next)
        return result_object(game.name(), s.get(), applied,
                             error_json(static_cast<std::int64_t>(i), next.error()));
      s = *next;
      ++applied;
    }
  }
  return result_object(game.name(), s.get(), applied, nullptr);
}

}  // namespace parlor::rules
