#pragma once
// Test support: plays whole games between bots through the JSON game API,
// exactly as the room does (each seat's view in, one legal move out).
#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

#include "rules/game.h"

namespace parlor::bots::testing {

namespace json = boost::json;

struct GameRun {
  rules::StatePtr final;
  int moves = 0;
  std::vector<json::value> chosen;  // every move the bots chose, in order
};

// Plays a game of `type` from `setup` (a partial record: options, players)
// with the given seed; seat s is played at levels[s % levels.size()].
// `inspect(state, view, seat)` sees every view handed to a bot, with the state
// it was built from. Fails the current
// test (ADD_FAILURE) on an illegal or refused move, and stops after max_moves.
GameRun play_game(const rules::GameType& type, json::object setup, std::uint64_t seed,
                  const std::vector<std::string>& levels, int max_moves = 20000,
                  const std::function<void(const rules::GameState&, const json::object&, int)>& inspect = {});

// The game types the bots play, linked directly (the tests need no registry).
std::vector<const rules::GameType*> bot_games();

}  // namespace parlor::bots::testing
