// Spades: options, the deal, bidding, the blind-nil exchange and trick play.
#include "rules/spades/spades.h"

#include <algorithm>
#include <string>

#include "rules/options.h"

namespace parlor::rules::spades {
namespace {

constexpr CardSet kSpadeSuit = CardSet::suit(Suit::kSpades);

std::string seat_label(int seat) { return "seat " + std::to_string(seat); }

Error illegal(std::string message) { return make_error("illegal_move", std::move(message)); }

// Names of the non-spade suits a leader holds: "clubs and hearts".
std::string suits_held(CardSet cards) {
  std::string out;
  int n = 0, total = 0;
  for (Suit suit : {Suit::kClubs, Suit::kDiamonds, Suit::kHearts})
    if (!(cards & CardSet::suit(suit)).empty()) ++total;
  for (Suit suit : {Suit::kClubs, Suit::kDiamonds, Suit::kHearts}) {
    if ((cards & CardSet::suit(suit)).empty()) continue;
    ++n;
    if (n > 1) out += n == total ? " or " : ", ";
    out += suit_name(suit);
  }
  return out;
}

void deal_hand(State& s) {
  const std::vector<Card> deck = s.deals.deck(s.hand, standard_deck());
  PARLOR_CHECK(deck.size() == 52, "deck size " << deck.size());
  // 3.3: card d[k] goes to seat (dealer + 1 + k) mod 4.
  for (size_t k = 0; k < deck.size(); ++k)
    s.hands[static_cast<size_t>((s.dealer + 1 + static_cast<int>(k)) % kSeats)].add(deck[k]);
  s.phase = Phase::kBidding;
  s.to_move = static_cast<std::int8_t>(left_of(s.dealer));
}

// After the last bid: the blind-nil exchange if exactly one partner of a team
// bid blind nil (4.2), else straight to the opening lead.
void start_play(State& s) {
  s.phase = Phase::kPlay;
  s.trick = Trick{};
  s.trick.leader = static_cast<std::int8_t>(left_of(s.dealer));
  s.to_move = s.trick.leader;
}

void end_bidding(State& s) {
  if (s.opt.blind_nil_exchange > 0) {
    for (int seat = 0; seat < kSeats; ++seat) {
      bool blind = (s.blind_mask >> seat) & 1u;
      bool partner_blind = (s.blind_mask >> partner_of(seat)) & 1u;
      if (blind && !partner_blind) {
        s.phase = Phase::kExchange;
        s.exchange_from = static_cast<std::int8_t>(seat);
        s.to_move = static_cast<std::int8_t>(seat);
        return;
      }
    }
  }
  start_play(s);
}

void record_bid(State& s, int seat, int tricks, bool blind) {
  s.bids[static_cast<size_t>(seat)] = static_cast<std::int8_t>(tricks);
  if (blind) s.blind_mask = static_cast<std::uint8_t>(s.blind_mask | (1u << seat));
  if (seat == s.dealer) {
    end_bidding(s);
  } else {
    s.to_move = static_cast<std::int8_t>(left_of(seat));
  }
}

std::string why_no_blind_nil(const State& s, int seat) {
  if (!s.opt.blind_nil) return "blind nil is not allowed at this table";
  if (!s.opt.nil_allowed) return "nil bids are not allowed at this table, so neither is blind nil";
  if (s.phase != Phase::kBidding) return "blind nil is bid during the bidding";
  int team = team_of(seat);
  if (s.scores[1 - team] - s.scores[team] < kBlindNilDeficit)
    return "blind nil needs your team to be at least 100 points behind at the start of the hand";
  return "you have already looked at your cards";
}

Status apply_bid(State& s, int seat, const Move& m) {
  if (s.phase != Phase::kBidding) return illegal("the bidding is over");
  if (!sees_own_cards(s, seat))
    return make_error("look_first",
                      "choose blind nil or look at your cards before you bid");
  if (m.tricks < 0 || m.tricks > kTricksPerHand)
    return illegal("a bid is from 0 (nil) to 13 tricks, not " + std::to_string(m.tricks));
  if (m.tricks == 0 && !s.opt.nil_allowed)
    return make_error("nil_not_allowed", "nil is not allowed at this table: bid 1 to 13 tricks");
  record_bid(s, seat, m.tricks, false);
  return Status::Ok();
}

Status apply_blind_nil(State& s, int seat) {
  if (!blind_nil_eligible(s, seat))
    return make_error("blind_nil_not_allowed", why_no_blind_nil(s, seat));
  record_bid(s, seat, 0, true);
  return Status::Ok();
}

Status apply_look(State& s, int seat) {
  if (s.phase != Phase::kBidding) return illegal("there is nothing to look at: the bidding is over");
  if (!blind_nil_eligible(s, seat)) return illegal("you already see your cards: bid");
  s.looked_mask = static_cast<std::uint8_t>(s.looked_mask | (1u << seat));
  return Status::Ok();
}

Status apply_exchange(State& s, int seat, const Move& m) {
  if (s.phase != Phase::kExchange) return illegal("there is no blind-nil exchange now");
  if (m.card == m.card2) return illegal("pass two different cards");
  auto& hand = s.hands[static_cast<size_t>(seat)];
  for (Card c : {m.card, m.card2})
    if (c.is_none() || c.is_joker() || !hand.contains(c))
      return illegal("you do not hold the " + card_name(c));
  const int partner = partner_of(seat);
  auto& other = s.hands[static_cast<size_t>(partner)];
  CardSet pair;
  pair.add(m.card);
  pair.add(m.card2);
  hand = hand - pair;
  other = other | pair;
  if (s.given.empty()) {
    s.given = pair;
    s.to_move = static_cast<std::int8_t>(partner);
  } else {
    s.returned = pair;
    start_play(s);
  }
  return Status::Ok();
}

Status check_play(const State& s, int seat, Card card) {
  if (s.phase != Phase::kPlay)
    return illegal(s.phase == Phase::kBidding ? "bid first: the cards are played after the bidding"
                                              : "finish the blind-nil exchange first");
  CardSet hand = s.hands[static_cast<size_t>(seat)];
  if (card.is_none() || card.is_joker() || !hand.contains(card))
    return illegal("you do not hold the " + card_name(card));
  if (playable(s, seat).contains(card)) return Status::Ok();
  if (s.trick.count == 0)
    return make_error("spades_not_broken", "spades are not broken yet: lead " +
                                               suits_held(hand - kSpadeSuit));
  Suit led = s.trick.led().suit();
  return make_error("must_follow_suit",
                    "you must follow suit: you hold " + std::string(suit_name(led)));
}

void complete_trick(State& s) {
  const int winner = trick_winner(s.trick);
  for (int i = 0; i < kSeats; ++i) s.played.add(s.trick.cards[static_cast<size_t>(i)]);
  ++s.tricks_won[static_cast<size_t>(winner)];
  ++s.tricks_played;
  s.last_trick = s.trick;
  s.last_winner = static_cast<std::int8_t>(winner);
  s.trick = Trick{};
  if (s.tricks_played == kTricksPerHand) {
    detail::finish_hand(s);
    return;
  }
  s.trick.leader = static_cast<std::int8_t>(winner);
  s.to_move = static_cast<std::int8_t>(winner);
}

Status apply_play(State& s, int seat, Card card) {
  if (Status st = check_play(s, seat, card); !st) return st;
  s.hands[static_cast<size_t>(seat)].remove(card);
  s.trick.cards[s.trick.count++] = card;
  if (card.suit() == Suit::kSpades) s.spades_broken = true;  // 4.3.3
  if (s.trick.count == kSeats) {
    complete_trick(s);
  } else {
    s.to_move = static_cast<std::int8_t>(left_of(seat));
  }
  return Status::Ok();
}

Error not_your_turn(const State& s, int seat) {
  std::string why;
  switch (s.phase) {
    case Phase::kGameOver: why = "the game is over"; break;
    case Phase::kAwaitingDeal: why = "the next hand has not been dealt yet"; break;
    case Phase::kBidding: why = "it is " + seat_label(s.to_move) + "'s turn to bid"; break;
    case Phase::kExchange:
      why = "it is " + seat_label(s.to_move) + "'s turn to pass cards";
      break;
    case Phase::kPlay: why = "it is " + seat_label(s.to_move) + "'s turn to play"; break;
  }
  return make_error("not_your_turn", "not your turn (" + seat_label(seat) + "): " + why);
}

}  // namespace

Result<Options> read_options(const boost::json::object& given, boost::json::object& normalized) {
  OptionReader r(given);
  Options o;
  o.target_score = r.integer("target_score", 100, 1000, 500);
  o.losing_score = r.integer_or_off("losing_score", -1000, -100, std::nullopt);
  o.nil_allowed = r.boolean("nil_allowed", true);
  o.nil_value = r.integer("nil_value", 50, 200, 100);
  std::string nil_tricks = r.choice("nil_tricks", {"bags", "count_toward_bid", "ignore"}, "bags");
  o.nil_tricks = nil_tricks == "bags"               ? NilTricks::kBags
                 : nil_tricks == "count_toward_bid" ? NilTricks::kCountTowardBid
                                                    : NilTricks::kIgnore;
  o.blind_nil = r.boolean("blind_nil", false);
  o.blind_nil_exchange = r.integer_of("blind_nil_exchange", {0, 2}, 2);
  o.bag_limit = r.integer("bag_limit", 5, 20, 10);
  o.bag_penalty = r.integer("bag_penalty", 50, 200, 100);
  o.must_break_spades = r.boolean("must_break_spades", true);
  if (Status st = r.finish(); !st) return st.error();
  normalized = r.normalized();
  return o;
}

bool blind_nil_eligible(const State& s, int seat) {
  if (s.phase != Phase::kBidding || !s.opt.blind_nil || !s.opt.nil_allowed) return false;
  if (s.bids[static_cast<size_t>(seat)] >= 0 || ((s.looked_mask >> seat) & 1u)) return false;
  const int team = team_of(seat);
  // Scores do not change during a hand, so these are the start-of-hand scores (9.11).
  return s.scores[static_cast<size_t>(1 - team)] - s.scores[static_cast<size_t>(team)] >=
         kBlindNilDeficit;
}

bool sees_own_cards(const State& s, int seat) {
  if (s.phase != Phase::kBidding) return true;
  // A blind-nil bidder sees his cards only after the last bid (4.2).
  if ((s.blind_mask >> seat) & 1u) return false;
  return !blind_nil_eligible(s, seat);
}

CardSet playable(const State& s, int seat) {
  const CardSet hand = s.hands[static_cast<size_t>(seat)];
  if (s.trick.count == 0) {
    const CardSet non_spades = hand - kSpadeSuit;
    if (s.spades_broken || !s.opt.must_break_spades || non_spades.empty()) return hand;
    return non_spades;
  }
  const CardSet follow = hand & CardSet::suit(s.trick.led().suit());
  return follow.empty() ? hand : follow;
}

int trick_winner(const Trick& t) {
  PARLOR_CHECK(t.count == kSeats, "trick has " << int{t.count} << " cards");
  int best = 0;
  for (int i = 1; i < kSeats; ++i) {
    const Card c = t.cards[static_cast<size_t>(i)];
    const Card b = t.cards[static_cast<size_t>(best)];
    const bool c_trump = c.suit() == Suit::kSpades, b_trump = b.suit() == Suit::kSpades;
    if (c_trump != b_trump) {
      if (c_trump) best = i;
    } else if (c.suit() == b.suit() && c.rank() > b.rank()) {
      best = i;
    }
  }
  return t.seat_of(best);
}

int team_contract(const State& s, int team) {
  int c = 0;
  for (int seat = team; seat < kSeats; seat += 2) c += std::max(0, int{s.bids[static_cast<size_t>(seat)]});
  return c;
}

namespace detail {

void start_hand(State& s, int k, int dealer) {
  s.hand = k;
  s.dealer = static_cast<std::int8_t>(dealer);
  s.phase = Phase::kAwaitingDeal;
  s.to_move = -1;
  s.hands = {};
  s.bids = {-1, -1, -1, -1};
  s.blind_mask = 0;
  s.looked_mask = 0;
  s.exchange_from = -1;
  s.given = CardSet{};
  s.returned = CardSet{};
  s.trick = Trick{};
  s.last_trick = Trick{};
  s.last_winner = -1;
  s.tricks_won = {};
  s.tricks_played = 0;
  s.spades_broken = false;
  s.played = CardSet{};
  if (s.deals.has_deck(k)) deal_hand(s);
}

}  // namespace detail

Result<State> Spades::create(const Setup& setup) {
  boost::json::object normalized;
  auto opt = read_options(setup.options, normalized);
  if (!opt) return opt.error();
  if (setup.players && *setup.players != kSeats)
    return make_error("bad_record", "spades is played by exactly 4 players in 2 teams, not " +
                                        std::to_string(*setup.players));
  if (setup.dealer && (*setup.dealer < 0 || *setup.dealer >= kSeats))
    return make_error("bad_record",
                      "dealer must be a seat from 0 to 3, not " + std::to_string(*setup.dealer));
  if (Status st = setup.deals.check_decks(standard_deck()); !st) return st.error();
  State s;
  s.deals = setup.deals;
  s.opt = *opt;
  s.options_json = Shared<boost::json::object>(std::move(normalized));
  const int dealer = setup.dealer ? *setup.dealer : setup.deals.first_dealer(kSeats);
  detail::start_hand(s, 0, dealer);
  return s;
}

std::string_view Spades::status(const State& s) {
  return s.phase == Phase::kGameOver ? "game_over" : "in_progress";
}

std::uint32_t Spades::to_act(const State& s) {
  switch (s.phase) {
    case Phase::kBidding:
    case Phase::kExchange:
    case Phase::kPlay:
      return 1u << s.to_move;
    case Phase::kAwaitingDeal:
    case Phase::kGameOver:
      return 0;
  }
  return 0;
}

void Spades::legal_moves(const State& s, int seat, std::vector<Move>& out) {
  out.clear();
  if (seat < 0 || seat >= kSeats || !((to_act(s) >> seat) & 1u)) return;
  switch (s.phase) {
    case Phase::kBidding:
      if (blind_nil_eligible(s, seat)) {
        out.push_back(Move::blind_nil());
        out.push_back(Move::look());
        return;
      }
      for (int t = s.opt.nil_allowed ? 0 : 1; t <= kTricksPerHand; ++t) out.push_back(Move::bid(t));
      return;
    case Phase::kExchange: {
      // Every pair, in lexicographic order of card ids.
      const CardSet hand = s.hands[static_cast<size_t>(seat)];
      for (CardSet rest = hand; !rest.empty();) {
        const Card a = rest.lowest();
        rest.remove(a);
        for (Card b : rest) out.push_back(Move{MoveType::kExchange, 0, a, b});
      }
      return;
    }
    case Phase::kPlay:
      for (Card c : playable(s, seat)) out.push_back(Move::play(c));
      return;
    case Phase::kAwaitingDeal:
    case Phase::kGameOver:
      return;
  }
}

Status Spades::apply(State& s, int seat, const Move& m) {
  if (seat < 0 || seat >= kSeats || !((to_act(s) >> seat) & 1u)) return not_your_turn(s, seat);
  switch (m.type) {
    case MoveType::kBid: return apply_bid(s, seat, m);
    case MoveType::kBlindNil: return apply_blind_nil(s, seat);
    case MoveType::kLook: return apply_look(s, seat);
    case MoveType::kExchange: return apply_exchange(s, seat, m);
    case MoveType::kPlay: return apply_play(s, seat, m.card);
  }
  return illegal("unknown move");
}

void Spades::add_hand_seed(State& s, std::string seed_text) {
  s.deals = s.deals.with_hand_seed(std::move(seed_text));
  if (s.phase == Phase::kAwaitingDeal && s.deals.has_deck(s.hand)) deal_hand(s);
}

const GameType& game_type() {
  static const TypedGame<Spades> game;
  return game;
}

}  // namespace parlor::rules::spades
