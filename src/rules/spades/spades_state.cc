// Spades: the full state as JSON (server side only) and back, exactly.
#include <boost/json/array.hpp>

#include "rules/json_util.h"
#include "rules/spades/spades.h"

namespace parlor::rules::spades {
namespace {

json::object team_score_json(const TeamHandScore& t) {
  json::object o;
  o["contract"] = t.contract;
  o["counted_tricks"] = t.counted_tricks;
  o["contract_points"] = t.contract_points;
  o["overtricks"] = t.overtricks;
  o["nil_trick_bags"] = t.nil_trick_bags;
  o["nil_points"] = t.nil_points;
  o["bags"] = t.bags;
  o["penalties"] = t.penalties;
  o["bag_count"] = t.bag_count;
  o["points"] = t.points;
  return o;
}

json::object hand_record_json(const HandRecord& h) {
  json::object o;
  o["dealer"] = h.dealer;
  o["bids"] = array_json(h.bids);
  o["blind_nil"] = array_json(h.blind_nil);
  o["tricks"] = array_json(h.tricks);
  json::array teams;
  for (const auto& t : h.teams) teams.emplace_back(team_score_json(t));
  o["teams"] = std::move(teams);
  return o;
}

json::object trick_json(const Trick& t) {
  json::object o;
  o["leader"] = seat_or_null(t.leader);
  json::array cards;
  for (int i = 0; i < t.count; ++i) cards.emplace_back(t.cards[static_cast<size_t>(i)].str());
  o["cards"] = std::move(cards);
  return o;
}

// Reads our own state JSON; keeps the first problem as a bad_state error and
// returns harmless defaults after it.
class Reader {
 public:
  std::optional<Error> error;

  void fail(const std::string& why) {
    if (!error) error = make_error("bad_state", "state: " + why);
  }
  const json::value* field(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v) fail("missing \"" + std::string(key) + "\"");
    return v;
  }
  const json::object& object(const json::object& o, std::string_view key) {
    const auto* v = field(o, key);
    if (v && v->is_object()) return v->get_object();
    if (v) fail("\"" + std::string(key) + "\" must be an object");
    return empty_object_;
  }
  const json::array& array(const json::object& o, std::string_view key) {
    const auto* v = field(o, key);
    if (v && v->is_array()) return v->get_array();
    if (v) fail("\"" + std::string(key) + "\" must be a list");
    return empty_array_;
  }
  int integer(const json::value& v, std::string_view what, int lo, int hi) {
    if (v.is_int64() && v.get_int64() >= lo && v.get_int64() <= hi)
      return static_cast<int>(v.get_int64());
    fail("\"" + std::string(what) + "\" must be a whole number from " + std::to_string(lo) +
         " to " + std::to_string(hi));
    return lo;
  }
  int integer(const json::object& o, std::string_view key, int lo, int hi) {
    const auto* v = field(o, key);
    return v ? integer(*v, key, lo, hi) : lo;
  }
  // A seat, or null for none (-1).
  int seat_or_none(const json::object& o, std::string_view key) {
    const auto* v = field(o, key);
    if (!v || v->is_null()) return -1;
    return integer(*v, key, 0, kSeats - 1);
  }
  bool boolean(const json::value& v, std::string_view what) {
    if (v.is_bool()) return v.get_bool();
    fail("\"" + std::string(what) + "\" must be true or false");
    return false;
  }
  bool boolean(const json::object& o, std::string_view key) {
    const auto* v = field(o, key);
    return v ? boolean(*v, key) : false;
  }
  std::vector<Card> card_list(const json::value& v, std::string_view what) {
    auto cards = cards_from_json(v, what, "bad_state");
    if (!cards) {
      fail(cards.error().message);
      return {};
    }
    for (Card c : *cards)
      if (c.is_joker()) fail(std::string(what) + " holds a joker");
    return *cards;
  }
  CardSet card_set(const json::value& v, std::string_view what) {
    CardSet set;
    for (Card c : card_list(v, what)) {
      if (set.contains(c)) fail(std::string(what) + " lists " + c.str() + " twice");
      set.add(c);
    }
    return set;
  }
  CardSet card_set(const json::object& o, std::string_view key) {
    const auto* v = field(o, key);
    return v ? card_set(*v, key) : CardSet{};
  }
  template <size_t N>
  const json::array& fixed(const json::object& o, std::string_view key) {
    const auto& a = array(o, key);
    if (!error && a.size() != N) fail("\"" + std::string(key) + "\" must have " + std::to_string(N) + " entries");
    return error ? empty_array_ : a;
  }
  template <size_t N>
  std::array<int, N> int_array(const json::object& o, std::string_view key, int lo, int hi) {
    std::array<int, N> out{};
    const auto& a = fixed<N>(o, key);
    for (size_t i = 0; i < a.size(); ++i) out[i] = integer(a[i], key, lo, hi);
    return out;
  }
  template <size_t N>
  std::array<bool, N> bool_array(const json::object& o, std::string_view key) {
    std::array<bool, N> out{};
    const auto& a = fixed<N>(o, key);
    for (size_t i = 0; i < a.size(); ++i) out[i] = boolean(a[i], key);
    return out;
  }

