#pragma once
// Candidate cards for a search: cards of one suit with no outstanding card
// ranked between them win and lose the same tricks, so one of each such run
// is enough. Only for games that rank a suit by card id (Hearts, Spades).
#include <vector>

#include "base/card.h"

namespace parlor::bots {

// One card per run of equivalent legal cards, `favourite` first (it stands
// for its own run).
std::vector<Card> distinct_plays(CardSet legal, CardSet outstanding, Card favourite);

}  // namespace parlor::bots
