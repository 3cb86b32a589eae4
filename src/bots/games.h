#pragma once
// The per-game computer players behind choose_move (bot.cc dispatches on the
// view's "game"). Each returns the index in `legal` of the move it chooses.
#include <cstddef>
#include <cstdint>

#include "bots/level.h"
#include "rules/hearts/hearts.h"
#include "bots/view_util.h"

namespace parlor::bots {

struct BotInput {
  const json::object& view;
  const json::array& legal;  // view["legal"], non-empty
  Level level;
  std::uint64_t seed;
};

size_t hearts_choice(const BotInput& in);
size_t spades_choice(const BotInput& in);
size_t sheepshead_choice(const BotInput& in);
size_t golf_choice(const BotInput& in);
size_t klondike_choice(const BotInput& in);

// Hearts without a view: the same choice as hearts_choice() on the seat's
// view, made from the seat's knowledge taken straight from the state
// (hearts_bot::knowledge_of_state, checked by the tests to equal what the
// view tells). `seat` must be able to act in `s`.
json::value hearts_move_in_state(const rules::hearts::State& s, int seat, const Level& level, std::uint64_t seed);

}  // namespace parlor::bots
