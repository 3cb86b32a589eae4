// Sheepshead: calling a partner (rules 4.3) and cracking (4.4).
#include <string>

#include "rules/sheepshead/sheepshead.h"

namespace parlor::rules::sheepshead {

namespace {

inline constexpr CardSet kFailAces =
    CardSet((std::uint64_t{1} << kAceClubs.id()) | (std::uint64_t{1} << kAceSpades.id()) |
            (std::uint64_t{1} << kAceHearts.id()));
inline constexpr CardSet kFailTens =
    CardSet((std::uint64_t{1} << kTenClubs.id()) | (std::uint64_t{1} << kTenSpades.id()) |
            (std::uint64_t{1} << kTenHearts.id()));

// The cards of `candidates` whose fail suit `hand` still holds (a hold card).
CardSet with_hold_card(CardSet candidates, CardSet hand) {
  CardSet out;
  for (Card c : candidates)
    if (!(hand & group_mask(group_of(c))).empty()) out.add(c);
  return out;
}

CallChoices jack_of_diamonds_choices(const State& s, CardSet mine) {
  CallChoices c;
  if (!mine.contains(kJackDiamonds)) {
    c.plain.add(kJackDiamonds);
    c.alone = s.opt.allow_alone;
    return c;
  }
  c.alone = true;  // rules 4.3.2: holding JD he plays alone, or calls up
  if (s.opt.jd_call_up) {
    for (Card jack : {kJackHearts, kJackSpades, kJackClubs}) {
      if (!mine.contains(jack)) {
        c.plain.add(jack);
        break;
      }
    }
  }
  return c;
}

int holder_of(const State& s, Card c) {
  for (int seat = 0; seat < s.opt.players; ++seat)
    if (s.hands[static_cast<size_t>(seat)].contains(c)) return seat;
  PARLOR_CHECK(false, "nobody holds the called card " << c.str());
  return -1;
}

// "call AS, call AH unknown (with an under), or go alone"
std::string describe_choices(const CallChoices& c) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  for (Card card : c.plain) add("call " + card_code(card));
  for (Card card : c.unknown) add("call " + card_code(card) + " unknown (with an under)");
  if (c.alone) add("go alone");
  return "you may " + out;
}

Error illegal_call(const std::string& why, const CallChoices& c) {
  return make_error("illegal_call", why + "; " + describe_choices(c));
}

std::string why_not_callable(const State& s, Card card) {
  const CardSet mine = s.hands[static_cast<size_t>(s.picker)] | s.bury;
  const std::string code = card_code(card);
  if (mine.contains(card)) return "you cannot call " + code + ": it is one of your own cards";
  if (s.opt.partner_mode == PartnerMode::kJackOfDiamonds)
    return "in jack-of-diamonds mode the partner card is JD (or the call-up jack)";
  if (!kFailAces.contains(card) && !kFailTens.contains(card))
    return "you cannot call " + code + ": only a fail ace (or, holding all three, a fail ten)";
  return "you cannot call " + code + " now";
}

// Partner-step candidates of the recrack: everybody but the picker and the
// cracker, in pick order, so that the partner is asked among the others and
// not singled out (rules 8.3).
int next_recrack_candidate(const State& s, int after_index) {
  for (int p = after_index + 1; p < s.opt.players; ++p) {
    int seat = (s.dealer + 1 + p) % s.opt.players;
    if (seat != s.picker && seat != s.cracked_by) return seat;
  }
  return -1;
}

void move_to_seat_or_play(State& s, int seat) {
  if (seat < 0) {
    start_play(s);
  } else {
    s.turn = static_cast<std::int8_t>(seat);
  }
}

}  // namespace

CallChoices call_choices(const State& s) {
  const CardSet hand = s.hands[static_cast<size_t>(s.picker)];  // H: 6 cards after burying
  const CardSet mine = hand | s.bury;                             // E: his 8 cards
  if (s.opt.partner_mode == PartnerMode::kJackOfDiamonds) return jack_of_diamonds_choices(s, mine);
  CallChoices c;
  const CardSet open_aces = kFailAces - mine;
  c.plain = with_hold_card(open_aces, hand);                      // list 1
  if (c.plain.empty()) {
    if (s.opt.unknown_call && !open_aces.empty()) {
      c.unknown = open_aces;                                      // list 2
    } else if (s.opt.call_ten && open_aces.empty()) {
      const CardSet open_tens = kFailTens - mine;                 // list 3
      c.plain = with_hold_card(open_tens, hand);
      if (c.plain.empty() && s.opt.unknown_call) c.unknown = open_tens;
    }
  }
  c.alone = s.opt.allow_alone || (c.plain.empty() && c.unknown.empty());  // list 4
  return c;
}

