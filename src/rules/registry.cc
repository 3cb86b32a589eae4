#include "rules/registry.h"

#include "rules/record.h"
#include "rules/golf/golf.h"
#include "rules/hearts/hearts.h"
#include "rules/klondike/klondike.h"
#include "rules/sheepshead/sheepshead.h"
#include "rules/spades/spades.h"

namespace parlor::rules {

const std::vector<const GameType*>& all_games() {
  static const std::vector<const GameType*> games = {
      &hearts::game_type(),
      &spades::game_type(),
      &sheepshead::game_type(),
      &golf::game_type(),
      &klondike::game_type(),
  };
  return games;
}

const GameType* find_game(std::string_view name) {
  for (const auto* g : all_games())
    if (g->name() == name) return g;
  return nullptr;
}

namespace {
json::value record_error(const Error& e) {
  json::object o;
  o["move"] = nullptr;
  o["code"] = e.code;
  o["message"] = e.message;
  return o;
}
}  // namespace

Result<StatePtr> create_from_record(const json::object& record, bool live) {
  const auto* name = record.if_contains("game");
  if (!name || !name->is_string()) return make_error("bad_record", "the record has no \"game\"");
  const auto* game = find_game(name->get_string());
  if (!game)
    return make_error("bad_record", "unknown game \"" + std::string(name->get_string()) + "\"");
  auto setup = setup_from_record(record, live);
  if (!setup) return setup.error();
  return game->create(*setup);
}

json::object run_record(const json::object& record) {
  const auto* name = record.if_contains("game");
  const GameType* game = (name && name->is_string()) ? find_game(name->get_string()) : nullptr;
  if (!game) {
    std::string label = (name && name->is_string()) ? std::string(name->get_string()) : "";
    return result_object(label, nullptr, 0,
                         record_error( make_error("bad_record", label.empty()
                                                                          ? "the record has no \"game\""
                                                                          : "unknown game \"" + label + "\"")));
  }
  return run_record(*game, record);
}

}  // namespace parlor::rules
