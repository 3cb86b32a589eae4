#pragma once
// Computer players. A bot knows exactly what a person in its seat knows: the
// seat's view (the same JSON a browser gets, built by the game's one view
// function) with its `legal` moves, and chooses one of those moves. Given the
// state of a live game (choose_move_for_seat), it reads that seat's view of
// it, or a typed twin of the view that the tests prove equal; so it cannot
// cheat. Deterministic for a given seed.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string_view>

#include "rules/game.h"

namespace parlor::bots {

// One of view["legal"], chosen for the view's seat at `level` ("easy",
// "normal", "hard"). view["legal"] must be non-empty (CHECKed).
boost::json::value choose_move(const boost::json::object& view, std::string_view level,
                               std::uint64_t seed);

// The move of `seat` (which can act) in a live game, chosen as choose_move()
// chooses it from the seat's view without the room's fields: the view text
// read back, or for Hearts the seat's knowledge taken straight from the state
// (hearts_bot::knowledge_of_state; the tests check on every state of random
// games that it equals what the view tells, and that both choose the same).
boost::json::value choose_move_for_seat(const rules::GameState& state, int seat, std::string_view level,
                                        std::uint64_t seed);

// choose_move() for a view given as its JSON text (what a room sends). The
// view is read into memory that lives for this call only; the move returned
// uses the default memory resource. The text must be a view object (CHECKed).
boost::json::value choose_move_in_text(std::string_view view_text, std::string_view level,
                                       std::uint64_t seed);

}  // namespace parlor::bots
