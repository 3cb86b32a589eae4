#include "bots/bot.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <cstddef>

#include "bots/games.h"
#include "rules/json_util.h"
#include "rules/typed_game.h"

namespace parlor::bots {

boost::json::value choose_move(const boost::json::object& view, std::string_view level,
                               std::uint64_t seed) {
  const json::array& legal = array_at(view, "legal");
  PARLOR_CHECK(!legal.empty(), "choose_move for a view without legal moves");
  const std::string_view game = string_at(view, "game");
  const BotInput in{view, legal, parse_level(level), seed};
  size_t pick = 0;
  if (legal.size() == 1) {
    pick = 0;
  } else if (game == "hearts") {
    pick = hearts_choice(in);
  } else if (game == "spades") {
    pick = spades_choice(in);
  } else if (game == "sheepshead") {
    pick = sheepshead_choice(in);
  } else if (game == "golf") {
    pick = golf_choice(in);
  } else if (game == "klondike") {
    pick = klondike_choice(in);
  } else {
    PARLOR_CHECK(false, "no computer player for the game \"" << game << "\"");
  }
  PARLOR_CHECK(pick < legal.size(), "bot chose move " << pick << " of " << legal.size());
  return legal[pick];
}

json::value choose_move_for_seat(const rules::GameState& state, int seat, std::string_view level,
                                 std::uint64_t seed) {
  if (const auto* hearts = dynamic_cast<const rules::TypedState<rules::hearts::Hearts>*>(&state))
    return hearts_move_in_state(hearts->typed(), seat, parse_level(level), seed);
  const std::string view = rules::joined_members_text(state.seat_view_text(seat), state.shared_view_text());
  return choose_move_in_text(view, level, seed);
}

json::value choose_move_in_text(std::string_view view_text, std::string_view level, std::uint64_t seed) {
  // A Hearts view late in a game reads into ~10 KB: one buffer per thread,
  // nothing freed one by one (the arena's memory is let go as a whole; a
  // larger view takes the rest from the heap). Not on the stack: 16 KB there
  // would also hide every caller from the profiler's stack copies. No call
  // on a thread starts while another runs there (bots never call back here).
  alignas(std::max_align_t) static thread_local unsigned char buffer[16384];
  json::monotonic_resource arena(buffer, sizeof buffer);
  json::error_code ec;
  const json::value view = json::parse(json::string_view(view_text.data(), view_text.size()), ec, &arena);
  PARLOR_CHECK(!ec && view.is_object(), "a computer player got a view that is not a JSON object ("
                                            << ec.message() << "): " << view_text.substr(0, 200));
  return json::value(choose_move(view.as_object(), level, seed), json::storage_ptr());
}

}  // namespace parlor::bots
