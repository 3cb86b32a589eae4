// Hearts: the game type, pass directions and the conformance setups.
#include "rules/hearts/hearts.h"

#include "rules/typed_game.h"

namespace parlor::rules::hearts {

PassDirection pass_direction(PassCycle cycle, int hand_index) {
  using D = PassDirection;
  static constexpr std::array<D, 4> kFull = {D::kLeft, D::kRight, D::kAcross, D::kHold};
  switch (cycle) {
    case PassCycle::kLeftRightAcrossHold: return kFull[static_cast<size_t>(hand_index % 4)];
    case PassCycle::kLeftRightAcross: return kFull[static_cast<size_t>(hand_index % 3)];
    case PassCycle::kLeftRight: return kFull[static_cast<size_t>(hand_index % 2)];
    case PassCycle::kLeft: return D::kLeft;
    case PassCycle::kNone: return D::kHold;
  }
  return D::kHold;
}

std::string_view pass_direction_name(PassDirection d) {
  switch (d) {
    case PassDirection::kLeft: return "left";
    case PassDirection::kRight: return "right";
    case PassDirection::kAcross: return "across";
    case PassDirection::kHold: return "hold";
  }
  return "hold";
}

std::vector<json::object> Hearts::test_setups() {
  auto setup = [](json::object options) {
    json::object o;
    o["options"] = std::move(options);
    o["players"] = kPlayers;
    return o;
  };
  return {
      setup({}),
      setup({{"pass_cycle", "left-right-across"}, {"moon", "subtract_from_shooter"},
             {"end_score", 50}}),
      setup({{"pass_cycle", "left"}, {"first_trick_points", true}, {"qs_breaks_hearts", true},
             {"end_score", 60}}),
      setup({{"pass_cycle", "none"}, {"moon", "shooter_best"}, {"jack_of_diamonds", true},
             {"end_score", 50}}),
      setup({{"pass_cycle", "left-right"}, {"moon", "off"}, {"tie_rule", "play_on"},
             {"end_score", 25}}),
      setup({{"moon", "shooter_best"}, {"tie_rule", "play_on"}, {"jack_of_diamonds", true},
             {"qs_breaks_hearts", true}, {"end_score", 40}}),
  };
}

const GameType& game_type() {
  static const TypedGame<Hearts> game;
  return game;
}

}  // namespace parlor::rules::hearts
