// Spades: the easy bot bids from its trick estimate and plays the heuristics
// of spades_policy. Normal and hard search over deals of the unseen cards
// (voids shown, cards seen in the blind-nil exchange): in play each candidate
// card is played out to the end of the hand; in bidding each candidate bid
// around the estimate (and nil, when the hand is weak) is played out with the
// later seats bidding by the heuristics. The reward is the hand's score
// difference between the teams, plus a bonus when the hand decides the game.
#include <algorithm>

#include "bots/candidates.h"
#include "bots/games.h"
#include "bots/search.h"
#include "bots/spades_world.h"

namespace parlor::bots {
namespace spades_bot {
namespace {

using rules::spades::Spades;

constexpr double kPlayoutNoise = 0.08;
constexpr double kGameBonus = 200;
// Blind nil only as a comeback: far behind while the opponents near the target.
constexpr int kBlindNilDeficit = 250;
constexpr int kBlindNilOpponentsNear = 150;

void apply_ok(sp::State& s, int seat, const sp::Move& m) {
  const Status st = Spades::apply(s, seat, m);
  PARLOR_CHECK(st.ok(), "spades playout: " << st.error().message);
}

// Plays the hand out with the heuristics; returns the reward for `seat`'s team.
double play_out(sp::State s, int seat, const sp::Move& first, std::uint64_t stream) {
  FastRng rng(stream);
  apply_ok(s, seat, first);
  while (s.phase == sp::Phase::kBidding || s.phase == sp::Phase::kExchange || s.phase == sp::Phase::kPlay) {
    const int who = s.to_move;
    const CardSet hand = s.hands[static_cast<size_t>(who)];
    if (s.phase == sp::Phase::kBidding) {
      if (sp::blind_nil_eligible(s, who)) {
        apply_ok(s, who, sp::Move::look());
        continue;
      }
      std::array<int, 4> bids{};
      for (int p = 0; p < 4; ++p) bids[p] = s.bids[static_cast<size_t>(p)];
      apply_ok(s, who, sp::Move::bid(choose_bid(hand, who, bids, s.opt)));
    } else if (s.phase == sp::Phase::kExchange) {
      const CardSet pair = choose_exchange(hand, s.given.empty());
      apply_ok(s, who, sp::Move::exchange(pair.lowest(), pair.highest()));
    } else {
      const Table t = table_from_state(s);
      apply_ok(s, who, sp::Move::play(choose_play(t, rng, kPlayoutNoise)));
    }
  }
  const auto& rec = s.history->back();
  const int team = sp::team_of(seat);
  double reward = rec.teams[team].points - rec.teams[1 - team].points;
  if (s.phase == sp::Phase::kGameOver) reward += ((s.winners >> team) & 1u) ? kGameBonus : -kGameBonus;
  return reward;
}

std::vector<sp::Move> bid_candidates(const std::vector<sp::Move>& legal, int favourite, CardSet hand) {
  std::vector<sp::Move> out{sp::Move::bid(favourite)};
  auto add = [&](int tricks) {
    const sp::Move m = sp::Move::bid(tricks);
    if (std::find(legal.begin(), legal.end(), m) != legal.end() &&
        std::find(out.begin(), out.end(), m) == out.end())
      out.push_back(m);
  };
  for (int d : {-1, 1, -2, 2}) add(favourite + d);
  if (estimate_tricks(hand) < 3) add(0);
  return out;
}

bool take_blind_nil(const json::object& view, int seat) {
  const auto scores = int_list(*find(view, "scores"));
  const int us = scores[sp::team_of(seat)], them = scores[1 - sp::team_of(seat)];
  json::object normalized;
  const json::value* given = find(view, "options");
  auto opt = sp::read_options(given && given->is_object() ? given->as_object() : json::object{}, normalized);
  const int target = opt.ok() ? opt->target_score : 500;
  return them - us >= kBlindNilDeficit && them >= target - kBlindNilOpponentsNear;
}

}  // namespace
}  // namespace spades_bot

size_t spades_choice(const BotInput& in) {
  using namespace spades_bot;
  const auto moves = typed_legal<Spades>(in.legal);
  const int seat = int_at(in.view, "seat");
  if (moves.front().type == sp::MoveType::kBlindNil || moves.front().type == sp::MoveType::kLook)
    return index_of(moves, take_blind_nil(in.view, seat) ? sp::Move::blind_nil() : sp::Move::look());
  const World w = read_world(in.view);
  const CardSet hand = w.base.hands[seat];
  if (w.base.phase == sp::Phase::kExchange) {
    const CardSet pair = choose_exchange(hand, w.base.given.empty());
    return index_of(moves, sp::Move::exchange(pair.lowest(), pair.highest()));
  }
  std::vector<sp::Move> candidates;
  if (w.base.phase == sp::Phase::kBidding) {
    std::array<int, 4> bids{};
    for (int p = 0; p < 4; ++p) bids[p] = w.base.bids[p];
    const int bid = choose_bid(hand, seat, bids, w.base.opt);
    if (!in.level.searches()) return index_of(moves, sp::Move::bid(bid));
    candidates = bid_candidates(moves, bid, hand);
  } else {
    FastRng rng(in.seed);
    const Card favourite = choose_play(w.table, rng, 0);
    if (!in.level.searches()) return index_of(moves, sp::Move::play(favourite));
    const CardSet outstanding = CardSet((std::uint64_t{1} << 52) - 1) - w.table.hand - w.table.played;
    for (Card c : distinct_plays(w.table.legal, outstanding, favourite)) candidates.push_back(sp::Move::play(c));
  }
  const auto outcome = monte_carlo(static_cast<int>(candidates.size()), in.level, in.seed,
                                   [&](FastRng& deal_rng, std::span<double> sum) {
                                     const sp::State s = sample_state(w, deal_rng);
                                     const std::uint64_t stream = deal_rng.next();
                                     for (size_t i = 0; i < candidates.size(); ++i)
                                       sum[i] += play_out(s, seat, candidates[i], stream);
                                   });
  return index_of(moves, candidates[static_cast<size_t>(outcome.best)]);
}

}  // namespace parlor::bots
