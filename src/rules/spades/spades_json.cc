// Spades: moves, views and results as JSON (docs/games/spades.md).
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <span>
#include <string_view>

#include "rules/json_util.h"
#include "rules/spades/spades.h"

namespace parlor::rules::spades {
namespace {

json::array seat_flags(std::uint8_t mask) {
  json::array a;
  for (int seat = 0; seat < kSeats; ++seat) a.emplace_back(((mask >> seat) & 1u) != 0);
  return a;
}

// seat_flags(mask) as text.
void write_seat_flags(JsonText& w, std::uint8_t mask) {
  w.begin_array();
  for (int seat = 0; seat < kSeats; ++seat) w.boolean(((mask >> seat) & 1u) != 0);
  w.end_array();
}

json::array team_list(std::uint8_t mask) {
  json::array a;
  for (int team = 0; team < kTeams; ++team)
    if ((mask >> team) & 1u) a.emplace_back(team);
  return a;
}

// team_list(mask) as text.
void write_team_list(JsonText& w, std::uint8_t mask) {
  w.begin_array();
  for (int team = 0; team < kTeams; ++team)
    if ((mask >> team) & 1u) w.number(team);
  w.end_array();
}

// [{"seat": s, "card": "QS"}, ...] in the order of play.
json::array trick_cards_json(const Trick& t) {
  json::array a;
  for (int i = 0; i < t.count; ++i) {
    json::object o;
    o["seat"] = t.seat_of(i);
    o["card"] = t.cards[static_cast<size_t>(i)].str();
    a.emplace_back(std::move(o));
  }
  return a;
}

// trick_cards_json(t) as text.
void write_trick_cards(JsonText& w, const Trick& t) {
  w.begin_array();
  for (int i = 0; i < t.count; ++i)
    w.begin_object().key("seat").number(t.seat_of(i)).key("card").card(t.cards[static_cast<size_t>(i)]).end_object();
  w.end_array();
}

// One field of each team's score, as an array.
// A field of each team's score, as an array under its name.
struct TeamField {
  std::string_view name;
  int TeamHandScore::*field;
};
// The team fields of a hand record, in their order before and after the
// seats' fields (dealer, bids, blind_nil, tricks).
constexpr TeamField kTeamFieldsFirst[] = {{"points", &TeamHandScore::points},
                                          {"bags", &TeamHandScore::bags},
                                          {"bag_count", &TeamHandScore::bag_count},
                                          {"bag_penalties", &TeamHandScore::penalties}};
constexpr TeamField kTeamFieldsAfter[] = {{"contracts", &TeamHandScore::contract},
                                          {"counted_tricks", &TeamHandScore::counted_tricks},
                                          {"contract_points", &TeamHandScore::contract_points},
                                          {"overtricks", &TeamHandScore::overtricks},
                                          {"nil_trick_bags", &TeamHandScore::nil_trick_bags},
                                          {"nil_points", &TeamHandScore::nil_points}};

void write_team_fields(JsonText& w, const HandRecord& h, std::span<const TeamField> fields) {
  for (const TeamField& f : fields) {
    w.key(f.name).begin_array();
    for (const auto& t : h.teams) w.number(t.*f.field);
    w.end_array();
  }
}

// One completed hand's members, as in result "hands" and view "hand_results",
// without the braces (the view adds "hand" and the seed fields to them).
void write_hand_record_members(JsonText& w, const HandRecord& h, int bag_penalty) {
  write_team_fields(w, h, kTeamFieldsFirst);
  w.key("dealer").number(h.dealer);
  w.key("bids").numbers(h.bids);
  w.key("blind_nil").begin_array();
  for (bool b : h.blind_nil) w.boolean(b);
  w.end_array();
  w.key("tricks").numbers(h.tricks);
  write_team_fields(w, h, kTeamFieldsAfter);
  w.key("penalty_points").begin_array();
  for (const auto& t : h.teams) w.number(-t.penalties * bag_penalty);
  w.end_array();
}

// One completed hand, as in result "hands" and view "hand_results": the text
// above read back, so that the two forms cannot drift apart.
json::object hand_record_json(const HandRecord& h, int bag_penalty) {
  std::string text;
  JsonText w(text);
  w.begin_object();
  write_hand_record_members(w, h, bag_penalty);
  w.end_object();
  return json::parse(text).as_object();
}

json::value bids_json(const State& s) {
  json::array a;
  for (auto b : s.bids) a.emplace_back(b < 0 ? json::value(nullptr) : json::value(int{b}));
  return a;
}

// bids_json(s) as text.
void write_bids(JsonText& w, const State& s) {
  w.begin_array();
  for (auto b : s.bids) b < 0 ? w.null() : w.number(b);
  w.end_array();
}

// The exchange as `viewer` may see it: the cards only for the two partners.
json::value exchange_json(const State& s, Viewer viewer) {
  if (s.exchange_from < 0) return nullptr;
  const int from = s.exchange_from, to = partner_of(from);
  json::object o;
  o["from"] = from;
  o["to"] = to;
  o["stage"] = s.given.empty() ? "give" : s.phase == Phase::kExchange ? "return" : "done";
  const bool involved = viewer && (*viewer == from || *viewer == to);
  if (involved) {
    o["given"] = s.given.empty() ? json::value(nullptr) : json::value(cards_json(s.given));
    o["returned"] = s.returned.empty() ? json::value(nullptr) : json::value(cards_json(s.returned));
  }
  return o;
}

json::value contracts_json(const State& s) {
  if (s.phase == Phase::kBidding || s.phase == Phase::kAwaitingDeal) return nullptr;
  json::array a;
  for (int team = 0; team < kTeams; ++team) a.emplace_back(team_contract(s, team));
  return a;
}

// contracts_json(s) as text.
void write_contracts(JsonText& w, const State& s) {
  if (s.phase == Phase::kBidding || s.phase == Phase::kAwaitingDeal) {
    w.null();
    return;
  }
  w.begin_array();
  for (int team = 0; team < kTeams; ++team) w.number(team_contract(s, team));
  w.end_array();
}

json::array hand_results_json(const State& s) {
  json::array a;
  const auto& history = *s.history;
  for (size_t k = 0; k < history.size(); ++k) {
    json::object o = hand_record_json(history[k], s.opt.bag_penalty);
    o["hand"] = static_cast<std::int64_t>(k);
    s.deals.add_seed_fields(o, static_cast<int>(k), true);
    a.emplace_back(std::move(o));
  }
  return a;
}

// hand_results_json(s) as text.
void write_hand_results(JsonText& w, const State& s) {
  w.begin_array();
  const auto& history = *s.history;
  for (size_t k = 0; k < history.size(); ++k) {
    w.begin_object();
    write_hand_record_members(w, history[k], s.opt.bag_penalty);
    w.key("hand").number(static_cast<std::int64_t>(k));
    s.deals.write_seed_fields(w, static_cast<int>(k), true);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

json::value Spades::move_to_json(const Move& m) {
  json::object o;
  switch (m.type) {
    case MoveType::kBid:
      o["type"] = "bid";
      o["tricks"] = int{m.tricks};
      break;
    case MoveType::kBlindNil: o["type"] = "blind_nil"; break;
    case MoveType::kLook: o["type"] = "look"; break;
    case MoveType::kExchange:
      o["type"] = "exchange";
      o["cards"] = json::array{json::value(m.card.str()), json::value(m.card2.str())};
      break;
    case MoveType::kPlay:
      o["type"] = "play";
      o["card"] = m.card.str();
      break;
  }
  return o;
}

Result<Move> Spades::move_from_json(const json::object& obj) {
  auto type = read_string(obj, "type", "bad_payload");
  if (!type) return type.error();
  if (*type == "play") {
    auto card = read_card(obj, "card", "bad_payload");
    if (!card) return card.error();
    if (card->is_joker()) return make_error("bad_payload", "there are no jokers in spades");
    return Move::play(*card);
  }
  if (*type == "bid") {
    auto tricks = read_int(obj, "tricks", "bad_payload");
    if (!tricks) return tricks.error();
    if (*tricks < 0 || *tricks > kTricksPerHand)
      return make_error("bad_payload", "\"tricks\" must be from 0 (nil) to 13, not " +
                                           std::to_string(*tricks));
    return Move::bid(static_cast<int>(*tricks));
  }
  if (*type == "blind_nil") return Move::blind_nil();
  if (*type == "look") return Move::look();
  if (*type == "exchange") {
    auto cards = read_cards(obj, "cards", "bad_payload");
    if (!cards) return cards.error();
    if (cards->size() != kExchangeCards || (*cards)[0] == (*cards)[1])
      return make_error("bad_payload", "\"cards\" must be 2 different cards");
    for (Card c : *cards)
      if (c.is_joker()) return make_error("bad_payload", "there are no jokers in spades");
    return Move::exchange((*cards)[0], (*cards)[1]);
  }
  return make_error("bad_payload", "unknown move type \"" + *type +
                                       "\" (spades moves: bid, blind_nil, look, exchange, play)");
}

json::object Spades::seat_view(const State& s, Viewer viewer) {
  json::object v;
  v.reserve(4);  // with legal
  v["seat"] = viewer ? json::value(*viewer) : json::value(nullptr);
  const bool sees = viewer && *viewer >= 0 && *viewer < kSeats && sees_own_cards(s, *viewer);
  v["cards"] = sees ? json::value(cards_json(s.hands[static_cast<size_t>(*viewer)]))
                    : json::value(nullptr);
  v["exchange"] = exchange_json(s, viewer);
  return v;
}

json::object Spades::shared_view(const State& s) {
  json::object v;
  v.reserve(32);  // with the generic and the room's fields
  v["hand"] = s.hand;
  v["dealer"] = int{s.dealer};
  v["phase"] = detail::phase_name(s.phase);
  json::array counts;
  for (CardSet h : s.hands) counts.emplace_back(h.size());
  v["hand_counts"] = std::move(counts);
  v["bids"] = bids_json(s);
  v["blind_nil"] = seat_flags(s.blind_mask);
  v["contracts"] = contracts_json(s);
  json::object trick;
  trick["leader"] = seat_or_null(s.trick.leader);
  trick["cards"] = trick_cards_json(s.trick);
  v["trick"] = std::move(trick);
  if (s.last_winner >= 0) {
    json::object last;
    last["leader"] = int{s.last_trick.leader};
    last["cards"] = trick_cards_json(s.last_trick);
    last["winner"] = int{s.last_winner};
    v["last_trick"] = std::move(last);
  } else {
    v["last_trick"] = nullptr;
  }
  v["tricks_won"] = array_json(s.tricks_won);
  v["spades_broken"] = s.spades_broken;
  v["scores"] = array_json(s.scores);
  v["bags"] = array_json(s.bags);
  v["hand_results"] = hand_results_json(s);
  v["winners"] = team_list(s.winners);
  s.deals.add_seed_fields(v, s.hand, s.phase == Phase::kGameOver);
  return v;
}

// The text form of shared_view() (write_shared_view), member for member.
void Spades::write_shared_view(JsonText& w, const State& s) {
  w.key("hand").number(s.hand);
  w.key("dealer").number(s.dealer);
  w.key("phase").string(detail::phase_name(s.phase));
  w.key("hand_counts").begin_array();
  for (CardSet h : s.hands) w.number(h.size());
  w.end_array();
  w.key("bids");
  write_bids(w, s);
  w.key("blind_nil");
  write_seat_flags(w, s.blind_mask);
  w.key("contracts");
  write_contracts(w, s);
  w.key("trick").begin_object().key("leader").seat_or_null(s.trick.leader).key("cards");
  write_trick_cards(w, s.trick);
  w.end_object();
  w.key("last_trick");
  if (s.last_winner >= 0) {
    w.begin_object().key("leader").number(s.last_trick.leader).key("cards");
    write_trick_cards(w, s.last_trick);
    w.key("winner").number(s.last_winner).end_object();
  } else {
    w.null();
  }
  w.key("tricks_won").numbers(s.tricks_won);
  w.key("spades_broken").boolean(s.spades_broken);
  w.key("scores").numbers(s.scores);
  w.key("bags").numbers(s.bags);
  w.key("hand_results");
  write_hand_results(w, s);
  w.key("winners");
  write_team_list(w, s.winners);
  s.deals.write_seed_fields(w, s.hand, s.phase == Phase::kGameOver);
}

json::object Spades::result(const State& s) {
  json::object r;
  r["status"] = status(s);
  json::array hands;
  for (const auto& h : *s.history) hands.emplace_back(hand_record_json(h, s.opt.bag_penalty));
  r["hands"] = std::move(hands);
  r["totals"] = array_json(s.scores);
  r["winners"] = team_list(s.winners);
  r["bags"] = array_json(s.bags);
  return r;
}

}  // namespace parlor::rules::spades
