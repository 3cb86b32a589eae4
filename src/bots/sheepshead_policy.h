#pragma once
// Sheepshead heuristics. Picking, burying, calling and cracking go by hand
// strength (trumps weighted by rank, fail aces, voids); card play knows its
// side (picker and partner against the defenders, everyone alone in a
// leaster): it schmears points on a trick its side holds, wins tricks worth
// winning as cheaply as it can, keeps trumps, leads trump as the picker side
// and the called suit as a defender. The easy bot plays these; the searching
// bots use the card play as their playout policy.
#include <array>

#include "base/card.h"
#include "base/shuffle.h"
#include "rules/sheepshead/sheepshead.h"

namespace parlor::bots::sheepshead_bot {

namespace ss = parlor::rules::sheepshead;

// Trick-play knowledge of one seat.
struct Table {
  int seat = 0;
  int players = 5;
  CardSet hand;   // may hold ss::kUnder (the picker's face-down under)
  CardSet legal;  // may hold ss::kUnder
  std::array<Card, ss::kMaxPlayers> trick{};  // the under as ss::kUnder
  int trick_size = 0;
  int leader = 0;
  CardSet played;  // cards known to be out of play, the current trick included
  int picker = -1;
  int partner = -1;  // known to this seat, else -1
  bool leaster = false;
  Card called;       // none when alone, in a leaster, or with 3/4 players
  bool called_suit_done = false;
};

// Hand strength: trumps by rank, fail aces, voids (a 6-card hand: 0 .. ~16).
double strength(CardSet hand);
// Pick, given the seat's position in the pick order (0 = first).
bool choose_pick(CardSet hand, int pick_position, const ss::Options& opt);
// The bury (the picker's 8, 9 or 12 cards -> hand), from the legal buries.
CardSet choose_bury(CardSet cards, const std::vector<ss::Move>& legal, const ss::Options& opt);
// One of the legal call moves (calls, unknown calls, alone).
ss::Move choose_call(CardSet hand, const std::vector<ss::Move>& legal, const ss::Options& opt);
// Crack, recrack or not (the legal list has the choice first, no_crack last).
bool choose_double(CardSet hand, bool picker_side, const ss::Options& opt);

Card choose_play(const Table& t, FastRng& rng, double noise);

// The table of the seat to play in a typed playout state.
Table table_from_state(const ss::State& s, int seat);

}  // namespace parlor::bots::sheepshead_bot
