#pragma once
// Computer players. A bot sees exactly what a person in its seat sees: the
// seat's view (the same JSON a browser gets, built by the game's one view
// function) with its `legal` moves, and chooses one of those moves. It never
// sees the game state, so it cannot cheat. Deterministic for a given seed.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string_view>

namespace parlor::bots {

// One of view["legal"], chosen for the view's seat at `level` ("easy",
// "normal", "hard"). view["legal"] must be non-empty (CHECKed).
boost::json::value choose_move(const boost::json::object& view, std::string_view level,
                               std::uint64_t seed);

// choose_move() for a view given as its JSON text (what a room sends). The
// view is read into memory that lives for this call only; the move returned
// uses the default memory resource. The text must be a view object (CHECKed).
boost::json::value choose_move_in_text(std::string_view view_text, std::string_view level,
                                       std::uint64_t seed);

}  // namespace parlor::bots
