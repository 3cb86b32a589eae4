// Klondike in JSON: options, moves, views, the result object and the full
// state (docs/games/klondike.md describes every field).
#include <boost/json/serialize.hpp>

#include "rules/json_util.h"
#include "rules/klondike/klondike.h"
#include "rules/klondike/klondike_internal.h"
#include "rules/options.h"

namespace parlor::rules::klondike {

namespace detail {

std::string_view scoring_name(Scoring s) {
  switch (s) {
    case Scoring::kStandard: return "standard";
    case Scoring::kVegas: return "vegas";
    case Scoring::kNone: return "none";
  }
  return "standard";
}

std::string_view status_name(GameStatus s) {
  switch (s) {
    case GameStatus::kInProgress: return "in_progress";
    case GameStatus::kWon: return "won";
    case GameStatus::kAbandoned: return "abandoned";
  }
  return "in_progress";
}

std::string_view move_type_name(MoveType t) {
  switch (t) {
    case MoveType::kDraw: return "draw";
    case MoveType::kRecycle: return "recycle";
    case MoveType::kMove: return "move";
    case MoveType::kAutoComplete: return "auto_complete";
    case MoveType::kUndo: return "undo";
    case MoveType::kAbandon: return "abandon";
  }
  return "abandon";
}

}  // namespace detail

namespace {

using detail::move_type_name;

constexpr MoveType kMoveTypes[] = {MoveType::kDraw,         MoveType::kRecycle, MoveType::kMove,
                                   MoveType::kAutoComplete, MoveType::kUndo,    MoveType::kAbandon};

std::optional<MoveType> parse_move_type(std::string_view name) {
  for (MoveType t : kMoveTypes)
    if (move_type_name(t) == name) return t;
  return std::nullopt;
}

Result<Pile> read_pile(const json::object& obj, std::string_view key, std::string_view code) {
  auto name = read_string(obj, key, code);
  if (!name) return name.error();
  if (auto p = parse_pile(*name)) return *p;
  return make_error(std::string(code), "\"" + std::string(key) +
                                           "\" must be one of waste, t1..t7, f1..f4, got \"" + *name + "\"");
}

json::value card_or_null(Card c) { return c.is_none() ? json::value(nullptr) : json::value(c.str()); }

// ---------------------------------------------------------------- state JSON

json::object history_json(const UndoRecord& r) {
  json::object o;
  o["type"] = move_type_name(r.type);
  if (r.type == MoveType::kMove) {
    o["from"] = pile_name(r.from);
    o["to"] = pile_name(r.to);
  }
  if (r.type != MoveType::kRecycle) o["count"] = r.count;
  if (r.type == MoveType::kMove) o["flipped"] = r.flipped;
  o["score"] = r.score;
  o["ticks"] = r.ticks;
  return o;
}

Error bad_state(const std::string& what) { return make_error("bad_state", "klondike state: " + what); }

Result<std::int32_t> read_int32(const json::object& o, std::string_view key, std::int64_t lo = INT32_MIN) {
  auto v = read_int(o, key, "bad_state");
  if (!v) return v.error();
  if (*v < lo || *v > INT32_MAX) return bad_state("\"" + std::string(key) + "\" is out of range");
  return static_cast<std::int32_t>(*v);
}

Result<UndoRecord> history_from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return bad_state("history entries must be objects");
  UndoRecord r;
  auto type = read_string(*o, "type", "bad_state");
  if (!type) return type.error();
  auto t = parse_move_type(*type);
  if (!t || (*t != MoveType::kDraw && *t != MoveType::kRecycle && *t != MoveType::kMove))
    return bad_state("history entry of type \"" + *type + "\"");
  r.type = *t;
  if (r.type == MoveType::kMove) {
    auto from = read_pile(*o, "from", "bad_state");
    if (!from) return from.error();
    auto to = read_pile(*o, "to", "bad_state");
    if (!to) return to.error();
    r.from = *from;
    r.to = *to;
    r.flipped = read_flag(*o, "flipped");
  }
  if (r.type != MoveType::kRecycle) {
    auto count = read_int32(*o, "count", 1);
    if (!count) return count.error();
    if (*count > kMaxColumnCards) return bad_state("history count out of range");
    r.count = static_cast<std::uint8_t>(*count);
  }
  auto score = read_int32(*o, "score");
  if (!score) return score.error();
  auto ticks = read_int32(*o, "ticks", 0);
  if (!ticks) return ticks.error();
  r.score = *score;
  r.ticks = *ticks;
  return r;
}

Status read_column(const json::value& v, Column& col) {
  const auto* o = v.if_object();
  if (!o) return bad_state("a tableau column must be an object");
  auto down = read_cards(*o, "down", "bad_state");
  if (!down) return down.error();
  auto up = read_cards(*o, "up", "bad_state");
  if (!up) return up.error();
  if (down->size() + up->size() > static_cast<size_t>(kMaxColumnCards))
    return bad_state("a column is too long");
  if (!down->empty() && up->empty()) return bad_state("a column's top card must be face up");
  col = Column{};
  for (Card c : *down) col.cards[col.size++] = c;
  for (Card c : *up) col.cards[col.size++] = c;
  col.down = static_cast<std::uint8_t>(down->size());
  return Status::Ok();
}

Status read_piles(const json::object& o, State& s) {
  const auto* tab = o.if_contains("tableau");
  if (!tab || !tab->is_array() || tab->get_array().size() != kColumns)
    return bad_state("\"tableau\" must list 7 columns");
  for (size_t c = 0; c < kColumns; ++c)
    if (auto st = read_column(tab->get_array()[c], s.tableau[c]); !st) return st;
  auto stock = read_cards(o, "stock", "bad_state");
  if (!stock) return stock.error();
  auto waste = read_cards(o, "waste", "bad_state");
  if (!waste) return waste.error();
  if (stock->size() + waste->size() > static_cast<size_t>(kTalonCards))
    return bad_state("stock and waste too large");
  for (Card c : *waste) s.talon[s.talon_size++] = c;
  for (Card c : *stock) s.talon[s.talon_size++] = c;
  s.waste_size = static_cast<std::uint8_t>(waste->size());
  const auto* found = o.if_contains("foundations");
  if (!found || !found->is_array() || found->get_array().size() != kFoundations)
    return bad_state("\"foundations\" must list 4 top cards or nulls");
  for (size_t f = 0; f < kFoundations; ++f) {
    const auto& top = found->get_array()[f];
    if (top.is_null()) continue;
    auto c = card_from_json(top, "foundations", "bad_state");
    if (!c) return c.error();
    s.foundations[f] = *c;
  }
  return Status::Ok();
}

Status read_counters(const json::object& o, State& s) {
  struct Field {
    std::string_view key;
    std::int32_t* out;
    std::int64_t lo;
  };
  for (const Field& f :
       {Field{"score", &s.score, INT32_MIN}, Field{"recycles", &s.recycles, 0}, Field{"moves", &s.moves, 0},
        Field{"elapsed", &s.elapsed, 0}, Field{"time_bonus", &s.time_bonus, 0}}) {
    auto v = read_int32(o, f.key, f.lo);
    if (!v) return v.error();
    *f.out = *v;
  }
  return Status::Ok();
}

}  // namespace

