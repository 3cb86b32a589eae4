// Golf: the full state as JSON (server side only: it holds every hidden card
// and the deal plan). state_from_json(state_to_json(s)) == s exactly.
#include <string>

#include "rules/golf/golf.h"
#include "rules/json_util.h"

namespace parlor::rules::golf {
namespace {

constexpr std::string_view kBadState = "bad_state";

constexpr std::string_view kPhaseNames[] = {"awaiting_seed", "reveal", "turn", "drawn", "game_over"};

json::value card_or_null(Card c) { return c.is_none() ? json::value(nullptr) : json::value(c.str()); }

json::array pile_json(const Pile& p) {
  json::array a;
  for (int i = 0; i < p.size; ++i) a.emplace_back(p.cards[static_cast<size_t>(i)].str());
  return a;
}

// Reads the fields of one JSON object, remembering the first problem.
class FieldReader {
 public:
  explicit FieldReader(const json::object& obj) : obj_(obj) {}

  int integer(std::string_view key, int lo, int hi) {
    auto v = read_int(obj_, key, kBadState);
    if (!v) return fail(v.error()), lo;
    if (*v < lo || *v > hi) return fail(make_error(std::string(kBadState), "field \"" + std::string(key) + "\" out of range")), lo;
    return static_cast<int>(*v);
  }
  bool flag(std::string_view key) {
    const auto* v = obj_.if_contains(key);
    if (!v || !v->is_bool()) return fail(bad(key)), false;
    return v->get_bool();
  }
  const json::value& value(std::string_view key) {
    static const json::value null_value;
    const auto* v = obj_.if_contains(key);
    if (!v) return fail(bad(key)), null_value;
    return *v;
  }
  const json::array& array(std::string_view key) {
    static const json::array empty;
    const auto* v = obj_.if_contains(key);
    if (!v || !v->is_array()) return fail(bad(key)), empty;
    return v->get_array();
  }
  const json::object& object(std::string_view key) {
    static const json::object empty;
    const auto* v = obj_.if_contains(key);
    if (!v || !v->is_object()) return fail(bad(key)), empty;
    return v->get_object();
  }
  Card card_or_none(const json::value& v, std::string_view what) {
    if (v.is_null()) return Card();
    auto c = card_from_json(v, what, kBadState);
    if (!c) return fail(c.error()), Card();
    return *c;
  }
  void pile(std::string_view key, Pile& out) {
    auto cards = cards_from_json(value(key), key, kBadState);
    if (!cards) return fail(cards.error());
    if (cards->size() > static_cast<size_t>(kMaxCards)) return fail(bad(key));
    for (Card c : *cards) out.push(c);
  }
  void fail(const Error& e) {
    if (!error_) error_ = e;
  }
  static Error bad(std::string_view key) {
    return make_error(std::string(kBadState), "state field \"" + std::string(key) + "\" is missing or malformed");
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json::object& obj_;
  std::optional<Error> error_;
};

void read_grid(FieldReader& top, const json::value& v, int layout, Grid& g) {
  if (!v.is_object()) return top.fail(FieldReader::bad("grids"));
  FieldReader r(v.get_object());
  const auto& cards = r.array("cards");
  if (cards.size() != static_cast<size_t>(layout)) r.fail(FieldReader::bad("grids"));
  for (size_t i = 0; i < cards.size() && i < static_cast<size_t>(layout); ++i)
    g.cards[i] = r.card_or_none(cards[i], "grids");
  const int mask = (1 << layout) - 1;
  g.up = static_cast<std::uint16_t>(r.integer("up", 0, mask));
  g.known_all = static_cast<std::uint16_t>(r.integer("known_all", 0, mask));
  g.known_own = static_cast<std::uint16_t>(r.integer("known_own", 0, mask));
  if (r.error()) top.fail(*r.error());
}

void read_summary(FieldReader& top, const json::value& v, int players, HoleSummary& h) {
  if (!v.is_object()) return top.fail(FieldReader::bad("history"));
  FieldReader r(v.get_object());
  auto points = ints_from_json(r.value("points"), "points", kBadState);
  if (!points || points->size() != static_cast<size_t>(players)) r.fail(FieldReader::bad("points"));
  else
    for (size_t p = 0; p < points->size(); ++p) h.points[p] = static_cast<std::int16_t>((*points)[p]);
  h.dealer = static_cast<std::int8_t>(r.integer("dealer", 0, players - 1));
  h.out = static_cast<std::int8_t>(r.integer("out", -1, players - 1));
  h.doubled = r.flag("doubled");
  if (r.error()) top.fail(*r.error());
}

}  // namespace

json::value Golf::state_to_json(const State& s) {
  json::object o;
  o["options"] = *s.options_json;
  o["players"] = s.players;
  o["first_dealer"] = s.first_dealer;
  o["dealer"] = s.dealer;
  o["hole"] = s.hole;
  o["phase"] = kPhaseNames[static_cast<size_t>(s.phase)];
  o["turn"] = s.turn;
  o["out"] = s.out;
  o["rebuilt"] = s.rebuilt;
  o["revealed"] = s.revealed;
  o["drawn"] = card_or_null(s.drawn);
  json::array grids;
  for (int p = 0; p < s.players; ++p) {
    const Grid& g = s.grids[static_cast<size_t>(p)];
    json::array cards;
    for (int i = 0; i < s.opt.layout; ++i) cards.push_back(card_or_null(g.cards[static_cast<size_t>(i)]));
    grids.emplace_back(json::object{
        {"cards", std::move(cards)}, {"up", g.up}, {"known_all", g.known_all}, {"known_own", g.known_own}});
  }
  o["grids"] = std::move(grids);
  o["stock"] = pile_json(s.stock);      // bottom first, top last
  o["discard"] = pile_json(s.discard);  // bottom first, top last
  json::array history;
  for (int h = 0; h < s.hole; ++h) {
    const HoleSummary& sum = s.history[static_cast<size_t>(h)];
    json::array points;
    for (int p = 0; p < s.players; ++p) points.emplace_back(sum.points[static_cast<size_t>(p)]);
    history.emplace_back(json::object{
        {"points", std::move(points)}, {"dealer", sum.dealer}, {"out", sum.out}, {"doubled", sum.doubled}});
  }
  o["history"] = std::move(history);
  json::array totals;
  for (int p = 0; p < s.players; ++p) totals.emplace_back(s.totals[static_cast<size_t>(p)]);
  o["totals"] = std::move(totals);
  o["deals"] = s.deals.to_json();
  return o;
}

Result<State> Golf::state_from_json(const json::value& v) {
  if (!v.is_object()) return make_error(std::string(kBadState), "a golf state must be a JSON object");
  FieldReader r(v.get_object());
  State s;
  json::object normalized;
  auto opt = detail::read_options(r.object("options"), normalized);
  if (!opt) return opt.error();
  s.opt = *opt;
  s.options_json = Shared<json::object>(std::move(normalized));
  const int players = r.integer("players", kMinPlayers, kMaxPlayers);
  s.players = static_cast<std::int8_t>(players);
  s.decks = static_cast<std::int8_t>(decks_for(s.opt.layout, players));
  s.first_dealer = static_cast<std::int8_t>(r.integer("first_dealer", 0, players - 1));
  s.dealer = static_cast<std::int8_t>(r.integer("dealer", 0, players - 1));
  s.hole = static_cast<std::int8_t>(r.integer("hole", 0, s.opt.holes));
  const json::value& phase = r.value("phase");
  bool phase_ok = false;
  for (size_t i = 0; i < std::size(kPhaseNames); ++i)
    if (phase.is_string() && phase.get_string() == kPhaseNames[i]) {
      s.phase = static_cast<Phase>(i);
      phase_ok = true;
    }
  if (!phase_ok) r.fail(FieldReader::bad("phase"));
  s.turn = static_cast<std::int8_t>(r.integer("turn", -1, players - 1));
  s.out = static_cast<std::int8_t>(r.integer("out", -1, players - 1));
  s.rebuilt = r.flag("rebuilt");
  s.revealed = static_cast<std::uint8_t>(r.integer("revealed", 0, (1 << players) - 1));
  s.drawn = r.card_or_none(r.value("drawn"), "drawn");
  const auto& grids = r.array("grids");
  if (grids.size() != static_cast<size_t>(players)) r.fail(FieldReader::bad("grids"));
  for (size_t p = 0; p < grids.size() && p < static_cast<size_t>(players); ++p)
    read_grid(r, grids[p], s.opt.layout, s.grids[p]);
  r.pile("stock", s.stock);
  r.pile("discard", s.discard);
  const auto& history = r.array("history");
  if (history.size() != static_cast<size_t>(s.hole)) r.fail(FieldReader::bad("history"));
  for (size_t h = 0; h < history.size() && h < static_cast<size_t>(kMaxHoles); ++h)
    read_summary(r, history[h], players, s.history[h]);
  auto totals = ints_from_json(r.value("totals"), "totals", kBadState);
  if (!totals || totals->size() != static_cast<size_t>(players)) r.fail(FieldReader::bad("totals"));
  else
    for (size_t p = 0; p < totals->size(); ++p) s.totals[p] = (*totals)[p];
  auto deals = DealSource::from_json(r.object("deals"));
  if (!deals) r.fail(deals.error());
  else s.deals = *deals;
  if (r.error()) return *r.error();
  if (auto broken = broken_invariant(s))
    return make_error(std::string(kBadState), "inconsistent golf state: " + *broken);
  return s;
}

}  // namespace parlor::rules::golf
