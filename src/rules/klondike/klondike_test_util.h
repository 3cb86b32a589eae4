#pragma once
// Helpers for the Klondike tests: decks, move and record builders, and ways to
// reach a position (from a record's moves, or from an edited state JSON).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "rules/klondike/klondike.h"
#include "rules/record.h"

namespace parlor::rules::klondike::testing {

namespace json = boost::json;

// The deck of the rules file's section 10.
inline const char* kExampleDeck =
    "AS 4D KH 2C 5S 4C 7C 8C TS JH AD 2D QD 7H JD KC 6H 5H 2S 3C JS QS 9D 4S 2H 6C TC KD "
    "3S QC 5D 7S AH 3D TH 9H 8H TD KS 3H 9C 6D 8D 8S AC 5C QH 4H JC 6S 9S 7D";

inline json::array cards_of(const std::string& spaced) {
  std::istringstream in(spaced);
  json::array out;
  for (std::string code; in >> code;) out.emplace_back(code);
  return out;
}

// A deck that plays straight to the foundations: the tableau holds 7..K with
// lower ranks above higher ones, the stock A..6 in foundation order. Drawing
// and playing every card home wins with 21 turn-ups and no recycle.
inline json::array foundation_deck() {
  std::string tableau, stock;
  const std::string suits = "CDHS";
  for (const char* r = "KQJT987"; *r; ++r)
    for (char s : suits) tableau += std::string{*r, s, ' '};
  for (const char* r = "A23456"; *r; ++r)
    for (char s : suits) stock += std::string{*r, s, ' '};
  return cards_of(tableau + stock);
}

inline json::object draw(int t = -1) {
  json::object m{{"seat", 0}, {"type", "draw"}};
  if (t >= 0) m["t"] = t;
  return m;
}
inline json::object simple(const char* type, int t = -1) {
  json::object m{{"seat", 0}, {"type", type}};
  if (t >= 0) m["t"] = t;
  return m;
}
inline json::object mv(const char* from, const char* to, const char* card = nullptr, int t = -1) {
  json::object m{{"seat", 0}, {"type", "move"}, {"from", from}, {"to", to}};
  if (card) m["card"] = card;
  if (t >= 0) m["t"] = t;
  return m;
}

inline json::object record(json::object options, json::array deck, json::array moves = {}) {
  json::object r{
      {"game", "klondike"}, {"players", 1}, {"options", std::move(options)}, {"moves", std::move(moves)}};
  if (!deck.empty()) r["deals"] = json::array{std::move(deck)};
  return r;
}

inline json::object run(const json::object& rec) { return run_record(game_type(), rec); }

inline std::int64_t total(const json::object& result) { return result.at("totals").as_array()[0].as_int64(); }

inline std::string error_code(const json::object& result) {
  const auto& e = result.at("error");
  return e.is_null() ? "" : std::string(e.as_object().at("code").as_string());
}

// Creates the record's game and applies its moves; fails the test on an error.
inline StatePtr play(const json::object& rec) {
  auto setup = setup_from_record(rec);
  EXPECT_TRUE(setup.ok());
  auto s = game_type().create(*setup);
  EXPECT_TRUE(s.ok()) << s.error().message;
  StatePtr state = *s;
  if (const auto* moves = rec.if_contains("moves"))
    for (const auto& m : moves->as_array()) {
      auto next = state->apply(0, m);
      EXPECT_TRUE(next.ok()) << json::serialize(m) << ": " << next.error().message;
      if (!next.ok()) return state;
      state = *next;
    }
  return state;
}

inline const State& typed(const StatePtr& s) { return static_cast<const TypedState<Klondike>&>(*s).typed(); }

inline StatePtr from_json(const json::value& v) {
  auto s = game_type().from_json(v);
  EXPECT_TRUE(s.ok()) << s.error().message;
  return *s;
}

// Applies a move that must succeed.
inline StatePtr must(const StatePtr& s, const json::object& m) {
  auto next = s->apply(0, m);
  EXPECT_TRUE(next.ok()) << json::serialize(m) << ": " << next.error().code << " " << next.error().message;
  return next.ok() ? *next : s;
}

// Applies a move that must be refused with `code`; returns the message.
inline std::string refused(const StatePtr& s, const json::object& m,
                           const std::string& code = "illegal_move") {
  auto next = s->apply(0, m);
  EXPECT_FALSE(next.ok()) << json::serialize(m) << " was accepted";
  if (next.ok()) return "";
  EXPECT_EQ(next.error().code, code) << json::serialize(m) << ": " << next.error().message;
  return next.error().message;
}

inline std::int64_t score(const StatePtr& s) { return s->view(0).at("score").as_int64(); }

inline bool has_legal(const StatePtr& s, const json::object& m) {
  json::object bare = m;
  bare.erase("seat");
  for (const auto& l : s->legal_moves(0))
    if (l.as_object() == bare) return true;
  return false;
}

// A state JSON edited in place: the position of a test, built from a real
// state's JSON so that every field is present.
inline json::object state_json(const json::object& options) {
  return play(record(options, cards_of(kExampleDeck)))->to_json().as_object();
}

}  // namespace parlor::rules::klondike::testing
