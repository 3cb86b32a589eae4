#pragma once
// Sheepshead: what a seat knows in trick play, read from its view, and typed
// playout states built from it with the unseen cards dealt at random: the
// other hands, the bury (unless we picked), a leaster's blind, the picker's
// face-down under, and cards played out of sight (the view shows only the
// current and the last trick). The deal keeps the called card out of the
// picker's cards while its holder is secret, keeps shown voids, and leaves
// the picker a card of the called suit until that suit is led.
#include <array>

#include "bots/sampler.h"
#include "bots/sheepshead_policy.h"
#include "bots/view_util.h"

namespace parlor::bots::sheepshead_bot {

struct World {
  int seat = 0;
  Table table;     // the viewer's table
  ss::State base;  // other hands hold no cards yet (except the known under mark)
  DealProblem problem;
  std::array<int, ss::kMaxPlayers> place_seat{};  // places 0 .. n-2: the other seats
  int bury_place = -1, blind_place = -1, played_place = -1, under_place = -1;
  bool hold_rule = false;  // the picker must still hold a card of the called suit
};

// Parses a card code of a view, "UNDER" included (ss::kUnder).
Card view_card(const json::value& v);

// The table of the viewer (trick play), from its view.
Table read_table(const json::object& view);
// The viewer's world; the view must be of the playing phase.
World read_world(const json::object& view);
// Fills `s` with a deal of the unseen cards. False when no deal kept even
// what the rules guarantee (then `s` may be a state the engine cannot play,
// and the caller skips it).
bool sample_state(const World& w, FastRng& rng, ss::State& s);

}  // namespace parlor::bots::sheepshead_bot
