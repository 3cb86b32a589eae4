// Hearts: creation, dealing, passing, trick play (rules sections 3 and 4).
#include <algorithm>

#include "rules/hearts/hearts.h"
#include "rules/hearts/hearts_internal.h"

namespace parlor::rules::hearts {
namespace {

const std::vector<Card>& canonical_deck() {
  static const std::vector<Card> deck = standard_deck();
  return deck;
}

std::string seat_name(int seat) { return "seat " + std::to_string(seat); }

// Starts trick play: whoever holds 2C after the exchange leads it (4.2.1).
void start_trick_play(State& s) {
  s.phase = Phase::kPlaying;
  for (int seat = 0; seat < kPlayers; ++seat) {
    if (s.hands[seat].contains(kTwoOfClubs)) {
      s.opening_leader = static_cast<std::int8_t>(seat);
      s.leader = static_cast<std::int8_t>(seat);
      return;
    }
  }
  PARLOR_CHECK(false, "nobody holds 2C in hand " << s.hand_index);
}

// Moves each seat's chosen cards to its receiver once all four locked in (4.1.3).
void exchange_passes(State& s) {
  const PassDirection d = Hearts::current_pass(s);
  std::array<CardSet, kPlayers> next = s.hands;
  for (int seat = 0; seat < kPlayers; ++seat) {
    const CardSet given = s.passes[seat];
    next[seat] = next[seat] - given;
  }
  for (int seat = 0; seat < kPlayers; ++seat) {
    auto& target = next[pass_target(seat, d)];
    target = target | s.passes[seat];
  }
  s.hands = next;
  start_trick_play(s);
}

using Scores = std::array<int, kPlayers>;

// Hand scores (5.2-5.4): raw points, or the moon rule's when `shooter` >= 0
// (old moon: others +26; new moon: shooter -26), plus the JD bonus.
Scores hand_scores(const Scores& raw, int shooter, bool new_moon, const Scores& bonus) {
  Scores out{};
  for (int seat = 0; seat < kPlayers; ++seat) {
    int base = raw[seat];
    if (shooter >= 0) base = new_moon ? (seat == shooter ? -26 : 0) : (seat == shooter ? 0 : 26);
    out[seat] = base + bonus[seat];
  }
  return out;
}

// shooter_best (5.2, 9.12): new moon only when old moon (JD bonus included)
// would end the game with the shooter not strictly lowest of the four.
bool shooter_best_takes_new_moon(const State& s, int shooter, const Scores& old_moon) {
  Scores after{};
  for (int seat = 0; seat < kPlayers; ++seat) after[seat] = s.totals[seat] + old_moon[seat];
  const bool ends = std::any_of(after.begin(), after.end(),
                                [&](int t) { return t >= s.options.end_score; });
  bool strictly_lowest = true;
  for (int seat = 0; seat < kPlayers; ++seat)
    if (seat != shooter && after[seat] <= after[shooter]) strictly_lowest = false;
  return ends && !strictly_lowest;
}

// The outcome of the hand just completed (section 5), before totals change.
HandResult score_hand(const State& s) {
  HandResult r;
  Scores raw{}, bonus{};
  for (int seat = 0; seat < kPlayers; ++seat) {
    raw[seat] = penalty_points(s.taken[seat]);
    if (raw[seat] == 26 && s.options.moon != MoonRule::kOff) r.shooter = static_cast<std::int8_t>(seat);
    if (s.options.jack_of_diamonds && s.taken[seat].contains(kJackOfDiamonds)) {
      r.jack_taker = static_cast<std::int8_t>(seat);
      bonus[seat] = -10;
    }
  }
  bool new_moon = s.options.moon == MoonRule::kSubtractFromShooter;
  if (r.shooter >= 0 && s.options.moon == MoonRule::kShooterBest)
    new_moon = shooter_best_takes_new_moon(s, r.shooter, hand_scores(raw, r.shooter, false, bonus));
  r.moon_subtracted = r.shooter >= 0 && new_moon;
  const Scores scores = hand_scores(raw, r.shooter, new_moon, bonus);
  for (int seat = 0; seat < kPlayers; ++seat) r.points[seat] = static_cast<std::int16_t>(scores[seat]);
  return r;
}

// Section 6: after a scored hand, does the game end?
bool game_ends(State& s) {
  const auto& t = s.totals;
  bool reached = std::any_of(t.begin(), t.end(), [&](int x) { return x >= s.options.end_score; });
  if (s.options.tie_rule == TieRule::kShare) return reached;
  if (reached) s.playing_on = true;
  if (!s.playing_on) return false;
  int lowest = *std::min_element(t.begin(), t.end());
  return std::count(t.begin(), t.end(), lowest) == 1;
}

void finish_hand(State& s) {
  HandResult r = score_hand(s);
  for (int seat = 0; seat < kPlayers; ++seat) s.totals[seat] += r.points[seat];
  s.results.push_back(r);
  if (game_ends(s)) {
    s.phase = Phase::kGameOver;
    return;
  }
  ++s.hand_index;
  deal_or_wait(s);
}

void complete_trick(State& s) {
  const int start = s.num_plays - 4;
  const int winner = Hearts::trick_winner(s, start, s.leader);
  CardSet won;
  for (int i = start; i < s.num_plays; ++i) won.add(s.plays[i]);
  auto& pile = s.taken[winner];
  pile = pile | won;
  s.leader = static_cast<std::int8_t>(winner);
  if (s.num_plays == kDeckSize) finish_hand(s);
}

Status not_your_turn(const State& s) {
  std::string why;
  switch (s.phase) {
    case Phase::kGameOver: why = "the game is over"; break;
    case Phase::kDealing: why = "the next hand has not been dealt yet"; break;
    case Phase::kPassing: why = "you have already passed; waiting for the others to pass"; break;
    case Phase::kPlaying: why = "it is " + seat_name(Hearts::turn(s)) + "'s turn to play"; break;
  }
  return make_error("not_your_turn", "not your turn: " + why);
}

Status apply_pass(State& s, int seat, CardSet cards) {
  if (cards.size() != kPassCount)
    return make_error("illegal_move", "you must pass exactly 3 cards, not " +
                                          std::to_string(cards.size()));
  const CardSet missing = cards - s.hands[seat];
  if (!missing.empty())
    return make_error("illegal_move", "you cannot pass " + missing.lowest().str() +
                                          ": it is not in your hand");
  s.passes[seat] = cards;
  s.passed_mask = static_cast<std::uint8_t>(s.passed_mask | (1u << seat));
  if (s.passed_mask == 0xF) exchange_passes(s);
  return Status::Ok();
}

// Why `card` (held by the seat to play) is not among the legal plays.
Error refusal(const State& s, Card card) {
  const int in_trick = s.num_plays & 3;
  const bool first_trick = s.num_plays < 4;
  const CardSet hand = s.hands[Hearts::turn(s)];
  if (in_trick == 0) {
    if (first_trick)
      return make_error("must_lead_two_of_clubs",
                        "the first trick must be led with the two of clubs");
    return make_error("hearts_not_broken",
                      "hearts are not broken yet: you cannot lead " + card.str() +
                          " while you hold a card that is not a heart");
  }
  const Suit led = s.plays[s.num_plays - in_trick].suit();
  if (!(hand & CardSet::suit(led)).empty())
    return make_error("must_follow_suit",
                      "you must follow suit: you hold " + std::string(suit_name(led)));
  return make_error("no_points_on_first_trick",
                    "you cannot play " + card.str() +
                        " on the first trick: no hearts or queen of spades while you hold "
                        "another card");
}

Status apply_play(State& s, int seat, Card card) {
  if (!s.hands[seat].contains(card))
    return make_error("illegal_move", "you do not hold " + card.str());
  if (!Hearts::legal_plays(s).contains(card)) return refusal(s, card);
  s.hands[seat].remove(card);
  s.plays[s.num_plays++] = card;
  if (card.suit() == Suit::kHearts || (card == kQueenOfSpades && s.options.qs_breaks_hearts))
    s.hearts_broken = true;
  if ((s.num_plays & 3) == 0) complete_trick(s);
  return Status::Ok();
}

}  // namespace

void deal_or_wait(State& s) {
  if (!s.deals.has_deck(s.hand_index)) {
    // Live game: wait for the seed; the finished hand stays on the table.
    s.phase = Phase::kDealing;
    return;
  }
  s.hands = {};
  s.passes = {};
  s.passed_mask = 0;
  s.taken = {};
  s.plays = {};
  s.num_plays = 0;
  s.opening_leader = -1;
  s.leader = -1;
  s.hearts_broken = false;
  // 3.3: d[k] goes to seat (dealer + 1 + k) mod 4.
  const std::vector<Card> deck = s.deals.deck(s.hand_index, canonical_deck());
  PARLOR_CHECK(deck.size() == kDeckSize, "deck of " << deck.size() << " cards");
  int seat = left_of(Hearts::dealer(s));
  for (Card c : deck) {
    s.hands[seat].add(c);
    seat = left_of(seat);
  }
  if (Hearts::current_pass(s) == PassDirection::kHold) {
    start_trick_play(s);
  } else {
    s.phase = Phase::kPassing;
  }
}

Result<State> Hearts::create(const Setup& setup) {
  if (setup.players && *setup.players != kPlayers)
    return make_error("bad_record", "hearts is played by exactly 4 players, not " +
                                        std::to_string(*setup.players));
  if (setup.dealer && (*setup.dealer < 0 || *setup.dealer >= kPlayers))
    return make_error("bad_record", "dealer must be a seat from 0 to 3, not " +
                                        std::to_string(*setup.dealer));
  auto options = read_options(setup.options);
  if (!options) return options.error();
  if (Status decks = setup.deals.check_decks(canonical_deck()); !decks) return decks.error();
  State s;
  s.deals = setup.deals;
  s.options = *options;
  s.first_dealer = static_cast<std::int8_t>(setup.dealer ? *setup.dealer
                                                         : setup.deals.first_dealer(kPlayers));
  deal_or_wait(s);
  return s;
}

std::string_view Hearts::status(const State& s) {
  return s.phase == Phase::kGameOver ? "game_over" : "in_progress";
}

std::uint32_t Hearts::to_act(const State& s) {
  switch (s.phase) {
    case Phase::kPassing: return ~std::uint32_t{s.passed_mask} & 0xFu;
    case Phase::kPlaying: return 1u << turn(s);
    case Phase::kDealing:
    case Phase::kGameOver: return 0;
  }
  return 0;
}

int Hearts::trick_winner(const State& s, int start, int leader) {
  const Suit led = s.plays[start].suit();
  int best = 0;
  for (int i = 1; i < 4; ++i) {
    Card c = s.plays[start + i];
    if (c.suit() == led && c.rank() > s.plays[start + best].rank()) best = i;
  }
  return (leader + best) % kPlayers;
}

CardSet Hearts::legal_plays(const State& s) {
  const CardSet hand = s.hands[turn(s)];
  const int in_trick = s.num_plays & 3;
  const bool first_trick = s.num_plays < 4;
  if (in_trick == 0) {
    if (first_trick) return hand & CardSet(std::uint64_t{1} << kTwoOfClubs.id());
    if (s.hearts_broken) return hand;
    const CardSet non_hearts = hand - kHearts;
    return non_hearts.empty() ? hand : non_hearts;
  }
  const Suit led = s.plays[s.num_plays - in_trick].suit();
  const CardSet follow = hand & CardSet::suit(led);
  if (!follow.empty()) return follow;
  if (first_trick && !s.options.first_trick_points) {
    const CardSet safe = hand - kPenaltyCards;
    if (!safe.empty()) return safe;
  }
  return hand;
}

void Hearts::legal_moves(const State& s, int seat, std::vector<Move>& out) {
  out.clear();
  if (seat < 0 || seat >= kPlayers || !((to_act(s) >> seat) & 1u)) return;
  if (s.phase == Phase::kPlaying) {
    for (Card c : legal_plays(s)) out.push_back(Move::play(c));
    return;
  }
  // Passing: every 3-card subset of the hand, in lexicographic id order.
  std::array<std::uint64_t, kHandSize> bit{};
  int n = 0;
  for (Card c : s.hands[seat]) bit[n++] = std::uint64_t{1} << c.id();
  out.reserve(286);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      for (int k = j + 1; k < n; ++k)
        out.push_back(Move::pass(CardSet(bit[i] | bit[j] | bit[k])));
}

Status Hearts::apply(State& s, int seat, const Move& m) {
  if (seat < 0 || seat >= kPlayers) return make_error("not_seated", "no such seat");
  if (!((to_act(s) >> seat) & 1u)) return not_your_turn(s);
  if (s.phase == Phase::kPassing) {
    if (m.kind != MoveKind::kPass)
      return make_error("illegal_move", "it is time to pass: choose 3 cards to pass " +
                                            std::string(pass_direction_name(current_pass(s))));
    return apply_pass(s, seat, m.cards);
  }
  if (m.kind != MoveKind::kPlay)
    return make_error("illegal_move", "passing is over: play a card");
  return apply_play(s, seat, m.card);
}

void Hearts::add_hand_seed(State& s, std::string seed_text) {
  PARLOR_CHECK(s.phase == Phase::kDealing,
               "add_hand_seed while not waiting for a seed, hand " << s.hand_index);
  s.deals = s.deals.with_hand_seed(std::move(seed_text));
  if (s.deals.has_deck(s.hand_index)) deal_or_wait(s);
}

}  // namespace parlor::rules::hearts
