// Sheepshead: trick play (rules 4.5) and scoring (section 5).
#include <bit>
#include <string>

#include "rules/sheepshead/sheepshead.h"

namespace parlor::rules::sheepshead {

namespace {

// Rules 4.5.7 `restrict`: called-ace mode with a called card, until a trick
// led in the called suit is complete.
bool restricted(const State& s) {
  return s.opt.partner_mode == PartnerMode::kCalledAce && s.partner >= 0 && !s.called_suit_done;
}

int led_group(const State& s) {
  return s.trick[0] == kUnder ? group_of(s.called) : group_of(s.trick[0]);
}

std::string group_name(int group) {
  return group == kTrump ? "trump" : std::string(suit_name(static_cast<Suit>(group)));
}

Card real_card(const State& s, Card c) { return c == kUnder ? s.under : c; }

// Why `card` may not be played now, for a card that legal_plays() refused.
Error play_error(const State& s, int seat, Card card) {
  const CardSet hand = s.hands[static_cast<size_t>(seat)];
  if (card == kUnder && !hand.contains(kUnder))
    return make_error("illegal_move", "you have no under to play");
  if (card != kUnder && (card.id() >= 52 || !hand.contains(card)))
    return make_error("illegal_move", "you do not hold " + card_code(card));
  const bool restrict = restricted(s);
  const int cs = restrict ? group_of(s.called) : kNoGroup;
  const std::string cs_name = restrict ? group_name(cs) : "";
  const std::string called = card_code(s.called);
  if (s.trick_size == 0) {
    if (restrict && seat == s.partner)
      return make_error("called_suit_rule", "until " + cs_name + " is led, you may lead " + cs_name +
                                                " only with the called " + called);
    return make_error("illegal_move", card_code(card) + " cannot be led now");
  }
  const int led = led_group(s);
  if (restrict && led == cs) {
    if (seat == s.partner)
      return make_error("called_suit_rule", cs_name + ", the called suit, was led: you must play the called " + called);
    if (seat == s.picker && hand.contains(kUnder))
      return make_error("called_suit_rule", cs_name + ", the called suit, was led: you must play your under");
  }
  if (!(hand & group_mask(led)).empty())
    return make_error("must_follow_suit", "you must follow suit: you hold " + group_name(led));
  if (card == kUnder)
    return make_error("called_suit_rule", "the under can only be led, or played when " + cs_name +
                                              ", the called suit, is led");
  if (restrict && seat == s.picker)
    return make_error("called_suit_rule", "you must keep your last " + cs_name +
                                              " (the hold card) until " + cs_name + " is led");
  if (restrict && seat == s.partner && card == s.called)
    return make_error("called_suit_rule", "you may not discard the called " + called + " before " +
                                              cs_name + " is led");
  return make_error("illegal_move", card_code(card) + " cannot be played now");
}

void score_hand(State& s);

void complete_trick(State& s) {
  const int n = s.opt.players;
  const int led = led_group(s);
  const int winner = (s.leader + trick_winner(s.trick.data(), n, led)) % n;
  int points = 0;
  for (int i = 0; i < n; ++i) {
    const Card c = real_card(s, s.trick[static_cast<size_t>(i)]);
    points += points_of(c);
    s.collected.add(c);
    if (s.trick[static_cast<size_t>(i)] == kUnder) s.under_winner = static_cast<std::int8_t>(winner);
  }
  s.points_taken[static_cast<size_t>(winner)] = static_cast<std::int16_t>(s.points_taken[static_cast<size_t>(winner)] + points);
  ++s.tricks_won[static_cast<size_t>(winner)];
  if (s.tricks_played == 0) s.first_trick_winner = static_cast<std::int8_t>(winner);
  if (restricted(s) && led == group_of(s.called)) s.called_suit_done = true;  // rules 4.5.4 (e)
  s.last_leader = s.leader;
  s.last_winner = static_cast<std::int8_t>(winner);
  s.last_trick = s.trick;
  s.trick = {};
  s.trick_size = 0;
  ++s.tricks_played;
  s.leader = static_cast<std::int8_t>(winner);
  if (s.tricks_played == num_tricks(s)) score_hand(s);
}

void score_picked_hand(State& s) {
  HandSummary h;
  h.kind = HandKind::kPicked;
  h.picker = s.picker;
  h.partner = s.partner;
  h.called = s.called;
  h.unknown = s.unknown;
  h.alone = s.alone;
  h.under = s.under;
  h.bury = s.bury;
  h.blind = s.dealt_blind;
  h.cracked_by = s.cracked_by;
  h.recracked_by = s.recracked_by;
  h.doubled = s.doubled;
  h.tricks = s.tricks_won;
  h.card_points = s.points_taken;
  const bool has_partner = s.partner >= 0;
  int side_tricks = s.tricks_won[static_cast<size_t>(s.picker)];
  int side_points = s.points_taken[static_cast<size_t>(s.picker)];
  if (has_partner) {
    side_tricks += s.tricks_won[static_cast<size_t>(s.partner)];
    side_points += s.points_taken[static_cast<size_t>(s.partner)];
  }
  if (side_tricks > 0) side_points += points_of(s.bury);  // rules 4.2.2
  const PickedScore sc = score_picked(s.opt, has_partner, side_points, side_tricks, num_tricks(s),
                                      s.cracked_by >= 0, s.recracked_by >= 0, s.doubled);
  h.picker_points = static_cast<std::int16_t>(side_points);
  h.picker_tricks = static_cast<std::int8_t>(side_tricks);
  h.base = static_cast<std::int8_t>(sc.base);
  h.multiplier = static_cast<std::int8_t>(sc.multiplier);
  h.won = sc.won;
  for (int seat = 0; seat < s.opt.players; ++seat)
    h.points[static_cast<size_t>(seat)] = seat == s.picker ? sc.picker : seat == s.partner ? sc.partner : sc.defender;
  finish_hand(s, h);
}

void score_leaster(State& s) {
  HandSummary h;
  h.kind = HandKind::kLeaster;
  h.blind = s.blind;
  h.tricks = s.tricks_won;
  h.card_points = s.points_taken;
  switch (s.opt.leaster_blind) {
    case LeasterBlind::kLastTrick: h.blind_to = s.last_winner; break;
    case LeasterBlind::kFirstTrick: h.blind_to = s.first_trick_winner; break;
    case LeasterBlind::kNone: h.blind_to = -1; break;
  }
  if (h.blind_to >= 0)
    h.card_points[static_cast<size_t>(h.blind_to)] = static_cast<std::int16_t>(h.card_points[static_cast<size_t>(h.blind_to)] + points_of(s.blind));
  h.winners = leaster_winners(s.opt.players, h.card_points, h.tricks);
  h.points = leaster_points(s.opt.players, h.winners);
  finish_hand(s, h);
}

void score_hand(State& s) {
  if (s.picker >= 0) {
    score_picked_hand(s);
  } else {
    score_leaster(s);
  }
}

}  // namespace

CardSet legal_plays(const State& s, int seat) {
  const CardSet hand = s.hands[static_cast<size_t>(seat)];
  if (hand.size() <= 1) return hand;
  const bool restrict = restricted(s);
  const int cs = restrict ? group_of(s.called) : kNoGroup;
  const bool partner = restrict && seat == s.partner;
  const bool picker = restrict && seat == s.picker;
  if (s.trick_size == 0) {
    if (!partner) return hand;  // the picker may lead the under at any time
    CardSet out = hand - group_mask(cs);
    out.add(s.called);
    return out;
  }
  const int led = led_group(s);
  if (restrict && led == cs) {
    if (partner) return CardSet(std::uint64_t{1} << s.called.id());
    if (picker && hand.contains(kUnder)) return kUnderSet;
  }
  const CardSet follow = hand & group_mask(led);
  if (!follow.empty()) return follow;
  CardSet options = hand - kUnderSet;
  if (picker && !hand.contains(kUnder)) {
    const CardSet hold = hand & group_mask(cs);
    if (hold.size() == 1) options = options - hold;
  }
  if (partner) options.remove(s.called);
  return options.empty() ? hand : options;
}

Status apply_play(State& s, int seat, Card card) {
  if (card.is_none()) return make_error("illegal_move", "name the card to play");
  CardSet& hand = s.hands[static_cast<size_t>(seat)];
  // The engine also accepts the under's real card code (game-records.md).
  if (seat == s.picker && hand.contains(kUnder) && card == s.under) card = kUnder;
  if (card.id() >= 64 || !legal_plays(s, seat).contains(card)) return play_error(s, seat, card);
  hand.remove(card);
  if (card == s.called && s.partner >= 0) s.partner_revealed = true;  // rules 8.3
  s.trick[static_cast<size_t>(s.trick_size++)] = card;
  if (s.trick_size == s.opt.players) complete_trick(s);
  return Status::Ok();
}

int trick_winner(const Card* cards, int n, int led) {
  int best = -1, best_power = 0;
  for (int i = 0; i < n; ++i) {
    const Card c = cards[i];
    if (c == kUnder) continue;  // rules 4.5.5: it never wins
    const int power = (is_trump(c) || group_of(c) == led) ? power_of(c) : 0;
    if (power > best_power) {
      best_power = power;
      best = i;
    }
  }
  PARLOR_CHECK(best >= 0, "a trick without a card of the led suit or a trump, led group " << led);
  return best;
}

PickedScore score_picked(const Options& opt, bool has_partner, int picker_points,
                         int picker_tricks, int total_tricks, bool cracked, bool recracked,
                         bool doubled) {
  PickedScore r;
  // Rules 5.2: schwarz is decided by tricks, schneider by points.
  if (picker_tricks == total_tricks) {
    r.won = true, r.base = 3;
  } else if (picker_points >= 91) {
    r.won = true, r.base = 2;
  } else if (picker_points >= 61) {
    r.won = true, r.base = 1;
  } else if (picker_points >= 31) {
    r.won = false, r.base = 1;
  } else if (picker_tricks > 0) {
    r.won = false, r.base = 2;
  } else {
    r.won = false, r.base = 3;
  }
  if (!opt.schneider_schwarz) r.base = 1;
  r.multiplier = (!r.won && opt.double_on_bump ? 2 : 1) * (cracked ? 2 : 1) * (recracked ? 2 : 1) *
                 (doubled ? 2 : 1);
  r.unit = r.base * r.multiplier;
  const int sign = r.won ? 1 : -1;
  const int defenders = opt.players - (has_partner ? 2 : 1);
  r.defender = -sign * r.unit;
  if (has_partner) {
    r.partner = sign * r.unit;
    r.picker = sign * (defenders - 1) * r.unit;  // 5-handed: 2u
  } else {
    r.picker = sign * defenders * r.unit;
  }
  return r;
}

std::uint8_t leaster_winners(int players, const std::array<std::int16_t, kMaxPlayers>& totals,
                             const std::array<std::int8_t, kMaxPlayers>& tricks) {
  int lowest = 1 << 30;
  for (int seat = 0; seat < players; ++seat)
    if (tricks[static_cast<size_t>(seat)] > 0 && totals[static_cast<size_t>(seat)] < lowest) lowest = totals[static_cast<size_t>(seat)];
  std::uint8_t winners = 0;
  for (int seat = 0; seat < players; ++seat)
    if (tricks[static_cast<size_t>(seat)] > 0 && totals[static_cast<size_t>(seat)] == lowest)
      winners = static_cast<std::uint8_t>(winners | (1u << seat));
  return winners;
}

std::array<std::int32_t, kMaxPlayers> leaster_points(int players, std::uint8_t winners) {
  const int w = std::popcount(winners);
  std::array<std::int32_t, kMaxPlayers> points{};
  for (int seat = 0; seat < players; ++seat)
    points[static_cast<size_t>(seat)] = ((winners >> seat) & 1u) ? players - w : -w;
  return points;
}

}  // namespace parlor::rules::sheepshead
