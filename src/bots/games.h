#pragma once
// The per-game computer players behind choose_move (bot.cc dispatches on the
// view's "game"). Each returns the index in `legal` of the move it chooses.
#include <cstddef>
#include <cstdint>

#include "bots/level.h"
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

}  // namespace parlor::bots
