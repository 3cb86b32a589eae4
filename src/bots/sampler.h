#pragma once
// Determinization: deals the cards a seat cannot see to the places that may
// hold them (other hands, a face-down blind or bury, cards played out of
// sight), at random but consistent with what the seat knows: how many cards
// each place holds, and which cards a place cannot hold (a suit it showed it
// is void in, a card the seat knows to be elsewhere). Cards known to be in a
// place (a Hearts pass) are not part of the pool: the caller puts them there.
#include <array>

#include "base/card.h"
#include "base/shuffle.h"

namespace parlor::bots {

inline constexpr int kMaxPlaces = 8;

struct DealProblem {
  int places = 0;
  CardSet pool;                            // the cards to deal, once each
  std::array<int, kMaxPlaces> count{};     // how many cards each place receives
  std::array<CardSet, kMaxPlaces> allowed{};  // cards each place may receive
  // With has_required: what the rules themselves guarantee (each a superset
  // of the place's `allowed`, which adds inferences such as shown voids), so
  // that a deal keeping them is a state the engine can play out.
  std::array<CardSet, kMaxPlaces> required{};
  bool has_required = false;
};

enum class Relaxed { kNone, kInferences, kEverything };

struct Deal {
  std::array<CardSet, kMaxPlaces> cards{};
  // kNone: every `allowed` holds. kInferences: only `required` holds (the
  // inferences contradicted each other). kEverything: only the counts hold.
  Relaxed relaxed = Relaxed::kNone;
};

// The counts must add up to the pool's size (CHECKed). Tries random deals
// that respect `allowed`, most constrained cards first; when none is found
// after a few tries (the inferences are contradictory, or very tight) it
// keeps only `required`, and at last only the counts.
Deal sample_deal(const DealProblem& problem, FastRng& rng);

}  // namespace parlor::bots
