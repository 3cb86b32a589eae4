// Sheepshead: moves, finished-hand summaries and the full state as JSON.
#include <algorithm>
#include <bit>
#include <string>

#include "rules/json_util.h"
#include "rules/sheepshead/sheepshead.h"

namespace parlor::rules::sheepshead {

namespace {

constexpr std::string_view kMoveNames[] = {"pick",  "pass",    "bury",     "call", "alone",
                                           "crack", "recrack", "no_crack", "play"};
constexpr std::string_view kPhaseNames[] = {"awaiting_seed", "picking",    "burying",
                                            "calling",       "cracking",   "recracking",
                                            "playing",       "game_over"};
constexpr std::string_view kKindNames[] = {"picked", "leaster", "thrown_in"};

json::value seat_json(int seat) { return seat >= 0 ? json::value(seat) : json::value(nullptr); }

json::value card_or_null(Card c) { return c.is_none() ? json::value(nullptr) : json::value(card_code(c)); }

template <class T>
json::array per_seat(const std::array<T, kMaxPlayers>& values, int players) {
  json::array a;
  for (int i = 0; i < players; ++i) a.emplace_back(values[static_cast<size_t>(i)]);
  return a;
}

json::array seats_of(std::uint32_t mask) {
  json::array a;
  for (; mask; mask &= mask - 1) a.emplace_back(std::countr_zero(mask));
  return a;
}

// seats_of(mask) as text.
void write_seats_of(JsonText& w, std::uint32_t mask) {
  w.begin_array();
  for (; mask; mask &= mask - 1) w.number(std::countr_zero(mask));
  w.end_array();
}

json::array trick_codes(const std::array<Card, kMaxPlayers>& trick, int size) {
  json::array a;
  for (int i = 0; i < size; ++i) a.emplace_back(card_code(trick[static_cast<size_t>(i)]));
  return a;
}

// A card code as written in our own JSON: "UNDER" is kUnder, null is no card.
std::optional<Card> parse_code(const json::value& v) {
  if (v.is_null()) return Card();
  if (!v.is_string()) return std::nullopt;
  if (v.get_string() == "UNDER") return kUnder;
  return Card::parse(v.get_string());
}

// Reads our own state JSON; the first problem is kept and reported.
class StateReader {
 public:
  explicit StateReader(const json::object& o) : o_(o) {}

