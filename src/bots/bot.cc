#include "bots/bot.h"

#include "bots/games.h"

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

}  // namespace parlor::bots
