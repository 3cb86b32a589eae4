// Sheepshead: creation, options, the deal, picking and burying, and the
// dispatch of moves by phase. Calling and cracking: sheepshead_call.cc; trick
// play and scoring: sheepshead_play.cc; JSON: sheepshead_json.cc and
// sheepshead_view.cc.
#include "rules/sheepshead/sheepshead.h"

#include <array>
#include <bit>

#include "rules/options.h"
#include "rules/typed_game.h"

namespace parlor::rules::sheepshead {

// ---- Options and creation -------------------------------------------------

Result<std::pair<Options, json::object>> read_options(const json::object& given,
                                                      std::optional<int> record_players) {
  OptionReader r(given);
  Options o;
  o.players = r.integer_of("players", {3, 4, 5}, record_players.value_or(5));
  o.partner_mode = r.choice("partner_mode", {"called_ace", "jack_of_diamonds"}, "called_ace") ==
                           "called_ace"
                       ? PartnerMode::kCalledAce
                       : PartnerMode::kJackOfDiamonds;
  o.unknown_call = r.boolean("unknown_call", true);
  o.call_ten = r.boolean("call_ten", true);
  o.allow_alone = r.boolean("allow_alone", true);
  o.jd_call_up = r.boolean("jd_call_up", false);
  std::string no_pick = r.choice("no_pick", {"leaster", "doubler", "forced_pick"}, "leaster");
  o.no_pick = no_pick == "leaster"   ? NoPick::kLeaster
              : no_pick == "doubler" ? NoPick::kDoubler
                                     : NoPick::kForcedPick;
  std::string blind = r.choice("leaster_blind", {"last_trick", "first_trick", "none"}, "last_trick");
  o.leaster_blind = blind == "last_trick"    ? LeasterBlind::kLastTrick
                    : blind == "first_trick" ? LeasterBlind::kFirstTrick
                                             : LeasterBlind::kNone;
  o.double_on_bump = r.boolean("double_on_bump", true);
  o.schneider_schwarz = r.boolean("schneider_schwarz", true);
  o.cracking = r.boolean("cracking", false);
  o.rounds = r.integer("rounds", 1, 10, 2);
  if (Status st = r.finish(); !st) return st.error();
  if (record_players && *record_players != o.players)
    return make_error("bad_option", "option \"players\": " + std::to_string(o.players) +
                                        " differs from the record's \"players\": " +
                                        std::to_string(*record_players));
  return std::pair<Options, json::object>{o, r.normalized()};
}

const std::vector<Card>& canonical_deck() {
  static const std::vector<Card> deck = kDeck.cards();  // id order = suits C D H S, 7..A
  return deck;
}

Result<State> Sheepshead::create(const Setup& setup) {
  if (setup.players && (*setup.players < 3 || *setup.players > 5))
    return make_error("bad_record", "sheepshead is played by 3, 4 or 5 players, not " +
                                        std::to_string(*setup.players));
  auto options = read_options(setup.options, setup.players);
  if (!options) return options.error();
  State s;
  s.opt = options->first;
  s.options_json = Shared<json::object>(std::move(options->second));
  const int n = s.opt.players;
  if (setup.dealer && *setup.dealer >= n)
    return make_error("bad_record", "dealer " + std::to_string(*setup.dealer) +
                                        " is not a seat of a " + std::to_string(n) +
                                        "-player game (seats 0 to " + std::to_string(n - 1) + ")");
  if (Status st = setup.deals.check_decks(canonical_deck()); !st) return st.error();
  s.deals = setup.deals;
  s.dealer = static_cast<std::int8_t>(setup.dealer.value_or(s.deals.first_dealer(n)));
  s.collected = kDeck;  // nothing dealt yet
  start_hand(s);
  return s;
}

// ---- The flow of hands ------------------------------------------------------

namespace {

// Clears everything that belongs to one hand (not the last trick, which stays
// on show until the next deal).
void clear_hand(State& s) {
  s.turn = -1;
  s.passed = 0;
  s.hands = {};
  s.blind = s.dealt_blind = s.bury = CardSet();
  s.picker = s.partner = -1;
  s.called = s.under = Card();
  s.unknown = s.alone = s.doubled = false;
  s.partner_revealed = s.called_suit_done = false;
  s.cracked_by = s.recracked_by = -1;
  s.leader = 0;
  s.trick_size = s.tricks_played = 0;
  s.first_trick_winner = s.under_winner = -1;
  s.trick = {};
  s.tricks_won = {};
  s.points_taken = {};
}

int first_in_pick_order(const State& s) { return (s.dealer + 1) % s.opt.players; }

// Rules 3.3: one card at a time to the players in pick order; the rest is the blind.
void deal_hand(State& s, const std::vector<Card>& deck) {
  clear_hand(s);
  s.last_leader = s.last_winner = -1;
  s.last_trick = {};
  s.collected = CardSet();
  const int n = s.opt.players;
  const int dealt = n * hand_size(n);
  for (int i = 0; i < dealt; ++i) s.hands[static_cast<size_t>((s.dealer + 1 + i) % n)].add(deck[static_cast<size_t>(i)]);
  for (size_t i = static_cast<size_t>(dealt); i < deck.size(); ++i) s.blind.add(deck[i]);
  s.dealt_blind = s.blind;
  s.phase = Phase::kPicking;
  s.turn = static_cast<std::int8_t>(first_in_pick_order(s));
}

}  // namespace

void start_hand(State& s) {
  const int k = hand_number(s);
  if (!s.deals.has_deck(k)) {
    s.phase = Phase::kAwaitingSeed;
    s.turn = -1;
    return;
  }
  deal_hand(s, s.deals.deck(k, canonical_deck()));
}

void start_play(State& s) {
  s.phase = Phase::kPlaying;
  s.turn = -1;
  s.leader = static_cast<std::int8_t>(first_in_pick_order(s));  // rules 4.5.1
  s.trick_size = 0;
}

void finish_hand(State& s, HandSummary h) {
  h.dealer = s.dealer;
  for (int i = 0; i < s.opt.players; ++i) s.totals[static_cast<size_t>(i)] += h.points[static_cast<size_t>(i)];
  std::vector<HandSummary> list = s.history.get();
  list.push_back(h);
  s.history = Shared<std::vector<HandSummary>>(std::move(list));
  clear_hand(s);
  s.collected = kDeck;
  if (hand_number(s) >= total_deals(s)) {
    s.phase = Phase::kGameOver;
    s.pending_doublers = 0;  // rules 6.2: discarded
    return;
  }
  s.dealer = static_cast<std::int8_t>((s.dealer + 1) % s.opt.players);  // rules 3.1
  start_hand(s);
}

void Sheepshead::add_hand_seed(State& s, std::string seed_text) {
  s.deals = s.deals.with_hand_seed(std::move(seed_text));
  if (s.phase == Phase::kAwaitingSeed) start_hand(s);
}

// ---- Picking (rules 4.1, 4.7) and burying (4.2) ---------------------------

namespace {

bool dealer_must_pick(const State& s, int seat) {
  return s.opt.no_pick == NoPick::kForcedPick && seat == s.dealer;
}

void apply_pick(State& s, int seat) {
  s.picker = static_cast<std::int8_t>(seat);
  s.hands[static_cast<size_t>(seat)] = s.hands[static_cast<size_t>(seat)] | s.blind;
  s.blind = CardSet();
  if (s.opt.no_pick == NoPick::kDoubler && s.pending_doublers > 0) {
    --s.pending_doublers;  // rules 4.7: one doubler per picked hand, never more than x2
    s.doubled = true;
  }
  s.phase = Phase::kBurying;
  s.turn = static_cast<std::int8_t>(seat);
}

void everybody_passed(State& s) {
  if (s.opt.no_pick == NoPick::kDoubler) {
    HandSummary h;
    h.kind = HandKind::kThrownIn;
    h.blind = s.dealt_blind;
    ++s.pending_doublers;
    finish_hand(s, h);
    return;
  }
  start_play(s);  // a leaster: no picker, the blind stays face down
}

Status apply_pass(State& s, int seat) {
  if (dealer_must_pick(s, seat))
    return make_error("illegal_move",
                      "everybody else passed and the dealer may not pass (forced pick): you must pick");
  s.passed = static_cast<std::uint8_t>(s.passed | (1u << seat));
  if (seat == s.dealer) {
    everybody_passed(s);
  } else {
    s.turn = static_cast<std::int8_t>((seat + 1) % s.opt.players);
  }
  return Status::Ok();
}

// Every bury, as the k-subsets of his cards in lexicographic order (the order
// of rules/combinations.h), without allocating per subset.
void legal_burials(const State& s, int seat, std::vector<Move>& out) {
  std::array<Card, 16> cards{};
  int n = 0;
  for (Card c : s.hands[static_cast<size_t>(seat)]) cards[static_cast<size_t>(n++)] = c;
  const int k = blind_size(s.opt.players);
  std::array<int, 4> idx{};
  for (int i = 0; i < k; ++i) idx[static_cast<size_t>(i)] = i;
  for (;;) {
    CardSet pick;
    for (int i = 0; i < k; ++i) pick.add(cards[static_cast<size_t>(idx[static_cast<size_t>(i)])]);
    out.push_back(Move{.type = MoveType::kBury, .cards = pick});
    int i = k - 1;
    while (i >= 0 && idx[static_cast<size_t>(i)] == n - k + i) --i;
    if (i < 0) return;
    ++idx[static_cast<size_t>(i)];
    for (int j = i + 1; j < k; ++j) idx[static_cast<size_t>(j)] = idx[static_cast<size_t>(j - 1)] + 1;
  }
}

Status apply_bury(State& s, int seat, const Move& m) {
  const int want = blind_size(s.opt.players);
  CardSet& hand = s.hands[static_cast<size_t>(seat)];
  if (m.cards.size() != want)
    return make_error("illegal_move", "bury exactly " + std::to_string(want) + " cards, not " +
                                          std::to_string(m.cards.size()));
  if (CardSet missing = m.cards - hand; !missing.empty())
    return make_error("illegal_move", "you cannot bury " + card_code(missing.lowest()) +
                                          ": it is not in your hand");
  hand = hand - m.cards;
  s.bury = m.cards;
  if (s.opt.players == 5) {
    s.phase = Phase::kCalling;  // also in jack-of-diamonds mode (game-records.md)
  } else {
    start_cracking_or_play(s);  // 3- and 4-handed: the picker always plays alone
  }
  return Status::Ok();
}

Error wrong_move_for_phase(const State& s) {
  switch (s.phase) {
    case Phase::kPicking: return make_error("illegal_move", "it is time to pick or pass");
    case Phase::kBurying: return make_error("illegal_move", "it is time to bury");
    case Phase::kCalling:
      return make_error("illegal_move", "it is time to call a partner card or go alone");
    case Phase::kCracking: return make_error("illegal_move", "it is time to crack or not");
    case Phase::kRecracking: return make_error("illegal_move", "it is time to recrack or not");
    case Phase::kPlaying: return make_error("illegal_move", "it is time to play a card");
    default: return make_error("illegal_move", "no move is possible now");
  }
}

Error not_your_turn(const State& s) {
  if (s.phase == Phase::kGameOver) return make_error("not_your_turn", "the game is over");
  if (s.phase == Phase::kAwaitingSeed)
    return make_error("not_your_turn", "the next hand has not been dealt yet");
  int seat = std::countr_zero(Sheepshead::to_act(s));
  return make_error("not_your_turn", "it is seat " + std::to_string(seat) + "'s turn");
}

}  // namespace

// ---- The typed API: turn, legal moves, apply --------------------------------

std::string_view Sheepshead::status(const State& s) {
  return s.phase == Phase::kGameOver ? "game_over" : "in_progress";
}

std::uint32_t Sheepshead::to_act(const State& s) {
  switch (s.phase) {
    case Phase::kAwaitingSeed:
    case Phase::kGameOver: return 0;
    case Phase::kPlaying: return 1u << ((s.leader + s.trick_size) % s.opt.players);
    default: return 1u << s.turn;
  }
}

void Sheepshead::legal_moves(const State& s, int seat, std::vector<Move>& out) {
  out.clear();
  if (seat < 0 || seat >= s.opt.players || !((to_act(s) >> seat) & 1u)) return;
  switch (s.phase) {
    case Phase::kPicking:
      out.push_back(Move{.type = MoveType::kPick});
      if (!dealer_must_pick(s, seat)) out.push_back(Move{.type = MoveType::kPass});
      return;
    case Phase::kBurying: legal_burials(s, seat, out); return;
    case Phase::kCalling: legal_calls(s, out); return;
    case Phase::kCracking:
    case Phase::kRecracking: legal_cracks(s, seat, out); return;
    case Phase::kPlaying:
      for (Card c : legal_plays(s, seat)) out.push_back(Move{.type = MoveType::kPlay, .card = c});
      return;
    default: return;
  }
}

Status Sheepshead::apply(State& s, int seat, const Move& m) {
  if (seat < 0 || seat >= s.opt.players || !((to_act(s) >> seat) & 1u)) return not_your_turn(s);
  switch (s.phase) {
    case Phase::kPicking:
      if (m.type == MoveType::kPick) {
        apply_pick(s, seat);
        return Status::Ok();
      }
      if (m.type == MoveType::kPass) return apply_pass(s, seat);
      break;
    case Phase::kBurying:
      if (m.type == MoveType::kBury) return apply_bury(s, seat, m);
      break;
    case Phase::kCalling:
      if (m.type == MoveType::kCall || m.type == MoveType::kAlone) return apply_call(s, m);
      break;
    case Phase::kCracking:
    case Phase::kRecracking:
      if (m.type == MoveType::kCrack || m.type == MoveType::kRecrack ||
          m.type == MoveType::kNoCrack)
        return apply_crack(s, seat, m);
      break;
    case Phase::kPlaying:
      if (m.type == MoveType::kPlay) return apply_play(s, seat, m.card);
      break;
    default: break;
  }
  return wrong_move_for_phase(s);
}

// ---- Conformance setups and the game object --------------------------------

std::vector<json::object> Sheepshead::test_setups() {
  auto setup = [](int players, json::object options) {
    json::object o;
    o["players"] = players;
    o["options"] = std::move(options);
    return o;
  };
  return {
      setup(5, {}),
      setup(3, {}),
      setup(4, {{"cracking", true}}),
      setup(5, {{"partner_mode", "jack_of_diamonds"}, {"jd_call_up", true}, {"cracking", true}}),
      setup(5, {{"partner_mode", "jack_of_diamonds"}, {"allow_alone", false},
                {"no_pick", "forced_pick"}}),
      setup(5, {{"no_pick", "doubler"}, {"cracking", true}, {"double_on_bump", false}}),
      setup(5, {{"no_pick", "forced_pick"}, {"unknown_call", false}, {"call_ten", false},
                {"allow_alone", false}}),
      setup(5, {{"unknown_call", false}, {"leaster_blind", "first_trick"},
                {"schneider_schwarz", false}, {"rounds", 1}}),
      setup(5, {{"call_ten", false}, {"leaster_blind", "none"}, {"cracking", true}}),
      setup(3, {{"leaster_blind", "none"}, {"schneider_schwarz", false}, {"cracking", true}}),
      setup(4, {{"no_pick", "doubler"}, {"leaster_blind", "first_trick"}}),
  };
}

const GameType& game_type() {
  static const TypedGame<Sheepshead> game;
  return game;
}

}  // namespace parlor::rules::sheepshead
