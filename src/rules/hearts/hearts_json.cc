// Hearts: options, moves and the full state as JSON.
#include <boost/json/serialize.hpp>

#include "rules/hearts/hearts.h"
#include "rules/hearts/hearts_internal.h"
#include "rules/json_util.h"
#include "rules/options.h"

namespace parlor::rules::hearts {
namespace {

constexpr std::array<std::string_view, 5> kPassCycleNames = {
    "left-right-across-hold", "left-right-across", "left-right", "left", "none"};
constexpr std::array<std::string_view, 4> kMoonNames = {
    "add_to_others", "subtract_from_shooter", "shooter_best", "off"};
constexpr std::array<std::string_view, 2> kTieNames = {"share", "play_on"};
constexpr std::array<std::string_view, 4> kPhaseNames = {"dealing", "passing", "playing",
                                                         "game_over"};

template <class E, size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, E e) {
  return names[static_cast<size_t>(e)];
}

// Index of `name` in `names`; the caller has validated it (OptionReader::choice).
template <class E, size_t N>
E enum_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<E>(i);
  PARLOR_CHECK(false, "unknown name " << name);
  return E{};
}

// Reads the fields of our own state JSON; remembers the first problem.
class StateReader {
 public:
  explicit StateReader(const json::object& o) : o_(o) {}

  const json::value* field(std::string_view key) {
    const auto* v = o_.if_contains(key);
    if (!v) fail("missing field \"" + std::string(key) + "\"");
    return v;
  }
  int integer(std::string_view key, int lo, int hi) {
    const auto* v = field(key);
    if (!v) return lo;
    if (!(v->is_int64() || v->is_uint64())) return fail(std::string(key) + " must be an integer"), lo;
    auto n = v->to_number<std::int64_t>();
    if (n < lo || n > hi) return fail(std::string(key) + " out of range"), lo;
    return static_cast<int>(n);
  }
  bool flag(std::string_view key) {
    const auto* v = field(key);
    if (!v || !v->is_bool()) return fail(std::string(key) + " must be true or false"), false;
    return v->get_bool();
  }
  std::vector<Card> cards(const json::value& v, std::string_view what) {
    auto r = cards_from_json(v, what, "bad_state");
    if (!r) return error_ = r.error(), std::vector<Card>{};
    for (Card c : *r)
      if (c.is_joker()) return fail(std::string(what) + " holds a joker"), std::vector<Card>{};
    return *r;
  }
  CardSet card_set(const json::value& v, std::string_view what) {
    CardSet out;
    for (Card c : cards(v, what)) {
      if (out.contains(c)) fail(std::string(what) + " lists " + c.str() + " twice");
      out.add(c);
    }
    return out;
  }
  std::array<CardSet, kPlayers> card_sets(std::string_view key) {
    std::array<CardSet, kPlayers> out{};
    const auto* v = field(key);
    if (!v) return out;
    const auto* arr = v->if_array();
    if (!arr || arr->size() != kPlayers) return fail(std::string(key) + " must list 4 card lists"), out;
    for (size_t i = 0; i < kPlayers; ++i) out[i] = card_set((*arr)[i], key);
    return out;
  }
  std::array<int, kPlayers> four_ints(const json::value& v, std::string_view what) {
    std::array<int, kPlayers> out{};
    auto r = ints_from_json(v, what, "bad_state");
    if (!r) return error_ = r.error(), out;
    if (r->size() != kPlayers) return fail(std::string(what) + " must list 4 numbers"), out;
    std::copy(r->begin(), r->end(), out.begin());
    return out;
  }
  void fail(std::string why) {
    if (!error_) error_ = make_error("bad_state", "hearts state: " + why);
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json::object& o_;
  std::optional<Error> error_;
};

json::array four_card_lists(const std::array<CardSet, kPlayers>& sets) {
  json::array a;
  for (CardSet cs : sets) a.emplace_back(cards_json(cs));
  return a;
}

json::array four_ints_json(const auto& values) {
  json::array a;
  for (auto v : values) a.emplace_back(static_cast<int>(v));
  return a;
}

json::object result_json(const HandResult& r) {
  json::object o;
  o["points"] = four_ints_json(r.points);
  o["shooter"] = r.shooter;
  o["moon_subtracted"] = r.moon_subtracted;
  o["jack_taker"] = r.jack_taker;
  return o;
}

HandResult result_from_json(const json::value& v, StateReader& outer) {
  HandResult r;
  const auto* o = v.if_object();
  if (!o) return outer.fail("results must be objects"), r;
  StateReader in(*o);
  if (const auto* p = in.field("points")) {
    auto pts = in.four_ints(*p, "points");
    for (size_t i = 0; i < kPlayers; ++i) r.points[i] = static_cast<std::int16_t>(pts[i]);
  }
  r.shooter = static_cast<std::int8_t>(in.integer("shooter", -1, 3));
  r.moon_subtracted = in.flag("moon_subtracted");
  r.jack_taker = static_cast<std::int8_t>(in.integer("jack_taker", -1, 3));
  if (in.error()) outer.fail("results: " + in.error()->message);
  return r;
}

}  // namespace