std::string pile_name(Pile p) {
  if (p == kWaste) return "waste";
  if (is_column(p)) return "t" + std::to_string(column_index(p) + 1);
  if (is_foundation(p)) return "f" + std::to_string(foundation_index(p) + 1);
  return "none";
}

std::optional<Pile> parse_pile(std::string_view name) {
  if (name == "waste") return kWaste;
  if (name.size() != 2) return std::nullopt;
  const int n = name[1] - '0';
  if (name[0] == 't' && n >= 1 && n <= kColumns) return column_pile(n - 1);
  if (name[0] == 'f' && n >= 1 && n <= kFoundations) return foundation_pile(n - 1);
  return std::nullopt;
}

// ---------------------------------------------------------------- options

Result<Options> read_options(const json::object& given) {
  OptionReader r(given);
  Options o;
  o.draw = r.integer_of("draw", {1, 3}, 1);
  const std::string scoring = r.choice("scoring", {"standard", "vegas", "none"}, "standard");
  o.scoring = scoring == "vegas" ? Scoring::kVegas : scoring == "none" ? Scoring::kNone : Scoring::kStandard;
  // Vegas fixes the pass limit (4.2.3): 1 pass in draw-1, 3 in draw-3.
  const int vegas_passes = o.draw == 1 ? 1 : 3;
  o.max_passes = r.integer("max_passes", 0, 10, o.scoring == Scoring::kVegas ? vegas_passes : 0);
  o.vegas_cumulative = r.boolean("vegas_cumulative", false);
  o.timed = r.boolean("timed", false);
  o.foundation_to_tableau = r.boolean("foundation_to_tableau", true);
  o.undo = r.choice("undo", {"unlimited", "off"}, "unlimited") == "unlimited";
  o.auto_complete = r.boolean("auto_complete", true);
  if (auto st = r.finish(); !st) return st.error();
  if (o.scoring == Scoring::kVegas && o.max_passes != vegas_passes)
    return make_error("bad_option", "option \"max_passes\": Vegas scoring in draw-" + std::to_string(o.draw) +
                                        " allows exactly " + std::to_string(vegas_passes) + " pass" +
                                        (vegas_passes == 1 ? "" : "es") + ", got " +
                                        std::to_string(o.max_passes));
  if (o.timed && o.scoring != Scoring::kStandard)
    return make_error("bad_option", "option \"timed\": timed scoring exists only with standard scoring");
  if (o.vegas_cumulative && o.scoring != Scoring::kVegas)
    return make_error("bad_option", "option \"vegas_cumulative\": needs vegas scoring");
  PARLOR_CHECK(options_json(o) == r.normalized(), boost::json::serialize(r.normalized()));
  return o;
}

