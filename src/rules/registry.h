#pragma once
// The explicit list of games. Adding a sixth game means adding its folder and
// one line in registry.cc.
#include <string_view>
#include <vector>

#include "rules/game.h"

namespace parlor::rules {

const std::vector<const GameType*>& all_games();
// nullptr when no game has that name.
const GameType* find_game(std::string_view name);

// Creates a game from a whole record ({"game", "options", "players", ...}).
// Errors: bad_record (unknown game, bad shape), bad_option.
Result<StatePtr> create_from_record(const json::object& record, bool live = false);

// The result object of game-records.md for a whole record, finding the game
// by its "game" field (the core of `parlor engine`).
json::object run_record(const json::object& record);

}  // namespace parlor::rules
