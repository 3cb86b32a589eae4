#pragma once
// `parlor arena`: plays seeded games between computer players and reports,
// per entrant, average points per hand with a 95% confidence interval, the
// win rate and the time per decision (docs/bots.md).
//
//   parlor arena --game hearts --seats hard,easy,easy,easy --hands 2000 --seed 1 [--json]
//
// Exit status 0 on success, 2 for bad usage, 1 when a match could not be
// played (a refused option, or a bot move the engine refused).
namespace parlor::tools {
int arena_main(int argc, char** argv);
}  // namespace parlor::tools
