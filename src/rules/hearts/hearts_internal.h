#pragma once
// Helpers shared by the Hearts source files (not part of the game's API).
#include <string_view>

#include "rules/hearts/hearts.h"

namespace parlor::rules::hearts {

// Deals hand s.hand_index from the deal source (rules 3.3) and starts its
// passing or trick play; in a live game whose seed is missing, waits instead.
void deal_or_wait(State& s);

std::string_view phase_name(Phase p);
std::optional<Phase> phase_from_name(std::string_view name);

}  // namespace parlor::rules::hearts
