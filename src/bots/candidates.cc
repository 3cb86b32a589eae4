#include "bots/candidates.h"

#include <algorithm>

namespace parlor::bots {

std::vector<Card> distinct_plays(CardSet legal, CardSet outstanding, Card favourite) {
  std::vector<std::vector<Card>> runs;
  Card prev;
  for (Card c : legal) {
    bool same_run = !prev.is_none() && prev.suit() == c.suit();
    for (int id = prev.id() + 1; same_run && id < c.id(); ++id)
      if (outstanding.contains(Card(static_cast<std::uint8_t>(id)))) same_run = false;
    if (!same_run) runs.emplace_back();
    runs.back().push_back(c);
    prev = c;
  }
  std::vector<Card> out{favourite};
  for (const auto& run : runs)
    if (std::find(run.begin(), run.end(), favourite) == run.end()) out.push_back(run.front());
  return out;
}

}  // namespace parlor::bots
