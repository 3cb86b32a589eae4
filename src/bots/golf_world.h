#pragma once
// Golf: what a seat knows, read from its view, and typed playout states built
// from it with the unseen cards (face-down grid cards the seat does not know,
// and the stock) dealt at random.
#include <utility>
#include <vector>

#include "base/shuffle.h"
#include "bots/golf_policy.h"
#include "bots/view_util.h"

namespace parlor::bots::golf_bot {

struct World {
  Table table;
  go::State base;            // unknown grid cards are Card(); the stock is empty
  std::vector<Card> unseen;  // the cards to deal: unknown grid cards, then the stock
  std::vector<std::pair<int, int>> holes;  // (seat, position) of each unknown grid card
  int stock = 0;
};

// The view of a seat in the reveal, turn or drawn phase.
World read_world(const json::object& view);
go::State sample_state(const World& w, FastRng& rng);

}  // namespace parlor::bots::golf_bot
