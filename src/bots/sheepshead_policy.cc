#include "bots/sheepshead_policy.h"

#include <algorithm>

namespace parlor::bots::sheepshead_bot {
namespace {

using ss::group_of;
using ss::is_trump;
using ss::kUnder;
using ss::points_of;
using ss::power_of;

constexpr int kFailSuits[] = {0, 2, 3};  // clubs, hearts, spades (group indexes)

// Thresholds are for a 6-card hand (5 players) and scale with the hand size.
constexpr double kPick = 8.0;
constexpr double kPickLastBonus = 1.0;  // the dealer, last to pick, picks a little lighter
constexpr double kAlone = 12.5;
constexpr double kCrack = 8.5;
constexpr double kRecrack = 10.0;

double scale(const ss::Options& opt) { return ss::hand_size(opt.players) / 6.0; }

double trump_value(Card c) {
  const int p = power_of(c);
  if (p >= 120) return 2.4 + 0.2 * (p - 120);  // queens: QD 2.4 .. QC 3.0
  if (p >= 110) return 1.6 + 0.2 * (p - 110);  // jacks: JD 1.6 .. JC 2.2
  if (p >= 104) return 1.2 + 0.1 * (p - 104);  // AD 1.4, TD 1.3, KD 1.2
  return 1.0;
}

CardSet real(CardSet s) { return s - ss::kUnderSet; }

Card random_card(CardSet cards, FastRng& rng) {
  int k = static_cast<int>(rng.below(static_cast<std::uint32_t>(cards.size())));
  for (Card c : cards)
    if (k-- == 0) return c;
  return cards.lowest();
}

// The group a trick follows: the called suit when the under was led.
int led_group(const Table& t) { return t.trick[0] == kUnder ? group_of(t.called) : group_of(t.trick[0]); }

// Index of the card winning the trick so far, or -1 (only the under played).
int winning_index(const Table& t, int led) {
  int best = -1, best_power = 0;
  for (int i = 0; i < t.trick_size; ++i) {
    const Card c = t.trick[i];
    if (c == kUnder) continue;
    const int power = (is_trump(c) || group_of(c) == led) ? power_of(c) : 0;
    if (power > best_power) best_power = power, best = i;
  }
  return best;
}

bool beats(Card c, int best_power, int led) {
  if (c == kUnder) return false;
  const int power = (is_trump(c) || group_of(c) == led) ? power_of(c) : 0;
  return power > best_power;
}

// A cheap card to give away: few points, low power, fail before trump.
double cost(Card c) {
  if (c == kUnder) return 50;  // played only where the rules force it
  return points_of(c) * 2 + (is_trump(c) ? 10 + (power_of(c) - 100) : power_of(c) * 0.1);
}

// A card to put on a trick our side holds: points, but not our high trumps.
double schmear_value(Card c) {
  if (c == kUnder) return -50;
  return points_of(c) - (power_of(c) >= 110 ? 20 : 0);
}

Card min_by(CardSet cards, double (*f)(Card)) {
  Card best = cards.lowest();
  for (Card c : cards)
    if (f(c) < f(best)) best = c;
  return best;
}
Card max_by(CardSet cards, double (*f)(Card)) {
  Card best = cards.lowest();
  for (Card c : cards)
    if (f(c) > f(best)) best = c;
  return best;
}

double power_key(Card c) { return c == kUnder ? 0 : power_of(c); }

// Whether seat s plays on our side, as far as we know.
bool friend_of(const Table& t, int s) {
  if (t.leaster || s == t.seat) return s == t.seat;
  const bool we_pick = t.seat == t.picker || t.seat == t.partner;
  const bool they_pick = s == t.picker || (t.partner >= 0 && s == t.partner);
  if (we_pick) return they_pick;
  // A defender: the picker is against us; the others are with us once the
  // partner is known (before that each might be him).
  return !they_pick && t.partner >= 0;
}

// No card still out (in other hands) beats `c`.
bool boss(const Table& t, Card c, int led) {
  const CardSet out = ss::kDeck - real(t.hand) - t.played;
  for (Card o : out)
    if (beats(o, power_of(c), led) && (is_trump(o) || group_of(o) == led)) return false;
  return true;
}

Card lead(const Table& t) {
  const CardSet legal = t.legal - ss::kUnderSet;
  if (legal.empty()) return kUnder;
  if (t.leaster) return min_by(legal, power_key);
  const CardSet trumps = legal & ss::group_mask(ss::kTrump);
  const bool picker_side = t.seat == t.picker || t.seat == t.partner;
  if (picker_side) {
    if (!trumps.empty()) {
      const Card top = max_by(trumps, power_key);
      if (boss(t, top, ss::kTrump) || trumps.size() >= 3) return top;
      return min_by(trumps, power_key);
    }
  } else if (!t.called.is_none() && !t.called_suit_done) {
    const CardSet called_suit = legal & ss::group_mask(group_of(t.called));
    if (!called_suit.empty()) return min_by(called_suit, power_key);
  }
  const CardSet fail = legal - trumps;
  if (!fail.empty()) {
    for (Card c : fail)
      if (c.rank() == rank::kAce && boss(t, c, group_of(c))) return c;
    // Low from the shortest fail suit: a void helps trump later.
    Card best = fail.lowest();
    int best_len = 99;
    for (Card c : fail) {
      const int len = (real(t.hand) & ss::group_mask(group_of(c))).size();
      if (len < best_len || (len == best_len && power_of(c) < power_of(best))) best_len = len, best = c;
    }
    return min_by(fail & ss::group_mask(group_of(best)), power_key);
  }
  return min_by(trumps, power_key);
}

Card follow(const Table& t) {
  const int led = led_group(t);
  const int w = winning_index(t, led);
  const int best_power = w < 0 ? 0 : power_of(t.trick[w]);
  const int winner_seat = w < 0 ? -1 : (t.leader + w) % t.players;
  CardSet win;
  for (Card c : t.legal)
    if (beats(c, best_power, led)) win.add(c);
  const CardSet lose = t.legal - win;
  const bool last = t.trick_size == t.players - 1;
  int points = 0;
  for (int i = 0; i < t.trick_size; ++i) points += t.trick[i] == kUnder ? 0 : points_of(t.trick[i]);
  if (t.leaster) {
    if (!lose.empty()) return max_by(lose, power_key);  // get rid of the highest card that loses
    return min_by(win, cost);
  }
  const bool ours = winner_seat >= 0 && friend_of(t, winner_seat);
  if (ours && (last || boss(t, t.trick[w], led))) return max_by(t.legal, schmear_value);
  if (!win.empty() && (points >= 3 || last || t.seat == t.picker)) {
    if (last) return min_by(win, power_key);
    // The cheapest card that surely holds the trick, else by what it is worth.
    Card cheapest_boss;
    for (Card c : win)
      if (boss(t, c, led) && (cheapest_boss.is_none() || power_key(c) < power_key(cheapest_boss))) cheapest_boss = c;
    if (!cheapest_boss.is_none()) return cheapest_boss;
    return points >= 10 ? max_by(win, power_key) : min_by(win, power_key);
  }
  return min_by(lose.empty() ? t.legal : lose, cost);
}

}  // namespace

double strength(CardSet hand) {
  double s = 0;
  int trumps = 0;
  const CardSet cards = real(hand);
  for (Card c : cards) {
    if (is_trump(c)) {
      s += trump_value(c);
      ++trumps;
    } else if (c.rank() == rank::kAce) {
      s += 0.9;
    } else if (c.rank() == rank::kTen && cards.contains(Card(rank::kAce, c.suit()))) {
      s += 0.4;
    }
  }
  if (trumps >= 3)
    for (int g : kFailSuits)
      if ((cards & ss::group_mask(g)).empty()) s += 0.4;
  return s;
}

bool choose_pick(CardSet hand, int pick_position, const ss::Options& opt) {
  double threshold = kPick * scale(opt);
  if (pick_position == opt.players - 1) threshold -= kPickLastBonus;
  return strength(hand) >= threshold;
}

CardSet choose_bury(CardSet cards, const std::vector<ss::Move>& legal, const ss::Options& opt) {
  const bool calls_ace = opt.players == 5 && opt.partner_mode == ss::PartnerMode::kCalledAce;
  CardSet best_bury;
  double best = -1e9;
  for (const auto& m : legal) {
    if (m.type != ss::MoveType::kBury) continue;
    const CardSet hand = cards - m.cards;
    double s = 0;
    for (Card c : hand) {
      if (is_trump(c)) {
        s += 3 * trump_value(c);
      } else if (c.rank() == rank::kAce) {
        s += 0.5;
      } else if (c.rank() == rank::kTen && !hand.contains(Card(rank::kAce, c.suit()))) {
        s -= 1.0;  // a ten without its ace falls to the ace
      } else {
        s -= c.rank() == rank::kKing ? 0.6 : 0.4;
      }
    }
    bool callable = false;
    for (int g : kFailSuits) {
      const CardSet held = hand & ss::group_mask(g);
      if (held.empty()) s += 1.2;
      const Card ace(rank::kAce, static_cast<Suit>(g));
      if (!cards.contains(ace) && !held.empty()) callable = true;
    }
    s += 0.1 * points_of(m.cards);  // buried points count for us
    if (calls_ace && callable) s += 1.5;
    if (s > best) best = s, best_bury = m.cards;
  }
  return best_bury;
}

ss::Move choose_call(CardSet hand, const std::vector<ss::Move>& legal, const ss::Options& opt) {
  const ss::Move* alone = nullptr;
  const ss::Move* plain = nullptr;
  const ss::Move* unknown = nullptr;
  auto plain_key = [&](const ss::Move& m) {
    // Aces before tens; then the suit where we hold the fewest cards.
    return (m.card.rank() == rank::kAce ? 0 : 100) + (real(hand) & ss::group_mask(group_of(m.card))).size();
  };
  for (const auto& m : legal) {
    if (m.type == ss::MoveType::kAlone) alone = &m;
    if (m.type != ss::MoveType::kCall) continue;
    if (!m.unknown) {
      if (!plain || plain_key(m) < plain_key(*plain)) plain = &m;
    } else {
      const auto key = [&](const ss::Move& x) { return (x.card.rank() == rank::kAce ? 0 : 1000) + cost(x.under); };
      if (!unknown || key(m) < key(*unknown)) unknown = &m;
    }
  }
  if (alone && strength(hand) >= kAlone * scale(opt)) return *alone;
  if (plain) return *plain;
  if (unknown) return *unknown;
  return alone ? *alone : legal.front();
}

bool choose_double(CardSet hand, bool picker_side, const ss::Options& opt) {
  return strength(hand) >= (picker_side ? kRecrack : kCrack) * scale(opt);
}

Card choose_play(const Table& t, FastRng& rng, double noise) {
  if (t.legal.size() == 1) return t.legal.lowest();
  if (noise > 0 && rng.below(1u << 20) < noise * (1u << 20)) return random_card(t.legal, rng);
  // Following and being void read the same way: schmear on a trick our side
  // holds, win a trick worth winning (trumping when void), else give the
  // cheapest card.
  return t.trick_size == 0 ? lead(t) : follow(t);
}

Table table_from_state(const ss::State& s, int seat) {
  Table t;
  t.seat = seat;
  t.players = s.opt.players;
  t.hand = s.hands[static_cast<size_t>(seat)];
  t.legal = ss::legal_plays(s, seat);
  t.trick_size = s.trick_size;
  t.leader = s.leader;
  t.played = s.collected;
  for (int i = 0; i < s.trick_size; ++i) {
    t.trick[i] = s.trick[static_cast<size_t>(i)];
    if (t.trick[i] != kUnder) t.played.add(t.trick[i]);
  }
  t.picker = s.picker;
  if (s.partner >= 0 && (s.partner_revealed || seat == s.partner)) t.partner = s.partner;
  t.leaster = s.picker < 0;
  t.called = s.called;
  t.called_suit_done = s.called_suit_done;
  return t;
}

}  // namespace parlor::bots::sheepshead_bot
