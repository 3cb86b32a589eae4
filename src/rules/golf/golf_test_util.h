#pragma once
// Helpers for the Golf tests: decks that deal chosen grids, records, moves.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

#include "rules/golf/golf.h"
#include "rules/record.h"

namespace parlor::rules::golf::testing {

using Cards = std::vector<std::string>;

// A shuffled deck (as in a record's `deals`) that deals `grids[seat]` to each
// seat (rules 3.4), starts the discard pile with `discard`, and has
// `stock_top` on top of the stock (first = top); the remaining cards follow
// in canonical order.
inline Cards deck_dealing(int dealer, const std::vector<Cards>& grids, const std::string& discard,
                          const Cards& stock_top, int decks = 1, bool jokers = false) {
  const int players = static_cast<int>(grids.size());
  const int layout = static_cast<int>(grids[0].size());
  Cards rest;
  for (Card c : canonical_deck(decks, jokers)) rest.push_back(c.str());
  auto take = [&rest](const std::string& code) {
    auto it = std::find(rest.begin(), rest.end(), code);
    EXPECT_NE(it, rest.end()) << code << " used too often";
    if (it != rest.end()) rest.erase(it);
    return code;
  };
  Cards deck(static_cast<size_t>(players * layout));
  for (int j = 0; j < players * layout; ++j) {
    const int seat = (dealer + 1 + j % players) % players;
    deck[static_cast<size_t>(j)] = take(grids[static_cast<size_t>(seat)][static_cast<size_t>(j / players)]);
  }
  deck.push_back(take(discard));
  for (const auto& c : stock_top) deck.push_back(take(c));
  deck.insert(deck.end(), rest.begin(), rest.end());
  return deck;
}

inline json::array to_json_array(const Cards& cards) {
  json::array a;
  for (const auto& c : cards) a.emplace_back(c);
  return a;
}

inline json::object move(int seat, std::string_view type) { return {{"seat", seat}, {"type", type}}; }
inline json::object move(int seat, std::string_view type, std::string_view field, json::value v) {
  return {{"seat", seat}, {"type", type}, {field, std::move(v)}};
}
inline json::object reveal(int seat, std::vector<int> positions) {
  json::array a;
  for (int p : positions) a.emplace_back(p);
  return move(seat, "reveal", "positions", std::move(a));
}

// A record of one game: players, dealer, options, one deal per hole, moves.
struct RecordBuilder {
  json::object record{{"game", "golf"}};
  json::array deals, moves;

  RecordBuilder& players(int n) { return record["players"] = n, *this; }
  RecordBuilder& dealer(int d) { return record["dealer"] = d, *this; }
  RecordBuilder& options(json::object o) { return record["options"] = std::move(o), *this; }
  RecordBuilder& deal(const Cards& deck) { return deals.emplace_back(to_json_array(deck)), *this; }
  RecordBuilder& add(json::object m) { return moves.emplace_back(std::move(m)), *this; }
  json::object build() const {
    json::object r = record;
    if (!deals.empty()) r["deals"] = deals;
    r["moves"] = moves;
    return r;
  }
  json::object run() const { return run_record(game_type(), build()); }
};

// The state a record reaches (all moves must apply).
inline StatePtr state_of(const json::object& record) {
  auto setup = setup_from_record(record);
  EXPECT_TRUE(setup.ok());
  auto s = game_type().create(*setup);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  StatePtr st = *s;
  if (const auto* moves = record.if_contains("moves"))
    for (const auto& m : moves->as_array()) {
      auto next = st->apply(static_cast<int>(m.at("seat").as_int64()), m);
      EXPECT_TRUE(next.ok()) << json::serialize(m) << ": " << (next.ok() ? "" : next.error().message);
      if (!next.ok()) return st;
      st = *next;
    }
  return st;
}

// Adds the moves of a hole in which every seat only draws and discards,
// turning up one card each time, so that the dealt grids are what is scored:
// every seat reveals positions 0..flips-1; the first seat to play goes out
// after layout - flips turns and the others take their final turns.
inline void add_turn_everything_up(RecordBuilder& b, int players, int dealer, int layout, int flips) {
  for (int seat = 0; seat < players; ++seat) {
    std::vector<int> first;
    for (int p = 0; p < flips; ++p) first.push_back(p);
    b.add(reveal(seat, first));
  }
  for (int pos = flips; pos < layout; ++pos)
    for (int k = 1; k <= players; ++k) {
      const int seat = (dealer + k) % players;
      b.add(move(seat, "draw"));
      b.add(move(seat, "discard", "flip", pos));
    }
}

// Adds the moves of a 4-card hole that the first seat ends by knocking at
// once; the others draw and discard.
inline void add_knock_at_once(RecordBuilder& b, int players, int dealer) {
  b.add(move((dealer + 1) % players, "knock"));
  for (int k = 2; k <= players; ++k) {
    b.add(move((dealer + k) % players, "draw"));
    b.add(move((dealer + k) % players, "discard"));
  }
}

// Plays one 6-card (or 9-card) hole in which the dealt grids are scored as
// dealt; returns the result object.
inline json::object score_as_dealt(const std::vector<Cards>& grids, int dealer, json::object options = {}) {
  const int players = static_cast<int>(grids.size());
  const int layout = static_cast<int>(grids[0].size());
  options["holes"] = 1;
  options["initial_flips"] = 3;
  if (layout != 6) options["layout"] = layout;
  const bool jokers = options.contains("jokers") && options.at("jokers").as_bool();
  RecordBuilder b;
  b.players(players).dealer(dealer).options(options);
  // The discard pile starts with the first card no grid uses.
  std::string discard;
  for (Card c : canonical_deck(1, false)) {
    bool used = false;
    for (const auto& g : grids) used = used || std::find(g.begin(), g.end(), c.str()) != g.end();
    if (!used) {
      discard = c.str();
      break;
    }
  }
  b.deal(deck_dealing(dealer, grids, discard, {}, decks_for(layout, players), jokers));
  add_turn_everything_up(b, players, dealer, layout, 3);
  return b.run();
}

inline std::vector<int> points_of(const json::object& result, size_t hand) {
  std::vector<int> out;
  for (const auto& p : result.at("hands").as_array().at(hand).at("points").as_array())
    out.push_back(static_cast<int>(p.as_int64()));
  return out;
}

inline std::string error_code(const json::object& result) {
  const auto& e = result.at("error");
  return e.is_null() ? "" : std::string(e.at("code").as_string());
}

inline json::value parse(std::string_view text) { return json::parse(text); }

}  // namespace parlor::rules::golf::testing
