#include "bots/hearts_policy.h"

#include <algorithm>

namespace parlor::bots::hearts_bot {
namespace {

constexpr CardSet kDeck{(std::uint64_t{1} << 52) - 1};
constexpr Card kAceSpades{rank::kAce, Suit::kSpades};
constexpr Card kKingSpades{rank::kKing, Suit::kSpades};
constexpr Card kQS = hr::kQueenOfSpades;

CardSet of_suit(CardSet s, Suit suit) { return s & CardSet::suit(suit); }

// Cards of `set` in c's suit ranked above (below) c.
CardSet above(CardSet set, Card c) {
  const std::uint64_t higher = ~((std::uint64_t{2} << c.id()) - 1);
  return of_suit(set, c.suit()) & CardSet(higher);
}
CardSet below(CardSet set, Card c) {
  const std::uint64_t lower = (std::uint64_t{1} << c.id()) - 1;
  return of_suit(set, c.suit()) & CardSet(lower);
}

Card random_card(CardSet cards, FastRng& rng) {
  int k = static_cast<int>(rng.below(static_cast<std::uint32_t>(cards.size())));
  for (Card c : cards)
    if (k-- == 0) return c;
  return cards.lowest();
}

// Everything derived once per decision.
struct Ctx {
  const Table& t;
  CardSet outstanding;  // cards the other seats still hold
  bool queen_out;       // QS is in another hand
  int shooter = -1;     // another seat that has every point so far (a moon threat)
};

Ctx make_ctx(const Table& t) {
  Ctx x{t, kDeck - t.hand - t.played, false};
  x.queen_out = x.outstanding.contains(kQS);
  int holders = 0, who = -1, total = 0;
  for (int s = 0; s < 4; ++s) {
    if (t.points_taken[s] > 0) ++holders, who = s;
    total += t.points_taken[s];
  }
  if (holders == 1 && who != t.seat && total >= 10) x.shooter = who;
  return x;
}

int trick_points(const Table& t) {
  int p = 0;
  for (int i = 0; i < t.trick_size; ++i) {
    const Card c = t.trick[i];
    if (c.suit() == Suit::kHearts) ++p;
    if (c == kQS) p += 13;
  }
  return p;
}

// How much leading `c` is expected to hurt (lower is better).
double lead_cost(const Ctx& x, Card c) {
  const CardSet out_suit = of_suit(x.outstanding, c.suit());
  const int higher = above(x.outstanding, c).size();
  const int lower = below(x.outstanding, c).size();
  double cost;
  if (out_suit.empty()) {
    cost = 40;  // nobody follows: I win it and everybody discards on me
  } else if (higher == 0) {
    cost = 30;
  } else {
    cost = 20.0 * lower / (lower + higher);
  }
  if (c == kQS) cost += 35;
  if ((c == kAceSpades || c == kKingSpades) && x.queen_out) cost += 25;
  if (c.suit() == Suit::kSpades && c.rank() < rank::kQueen && x.queen_out) cost -= 4;
  if (c.suit() == Suit::kSpades && x.t.hand.contains(kQS) && c != kQS) cost += 3;
  if (c.suit() == Suit::kHearts) cost += 2;
  cost += 0.5 * of_suit(x.t.hand, c.suit()).size();  // short suits first: voids help later
  return cost;
}

Card choose_lead(const Ctx& x) {
  Card best = x.t.legal.lowest();
  double best_cost = 1e9;
  for (Card c : x.t.legal) {
    double cost = lead_cost(x, c);
    if (cost < best_cost) best_cost = cost, best = c;
  }
  return best;
}

Card highest_except_queen(CardSet cards) {
  CardSet rest = cards;
  rest.remove(kQS);
  return rest.empty() ? cards.highest() : rest.highest();
}

Card choose_follow(const Ctx& x, Card winning, int winner_seat) {
  const Table& t = x.t;
  const CardSet legal = t.legal;
  const CardSet under = below(legal, winning);
  const CardSet over = above(legal, winning);
  const bool last = t.trick_size == 3;
  const int points = trick_points(t);
  // Spades: drop the queen under a higher spade; keep A/K back while QS is out.
  if (winning.suit() == Suit::kSpades && legal.contains(kQS) && winning.rank() > rank::kQueen)
    return kQS;
  // A moon threat is winning a trick with points: take it if we can.
  if (x.shooter == winner_seat && points > 0 && !over.empty()) return over.lowest();
  if (t.first_trick && !t.options.first_trick_points) return legal.highest();  // no points yet
  if (last) {
    if (points == 0) return highest_except_queen(legal);  // a clean trick: shed a high card
    if (!under.empty()) return under.highest();
    return highest_except_queen(legal);
  }
  if (!under.empty()) return under.highest();  // duck as high as we can
  // Forced over the winner with players to come. With QS out, a spade below
  // the queen cannot catch it; the ace or king could.
  if (x.queen_out && winning.suit() == Suit::kSpades) {
    const CardSet below_queen = below(over, kQS);
    if (!below_queen.empty()) return below_queen.highest();
  }
  CardSet over_no_queen = over;
  over_no_queen.remove(kQS);
  if (over_no_queen.empty()) return over.lowest();
  const Card lowest = over_no_queen.lowest();
  // If nothing outstanding beats even our lowest card we win anyway: shed the highest.
  if (above(x.outstanding, lowest).empty() && points == 0) return over_no_queen.highest();
  return lowest;
}

Card choose_discard(const Ctx& x, int winner_seat) {
  const CardSet legal = x.t.legal;
  const bool feed_shooter = x.shooter >= 0 && x.shooter == winner_seat;
  if (!feed_shooter) {
    if (legal.contains(kQS)) return kQS;
    if (x.queen_out && legal.contains(kAceSpades)) return kAceSpades;
    if (x.queen_out && legal.contains(kKingSpades)) return kKingSpades;
    const CardSet hearts = legal & hr::kHearts;
    // A high heart is a liability; a low one can wait unless hearts are all we have.
    if (!hearts.empty() && (hearts.highest().rank() >= rank::kEight || hearts == legal))
      return hearts.highest();
  } else {
    const CardSet clean = legal - hr::kPenaltyCards;
    if (!clean.empty()) return clean.highest();
  }
  // Shed the most dangerous card: high, in a suit where we hold few low cards.
  Card best = legal.highest();
  int best_score = -1000;
  for (Card c : legal) {
    if (x.t.options.jack_of_diamonds && c == hr::kJackOfDiamonds) continue;
    const int lower_held = below(x.t.hand, c).size();
    const int lower_out = below(x.outstanding, c).size();
    int score = c.rank() * 4 + lower_out * 2 - lower_held * 3;
    if (c.suit() == Suit::kHearts) score += 6;
    if (score > best_score) best_score = score, best = c;
  }
  return best;
}

}  // namespace

Card choose_play(const Table& t, FastRng& rng, double noise) {
  if (t.legal.size() == 1) return t.legal.lowest();
  if (noise > 0 && rng.below(1u << 20) < noise * (1u << 20)) return random_card(t.legal, rng);
  const Ctx x = make_ctx(t);
  if (t.trick_size == 0) return choose_lead(x);
  const Suit led = t.trick[0].suit();
  int win = 0;
  for (int i = 1; i < t.trick_size; ++i)
    if (t.trick[i].suit() == led && t.trick[i].rank() > t.trick[win].rank()) win = i;
  const int winner_seat = (t.leader + win) % 4;
  if (!of_suit(t.legal, led).empty()) return choose_follow(x, t.trick[win], winner_seat);
  return choose_discard(x, winner_seat);
}

std::vector<Card> pass_preference(CardSet hand, const hr::Options& options) {
  const CardSet spades = of_suit(hand, Suit::kSpades);
  const bool has_queen = hand.contains(kQS);
  const int low_spades = below(spades, kQS).size();
  std::array<std::pair<int, Card>, 13> scored{};
  int n = 0;
  for (Card c : hand) {
    const int len = of_suit(hand, c.suit()).size();
    int score = c.rank() * 3;
    if (c == kQS) {
      score = low_spades >= 4 ? 20 : 100;  // a long spade suit guards the queen
    } else if (c == kAceSpades || c == kKingSpades) {
      score = (has_queen || low_spades < 4) ? 90 - (c == kKingSpades ? 2 : 0) : 15;
    } else if (c.suit() == Suit::kSpades) {
      score = -40;  // low spades protect against the queen
    } else if (c.suit() == Suit::kHearts) {
      score = c.rank() >= rank::kJack ? 60 + c.rank() : c.rank() * 2;
    } else {
      if (len <= 3) score += 14;  // passing a short suit away makes a void
      if (c == hr::kTwoOfClubs) score -= 10;
      if (options.jack_of_diamonds && c == hr::kJackOfDiamonds) score -= 30;
    }
    scored[n++] = {score, c};
  }
  std::sort(scored.begin(), scored.begin() + n,
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second > b.second; });
  std::vector<Card> out;
  for (int i = 0; i < n; ++i) out.push_back(scored[i].second);
  return out;
}

CardSet choose_pass(CardSet hand, const hr::Options& options) {
  const std::vector<Card> order = pass_preference(hand, options);
  CardSet pass;
  for (int i = 0; i < hr::kPassCount; ++i) pass.add(order[i]);
  return pass;
}

Table table_from_state(const hr::State& s) {
  Table t;
  t.seat = rules::hearts::Hearts::turn(s);
  t.hand = s.hands[t.seat];
  t.legal = rules::hearts::Hearts::legal_plays(s);
  for (int i = 0; i < s.num_plays; ++i) t.played.add(s.plays[i]);
  t.trick_size = s.num_plays & 3;
  for (int i = 0; i < t.trick_size; ++i) t.trick[i] = s.plays[s.num_plays - t.trick_size + i];
  t.leader = s.leader;
  t.first_trick = s.num_plays < 4;
  for (int seat = 0; seat < 4; ++seat) t.points_taken[seat] = hr::penalty_points(s.taken[seat]);
  t.options = s.options;
  return t;
}

}  // namespace parlor::bots::hearts_bot