json::object options_json(const Options& o) {
  json::object j;
  j["draw"] = o.draw;
  j["scoring"] = detail::scoring_name(o.scoring);
  j["max_passes"] = o.max_passes;
  j["vegas_cumulative"] = o.vegas_cumulative;
  j["timed"] = o.timed;
  j["foundation_to_tableau"] = o.foundation_to_tableau;
  j["undo"] = o.undo ? "unlimited" : "off";
  j["auto_complete"] = o.auto_complete;
  return j;
}

json::object Klondike::options(const State& s) { return options_json(s.options); }

// ---------------------------------------------------------------- moves

json::value Klondike::move_to_json(const Move& m) {
  json::object o;
  o["type"] = move_type_name(m.type);
  if (m.type == MoveType::kMove) {
    o["from"] = pile_name(m.from);
    o["to"] = pile_name(m.to);
    if (!m.card.is_none()) o["card"] = m.card.str();
  }
  if (m.t >= 0) o["t"] = m.t;
  return o;
}

Result<Move> Klondike::move_from_json(const json::object& obj) {
  auto type_name = read_string(obj, "type", "bad_payload");
  if (!type_name) return type_name.error();
  auto type = parse_move_type(*type_name);
  if (!type)
    return make_error("bad_payload",
                      "unknown move type \"" + *type_name +
                          "\": klondike moves are draw, recycle, move, undo, auto_complete, abandon");
  Move m;
  m.type = *type;
  auto t = read_opt_int(obj, "t", "bad_payload");
  if (!t) return t.error();
  if (*t) {
    if (**t < 0 || **t > INT32_MAX)
      return make_error("bad_payload", "\"t\" must be the elapsed whole seconds, 0 or more");
    m.t = static_cast<std::int32_t>(**t);
  }
  if (m.type != MoveType::kMove) return m;
  auto from = read_pile(obj, "from", "bad_payload");
  if (!from) return from.error();
  auto to = read_pile(obj, "to", "bad_payload");
  if (!to) return to.error();
  auto card = read_opt_card(obj, "card", "bad_payload");
  if (!card) return card.error();
  if (*card && card->value().is_joker()) return make_error("bad_payload", "\"card\": klondike has no jokers");
  m.from = *from;
  m.to = *to;
  if (*card) m.card = **card;
  return m;
}

// ---------------------------------------------------------------- view and result

json::object Klondike::view(const State& s, Viewer) {
  // The player and spectators see the same: face-up cards and counts (8.1).
  json::object v;
  v["hand"] = 0;
  v["dealer"] = 0;
  v["dealt"] = s.dealt;
  v["draw"] = s.options.draw;
  v["scoring"] = detail::scoring_name(s.options.scoring);
  v["max_passes"] = s.options.max_passes;
  v["timed"] = s.options.timed;
  v["vegas_cumulative"] = s.options.vegas_cumulative;
  json::array tableau;
  for (const Column& col : s.tableau) {
    json::array cards;
    for (int i = 0; i < col.size; ++i)
      cards.push_back(i < col.down ? json::value(nullptr)
                                   : json::value(col.cards[static_cast<size_t>(i)].str()));
    tableau.emplace_back(std::move(cards));
  }
  v["tableau"] = std::move(tableau);
  v["stock"] = s.stock_size();
  // The top card (draw-1) or the top three fanned (draw-3), bottom to top.
  const int shown = std::min<int>(s.waste_size, s.options.draw == 3 ? 3 : 1);
  json::array waste;
  for (int i = s.waste_size - shown; i < s.waste_size; ++i)
    waste.emplace_back(s.talon[static_cast<size_t>(i)].str());
  v["waste"] = std::move(waste);
  v["waste_count"] = static_cast<int>(s.waste_size);
  json::array found;
  for (Card top : s.foundations) found.push_back(card_or_null(top));
  v["foundations"] = std::move(found);
  v["foundation_cards"] = s.foundation_cards();
  v["score"] = s.options.scoring == Scoring::kNone ? json::value(nullptr) : json::value(s.score);
  v["pass"] = pass_number(s);
  v["recycles"] = s.recycles;
  v["moves"] = s.moves;
  if (s.options.timed) {
    v["elapsed"] = s.elapsed;
    v["time_bonus"] = s.time_bonus;
  }
  s.deals.add_seed_fields(v, 0, s.status != GameStatus::kInProgress);
  return v;
}

