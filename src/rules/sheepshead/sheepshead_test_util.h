#pragma once
// Helpers shared by the Sheepshead tests: records built from readable hands,
// moves, and Example 2 of the rules file, which several tests replay.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "rules/record.h"
#include "rules/sheepshead/sheepshead.h"
#include "rules/typed_game.h"

namespace parlor::rules::sheepshead::test_util {


// ---- Building records --------------------------------------------------------

inline std::vector<std::string> split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The deck whose reproducible deal (rules 3.3) gives each seat `hands[seat]`
// and the blind `blind`. Seats or a blind given as "" (or short) are filled
// with the cards nobody was given, in canonical order.
inline json::array deck_for(int dealer, const std::vector<std::string>& hands, const std::string& blind = "") {
  const int n = static_cast<int>(hands.size());
  const int hs = hand_size(n);
  std::set<std::string> used;
  std::vector<std::vector<std::string>> cards;
  for (const auto& h : hands) cards.push_back(split(h));
  std::vector<std::string> blind_cards = split(blind);
  for (const auto& c : cards)
    for (const auto& x : c) used.insert(x);
  for (const auto& x : blind_cards) used.insert(x);
  std::vector<std::string> rest;
  for (Card c : canonical_deck())
    if (!used.contains(c.str())) rest.push_back(c.str());
  size_t next = 0;
  for (auto& c : cards)
    while (static_cast<int>(c.size()) < hs) c.push_back(rest.at(next++));
  while (static_cast<int>(blind_cards.size()) < 32 - n * hs) blind_cards.push_back(rest.at(next++));
  EXPECT_EQ(next, rest.size()) << "the hands given hold too many cards";
  std::vector<std::string> deck(32);
  for (int seat = 0; seat < n; ++seat) {
    EXPECT_EQ(static_cast<int>(cards[static_cast<size_t>(seat)].size()), hs) << "seat " << seat;
    const int p = (seat - dealer - 1 + n) % n;  // position in pick order
    for (int r = 0; r < hs; ++r) deck[static_cast<size_t>(r * n + p)] = cards[static_cast<size_t>(seat)][static_cast<size_t>(r)];
  }
  for (size_t i = 0; i < blind_cards.size(); ++i) deck[static_cast<size_t>(n * hs) + i] = blind_cards[i];
  json::array a;
  for (const auto& c : deck) a.emplace_back(c);
  return a;
}

inline json::object record(json::object options, int players, int dealer, json::array deals,
                    json::array moves = {}) {
  return json::object{{"game", "sheepshead"}, {"options", std::move(options)},
                      {"players", players},   {"dealer", dealer},
                      {"deals", std::move(deals)}, {"moves", std::move(moves)}};
}

inline json::object mv(int seat, const std::string& type) { return {{"seat", seat}, {"type", type}}; }
inline json::object play(int seat, const std::string& card) {
  return {{"seat", seat}, {"type", "play"}, {"card", card}};
}
inline json::object bury(int seat, const std::string& cards) {
  json::array a;
  for (const auto& c : split(cards)) a.emplace_back(c);
  return {{"seat", seat}, {"type", "bury"}, {"cards", std::move(a)}};
}
inline json::object call(int seat, const std::string& card) {
  return {{"seat", seat}, {"type", "call"}, {"card", card}};
}
inline json::object call_unknown(int seat, const std::string& card, const std::string& under) {
  return {{"seat", seat}, {"type", "call"}, {"card", card}, {"unknown", true}, {"under", under}};
}
// One trick: `cards` in play order from `leader` on.
inline void trick(json::array& moves, int players, int leader, const std::string& cards) {
  int seat = leader;
  for (const auto& c : split(cards)) {
    moves.push_back(play(seat, c));
    seat = (seat + 1) % players;
  }
}

// A game driven through the typed API, checking that refused moves change nothing.
struct Table {
  State s;
  explicit Table(const json::object& rec, bool live = false) {
    auto setup = setup_from_record(rec, live);
    EXPECT_TRUE(setup.ok());
    auto created = Sheepshead::create(*setup);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    if (created.ok()) s = *created;
  }
  void ok(const json::object& move) {
    int seat = static_cast<int>(move.at("seat").as_int64());
    auto m = Sheepshead::move_from_json(move);
    ASSERT_TRUE(m.ok()) << m.error().message;
    Status st = Sheepshead::apply(s, seat, *m);
    ASSERT_TRUE(st.ok()) << json::serialize(move) << ": " << st.error().code << " " << st.error().message;
  }
  void ok(const json::array& moves) {
    for (const auto& m : moves) ok(m.as_object());
  }
  Error refused(const json::object& move) {
    int seat = static_cast<int>(move.at("seat").as_int64());
    auto m = Sheepshead::move_from_json(move);
    if (!m.ok()) return m.error();
    State before = s;
    Status st = Sheepshead::apply(s, seat, *m);
    EXPECT_FALSE(st.ok()) << json::serialize(move) << " was accepted";
    EXPECT_TRUE(s == before) << "a refused move changed the state";
    return st.ok() ? Error{} : st.error();
  }
  std::vector<std::string> legal(int seat) const {
    std::vector<Move> moves;
    Sheepshead::legal_moves(s, seat, moves);
    std::vector<std::string> out;
    for (const auto& m : moves) out.push_back(json::serialize(Sheepshead::move_to_json(m)));
    return out;
  }
  // The cards (or "UNDER") `seat` may play, as codes.
  std::vector<std::string> plays(int seat) const {
    std::vector<std::string> out;
    for (Card c : legal_plays(s, seat)) out.push_back(card_code(c));
    return out;
  }
  json::object view(Viewer v) const { return TypedState<Sheepshead>(s).view(v); }
  std::string view_text(Viewer v) const { return json::serialize(view(v)); }
};

inline std::vector<std::string> codes(const std::string& text) { return split(text); }
inline std::string js(const char* text) { return json::serialize(json::parse(text)); }
inline json::array ints(std::initializer_list<int> v) {
  json::array a;
  for (int x : v) a.emplace_back(x);
  return a;
}

// ---- Example 2 (a complete hand), used by several tests ------------------------

inline const std::vector<std::string> kEx2Hands = {"JC JD 8D AC TC KS", "QC QS QH AD TD 7C",
                                            "JS KD 7D TS 9S 8H", "QD JH AH TH 7H 9C",
                                            "9D KC 8C 8S 7S KH"};
inline constexpr const char* kEx2Blind = "AS 9H";

// The hands of Example 2 moved `shift` seats to the left (seat s -> s + shift).
inline std::vector<std::string> rotated(const std::vector<std::string>& hands, int shift) {
  const int n = static_cast<int>(hands.size());
  std::vector<std::string> out(hands.size());
  for (int s = 0; s < n; ++s) out[static_cast<size_t>((s + shift) % n)] = hands[static_cast<size_t>(s)];
  return out;
}

// Example 2's moves with every seat moved `shift` to the left. `before_play`
// goes between the call and the first trick (cracking moves).
inline json::array ex2_moves(int shift, const json::array& before_play = {}) {
  auto S = [&](int seat) { return (seat + shift) % 5; };
  json::array m{mv(S(0), "pass"), mv(S(1), "pick"), bury(S(1), "AS 7C"), call(S(1), "AH")};
  for (const auto& x : before_play) m.push_back(x);
  trick(m, 5, S(0), "AC TD 8H 9C 8C");
  trick(m, 5, S(1), "QC 7D JH 9D 8D");
  trick(m, 5, S(1), "QS KD QD 7S JD");
  trick(m, 5, S(1), "9H JS AH KH JC");
  trick(m, 5, S(0), "TC AD 9S TH KC");
  trick(m, 5, S(1), "QH TS 7H 8S KS");
  return m;
}

inline const json::object& first_hand(const json::object& result) {
  return result.at("hands").as_array().at(0).as_object();
}


// ---- Example 7 (a complete leaster), used by several tests -----------------------

inline json::array ex7_deal() {
  return {deck_for(4, {"7D 9C 9S JC JD JS", "7S 8S 9H QH TD TH", "8H AS KC QD QS TC",
                       "7C 8C AC AD KS QC", "8D 9D JH KD KH TS"},
                   "AH 7H")};
}

inline json::array ex7_moves() {
  json::array m;
  for (int s : {0, 1, 2, 3, 4}) m.push_back(mv(s, "pass"));
  trick(m, 5, 0, "9C 7S KC AC KH");
  trick(m, 5, 3, "KS TS 9S 8S AS");
  trick(m, 5, 2, "QD AD 9D JC TD");
  trick(m, 5, 2, "QS QC KD JS QH");
  trick(m, 5, 3, "7C 8D JD TH TC");
  trick(m, 5, 0, "7D 9H 8H 8C JH");
  return m;
}

}  // namespace parlor::rules::sheepshead::test_util
