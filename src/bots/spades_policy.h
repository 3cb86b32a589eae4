#pragma once
// Spades heuristics: bidding from an estimate of tricks (nil only on a very
// weak hand), the blind-nil exchange, and card play that makes the team's
// contract, avoids bags once it is made, protects a partner's nil, and tries
// to set an opponent's nil. They serve the easy bot and, with a little noise,
// as the playout policy of the searching bots.
#include <array>

#include "base/card.h"
#include "base/shuffle.h"
#include "rules/spades/spades.h"

namespace parlor::bots::spades_bot {

namespace sp = parlor::rules::spades;

// What the seat to play knows that the heuristics use.
struct Table {
  int seat = 0;
  CardSet hand;
  CardSet legal;
  CardSet played;  // cards known to be out of play, the current trick included
  std::array<Card, 4> trick{};
  int trick_size = 0;
  int leader = 0;
  std::array<int, 4> bids{-1, -1, -1, -1};  // 0 = nil
  std::array<int, 4> tricks_won{};
  int tricks_played = 0;
  sp::Options options;
};

// Expected tricks of a 13-card hand.
double estimate_tricks(CardSet hand);
// Whether the hand is weak enough, and its high cards guarded enough, for nil.
bool good_nil(CardSet hand);
// The bid (0 = nil) given the bids already made (-1 = not yet).
int choose_bid(CardSet hand, int seat, const std::array<int, 4>& bids, const sp::Options& options);
// The blind-nil exchange: the bidder gives his two most dangerous cards; the
// partner returns his two safest (lowest, non-spade first).
CardSet choose_exchange(CardSet hand, bool giving);
Card choose_play(const Table& t, FastRng& rng, double noise);

// The table as the seat to play sees it in a typed playout state.
Table table_from_state(const sp::State& s);

}  // namespace parlor::bots::spades_bot