std::string_view phase_name(Phase p) { return name_of(kPhaseNames, p); }

std::optional<Phase> phase_from_name(std::string_view name) {
  for (size_t i = 0; i < kPhaseNames.size(); ++i)
    if (kPhaseNames[i] == name) return static_cast<Phase>(i);
  return std::nullopt;
}

json::object options_json(const Options& o) {
  json::object j;
  j["pass_cycle"] = name_of(kPassCycleNames, o.pass_cycle);
  j["pass_count"] = kPassCount;
  j["first_trick_points"] = o.first_trick_points;
  j["qs_breaks_hearts"] = o.qs_breaks_hearts;
  j["moon"] = name_of(kMoonNames, o.moon);
  j["jack_of_diamonds"] = o.jack_of_diamonds;
  j["end_score"] = o.end_score;
  j["tie_rule"] = name_of(kTieNames, o.tie_rule);
  return j;
}

void write_options(JsonText& w, const Options& o) {
  w.begin_object();
  w.key("pass_cycle").string(name_of(kPassCycleNames, o.pass_cycle));
  w.key("pass_count").number(kPassCount);
  w.key("first_trick_points").boolean(o.first_trick_points);
  w.key("qs_breaks_hearts").boolean(o.qs_breaks_hearts);
  w.key("moon").string(name_of(kMoonNames, o.moon));
  w.key("jack_of_diamonds").boolean(o.jack_of_diamonds);
  w.key("end_score").number(o.end_score);
  w.key("tie_rule").string(name_of(kTieNames, o.tie_rule));
  w.end_object();
}

Result<Options> read_options(const json::object& given) {
  OptionReader r(given);
  Options o;
  auto cycle = r.choice("pass_cycle",
                        {kPassCycleNames[0], kPassCycleNames[1], kPassCycleNames[2],
                         kPassCycleNames[3], kPassCycleNames[4]},
                        kPassCycleNames[0]);
  r.integer_of("pass_count", {kPassCount}, kPassCount);
  o.first_trick_points = r.boolean("first_trick_points", false);
  o.qs_breaks_hearts = r.boolean("qs_breaks_hearts", false);
  auto moon = r.choice("moon", {kMoonNames[0], kMoonNames[1], kMoonNames[2], kMoonNames[3]},
                       kMoonNames[0]);
  o.jack_of_diamonds = r.boolean("jack_of_diamonds", false);
  o.end_score = static_cast<std::int16_t>(r.integer("end_score", 25, 500, 100));
  auto tie = r.choice("tie_rule", {kTieNames[0], kTieNames[1]}, kTieNames[0]);
  if (Status st = r.finish(); !st) return st.error();
  o.pass_cycle = enum_of<PassCycle>(kPassCycleNames, cycle);
  o.moon = enum_of<MoonRule>(kMoonNames, moon);
  o.tie_rule = enum_of<TieRule>(kTieNames, tie);
  PARLOR_CHECK(options_json(o) == r.normalized(), "options_json disagrees with OptionReader: "
                                                      << json::serialize(options_json(o)));
  return o;
}

json::value Hearts::move_to_json(const Move& m) {
  // Built whole (one allocation for the members): a pass-phase view lists 286.
  if (m.kind == MoveKind::kPlay) return json::object{{"type", "play"}, {"card", m.card.str()}};
  return json::object{{"type", "pass"}, {"cards", cards_json(m.cards)}};
}

void Hearts::append_move_text(std::string& out, const Move& m) {
  // Card codes ("QS") need no escaping.
  if (m.kind == MoveKind::kPlay) {
    out += R"({"type":"play","card":")";
    out += m.card.str();
    out += "\"}";
    return;
  }
  out += R"({"type":"pass","cards":[)";
  bool first = true;
  for (Card c : m.cards) {
    if (!first) out += ',';
    first = false;
    out += '"';
    out += c.str();
    out += '"';
  }
  out += "]}";
}