 private:
  json::object empty_object_;
  json::array empty_array_;
};

constexpr int kScoreLimit = 1'000'000'000;

TeamHandScore read_team_score(Reader& r, const json::object& o) {
  TeamHandScore t;
  t.contract = r.integer(o, "contract", 0, 26);
  t.counted_tricks = r.integer(o, "counted_tricks", 0, kTricksPerHand);
  t.contract_points = r.integer(o, "contract_points", -260, 260);
  t.overtricks = r.integer(o, "overtricks", 0, kTricksPerHand);
  t.nil_trick_bags = r.integer(o, "nil_trick_bags", 0, kTricksPerHand);
  t.nil_points = r.integer(o, "nil_points", -800, 800);
  t.bags = r.integer(o, "bags", 0, kTricksPerHand);
  t.penalties = r.integer(o, "penalties", 0, kTricksPerHand);
  t.bag_count = r.integer(o, "bag_count", 0, 20);
  t.points = r.integer(o, "points", -kScoreLimit, kScoreLimit);
  return t;
}

HandRecord read_hand_record(Reader& r, const json::value& v) {
  HandRecord h;
  if (!v.is_object()) {
    r.fail("each history entry must be an object");
    return h;
  }
  const auto& o = v.get_object();
  h.dealer = r.integer(o, "dealer", 0, kSeats - 1);
  h.bids = r.int_array<kSeats>(o, "bids", 0, kTricksPerHand);
  h.blind_nil = r.bool_array<kSeats>(o, "blind_nil");
  h.tricks = r.int_array<kSeats>(o, "tricks", 0, kTricksPerHand);
  const auto& teams = r.fixed<kTeams>(o, "teams");
  for (size_t i = 0; i < teams.size(); ++i) {
    if (!teams[i].is_object()) {
      r.fail("each team score must be an object");
      break;
    }
    h.teams[i] = read_team_score(r, teams[i].get_object());
  }
  return h;
}

Trick read_trick(Reader& r, const json::object& o, std::string_view what) {
  Trick t;
  t.leader = static_cast<std::int8_t>(r.seat_or_none(o, "leader"));
  const auto* v = r.field(o, "cards");
  std::vector<Card> cards = v ? r.card_list(*v, what) : std::vector<Card>{};
  if (cards.size() > kSeats || (!cards.empty() && t.leader < 0)) {
    r.fail(std::string(what) + " is not a trick");
    return Trick{};
  }
  for (Card c : cards) t.cards[t.count++] = c;
  return t;
}

}  // namespace

json::value Spades::state_to_json(const State& s) {
  json::object o;
  o["deals"] = s.deals.to_json();
  o["options"] = *s.options_json;
  json::array history;
  for (const auto& h : *s.history) history.emplace_back(hand_record_json(h));
  o["history"] = std::move(history);
  o["scores"] = array_json(s.scores);
  o["bags"] = array_json(s.bags);
  o["winners"] = int{s.winners};
  o["hand"] = s.hand;
  o["dealer"] = int{s.dealer};
  o["phase"] = detail::phase_name(s.phase);
  o["to_move"] = seat_or_null(s.to_move);
  json::array hands;
  for (CardSet h : s.hands) hands.emplace_back(cards_json(h));
  o["hands"] = std::move(hands);
  o["bids"] = array_json(s.bids);
  o["blind_mask"] = int{s.blind_mask};
  o["looked_mask"] = int{s.looked_mask};
  o["exchange_from"] = seat_or_null(s.exchange_from);
  o["given"] = cards_json(s.given);
  o["returned"] = cards_json(s.returned);
  o["trick"] = trick_json(s.trick);
  o["last_trick"] = trick_json(s.last_trick);
  o["last_winner"] = seat_or_null(s.last_winner);
  o["tricks_won"] = array_json(s.tricks_won);
  o["tricks_played"] = int{s.tricks_played};
  o["spades_broken"] = s.spades_broken;
  o["played"] = cards_json(s.played);
  return o;
}