  std::int64_t num(std::string_view key) {
    const auto* v = o_.if_contains(key);
    if (v && v->is_int64()) return v->get_int64();
    if (v && v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
    fail(key, "an integer");
    return 0;
  }
  bool flag(std::string_view key) {
    const auto* v = o_.if_contains(key);
    if (v && v->is_bool()) return v->get_bool();
    fail(key, "true or false");
    return false;
  }
  Card card(std::string_view key) {
    const auto* v = o_.if_contains(key);
    std::optional<Card> c = v ? parse_code(*v) : std::nullopt;
    if (!c) fail(key, "a card code or null");
    return c.value_or(Card());
  }
  std::vector<Card> card_list(std::string_view key) {
    std::vector<Card> out;
    const auto* v = o_.if_contains(key);
    if (!v || !v->is_array()) {
      fail(key, "a list of cards");
      return out;
    }
    for (const auto& item : v->get_array()) {
      std::optional<Card> c = parse_code(item);
      if (!c || c->is_none()) {
        fail(key, "a list of cards");
        return out;
      }
      out.push_back(*c);
    }
    return out;
  }
  CardSet cards(std::string_view key) { return CardSet::of(card_list(key)); }
  template <class T>
  void per_seat(std::string_view key, std::array<T, kMaxPlayers>& out) {
    out = {};
    const auto* v = o_.if_contains(key);
    if (!v || !v->is_array() || v->get_array().size() > kMaxPlayers) return fail(key, "a list per seat");
    for (size_t i = 0; i < v->get_array().size(); ++i) {
      const auto& x = v->get_array()[i];
      if (!x.is_int64()) return fail(key, "a list of integers");
      out[i] = static_cast<T>(x.get_int64());
    }
  }
  template <class T>
  T small(std::string_view key) { return static_cast<T>(num(key)); }
  std::int8_t seat(std::string_view key) {
    const auto* v = o_.if_contains(key);
    if (v && v->is_null()) return -1;
    return small<std::int8_t>(key);
  }
  const json::value* raw(std::string_view key) { return o_.if_contains(key); }
  void fail(std::string_view key, std::string_view what) {
    if (!error_)
      error_ = make_error("bad_state", "state field \"" + std::string(key) + "\" must be " + std::string(what));
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json::object& o_;
  std::optional<Error> error_;
};

template <class E, size_t N>
std::optional<E> enum_named(const std::string_view (&names)[N], const json::value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  for (size_t i = 0; i < N; ++i)
    if (v->get_string() == names[i]) return static_cast<E>(i);
  return std::nullopt;
}

json::value call_json(const HandSummary& h) {
  if (h.alone) return json::object{{"alone", true}};
  if (h.called.is_none()) return nullptr;
  return json::object{{"rank", std::string(1, rank_char(h.called.rank()))},
                      {"suit", std::string(1, suit_char(h.called.suit()))},
                      {"unknown", h.unknown}};
}
// (Its text twin, shared with the view's current call, is write_call below.)

HandSummary summary_from_json(const json::object& o, StateReader& outer) {
  StateReader r(o);
  HandSummary h;
  if (auto kind = enum_named<HandKind>(kKindNames, o.if_contains("kind"))) h.kind = *kind;
  else r.fail("kind", "picked, leaster or thrown_in");
  h.dealer = r.small<std::int8_t>("dealer");
  r.per_seat("points", h.points);
  h.blind = r.cards("blind");
  if (h.kind != HandKind::kThrownIn) {
    r.per_seat("tricks", h.tricks);
    r.per_seat("card_points", h.card_points);
  }
  if (h.kind == HandKind::kLeaster) {
    h.blind_to = r.seat("blind_to");
    for (const auto& w : o.contains("winners") && o.at("winners").is_array() ? o.at("winners").get_array() : json::array{})
      if (w.is_int64()) h.winners = static_cast<std::uint8_t>(h.winners | (1u << w.get_int64()));
  }
  if (h.kind == HandKind::kPicked) {
    h.picker = r.seat("picker");
    h.partner = r.seat("partner");
    h.called = r.card("called");
    h.unknown = r.flag("unknown");
    h.alone = r.flag("alone");
    h.under = r.card("under");
    h.bury = r.cards("bury");
    h.cracked_by = r.seat("cracked_by");
    h.recracked_by = r.seat("recracked_by");
    h.doubled = r.flag("doubled");
    h.picker_points = r.small<std::int16_t>("picker_points");
    h.picker_tricks = r.small<std::int8_t>("picker_tricks");
    h.base = r.small<std::int8_t>("base");
    h.multiplier = r.small<std::int8_t>("multiplier");
    h.won = r.flag("won");
  }
  if (r.error()) outer.fail("history", r.error()->message);
  return h;
}

// Values that would make a state unusable (seats, counts, cards outside the deck).
std::optional<std::string> out_of_range(const State& s) {
  const int n = s.opt.players;
  auto seat_ok = [n](int seat) { return seat >= -1 && seat < n; };
  for (int seat : {int{s.turn}, int{s.picker}, int{s.partner}, int{s.cracked_by}, int{s.recracked_by},
                   int{s.first_trick_winner}, int{s.under_winner}, int{s.last_leader}, int{s.last_winner}})
    if (!seat_ok(seat)) return "a seat is out of range";
  if (s.dealer < 0 || s.dealer >= n || s.leader < 0 || s.leader >= n)
    return "the dealer or leader is out of range";
  if (s.trick_size >= n || s.tricks_played > hand_size(n)) return "trick counts are out of range";
  if (static_cast<int>(s.history.get().size()) > total_deals(s)) return "too many finished hands";
  if (hand_in_progress(s) && s.phase != Phase::kPlaying && s.turn < 0) return "nobody is to act";
  CardSet cards = s.blind | s.dealt_blind | s.bury | s.collected;
  for (const CardSet& hand : s.hands) cards = cards | (hand - kUnderSet);
  if (!(cards - kDeck).empty()) return "a card outside the sheepshead deck";
  return std::nullopt;
}

}  // namespace

std::string card_code(Card c) { return c == kUnder ? "UNDER" : c.str(); }

json::array codes_json(CardSet cards) {
  json::array a;
  for (Card c : cards) a.emplace_back(card_code(c));
  return a;
}

void write_code(JsonText& w, Card c) {
  if (c == kUnder) w.string("UNDER");
  else w.card(c);
}

void write_codes(JsonText& w, CardSet cards) {
  w.begin_array();
  for (Card c : cards) write_code(w, c);
  w.end_array();
}

void write_call(JsonText& w, bool alone, Card called, bool unknown) {
  if (alone) {
    w.begin_object().key("alone").boolean(true).end_object();
  } else if (called.is_none()) {
    w.null();
  } else {
    const char rank = rank_char(called.rank()), suit = suit_char(called.suit());
    w.begin_object().key("rank").string({&rank, 1}).key("suit").string({&suit, 1});
    w.key("unknown").boolean(unknown).end_object();
  }
}

std::string_view phase_name(Phase p) { return kPhaseNames[static_cast<size_t>(p)]; }

json::object hand_summary_json(const HandSummary& h, int players, bool with_cards) {
  json::object o;
  o["kind"] = kKindNames[static_cast<size_t>(h.kind)];
  o["dealer"] = h.dealer;
  o["points"] = per_seat(h.points, players);
  if (h.kind != HandKind::kThrownIn) {
    o["tricks"] = per_seat(h.tricks, players);
    o["card_points"] = per_seat(h.card_points, players);
  }
  if (h.kind == HandKind::kLeaster) {
    o["winners"] = seats_of(h.winners);
    o["blind_to"] = seat_json(h.blind_to);
  }
  if (h.kind == HandKind::kPicked) {
    o["picker"] = h.picker;
    o["partner"] = seat_json(h.partner);
    o["call"] = call_json(h);
    o["picker_points"] = h.picker_points;
    o["defender_points"] = 120 - h.picker_points;
    o["picker_tricks"] = h.picker_tricks;
    o["won"] = h.won;
    o["base"] = h.base;
    o["multiplier"] = h.multiplier;
    o["cracked_by"] = seat_json(h.cracked_by);
    o["recracked_by"] = seat_json(h.recracked_by);
    o["doubled"] = h.doubled;
  }
  if (with_cards) {
    o["blind"] = codes_json(h.blind);
    if (h.kind == HandKind::kPicked) {
      o["called"] = card_or_null(h.called);
      o["unknown"] = h.unknown;
      o["alone"] = h.alone;
      o["under"] = card_or_null(h.under);
      o["bury"] = codes_json(h.bury);
    }
  }
  return o;
}

void write_hand_summary_members(JsonText& w, const HandSummary& h, int players) {
  w.key("kind").string(kKindNames[static_cast<size_t>(h.kind)]);
  w.key("dealer").number(h.dealer);
  w.key("points");
  write_per_seat(w, h.points, players);
  if (h.kind != HandKind::kThrownIn) {
    w.key("tricks");
    write_per_seat(w, h.tricks, players);
    w.key("card_points");
    write_per_seat(w, h.card_points, players);
  }
  if (h.kind == HandKind::kLeaster) {
    w.key("winners");
    write_seats_of(w, h.winners);
    w.key("blind_to").seat_or_null(h.blind_to);
  }
  if (h.kind == HandKind::kPicked) {
    w.key("picker").number(h.picker);
    w.key("partner").seat_or_null(h.partner);
    w.key("call");
    write_call(w, h.alone, h.called, h.unknown);
    w.key("picker_points").number(h.picker_points);
    w.key("defender_points").number(120 - h.picker_points);
    w.key("picker_tricks").number(h.picker_tricks);
    w.key("won").boolean(h.won);
    w.key("base").number(h.base);
    w.key("multiplier").number(h.multiplier);
    w.key("cracked_by").seat_or_null(h.cracked_by);
    w.key("recracked_by").seat_or_null(h.recracked_by);
    w.key("doubled").boolean(h.doubled);
  }
}

// ---- Moves ------------------------------------------------------------------

json::value Sheepshead::move_to_json(const Move& m) {
  json::object o;
  o["type"] = kMoveNames[static_cast<size_t>(m.type)];
  switch (m.type) {
    case MoveType::kBury: o["cards"] = codes_json(m.cards); break;
    case MoveType::kCall:
      o["card"] = card_code(m.card);
      if (m.unknown) {
        o["unknown"] = true;
        o["under"] = card_code(m.under);
      }
      break;
    case MoveType::kPlay: o["card"] = card_code(m.card); break;
    default: break;
  }
  return o;
}

Result<Move> Sheepshead::move_from_json(const json::object& obj) {
  auto type_name = read_string(obj, "type", "bad_payload");
  if (!type_name) return type_name.error();
  auto type = enum_named<MoveType>(kMoveNames, obj.if_contains("type"));
  if (!type)
    return make_error("bad_payload", "unknown move type \"" + *type_name +
                                         "\" (sheepshead moves: pick, pass, bury, call, alone, "
                                         "crack, recrack, no_crack, play)");
  Move m{.type = *type};
  if (m.type == MoveType::kBury) {
    auto cards = read_cards(obj, "cards", "bad_payload");
    if (!cards) return cards.error();
    for (Card c : *cards) {
      if (m.cards.contains(c)) return make_error("bad_payload", "cards lists " + c.str() + " twice");
      m.cards.add(c);
    }
  } else if (m.type == MoveType::kCall) {
    auto card = read_card(obj, "card", "bad_payload");
    if (!card) return card.error();
    m.card = *card;
    if (const auto* u = obj.if_contains("unknown"); u && !u->is_null()) {
      if (!u->is_bool()) return make_error("bad_payload", "field \"unknown\" must be true or false");
      m.unknown = u->get_bool();
    }
    auto under = read_opt_card(obj, "under", "bad_payload");
    if (!under) return under.error();
    if (*under) m.under = **under;
  } else if (m.type == MoveType::kPlay) {
    const auto* v = obj.if_contains("card");
    if (v && v->is_string() && v->get_string() == "UNDER") {
      m.card = kUnder;
    } else {
      auto card = read_card(obj, "card", "bad_payload");
      if (!card) return card.error();
      m.card = *card;
    }
  }
  return m;
}

// ---- The full state -----------------------------------------------------------

json::value Sheepshead::state_to_json(const State& s) {
  const int n = s.opt.players;
  json::object o;
  o["options"] = s.options_json.get();
  o["deals"] = s.deals.to_json();
  json::array history;
  for (const auto& h : s.history.get()) history.emplace_back(hand_summary_json(h, n, true));
  o["history"] = std::move(history);
  o["totals"] = per_seat(s.totals, n);
  o["dealer"] = s.dealer;
  o["pending_doublers"] = s.pending_doublers;
  o["phase"] = phase_name(s.phase);
  o["turn"] = s.turn;
  o["passed"] = s.passed;
  json::array hands;
  for (int i = 0; i < n; ++i) hands.emplace_back(codes_json(s.hands[static_cast<size_t>(i)]));
  o["hands"] = std::move(hands);
  o["blind"] = codes_json(s.blind);
  o["dealt_blind"] = codes_json(s.dealt_blind);
  o["bury"] = codes_json(s.bury);
  o["collected"] = codes_json(s.collected);
  o["picker"] = s.picker;
  o["partner"] = s.partner;
  o["called"] = card_or_null(s.called);
  o["under"] = card_or_null(s.under);
  o["unknown"] = s.unknown;
  o["alone"] = s.alone;
  o["doubled"] = s.doubled;
  o["partner_revealed"] = s.partner_revealed;
  o["called_suit_done"] = s.called_suit_done;
  o["cracked_by"] = s.cracked_by;
  o["recracked_by"] = s.recracked_by;
  o["leader"] = s.leader;
  o["trick"] = trick_codes(s.trick, s.trick_size);
  o["tricks_played"] = s.tricks_played;
  o["first_trick_winner"] = s.first_trick_winner;
  o["under_winner"] = s.under_winner;
  o["tricks_won"] = per_seat(s.tricks_won, n);
  o["points_taken"] = per_seat(s.points_taken, n);
  o["last_leader"] = s.last_leader;
  o["last_winner"] = s.last_winner;
  o["last_trick"] = trick_codes(s.last_trick, s.last_winner >= 0 ? n : 0);
  return o;
}

Result<State> Sheepshead::state_from_json(const json::value& v) {
  const auto* obj = v.if_object();
  if (!obj) return make_error("bad_state", "a sheepshead state must be a JSON object");
  StateReader r(*obj);
  State s;
  const auto* options = r.raw("options");
  const auto* deals = r.raw("deals");
  if (!options || !options->is_object() || !deals || !deals->is_object())
    return make_error("bad_state", "a sheepshead state needs \"options\" and \"deals\" objects");
  auto opts = read_options(options->get_object(), std::nullopt);
  if (!opts) return opts.error();
  s.opt = opts->first;
  s.options_json = Shared<json::object>(std::move(opts->second));
  auto source = DealSource::from_json(deals->get_object());
  if (!source) return source.error();
  s.deals = std::move(*source);
  std::vector<HandSummary> history;
  if (const auto* h = r.raw("history"); h && h->is_array()) {
    for (const auto& item : h->get_array()) {
      if (!item.is_object()) return make_error("bad_state", "history entries must be objects");
      history.push_back(summary_from_json(item.get_object(), r));
    }
  } else {
    r.fail("history", "a list");
  }
  s.history = Shared<std::vector<HandSummary>>(std::move(history));
  r.per_seat("totals", s.totals);
  s.dealer = r.small<std::int8_t>("dealer");
  s.pending_doublers = r.small<std::int8_t>("pending_doublers");
  if (auto phase = enum_named<Phase>(kPhaseNames, r.raw("phase"))) s.phase = *phase;
  else r.fail("phase", "a phase name");
  s.turn = r.small<std::int8_t>("turn");
  s.passed = r.small<std::uint8_t>("passed");
  if (const auto* hands = r.raw("hands"); hands && hands->is_array() && hands->get_array().size() == static_cast<size_t>(s.opt.players)) {
    for (size_t i = 0; i < hands->get_array().size(); ++i) {
      json::object one{{"cards", hands->get_array()[i]}};
      StateReader hr(one);
      s.hands[i] = hr.cards("cards");
      if (hr.error()) r.fail("hands", "a list of card lists");
    }
  } else {
    r.fail("hands", "a list of card lists, one per seat");
  }
  s.blind = r.cards("blind");
  s.dealt_blind = r.cards("dealt_blind");
  s.bury = r.cards("bury");
  s.collected = r.cards("collected");
  s.picker = r.small<std::int8_t>("picker");
  s.partner = r.small<std::int8_t>("partner");
  s.called = r.card("called");
  s.under = r.card("under");
  s.unknown = r.flag("unknown");
  s.alone = r.flag("alone");
  s.doubled = r.flag("doubled");
  s.partner_revealed = r.flag("partner_revealed");
  s.called_suit_done = r.flag("called_suit_done");
  s.cracked_by = r.small<std::int8_t>("cracked_by");
  s.recracked_by = r.small<std::int8_t>("recracked_by");
  s.leader = r.small<std::int8_t>("leader");
  const std::vector<Card> trick = r.card_list("trick");
  for (size_t i = 0; i < trick.size() && i < kMaxPlayers; ++i) s.trick[i] = trick[i];
  s.trick_size = static_cast<std::int8_t>(std::min<size_t>(trick.size(), kMaxPlayers));
  s.tricks_played = r.small<std::int8_t>("tricks_played");
  s.first_trick_winner = r.small<std::int8_t>("first_trick_winner");
  s.under_winner = r.small<std::int8_t>("under_winner");
  r.per_seat("tricks_won", s.tricks_won);
  r.per_seat("points_taken", s.points_taken);
  s.last_leader = r.small<std::int8_t>("last_leader");
  s.last_winner = r.small<std::int8_t>("last_winner");
  const std::vector<Card> last = r.card_list("last_trick");
  for (size_t i = 0; i < last.size() && i < kMaxPlayers; ++i) s.last_trick[i] = last[i];
  if (r.error()) return *r.error();
  if (auto bad = out_of_range(s)) return make_error("bad_state", *bad);
  return s;
}

}  // namespace parlor::rules::sheepshead
