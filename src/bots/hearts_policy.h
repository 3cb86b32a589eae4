#pragma once
// Hearts heuristics: the easy bot, and the playout policy of the searching
// bots (the same rules of thumb, with a little noise). They read a small
// summary of the table that can be built both from a view and from a typed
// playout state, so one set of heuristics serves both.
#include <array>
#include <vector>

#include "base/card.h"
#include "base/shuffle.h"
#include "rules/hearts/hearts.h"

namespace parlor::bots::hearts_bot {

namespace hr = parlor::rules::hearts;

// What the seat to play knows that the heuristics use.
struct Table {
  int seat = 0;
  CardSet hand;
  CardSet legal;
  CardSet played;  // cards played this hand, the current trick included
  std::array<Card, 4> trick{};  // current trick in play order
  int trick_size = 0;
  int leader = 0;
  bool first_trick = false;
  std::array<int, 4> points_taken{};  // raw penalty points won so far this hand
  hr::Options options;
};

// The card to play. With noise > 0, that share of decisions is a uniformly
// random legal card (playouts need some variety; the easy bot uses 0).
Card choose_play(const Table& t, FastRng& rng, double noise);

// A 13-card hand's cards from the most to the least desirable to pass: QS
// unless four low spades guard it, AS/KS when the queen is not guarded, high
// hearts, high cards of short clubs and diamonds (to make a void); never low
// spades (they guard against the queen).
std::vector<Card> pass_preference(CardSet hand, const hr::Options& options);
// The 3 cards to pass: the first three of pass_preference.
CardSet choose_pass(CardSet hand, const hr::Options& options);

// The table as the seat to play sees it in a typed state (playing phase).
Table table_from_state(const hr::State& s);

}  // namespace parlor::bots::hearts_bot
