// Golf: the JSON forms of moves, views and results (docs/games/golf.md).
#include <bit>
#include <string>

#include "rules/golf/golf.h"
#include "rules/json_util.h"

namespace parlor::rules::golf {
namespace {

constexpr std::string_view kBadPayload = "bad_payload";

json::value seat_or_null(int seat) { return seat >= 0 ? json::value(seat) : json::value(nullptr); }

json::array positions_json(std::uint16_t mask) {
  json::array a;
  for (unsigned m = mask; m; m &= m - 1) a.emplace_back(std::countr_zero(m));
  return a;
}

// A grid position in a move: an integer 0..8 (whether it is on the table's
// grid is checked by `apply`, which knows the layout).
Result<int> position_from_json(const json::value& v, std::string_view what) {
  if ((v.is_int64() || v.is_uint64())) {
    const auto n = v.to_number<std::int64_t>();
    if (n >= 0 && n < kMaxGrid) return static_cast<int>(n);
  }
  return make_error(std::string(kBadPayload),
                    std::string(what) + " must be a grid position from 0 to " + std::to_string(kMaxGrid - 1));
}

Result<Move> reveal_from_json(const json::object& obj) {
  const auto* v = obj.if_contains("positions");
  if (!v || !v->is_array())
    return make_error(std::string(kBadPayload), "\"positions\" must be a list of grid positions");
  std::uint16_t mask = 0;
  for (const auto& item : v->get_array()) {
    auto p = position_from_json(item, "each of \"positions\"");
    if (!p) return p.error();
    const auto bit = static_cast<std::uint16_t>(1u << *p);
    if (mask & bit)
      return make_error(std::string(kBadPayload), "position " + std::to_string(*p) + " is listed twice");
    mask |= bit;
  }
  return Move::reveal(mask);
}

std::string_view phase_name(Phase p) {
  switch (p) {
    case Phase::kAwaitingSeed: return "awaiting_seed";
    case Phase::kReveal: return "reveal";
    case Phase::kTurn: return "turn";
    case Phase::kDrawn: return "drawn";
    case Phase::kGameOver: return "game_over";
  }
  return "?";
}

json::object grid_view(const State& s, int owner, Viewer viewer) {
  const Grid& g = s.grids[static_cast<size_t>(owner)];
  json::array cards, up;
  for (int i = 0; i < s.opt.layout; ++i) {
    const Card c = g.cards[static_cast<size_t>(i)];
    if (!c.is_none() && detail::grid_card_visible(s, owner, i, viewer)) cards.emplace_back(c.str());
    else cards.emplace_back(nullptr);
    up.emplace_back(((g.up >> i) & 1u) != 0);
  }
  return {{"cards", std::move(cards)}, {"face_up", std::move(up)}};
}

json::array pile_json(const Pile& p) {
  json::array a;
  for (int i = 0; i < p.size; ++i) a.emplace_back(p.cards[static_cast<size_t>(i)].str());
  return a;
}

// pile_json(p) written as text.
void write_pile(JsonText& w, const Pile& p) {
  w.begin_array();
  for (int i = 0; i < p.size; ++i) w.card(p.cards[static_cast<size_t>(i)]);
  w.end_array();
}

json::array scores_json(const State& s, const auto& values) {
  json::array a;
  for (int p = 0; p < s.players; ++p) a.emplace_back(values[static_cast<size_t>(p)]);
  return a;
}

// scores_json(s, values) written as text.
void write_scores(JsonText& w, const State& s, const auto& values) {
  w.begin_array();
  for (int p = 0; p < s.players; ++p) w.number(values[static_cast<size_t>(p)]);
  w.end_array();
}

// Completed holes, for the result and for every view (all public).
json::array hands_json(const State& s) {
  json::array hands;
  for (int h = 0; h < s.hole; ++h) {
    const HoleSummary& sum = s.history[static_cast<size_t>(h)];
    const auto seed = s.deals.shown_seed(h);
    hands.emplace_back(json::object{{"points", scores_json(s, sum.points)},
                                    {"dealer", sum.dealer},
                                    {"out", seat_or_null(sum.out)},
                                    {"doubled", sum.doubled},
                                    {"hand_seed", seed ? json::value(*seed) : json::value(nullptr)}});
  }
  return hands;
}

// hands_json(s) written as text.
void write_hands(JsonText& w, const State& s) {
  w.begin_array();
  for (int h = 0; h < s.hole; ++h) {
    const HoleSummary& sum = s.history[static_cast<size_t>(h)];
    w.begin_object().key("points");
    write_scores(w, s, sum.points);
    w.key("dealer").number(sum.dealer);
    w.key("out").seat_or_null(sum.out);
    w.key("doubled").boolean(sum.doubled);
    w.key("hand_seed");
    if (const auto seed = s.deals.shown_seed(h)) w.string(*seed);
    else w.null();
    w.end_object();
  }
  w.end_array();
}

}  // namespace

json::value Golf::move_to_json(const Move& m) {
  switch (m.type) {
    case MoveType::kReveal: return {{"type", "reveal"}, {"positions", positions_json(m.positions)}};
    case MoveType::kDraw: return {{"type", "draw"}};
    case MoveType::kTakeDiscard: return {{"type", "take_discard"}, {"position", m.position}};
    case MoveType::kSwap: return {{"type", "swap"}, {"position", m.position}};
    case MoveType::kDiscard:
      if (m.position >= 0) return {{"type", "discard"}, {"flip", m.position}};
      return {{"type", "discard"}};
    case MoveType::kKnock: return {{"type", "knock"}};
  }
  return nullptr;
}

Result<Move> Golf::move_from_json(const json::object& obj) {
  const auto* type = obj.if_contains("type");
  if (!type || !type->is_string()) return make_error(std::string(kBadPayload), "a move needs a \"type\"");
  const std::string_view t = type->get_string();
  if (t == "reveal") return reveal_from_json(obj);
  if (t == "draw") return Move::draw();
  if (t == "knock") return Move::knock();
  if (t == "take_discard" || t == "swap") {
    const auto* v = obj.if_contains("position");
    if (!v) return make_error(std::string(kBadPayload), "\"" + std::string(t) + "\" needs a \"position\"");
    auto p = position_from_json(*v, "\"position\"");
    if (!p) return p.error();
    return t == "swap" ? Move::swap(*p) : Move::take_discard(*p);
  }
  if (t == "discard") {
    const auto* v = obj.if_contains("flip");
    if (!v || v->is_null()) return Move::discard();
    auto p = position_from_json(*v, "\"flip\"");
    if (!p) return p.error();
    return Move::discard(*p);
  }
  return make_error(std::string(kBadPayload),
                    "unknown golf move type \"" + std::string(t) +
                        "\" (reveal, draw, take_discard, swap, discard, knock)");
}

json::object Golf::seat_view(const State& s, Viewer viewer) {
  json::object v;
  v.reserve(4);  // with legal and seat
  json::array grids;
  for (int p = 0; p < s.players; ++p) grids.emplace_back(grid_view(s, p, viewer));
  v["grids"] = std::move(grids);
  if (s.drawn.is_none()) {
    v["drawn"] = nullptr;
  } else {
    const bool mine = viewer && *viewer == s.turn;
    v["drawn"] = json::object{{"seat", s.turn}, {"card", mine ? json::value(s.drawn.str()) : json::value(nullptr)}};
  }
  return v;
}

json::object Golf::shared_view(const State& s) {
  json::object v;
  v.reserve(32);  // with the generic and the room's fields
  v["players"] = s.players;
  v["layout"] = s.opt.layout;
  v["rows"] = s.opt.rows();
  v["columns"] = s.opt.columns();
  v["holes"] = s.opt.holes;
  v["hand"] = s.hole;
  v["dealer"] = s.dealer;
  v["phase"] = phase_name(s.phase);
  v["turn"] = seat_or_null(s.turn);
  v["discard"] = pile_json(s.discard);
  v["stock"] = s.stock.size;
  v["rebuilt"] = s.rebuilt;
  v["out"] = seat_or_null(s.out);
  v["totals"] = scores_json(s, s.totals);
  v["hands"] = hands_json(s);
  v["options"] = *s.options_json;
  // The current hole's seed hash; at the end of the game the last hole's seed.
  if (s.phase == Phase::kGameOver) s.deals.add_seed_fields(v, s.hole - 1, /*revealed=*/true);
  else s.deals.add_seed_fields(v, s.hole, /*revealed=*/false);
  return v;
}

// The text form of shared_view(), member for member.
void Golf::write_shared_view(JsonText& w, const State& s) {
  w.key("players").number(s.players);
  w.key("layout").number(s.opt.layout);
  w.key("rows").number(s.opt.rows());
  w.key("columns").number(s.opt.columns());
  w.key("holes").number(s.opt.holes);
  w.key("hand").number(s.hole);
  w.key("dealer").number(s.dealer);
  w.key("phase").string(phase_name(s.phase));
  w.key("turn").seat_or_null(s.turn);
  w.key("discard");
  write_pile(w, s.discard);
  w.key("stock").number(s.stock.size);
  w.key("rebuilt").boolean(s.rebuilt);
  w.key("out").seat_or_null(s.out);
  w.key("totals");
  write_scores(w, s, s.totals);
  w.key("hands");
  write_hands(w, s);
  w.key("options").value(*s.options_json);
  if (s.phase == Phase::kGameOver) s.deals.write_seed_fields(w, s.hole - 1, /*revealed=*/true);
  else s.deals.write_seed_fields(w, s.hole, /*revealed=*/false);
}

json::object Golf::result(const State& s) {
  json::object r;
  r["status"] = status(s);
  r["hands"] = hands_json(s);
  r["totals"] = scores_json(s, s.totals);
  json::array winners, places;
  if (s.phase == Phase::kGameOver) {
    std::vector<int> totals(s.totals.begin(), s.totals.begin() + s.players);
    for (int w : lowest_seats(totals)) winners.emplace_back(w);
    // Rules 6.2: ascending totals; equal totals share a place (1, 1, 3, ...).
    for (int p = 0; p < s.players; ++p) {
      int place = 1;
      for (int q = 0; q < s.players; ++q) place += totals[static_cast<size_t>(q)] < totals[static_cast<size_t>(p)];
      places.emplace_back(place);
    }
  }
  r["winners"] = std::move(winners);
  r["places"] = std::move(places);
  return r;
}

}  // namespace parlor::rules::golf