Result<State> Spades::state_from_json(const json::value& v) {
  if (!v.is_object()) return make_error("bad_state", "a spades state must be a JSON object");
  const auto& o = v.get_object();
  Reader r;
  State s;
  auto deals = DealSource::from_json(r.object(o, "deals"));
  if (r.error) return *r.error;
  if (!deals) return make_error("bad_state", "state: deals: " + deals.error().message);
  s.deals = std::move(*deals);
  json::object normalized;
  auto opt = read_options(r.object(o, "options"), normalized);
  if (r.error) return *r.error;
  if (!opt) return make_error("bad_state", "state: " + opt.error().message);
  s.opt = *opt;
  s.options_json = Shared<json::object>(std::move(normalized));

  std::vector<HandRecord> history;
  for (const auto& h : r.array(o, "history")) history.push_back(read_hand_record(r, h));
  s.history = Shared<std::vector<HandRecord>>(std::move(history));
  const auto scores = r.int_array<kTeams>(o, "scores", -kScoreLimit, kScoreLimit);
  const auto bags = r.int_array<kTeams>(o, "bags", 0, 20);
  for (size_t i = 0; i < kTeams; ++i) {
    s.scores[i] = scores[i];
    s.bags[i] = bags[i];
  }
  s.winners = static_cast<std::uint8_t>(r.integer(o, "winners", 0, 3));
  s.hand = r.integer(o, "hand", 0, 1'000'000);
  s.dealer = static_cast<std::int8_t>(r.integer(o, "dealer", 0, kSeats - 1));
  const auto* phase = r.field(o, "phase");
  if (phase) {
    auto p = phase->is_string() ? detail::phase_from_name(phase->get_string()) : std::nullopt;
    if (p) s.phase = *p;
    else r.fail("unknown \"phase\"");
  }
  s.to_move = static_cast<std::int8_t>(r.seat_or_none(o, "to_move"));
  const auto& hands = r.fixed<kSeats>(o, "hands");
  for (size_t i = 0; i < hands.size(); ++i) s.hands[i] = r.card_set(hands[i], "hands");
  const auto bids = r.int_array<kSeats>(o, "bids", -1, kTricksPerHand);
  for (size_t i = 0; i < kSeats; ++i) s.bids[i] = static_cast<std::int8_t>(bids[i]);
  s.blind_mask = static_cast<std::uint8_t>(r.integer(o, "blind_mask", 0, 15));
  s.looked_mask = static_cast<std::uint8_t>(r.integer(o, "looked_mask", 0, 15));
  s.exchange_from = static_cast<std::int8_t>(r.seat_or_none(o, "exchange_from"));
  s.given = r.card_set(o, "given");
  s.returned = r.card_set(o, "returned");
  s.trick = read_trick(r, r.object(o, "trick"), "trick");
  s.last_trick = read_trick(r, r.object(o, "last_trick"), "last_trick");
  s.last_winner = static_cast<std::int8_t>(r.seat_or_none(o, "last_winner"));
  const auto won = r.int_array<kSeats>(o, "tricks_won", 0, kTricksPerHand);
  for (size_t i = 0; i < kSeats; ++i) s.tricks_won[i] = static_cast<std::int8_t>(won[i]);
  s.tricks_played = static_cast<std::uint8_t>(r.integer(o, "tricks_played", 0, kTricksPerHand));
  s.spades_broken = r.boolean(o, "spades_broken");
  s.played = r.card_set(o, "played");
  if (r.error) return *r.error;
  const bool acting = s.phase == Phase::kBidding || s.phase == Phase::kExchange ||
                      s.phase == Phase::kPlay;
  if (acting != (s.to_move >= 0))
    return make_error("bad_state", "state: \"to_move\" does not fit the phase");
  if (auto broken = detail::structural_problem(s))
    return make_error("bad_state", "state: " + *broken);
  return s;
}

}  // namespace parlor::rules::spades