void legal_calls(const State& s, std::vector<Move>& out) {
  const CallChoices c = call_choices(s);
  for (Card card : c.plain) out.push_back(Move{.type = MoveType::kCall, .card = card});
  for (Card card : c.unknown)
    for (Card under : s.hands[static_cast<size_t>(s.picker)])
      out.push_back(Move{.type = MoveType::kCall, .card = card, .unknown = true, .under = under});
  if (c.alone) out.push_back(Move{.type = MoveType::kAlone});
}

Status apply_call(State& s, const Move& m) {
  const CallChoices c = call_choices(s);
  CardSet& hand = s.hands[static_cast<size_t>(s.picker)];
  if (m.type == MoveType::kAlone) {
    if (!c.alone) return illegal_call("going alone is not allowed at this table (allow_alone)", c);
    s.alone = true;
    start_cracking_or_play(s);
    return Status::Ok();
  }
  if (m.card.id() >= 52) return illegal_call("that is not a card that can be called", c);
  const std::string code = card_code(m.card);
  const std::string suit(suit_name(m.card.suit()));
  if (c.plain.contains(m.card)) {
    if (m.unknown)
      return illegal_call(s.opt.partner_mode == PartnerMode::kJackOfDiamonds
                              ? "a jack-of-diamonds call is never unknown"
                              : "you hold a " + suit.substr(0, suit.size() - 1) +  // "heart"
                                    " to keep as the hold card, so call " + code +
                                    " without \"unknown\"",
                          c);
    if (!m.under.is_none()) return illegal_call("an under goes only with an unknown call", c);
  } else if (c.unknown.contains(m.card)) {
    if (!m.unknown)
      return illegal_call("you have no " + suit + " left to hold, so " + code +
                              " can only be called \"unknown\", with an under",
                          c);
    if (m.under.is_none())
      return illegal_call("an unknown call needs an under: name one card of your hand", c);
    if (m.under.id() >= 52 || !hand.contains(m.under))
      return illegal_call("the under must be one of your cards, and you do not hold " +
                              card_code(m.under),
                          c);
  } else {
    return illegal_call(why_not_callable(s, m.card), c);
  }
  s.called = m.card;
  s.partner = static_cast<std::int8_t>(holder_of(s, m.card));
  if (m.unknown) {
    s.unknown = true;
    s.under = m.under;
    hand.remove(m.under);
    hand.add(kUnder);  // rules 4.3.1: laid apart face down, played as the under
  }
  start_cracking_or_play(s);
  return Status::Ok();
}

// ---- Cracking (rules 4.4) ---------------------------------------------------

void start_cracking_or_play(State& s) {
  const int after_picker = pick_index(s, s.picker) + 1;
  if (s.opt.cracking && after_picker < s.opt.players) {
    s.phase = Phase::kCracking;
    s.turn = static_cast<std::int8_t>((s.dealer + 1 + after_picker) % s.opt.players);
    return;
  }
  start_play(s);  // rules 9.17: nobody is after a dealer who picked
}

void legal_cracks(const State& s, int seat, std::vector<Move>& out) {
  const bool may_double = s.phase == Phase::kCracking ? seat != s.partner
                                                      : seat == s.picker || seat == s.partner;
  if (may_double)
    out.push_back(Move{.type = s.phase == Phase::kCracking ? MoveType::kCrack : MoveType::kRecrack});
  out.push_back(Move{.type = MoveType::kNoCrack});
}

Status apply_crack(State& s, int seat, const Move& m) {
  if (s.phase == Phase::kCracking) {
    if (m.type == MoveType::kRecrack) return make_error("illegal_move", "nobody has cracked yet");
    if (m.type == MoveType::kCrack) {
      if (seat == s.partner) return make_error("illegal_move", "the picker's partner may not crack");
      s.cracked_by = static_cast<std::int8_t>(seat);
      s.phase = Phase::kRecracking;
      s.turn = s.picker;
      return Status::Ok();
    }
    const int next = pick_index(s, seat) + 1;
    move_to_seat_or_play(s, next < s.opt.players ? (s.dealer + 1 + next) % s.opt.players : -1);
    return Status::Ok();
  }
  // Recracking: first the picker, then (if he declines) everybody else in turn,
  // of whom only the hidden partner may recrack.
  if (m.type == MoveType::kCrack) return make_error("illegal_move", "the hand is already cracked");
  if (m.type == MoveType::kRecrack) {
    if (seat != s.picker && seat != s.partner)
      return make_error("illegal_move", "only the picker or his partner may recrack");
    s.recracked_by = static_cast<std::int8_t>(seat);
    if (seat == s.partner) s.partner_revealed = true;  // rules 8.3
    start_play(s);
    return Status::Ok();
  }
  if (seat == s.picker) {
    move_to_seat_or_play(s, s.partner >= 0 ? next_recrack_candidate(s, -1) : -1);
  } else {
    move_to_seat_or_play(s, next_recrack_candidate(s, pick_index(s, seat)));
  }
  return Status::Ok();
}

}  // namespace parlor::rules::sheepshead
