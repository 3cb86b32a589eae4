#pragma once
// Golf heuristics by expected score: a card's worth in a position is the
// drop of the grid's expected score (unknown cards count the mean value of
// the cards not seen, with the chance of completing a matching column), the
// draw is worth the expected best use of an unseen card, and going out is
// charged for the risk of not being lowest. The easy bot plays them; the
// searching bots use them as the playout policy of every seat.
#include <array>
#include <cstdint>

#include "base/card.h"
#include "rules/golf/golf.h"

namespace parlor::bots::golf_bot {

namespace go = parlor::rules::golf;

inline constexpr int kKeys = 14;  // match keys: ranks 0..12, 13 = joker

// What one seat knows.
struct Table {
  int seat = 0;
  int players = 2;
  go::Options opt;
  std::array<std::array<Card, go::kMaxGrid>, go::kMaxPlayers> known{};  // Card() = unknown
  std::array<std::uint16_t, go::kMaxPlayers> up{};
  Card top_discard;  // none when the pile is empty
  Card drawn;        // our drawn card, in the drawn phase
  int out = -1;      // the seat that went out or knocked
  std::array<int, kKeys> unseen{};  // cards not seen, by match key
  int unseen_total = 0;
};

// The positions to turn up at the start (a bit mask).
std::uint16_t choose_reveal(const Table& t);
// At the start of a turn: draw, take the discard into a position, or knock.
go::Move choose_turn(const Table& t);
// Holding a drawn card: swap it into a position, or discard (and maybe flip).
go::Move choose_drawn(const Table& t);

// The knowledge of `seat` in a typed state.
Table table_from_state(const go::State& s, int seat);

}  // namespace parlor::bots::golf_bot
