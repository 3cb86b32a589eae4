#pragma once
// Spades: what a seat knows, read from its view, and typed playout states
// built from it with the unseen cards dealt at random.
//
// Deals are also weighed by the bids: a bidder's hand should be worth the
// tricks his bid still needs (rejection sampling, see bid_weight).
//
// The view shows the current trick and the last one; when it also lists the
// hand's earlier tricks ("tricks", as Hearts does) or its played cards
// ("played"), those are used too. Without them the cards played out of sight
// are dealt like unseen cards to a "played" pile of the right size.
#include <array>

#include "bots/sampler.h"
#include "bots/spades_policy.h"
#include "bots/view_util.h"

namespace parlor::bots::spades_bot {

struct World {
  int seat = 0;
  Table table;     // the viewer's table (play phase)
  sp::State base;  // other hands hold only cards known to be there
  DealProblem problem;              // places 0-2: the other seats; 3: played out of sight
  std::array<int, 3> place_seat{};
};

// The view of the seat to act (bidding after looking, or play).
World read_world(const json::object& view);
sp::State sample_state(const World& w, FastRng& rng);

}  // namespace parlor::bots::spades_bot
