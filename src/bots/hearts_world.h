#pragma once
// Hearts: what a seat knows, read from its view, and typed playout states
// built from that knowledge with the unseen cards dealt at random.
#include <array>
#include <utility>
#include <vector>

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

// Everything a seat's view tells a bot, typed: the game so far, this hand's
// tricks, its own cards, its pass, how many cards each seat holds. Read from
// the view (knowledge_of_view), or taken from the state for that seat
// (knowledge_of_state: no view to write and read back); the tests check that
// the two are equal on every state of random games, so a bot that reads the
// state knows exactly what the seat's view shows and nothing more.
struct Knowledge {
  struct Trick {
    int leader = 0;
    std::vector<std::pair<int, Card>> plays;  // (seat, card) in play order
    bool operator==(const Trick&) const = default;
  };
  int seat = 0;
  hr::Phase phase = hr::Phase::kPlaying;  // passing or playing
  hr::Options options;
  int hand_index = 0;
  int dealer = 0;
  std::array<int, 4> totals{};
  std::vector<hr::HandResult> results;  // finished hands
  std::vector<Trick> tricks;            // this hand's completed tricks (playing)
  Trick current;                        // the trick in play (playing)
  CardSet cards;                        // the seat's hand
  bool passed = false;                  // playing after an exchange: the fields below hold
  CardSet given, received;
  int pass_to = -1, pass_from = -1;
  std::array<int, 4> counts{};  // cards held by each seat
  bool operator==(const Knowledge&) const = default;
};
// `view` must be the view of a seat that acts, passing or playing.
Knowledge knowledge_of_view(const json::object& view);
// The same knowledge of `seat`, which acts in `s` (passing or playing).
Knowledge knowledge_of_state(const hr::State& s, int seat);

// The knowledge of the seat to play, in the playing phase.
World read_world(const Knowledge& k);
// The knowledge of a seat still to pass: its 13 cards; the other 39 are dealt
// at random (nothing is known of them), and nobody has passed in the sample.
World read_pass_world(const Knowledge& k);

// `base` with the unseen cards dealt by `problem`: a state the engine accepts
// (the conformance checks of hearts.h hold), live, so that a playout stops
// when the hand is scored instead of dealing the next one.
hr::State sample_state(const World& w, FastRng& rng);

}  // namespace parlor::bots::hearts_bot
