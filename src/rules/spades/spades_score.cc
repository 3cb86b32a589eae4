// Spades: scoring a hand (section 5) and the end of the game (section 6).
#include <memory>

#include "rules/spades/spades.h"

namespace parlor::rules::spades {

TeamHandScore score_team(const Options& opt, int team, const std::array<int, kSeats>& bids,
                         const std::array<bool, kSeats>& blind_nil,
                         const std::array<int, kSeats>& tricks, int bag_count_before) {
  TeamHandScore t;
  int nil_tricks = 0;
  for (int seat = team; seat < kSeats; seat += 2) {
    const auto i = static_cast<size_t>(seat);
    if (bids[i] > 0) {
      t.contract += bids[i];
      t.counted_tricks += tricks[i];  // 5.1: a bidder's tricks always count
      continue;
    }
    // 5.4: each nil bidder separately; blind nil doubles.
    const int value = blind_nil[i] ? 2 * opt.nil_value : opt.nil_value;
    t.nil_points += tricks[i] == 0 ? value : -value;
    nil_tricks += tricks[i];
  }
  switch (opt.nil_tricks) {
    case NilTricks::kBags: t.nil_trick_bags = nil_tricks; break;  // 5.3
    case NilTricks::kCountTowardBid: t.counted_tricks += nil_tricks; break;
    case NilTricks::kIgnore: break;
  }
  // 5.2: with contract 0 (double nil) any counted tricks are all overtricks.
  if (t.counted_tricks >= t.contract) {
    t.contract_points = 10 * t.contract;
    t.overtricks = t.counted_tricks - t.contract;
  } else {
    t.contract_points = -10 * t.contract;  // set: no bags from the contract (9.9)
  }
  t.bags = t.overtricks + t.nil_trick_bags;
  // 5.3: the penalty check happens once per hand, after all of its bags (5.6).
  t.bag_count = bag_count_before + t.bags;
  while (t.bag_count >= opt.bag_limit) {
    t.bag_count -= opt.bag_limit;
    ++t.penalties;
  }
  t.points = t.contract_points + t.overtricks + t.nil_trick_bags + t.nil_points -
             t.penalties * opt.bag_penalty;
  return t;
}

std::uint8_t game_winners(const Options& opt, const std::array<int, kTeams>& scores) {
  const int a = scores[0], b = scores[1];
  const std::uint8_t higher = a > b ? 1u : 2u;
  // 6.1: a team reached the target; the higher score wins, equal scores play on.
  if (a >= opt.target_score || b >= opt.target_score) return a == b ? 0 : higher;
  // 6.2: the mercy rule, when on.
  if (!opt.losing_score) return 0;
  const bool a_lost = a <= *opt.losing_score, b_lost = b <= *opt.losing_score;
  if (a_lost && b_lost) return a == b ? 0 : higher;
  if (a_lost) return 2u;
  if (b_lost) return 1u;
  return 0;
}

namespace detail {

void finish_hand(State& s) {
  HandRecord rec;
  rec.dealer = s.dealer;
  for (int seat = 0; seat < kSeats; ++seat) {
    const auto i = static_cast<size_t>(seat);
    rec.bids[i] = s.bids[i];
    rec.blind_nil[i] = (s.blind_mask >> seat) & 1u;
    rec.tricks[i] = s.tricks_won[i];
  }
  for (int team = 0; team < kTeams; ++team) {
    const auto i = static_cast<size_t>(team);
    rec.teams[i] = score_team(s.opt, team, rec.bids, rec.blind_nil, rec.tricks, s.bags[i]);
    s.scores[i] += rec.teams[i].points;
    s.bags[i] = rec.teams[i].bag_count;
  }
  std::vector<HandRecord> history = *s.history;
  history.push_back(rec);
  s.history = Shared<std::vector<HandRecord>>(std::move(history));

  s.winners = game_winners(s.opt, s.scores);
  if (s.winners != 0) {
    s.phase = Phase::kGameOver;
    s.to_move = -1;
    return;
  }
  start_hand(s, s.hand + 1, left_of(s.dealer));
}

}  // namespace detail
}  // namespace parlor::rules::spades