json::object Klondike::result(const State& s) {
  json::object r;
  r["status"] = detail::status_name(s.status);
  json::array hands;
  if (s.status != GameStatus::kInProgress) {
    json::object hand;
    hand["points"] = json::array{s.score};
    hand["won"] = s.status == GameStatus::kWon;
    hand["moves"] = s.moves;
    hand["foundation_cards"] = s.foundation_cards();
    hand["passes"] = pass_number(s);
    if (s.options.timed) {
      hand["elapsed"] = s.elapsed;
      hand["time_bonus"] = s.time_bonus;
    }
    hands.emplace_back(std::move(hand));
  }
  r["hands"] = std::move(hands);
  r["totals"] = json::array{s.score};
  r["winners"] = s.status == GameStatus::kWon ? json::array{0} : json::array{};
  return r;
}

// ---------------------------------------------------------------- full state

json::value Klondike::state_to_json(const State& s) {
  json::object o;
  o["options"] = options_json(s.options);
  o["deals"] = s.deals.to_json();
  o["dealt"] = s.dealt;
  o["status"] = detail::status_name(s.status);
  json::array tableau;
  for (const Column& col : s.tableau) {
    json::object c;
    c["down"] = cards_json(std::vector<Card>(col.cards.begin(), col.cards.begin() + col.down));
    c["up"] = cards_json(std::vector<Card>(col.cards.begin() + col.down, col.cards.begin() + col.size));
    tableau.emplace_back(std::move(c));
  }
  o["tableau"] = std::move(tableau);
  o["stock"] = cards_json(std::vector<Card>(s.talon.begin() + s.waste_size, s.talon.begin() + s.talon_size));
  o["waste"] = cards_json(std::vector<Card>(s.talon.begin(), s.talon.begin() + s.waste_size));
  json::array found;
  for (Card top : s.foundations) found.push_back(card_or_null(top));
  o["foundations"] = std::move(found);
  o["score"] = s.score;
  o["recycles"] = s.recycles;
  o["moves"] = s.moves;
  o["elapsed"] = s.elapsed;
  o["time_bonus"] = s.time_bonus;
  json::array history;
  for (const UndoRecord& r : s.history) history.emplace_back(history_json(r));
  o["history"] = std::move(history);
  return o;
}

Result<State> Klondike::state_from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return bad_state("must be an object");
  State s;
  const auto* opts = o->if_contains("options");
  if (!opts || !opts->is_object()) return bad_state("\"options\" must be an object");
  auto options = read_options(opts->get_object());
  if (!options) return bad_state(options.error().message);
  s.options = *options;
  const auto* deals = o->if_contains("deals");
  if (!deals || !deals->is_object()) return bad_state("\"deals\" must be an object");
  auto source = DealSource::from_json(deals->get_object());
  if (!source) return bad_state(source.error().message);
  s.deals = *source;
  const auto* dealt = o->if_contains("dealt");
  if (!dealt || !dealt->is_bool()) return bad_state("\"dealt\" must be true or false");
  s.dealt = dealt->get_bool();
  auto status = read_string(*o, "status", "bad_state");
  if (!status) return status.error();
  if (*status == "in_progress")
    s.status = GameStatus::kInProgress;
  else if (*status == "won")
    s.status = GameStatus::kWon;
  else if (*status == "abandoned")
    s.status = GameStatus::kAbandoned;
  else
    return bad_state("unknown status \"" + *status + "\"");
  if (auto st = read_piles(*o, s); !st) return st.error();
  if (auto st = read_counters(*o, s); !st) return st.error();
  const auto* history = o->if_contains("history");
  if (!history || !history->is_array()) return bad_state("\"history\" must be a list");
  for (const auto& h : history->get_array()) {
    auto r = history_from_json(h);
    if (!r) return r.error();
    s.history.push_back(*r);
  }
  if (auto broken = Klondike::broken_invariant(s)) return bad_state(*broken);
  return s;
}

}  // namespace parlor::rules::klondike
