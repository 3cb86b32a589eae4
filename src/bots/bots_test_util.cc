#include "bots/bots_test_util.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "bots/bot.h"
#include "rules/golf/golf.h"
#include "rules/hearts/hearts.h"
#include "rules/klondike/klondike.h"
#include "rules/deal.h"
#include "rules/sheepshead/sheepshead.h"
#include "rules/spades/spades.h"

namespace parlor::bots::testing {

std::vector<const rules::GameType*> bot_games() {
  return {&rules::hearts::game_type(), &rules::spades::game_type(),
          &rules::sheepshead::game_type(), &rules::golf::game_type(),
          &rules::klondike::game_type()};
}

GameRun play_game(const rules::GameType& type, json::object setup, std::uint64_t seed,
                  const std::vector<std::string>& levels, int max_moves,
                  const std::function<void(const rules::GameState&, const json::object&, int)>& inspect) {
  setup["game"] = type.name();
  setup["seed"] = seed;
  GameRun run;
  auto parsed = rules::setup_from_record(setup);
  if (!parsed.ok()) {
    ADD_FAILURE() << "setup " << json::serialize(setup) << ": " << parsed.error().message;
    return run;
  }
  auto created = type.create(*parsed);
  if (!created.ok()) {
    ADD_FAILURE() << "create " << json::serialize(setup) << ": " << created.error().message;
    return run;
  }
  auto state = *created;
  std::uint64_t decision = 0;
  while (!state->is_over() && run.moves < max_moves) {
    const auto acting = state->to_act();
    if (acting.empty()) {
      ADD_FAILURE() << type.name() << ": nobody may act in a game in progress";
      break;
    }
    for (int seat : acting) {
      json::object view = state->view(seat);
      view["seat"] = seat;  // as the room adds it (Room::view_of): Golf's view has no seat
      if (inspect) inspect(*state, view, seat);
      const std::string& level = levels[static_cast<size_t>(seat) % levels.size()];
      const json::value move = choose_move(view, level, seed * 1000003u + decision++);
      const json::array legal = state->legal_moves(seat);
      bool listed = false;
      for (const auto& m : legal) listed = listed || m == move;
      if (!listed) {
        ADD_FAILURE() << type.name() << " seat " << seat << " chose an unlisted move "
                      << json::serialize(move);
        return run;
      }
      auto next = state->apply(seat, move);
      if (!next.ok()) {
        ADD_FAILURE() << type.name() << " refused " << json::serialize(move) << ": "
                      << next.error().message;
        return run;
      }
      run.chosen.push_back(move);
      state = *next;
      ++run.moves;
    }
  }
  run.final = state;
  return run;
}

}  // namespace parlor::bots::testing
