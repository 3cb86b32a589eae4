#pragma once
// Plays a game record (game-records.md) and builds its result object: the core
// of `parlor engine`, and the oracle tests use. Pure: no I/O.
#include <boost/json/object.hpp>

#include "rules/game.h"

namespace parlor::rules {

// The result object of game-records.md for `record`, played with `game`.
// Problems with the record itself are reported in "error" with move null.
json::object run_record(const GameType& game, const json::object& record);

// The result object of a state reached after `moves_applied` moves.
json::object result_object(std::string_view game, const GameState* state, int moves_applied,
                           const json::value& error);

}  // namespace parlor::rules
