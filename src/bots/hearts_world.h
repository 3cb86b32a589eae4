#pragma once
// Hearts: what a seat knows, read from its view, and typed playout states
// built from that knowledge with the unseen cards dealt at random.
#include <array>

#include "bots/hearts_policy.h"
#include "bots/sampler.h"
#include "bots/view_util.h"

namespace parlor::bots::hearts_bot {

struct World {
  Table table;     // the seat to play (the viewer) and its table
  hr::State base;  // the hand so far; other hands hold only cards known to be there
  DealProblem problem;              // the unseen cards and who may hold them
  std::array<int, 3> place_seat{};  // problem place -> seat
};

// The view of the seat to play, in the playing phase.
World read_world(const json::object& view);
// The view of a seat still to pass: its 13 cards; the other 39 are dealt at
// random (nothing is known of them), and nobody has passed in the sample.
World read_pass_world(const json::object& view);

// `base` with the unseen cards dealt by `problem`: a state the engine accepts
// (the conformance checks of hearts.h hold), live, so that a playout stops
// when the hand is scored instead of dealing the next one.
hr::State sample_state(const World& w, FastRng& rng);

}  // namespace parlor::bots::hearts_bot
