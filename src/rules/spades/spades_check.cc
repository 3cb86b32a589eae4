// Spades: where the cards are, what each viewer may not see, invariants, and
// the setups the conformance suite plays.
#include <string>

#include "rules/spades/spades.h"

namespace parlor::rules::spades {
namespace {

constexpr int kDeckSize = 52;

bool is_dealt(Phase p) { return p != Phase::kAwaitingDeal; }

CardSet trick_cards(const Trick& t) {
  CardSet set;
  for (int i = 0; i < t.count; ++i) set.add(t.cards[static_cast<size_t>(i)]);
  return set;
}

bool has_played_to_trick(const Trick& t, int seat) {
  for (int i = 0; i < t.count; ++i)
    if (t.seat_of(i) == seat) return true;
  return false;
}

int expected_hand_size(const State& s, int seat) {
  switch (s.phase) {
    case Phase::kAwaitingDeal:
    case Phase::kGameOver:
      return 0;
    case Phase::kBidding:
      return kTricksPerHand;
    case Phase::kExchange:
      if (s.given.empty()) return kTricksPerHand;
      if (seat == s.exchange_from) return kTricksPerHand - kExchangeCards;
      if (seat == partner_of(s.exchange_from)) return kTricksPerHand + kExchangeCards;
      return kTricksPerHand;
    case Phase::kPlay:
      return kTricksPerHand - s.tricks_played - (has_played_to_trick(s.trick, seat) ? 1 : 0);
  }
  return 0;
}

std::optional<std::string> bidding_problem(const State& s) {
  // The seats that bid are the first ones from the dealer's left, in order.
  int made = 0;
  for (int i = 0; i < kSeats; ++i) {
    const int seat = (s.dealer + 1 + i) % kSeats;
    if (s.bids[static_cast<size_t>(seat)] < 0) continue;
    if (i != made) return "bids are not made in turn from the dealer's left";
    ++made;
  }
  const bool complete = made == kSeats;
  if ((s.phase == Phase::kBidding) == complete) return "the bids do not fit the phase";
  if (s.phase == Phase::kBidding && s.to_move != (s.dealer + 1 + made) % kSeats)
    return "the seat to bid is not the next bidder";
  for (int seat = 0; seat < kSeats; ++seat) {
    const bool blind = (s.blind_mask >> seat) & 1u;
    if (blind && s.bids[static_cast<size_t>(seat)] != 0) return "a blind nil bid is not 0";
    if (s.bids[static_cast<size_t>(seat)] == 0 && !s.opt.nil_allowed) return "nil bid without nil";
  }
  return std::nullopt;
}

std::optional<std::string> exchange_problem(const State& s) {
  if (s.exchange_from < 0) {
    if (s.phase == Phase::kExchange || !s.given.empty() || !s.returned.empty())
      return "exchange cards without an exchange";
    return std::nullopt;
  }
  const int from = s.exchange_from;
  if (!((s.blind_mask >> from) & 1u) || ((s.blind_mask >> partner_of(from)) & 1u))
    return "the exchange is not from a lone blind nil bidder";
  if (s.phase == Phase::kExchange) {
    if (!s.returned.empty()) return "cards returned before the exchange ended";
    if (s.to_move != (s.given.empty() ? from : partner_of(from))) return "wrong seat to exchange";
  }
  const int want = kExchangeCards;
  if (s.phase != Phase::kExchange && (s.given.size() != want || s.returned.size() != want))
    return "an incomplete exchange";
  if (!s.given.empty() && s.given.size() != want) return "wrong number of cards given";
  return std::nullopt;
}

std::optional<std::string> cards_problem(const State& s) {
  CardSet all = s.played | trick_cards(s.trick);
  int total = s.played.size() + s.trick.count;
  for (int seat = 0; seat < kSeats; ++seat) {
    const CardSet hand = s.hands[static_cast<size_t>(seat)];
    all = all | hand;
    total += hand.size();
    if (hand.size() != expected_hand_size(s, seat))
      return "seat " + std::to_string(seat) + " holds " + std::to_string(hand.size()) +
             " cards, expected " + std::to_string(expected_hand_size(s, seat));
  }
  if (all.size() != total || total != (is_dealt(s.phase) ? kDeckSize : 0) ||
      (total > 0 && all.highest().id() >= kDeckSize))
    return "the cards are not one deck, each card in one place";
  if (trick_cards(s.trick).size() != s.trick.count) return "a card twice in the trick";
  const CardSet spades_seen = (s.played | trick_cards(s.trick)) & CardSet::suit(Suit::kSpades);
  if (s.spades_broken != !spades_seen.empty()) return "spades_broken does not match the cards";
  return std::nullopt;
}

std::optional<std::string> tricks_problem(const State& s) {
  int won = 0;
  for (auto t : s.tricks_won) won += t;
  if (won != s.tricks_played) return "tricks won do not add up to tricks played";
  if (s.played.size() != kSeats * s.tricks_played) return "played cards do not fill the tricks";
  if ((s.last_winner >= 0) != (s.tricks_played > 0) ||
      (s.tricks_played > 0 && s.last_trick.count != kSeats) ||
      (s.tricks_played == 0 && s.last_trick.count != 0))
    return "the last trick does not match the tricks played";
  if (s.phase == Phase::kPlay) {
    if (s.trick.leader < 0 || s.trick.count >= kSeats) return "no trick in progress";
    if (s.to_move != s.trick.seat_of(s.trick.count)) return "the seat to play is out of turn";
    if (s.tricks_played >= kTricksPerHand) return "too many tricks";
  } else if (s.trick.count != 0 || (s.phase != Phase::kGameOver && s.tricks_played != 0)) {
    return "tricks outside trick play";
  }
  if (s.phase == Phase::kGameOver && s.tricks_played != kTricksPerHand)
    return "the game ended in the middle of a hand";
  return std::nullopt;
}

// Re-scores every completed hand from its bids and tricks.
std::optional<std::string> history_problem(const State& s) {
  std::array<int, kTeams> scores{}, bags{};
  const auto& history = *s.history;
  for (size_t k = 0; k < history.size(); ++k) {
    const HandRecord& h = history[k];
    int tricks = 0;
    for (int t : h.tricks) tricks += t;
    if (tricks != kTricksPerHand) return "hand " + std::to_string(k) + " has not 13 tricks";
    for (int team = 0; team < kTeams; ++team) {
      const auto i = static_cast<size_t>(team);
      const TeamHandScore t = score_team(s.opt, team, h.bids, h.blind_nil, h.tricks, bags[i]);
      if (t != h.teams[i])
        return "hand " + std::to_string(k) + " team " + std::to_string(team) + " is misscored";
      scores[i] += t.points;
      bags[i] = t.bag_count;
    }
  }
  if (scores != s.scores) return "scores are not the sum of the hand scores";
  if (bags != s.bags) return "bag counts do not follow the hands";
  return std::nullopt;
}

}  // namespace

namespace detail {

std::optional<std::string> structural_problem(const State& s) {
  const int completed = static_cast<int>(s.history->size());
  if (s.hand != (s.phase == Phase::kGameOver ? completed - 1 : completed))
    return "the hand number does not follow the history";
  for (int team = 0; team < kTeams; ++team)
    if (s.bags[static_cast<size_t>(team)] < 0 || s.bags[static_cast<size_t>(team)] >= s.opt.bag_limit)
      return "bag count out of range";
  if ((s.phase == Phase::kGameOver) != (s.winners != 0)) return "winners do not match the status";
  const bool acting = s.phase == Phase::kBidding || s.phase == Phase::kExchange ||
                      s.phase == Phase::kPlay;
  if (acting != (s.to_move >= 0)) return "the seat to act does not fit the phase";
  if (s.phase == Phase::kAwaitingDeal &&
      (s.bids != std::array<std::int8_t, kSeats>{-1, -1, -1, -1} || s.blind_mask || s.looked_mask ||
       s.exchange_from >= 0))
    return "bids before the deal";
  if (s.phase != Phase::kAwaitingDeal)
    if (auto p = bidding_problem(s)) return p;
  if (auto p = exchange_problem(s)) return p;
  if (auto p = cards_problem(s)) return p;
  if (auto p = tricks_problem(s)) return p;
  return std::nullopt;
}

std::string_view phase_name(Phase p) {
  switch (p) {
    case Phase::kAwaitingDeal: return "awaiting_deal";
    case Phase::kBidding: return "bidding";
    case Phase::kExchange: return "exchange";
    case Phase::kPlay: return "play";
    case Phase::kGameOver: return "game_over";
  }
  return "?";
}

std::optional<Phase> phase_from_name(std::string_view name) {
  for (Phase p : {Phase::kAwaitingDeal, Phase::kBidding, Phase::kExchange, Phase::kPlay,
                  Phase::kGameOver})
    if (phase_name(p) == name) return p;
  return std::nullopt;
}

}  // namespace detail

std::vector<Card> Spades::all_cards(const State& s) {
  if (!is_dealt(s.phase)) return standard_deck();  // the undealt deck
  std::vector<Card> out = s.played.cards();
  for (int i = 0; i < s.trick.count; ++i) out.push_back(s.trick.cards[static_cast<size_t>(i)]);
  for (CardSet h : s.hands)
    for (Card c : h) out.push_back(c);
  return out;
}

std::vector<Card> Spades::hidden_from(const State& s, Viewer viewer) {
  if (!is_dealt(s.phase)) return standard_deck();
  CardSet hidden;
  for (int seat = 0; seat < kSeats; ++seat)
    if (!viewer || seat != *viewer || !sees_own_cards(s, seat))
      hidden = hidden | s.hands[static_cast<size_t>(seat)];
  // The two partners of a blind-nil exchange know the cards that changed hands.
  if (viewer && s.exchange_from >= 0 &&
      (*viewer == s.exchange_from || *viewer == partner_of(s.exchange_from)))
    hidden = hidden - (s.given | s.returned);
  return hidden.cards();
}

std::optional<std::string> Spades::broken_invariant(const State& s) {
  if (auto p = detail::structural_problem(s)) return p;
  if (auto p = history_problem(s)) return p;
  if (game_winners(s.opt, s.scores) != s.winners) return "winners do not follow the scores";
  return std::nullopt;
}

std::vector<json::object> Spades::test_setups() {
  // Random play bids far too high and sinks both teams, so without a losing
  // score a random game would never reach the target: every setup sets one
  // (losing_score "off" is covered by the unit tests).
  auto setup = [](json::object options) {
    json::object o;
    o["players"] = kSeats;
    o["options"] = std::move(options);
    return o;
  };
  return {
      setup({{"losing_score", -600}}),
      setup({{"losing_score", -500}, {"target_score", 100}, {"nil_tricks", "count_toward_bid"}}),
      setup({{"losing_score", -200}, {"nil_tricks", "ignore"}, {"must_break_spades", false}}),
      setup({{"losing_score", -600}, {"blind_nil", true}}),
      setup({{"losing_score", -400}, {"blind_nil", true}, {"blind_nil_exchange", 0},
             {"nil_value", 200}}),
      setup({{"losing_score", -300}, {"nil_allowed", false}, {"blind_nil", true}}),
      setup({{"losing_score", -1000}, {"target_score", 200}, {"bag_limit", 5},
             {"bag_penalty", 50}, {"nil_value", 50}}),
      setup({{"losing_score", -200}, {"bag_limit", 20}, {"bag_penalty", 200},
             {"target_score", 1000}}),
  };
}

}  // namespace parlor::rules::spades
