#include "bots/spades_policy.h"

#include <algorithm>
#include <cmath>

namespace parlor::bots::spades_bot {
namespace {

constexpr CardSet kDeck{(std::uint64_t{1} << 52) - 1};
constexpr CardSet kSpades = CardSet::suit(Suit::kSpades);
constexpr Suit kSideSuits[] = {Suit::kClubs, Suit::kDiamonds, Suit::kHearts};

CardSet of_suit(CardSet s, Suit suit) { return s & CardSet::suit(suit); }
CardSet above(CardSet set, Card c) {
  return of_suit(set, c.suit()) & CardSet(~((std::uint64_t{2} << c.id()) - 1));
}
CardSet below(CardSet set, Card c) {
  return of_suit(set, c.suit()) & CardSet((std::uint64_t{1} << c.id()) - 1);
}
bool has(CardSet s, int rank_index, Suit suit) { return s.contains(Card(rank_index, suit)); }

// Whether `c` beats `best`, the card currently winning the trick.
bool beats(Card c, Card best) {
  return (c.suit() == best.suit() && c.rank() > best.rank()) ||
         (c.suit() == Suit::kSpades && best.suit() != Suit::kSpades);
}

Card random_card(CardSet cards, FastRng& rng) {
  int k = static_cast<int>(rng.below(static_cast<std::uint32_t>(cards.size())));
  for (Card c : cards)
    if (k-- == 0) return c;
  return cards.lowest();
}

// The lowest card of the set, by rank, whatever the suit; spades last.
Card lowest_rank(CardSet cards) {
  Card best = cards.lowest();
  for (Card c : cards) {
    const bool cs = c.suit() == Suit::kSpades, bs = best.suit() == Suit::kSpades;
    if (cs != bs ? bs : c.rank() < best.rank()) best = c;
  }
  return best;
}
Card highest_rank(CardSet cards) {
  Card best = cards.lowest();
  for (Card c : cards)
    if (c.rank() > best.rank()) best = c;
  return best;
}

struct Ctx {
  const Table& t;
  int me, partner;
  CardSet outstanding;
  bool my_nil, partner_nil;  // a nil still alive (no trick taken yet)
  std::array<bool, 4> opp_nil{};
  int need = 0;      // tricks my team still needs for its contract
  int opp_need = 0;  // the same for the opponents
  int remaining = 0;
};

int counted(const Table& t, int team) {
  int n = 0;
  for (int s = team; s < 4; s += 2)
    if (t.bids[s] != 0 || t.options.nil_tricks == sp::NilTricks::kCountTowardBid) n += t.tricks_won[s];
  return n;
}
int contract(const Table& t, int team) {
  int n = 0;
  for (int s = team; s < 4; s += 2) n += std::max(0, t.bids[s]);
  return n;
}

Ctx make_ctx(const Table& t) {
  Ctx x{t, t.seat, (t.seat + 2) % 4, kDeck - t.hand - t.played};
  x.my_nil = t.bids[x.me] == 0 && t.tricks_won[x.me] == 0;
  x.partner_nil = t.bids[x.partner] == 0 && t.tricks_won[x.partner] == 0;
  for (int o : {(t.seat + 1) % 4, (t.seat + 3) % 4}) x.opp_nil[o] = t.bids[o] == 0 && t.tricks_won[o] == 0;
  const int team = sp::team_of(t.seat);
  x.need = contract(t, team) - counted(t, team);
  x.opp_need = contract(t, 1 - team) - counted(t, 1 - team);
  x.remaining = sp::kTricksPerHand - t.tricks_played;
  return x;
}

// A card no outstanding card of its suit beats (it can still be trumped).
bool top_card(const Ctx& x, Card c) { return above(x.outstanding, c).empty(); }

// Whether the partner plays to this trick after us.
bool partner_after(const Ctx& x) { return (x.partner - x.t.leader + 4) % 4 > x.t.trick_size; }

bool want_tricks(const Ctx& x) {
  // Our contract, or a set of theirs that is within reach.
  return x.need > 0 || (x.opp_need > 0 && x.remaining - x.opp_need <= 1);
}

Card lead(const Ctx& x) {
  const CardSet legal = x.t.legal;
  if (x.my_nil) {
    // The card least likely to win: few outstanding cards below it.
    Card best = legal.lowest();
    double best_score = 1e9;
    for (Card c : legal) {
      double score = below(x.outstanding, c).size() - 0.3 * above(x.outstanding, c).size();
      if (c.suit() == Suit::kSpades) score += 5;
      if (score < best_score) best_score = score, best = c;
    }
    return best;
  }
  const CardSet side = legal - kSpades;
  if (x.partner_nil) return highest_rank(side.empty() ? legal : side);
  if (want_tricks(x)) {
    for (Card c : side)
      if (top_card(x, c) && of_suit(x.outstanding, c.suit()).size() >= 2) return c;
    const CardSet sp_legal = legal & kSpades;
    if (!sp_legal.empty() && top_card(x, sp_legal.highest())) return sp_legal.highest();
  }
  // Lead low from the longest side suit (spades only when nothing else).
  Card best = legal.lowest();
  int best_len = -1;
  for (Card c : legal) {
    int len = of_suit(x.t.hand, c.suit()).size() - (c.suit() == Suit::kSpades ? 20 : 0);
    if (len > best_len || (len == best_len && c.rank() < best.rank())) best_len = len, best = c;
  }
  return of_suit(legal, best.suit()).lowest();
}

Card follow(const Ctx& x, Card best, int winner_seat) {
  const CardSet legal = x.t.legal;
  CardSet win, lose;
  for (Card c : legal) (beats(c, best) ? win : lose).add(c);
  const bool last = x.t.trick_size == 3;
  if (x.my_nil) {
    if (!lose.empty()) return lose.highest();
    return last ? legal.highest() : legal.lowest();
  }
  if (x.partner_nil && (winner_seat == x.partner || partner_after(x))) {
    if (!win.empty()) return win.highest();
    return legal.lowest();
  }
  if (x.opp_nil[winner_seat]) return lose.empty() ? legal.lowest() : lose.highest();
  if (want_tricks(x)) {
    if (winner_seat == x.partner && (last || top_card(x, best))) return legal.lowest();
    if (win.empty()) return legal.lowest();
    if (last) return win.lowest();
    if (top_card(x, win.highest())) {
      for (Card c : win)
        if (top_card(x, c)) return c;  // the lowest card that is as good as the top
    }
    return x.t.trick_size == 1 ? legal.lowest() : win.highest();
  }
  // Contract made: duck, shedding the highest card that still loses.
  if (!lose.empty()) return lose.highest();
  return last ? legal.highest() : legal.lowest();
}

Card discard(const Ctx& x, Card best, int winner_seat) {
  const CardSet legal = x.t.legal;
  const CardSet trumps = legal & kSpades, side = legal - kSpades;
  CardSet winning_trumps;
  for (Card c : trumps)
    if (beats(c, best)) winning_trumps.add(c);
  if (x.my_nil) {
    if (!side.empty()) return highest_rank(side);
    const CardSet losing = trumps - winning_trumps;
    return losing.empty() ? trumps.lowest() : losing.highest();
  }
  const bool last = x.t.trick_size == 3;
  if (x.partner_nil && (winner_seat == x.partner || partner_after(x)) && !winning_trumps.empty())
    return winning_trumps.lowest();
  if (x.opp_nil[winner_seat]) return side.empty() ? legal.lowest() : highest_rank(side);
  const bool partner_holds = winner_seat == x.partner && (last || top_card(x, best));
  if (want_tricks(x) && !partner_holds && !winning_trumps.empty()) return winning_trumps.lowest();
  if (side.empty()) {
    const CardSet losing = trumps - winning_trumps;
    return losing.empty() ? trumps.lowest() : losing.lowest();
  }
  return want_tricks(x) ? lowest_rank(side) : highest_rank(side);
}

}  // namespace

double estimate_tricks(CardSet hand) {
  const CardSet spades = hand & kSpades;
  const int ns = spades.size();
  double t = 0;
  if (has(hand, rank::kAce, Suit::kSpades)) t += 1;
  if (has(hand, rank::kKing, Suit::kSpades)) t += ns >= 2 ? 0.9 : 0.3;
  if (has(hand, rank::kQueen, Suit::kSpades)) t += ns >= 3 ? 0.7 : 0.2;
  if (has(hand, rank::kJack, Suit::kSpades)) t += ns >= 4 ? 0.4 : 0.0;
  t += std::max(0, ns - 3) * 0.85;  // long trumps take tricks late
  int spare_trumps = std::max(0, ns - 1);
  for (Suit s : kSideSuits) {
    const int n = of_suit(hand, s).size();
    const bool ace = has(hand, rank::kAce, s), king = has(hand, rank::kKing, s);
    if (ace) t += n <= 5 ? 0.95 : 0.7;
    if (king) t += ace ? (n >= 2 && n <= 5 ? 0.85 : 0.4) : (n >= 2 && n <= 5 ? 0.5 : 0.1);
    if (has(hand, rank::kQueen, s) && n >= 3 && n <= 5) t += (ace || king) ? 0.35 : 0.15;
    // Ruffs: a short side suit lets spare trumps win tricks.
    if (n <= 1 && spare_trumps > 0) {
      const int ruffs = std::min(spare_trumps, n == 0 ? 2 : 1);
      t += ruffs * 0.6;
      spare_trumps -= ruffs;
    }
  }
  return t;
}

bool good_nil(CardSet hand) {
  const CardSet spades = hand & kSpades;
  if (spades.size() > 3 || (!spades.empty() && spades.highest().rank() >= rank::kJack)) return false;
  for (Suit s : kSideSuits) {
    const CardSet cards = of_suit(hand, s);
    const int n = cards.size();
    if (has(hand, rank::kAce, s)) return false;
    if (has(hand, rank::kKing, s) && n <= 3) return false;
    if (has(hand, rank::kQueen, s) && n <= 2) return false;
  }
  return estimate_tricks(hand) <= 1.2;
}

int choose_bid(CardSet hand, int seat, const std::array<int, 4>& bids, const sp::Options& options) {
  const int partner_bid = bids[(seat + 2) % 4];
  if (options.nil_allowed && partner_bid != 0 && good_nil(hand)) return 0;
  const double t = estimate_tricks(hand);
  int bid = static_cast<int>(std::lround(t));
  // A partner's nil leaves us alone for the contract: bid a little lower.
  if (partner_bid == 0 && t - std::floor(t) < 0.7) bid = static_cast<int>(std::floor(t));
  return std::clamp(bid, 1, sp::kTricksPerHand);
}

CardSet choose_exchange(CardSet hand, bool giving) {
  std::array<std::pair<int, Card>, 15> scored{};
  int n = 0;
  for (Card c : hand) scored[n++] = {(c.suit() == Suit::kSpades ? 100 : 0) + c.rank(), c};
  std::sort(scored.begin(), scored.begin() + n,
            [&](const auto& a, const auto& b) { return giving ? a.first > b.first : a.first < b.first; });
  CardSet out;
  out.add(scored[0].second);
  out.add(scored[1].second);
  return out;
}

Card choose_play(const Table& t, FastRng& rng, double noise) {
  if (t.legal.size() == 1) return t.legal.lowest();
  if (noise > 0 && rng.below(1u << 20) < noise * (1u << 20)) return random_card(t.legal, rng);
  const Ctx x = make_ctx(t);
  if (t.trick_size == 0) return lead(x);
  int win = 0;
  for (int i = 1; i < t.trick_size; ++i)
    if (beats(t.trick[i], t.trick[win])) win = i;
  const int winner_seat = (t.leader + win) % 4;
  if (!of_suit(t.legal, t.trick[0].suit()).empty()) return follow(x, t.trick[win], winner_seat);
  return discard(x, t.trick[win], winner_seat);
}

Table table_from_state(const sp::State& s) {
  Table t;
  t.seat = s.to_move;
  t.hand = s.hands[static_cast<size_t>(t.seat)];
  t.legal = sp::playable(s, t.seat);
  t.played = s.played;
  t.trick_size = s.trick.count;
  t.leader = s.trick.leader;
  for (int i = 0; i < t.trick_size; ++i) {
    t.trick[i] = s.trick.cards[static_cast<size_t>(i)];
    t.played.add(t.trick[i]);
  }
  for (int p = 0; p < 4; ++p) {
    t.bids[p] = s.bids[static_cast<size_t>(p)];
    t.tricks_won[p] = s.tricks_won[static_cast<size_t>(p)];
  }
  t.tricks_played = s.tricks_played;
  t.options = s.opt;
  return t;
}

}  // namespace parlor::bots::spades_bot