Result<Move> Hearts::move_from_json(const json::object& obj) {
  const auto* type = obj.if_contains("type");
  if (!type || !type->is_string())
    return make_error("bad_payload", "a move needs a \"type\": \"pass\" or \"play\"");
  if (type->get_string() == "play") {
    auto card = read_card(obj, "card", "bad_payload");
    if (!card) return card.error();
    if (card->is_joker()) return make_error("bad_payload", "card: there are no jokers in hearts");
    return Move::play(*card);
  }
  if (type->get_string() == "pass") {
    auto cards = read_cards(obj, "cards", "bad_payload");
    if (!cards) return cards.error();
    CardSet set;
    for (Card c : *cards) {
      if (c.is_joker()) return make_error("bad_payload", "cards: there are no jokers in hearts");
      if (set.contains(c)) return make_error("bad_payload", "cards: " + c.str() + " is listed twice");
      set.add(c);
    }
    return Move::pass(set);
  }
  return make_error("bad_payload", "unknown move type \"" + std::string(type->get_string()) +
                                       "\": hearts moves are \"pass\" and \"play\"");
}

json::value Hearts::state_to_json(const State& s) {
  json::object o;
  o["deals"] = s.deals.to_json();
  o["options"] = options_json(s.options);
  o["phase"] = phase_name(s.phase);
  o["first_dealer"] = s.first_dealer;
  o["hand_index"] = s.hand_index;
  o["hands"] = four_card_lists(s.hands);
  o["passes"] = four_card_lists(s.passes);
  o["passed_mask"] = s.passed_mask;
  o["taken"] = four_card_lists(s.taken);
  o["plays"] = cards_json(std::vector<Card>(s.plays.begin(), s.plays.begin() + s.num_plays));
  o["opening_leader"] = s.opening_leader;
  o["leader"] = s.leader;
  o["hearts_broken"] = s.hearts_broken;
  o["playing_on"] = s.playing_on;
  o["totals"] = four_ints_json(s.totals);
  json::array results;
  for (const auto& r : s.results) results.emplace_back(result_json(r));
  o["results"] = std::move(results);
  return o;
}

Result<State> Hearts::state_from_json(const json::value& v) {
  const auto* obj = v.if_object();
  if (!obj) return make_error("bad_state", "hearts state must be a JSON object");
  StateReader in(*obj);
  State s;
  if (const auto* d = in.field("deals")) {
    if (!d->is_object()) return make_error("bad_state", "hearts state: deals must be an object");
    auto deals = DealSource::from_json(d->get_object());
    if (!deals) return deals.error();
    s.deals = *deals;
  }
  if (const auto* o = in.field("options")) {
    if (!o->is_object()) return make_error("bad_state", "hearts state: options must be an object");
    auto options = read_options(o->get_object());
    if (!options) return options.error();
    s.options = *options;
  }
  if (const auto* p = in.field("phase")) {
    auto phase = p->is_string() ? phase_from_name(p->get_string()) : std::nullopt;
    if (!phase) in.fail("unknown phase");
    else s.phase = *phase;
  }
  s.first_dealer = static_cast<std::int8_t>(in.integer("first_dealer", 0, 3));
  s.hand_index = static_cast<std::int16_t>(in.integer("hand_index", 0, 30000));
  s.hands = in.card_sets("hands");
  s.passes = in.card_sets("passes");
  s.passed_mask = static_cast<std::uint8_t>(in.integer("passed_mask", 0, 15));
  s.taken = in.card_sets("taken");
  if (const auto* p = in.field("plays")) {
    auto plays = in.cards(*p, "plays");
    if (plays.size() > kDeckSize) in.fail("too many plays");
    else std::copy(plays.begin(), plays.end(), s.plays.begin());
    s.num_plays = static_cast<std::uint8_t>(std::min<size_t>(plays.size(), kDeckSize));
  }
  s.opening_leader = static_cast<std::int8_t>(in.integer("opening_leader", -1, 3));
  s.leader = static_cast<std::int8_t>(in.integer("leader", -1, 3));
  s.hearts_broken = in.flag("hearts_broken");
  s.playing_on = in.flag("playing_on");
  if (const auto* t = in.field("totals")) s.totals = in.four_ints(*t, "totals");
  if (const auto* r = in.field("results")) {
    if (!r->is_array()) in.fail("results must be a list");
    else
      for (const auto& item : r->get_array()) s.results.push_back(result_from_json(item, in));
  }
  if (in.error()) return *in.error();
  if (auto broken = broken_invariant(s)) return make_error("bad_state", "hearts state: " + *broken);
  return s;
}

}  // namespace parlor::rules::hearts
