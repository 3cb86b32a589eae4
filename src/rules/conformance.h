#pragma once
// The conformance suite every registered game runs through (GoogleTest
// assertions; link parlor_rules_conformance into a test binary).
//
// For each of the game's test_setups() it plays seeded random full games and
// checks at every step: the game is not stuck (someone may act until it is
// over), every seat's legal list is non-empty when it may act, a legal move
// applies, a seat that may not act is refused with not_your_turn, cards are
// conserved, the game's own invariants hold. On the first `full_check_games`
// games of each setup it also checks at every step: exact JSON round trips
// of the state, and that no view (every seat and a spectator) shows a card
// that viewer may not see. At the end of each game: replaying the record's
// moves rebuilds the same state, and the result names winners.
#include <cstdint>

#include "rules/game.h"

namespace parlor::rules {

struct ConformanceConfig {
  int games_per_setup = 200;
  int full_check_games = 10;
  std::uint64_t seed = 1;
  int max_steps = 200000;
};

// Reads PARLOR_CONFORMANCE_GAMES / PARLOR_CONFORMANCE_FULL to scale a run.
ConformanceConfig conformance_config_from_env(ConformanceConfig defaults);

void check_game_conformance(const GameType& game, const ConformanceConfig& config);

}  // namespace parlor::rules
