#pragma once
// Helpers shared by the Spades tests: decks from four hands, scripted hands in
// which each seat wins a chosen number of tricks, move builders, games that
// start from given scores (the worked examples of the rules file start
// mid-game), refused moves, and Example 2 of the rules file.
#include <gtest/gtest.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/record.h"
#include "rules/spades/spades.h"

namespace parlor::rules::spades::test_util {

inline constexpr int N = 0, E = 1, S = 2, W = 3;

inline CardSet set_of(std::string_view text) {
  CardSet set;
  std::istringstream in{std::string(text)};
  for (std::string code; in >> code;) {
    auto c = Card::parse(code);
    EXPECT_TRUE(c.has_value()) << code;
    if (c) set.add(*c);
  }
  return set;
}

inline Card card(std::string_view code) { return *Card::parse(code); }

// The deck that deals `hands` (by seat) with `dealer`: d[k] goes to seat
// (dealer + 1 + k) mod 4 (rules 3.3).
inline json::array deck_json(const std::array<CardSet, kSeats>& hands, int dealer) {
  std::array<std::vector<Card>, kSeats> cards;
  for (int seat = 0; seat < kSeats; ++seat) cards[static_cast<size_t>(seat)] = hands[static_cast<size_t>(seat)].cards();
  json::array deck;
  for (int k = 0; k < 52; ++k) {
    const int seat = (dealer + 1 + k) % kSeats;
    deck.emplace_back(cards[static_cast<size_t>(seat)][static_cast<size_t>(k / kSeats)].str());
  }
  return deck;
}

inline json::object bid(int seat, int tricks) {
  return {{"seat", seat}, {"type", "bid"}, {"tricks", tricks}};
}
inline json::object blind_nil(int seat) { return {{"seat", seat}, {"type", "blind_nil"}}; }
inline json::object look(int seat) { return {{"seat", seat}, {"type", "look"}}; }
inline json::object play(int seat, Card c) { return {{"seat", seat}, {"type", "play"}, {"card", c.str()}}; }
inline json::object play(int seat, std::string_view code) { return play(seat, card(code)); }
inline json::object exchange(int seat, std::string_view a, std::string_view b) {
  return {{"seat", seat}, {"type", "exchange"}, {"cards", json::array{json::value(a), json::value(b)}}};
}

// Bids in turn from the dealer's left; bids[seat].
inline std::vector<json::object> bids_in_turn(int dealer, std::array<int, kSeats> bids) {
  std::vector<json::object> out;
  for (int i = 1; i <= kSeats; ++i) {
    const int seat = (dealer + i) % kSeats;
    out.push_back(bid(seat, bids[static_cast<size_t>(seat)]));
  }
  return out;
}

// A hand whose 13 tricks are won by the seats in `tricks` (counts by seat; at
// least two seats must win a trick). Tricks 1-9 are clubs, diamonds and hearts
// that everyone follows (the chosen winner holds the top card of each); in
// trick 10 the fourth club is led and the only spade played wins it; tricks
// 11-13 are spades that everyone follows.
struct ScriptedHand {
  std::array<CardSet, kSeats> hands;
  std::vector<json::object> plays;  // record moves, in order
};

// The same with the winner of each trick given in order; the winners of
// tricks 9 and 10 must differ (trick 10's winner trumps the 9th winner's lead).
inline ScriptedHand scripted_hand_winners(int dealer, std::array<int, 13> w) {
  EXPECT_NE(w[8], w[9]) << "scripted hands need two seats that win tricks";
  const int a = w[8], d = w[9];
  std::vector<int> rest;
  for (int seat = 0; seat < kSeats; ++seat)
    if (seat != a && seat != d) rest.push_back(seat);
  const int b = rest[0], c = rest[1];

  // by_trick[i][seat] = the card seat plays to trick i.
  std::array<std::array<Card, kSeats>, 13> by_trick{};
  auto assign_group = [&](int trick, Suit suit, int low_rank) {
    int next = low_rank;
    for (int seat = 0; seat < kSeats; ++seat)
      if (seat != w[static_cast<size_t>(trick)]) by_trick[static_cast<size_t>(trick)][static_cast<size_t>(seat)] = Card(next++, suit);
    by_trick[static_cast<size_t>(trick)][static_cast<size_t>(w[static_cast<size_t>(trick)])] = Card(low_rank + 3, suit);
  };
  const Suit side[3] = {Suit::kClubs, Suit::kDiamonds, Suit::kHearts};
  for (int s = 0; s < 3; ++s)
    for (int g = 0; g < 3; ++g) assign_group(3 * s + g, side[s], 4 * g);
  by_trick[9][static_cast<size_t>(a)] = Card(rank::kAce, Suit::kClubs);
  by_trick[9][static_cast<size_t>(b)] = Card(rank::kAce, Suit::kDiamonds);
  by_trick[9][static_cast<size_t>(c)] = Card(rank::kAce, Suit::kHearts);
  by_trick[9][static_cast<size_t>(d)] = Card(rank::kTwo, Suit::kSpades);
  for (int g = 0; g < 3; ++g) assign_group(10 + g, Suit::kSpades, 1 + 4 * g);

  ScriptedHand out;
  int leader = (dealer + 1) % kSeats;
  for (int i = 0; i < 13; ++i) {
    for (int j = 0; j < kSeats; ++j) {
      const int seat = (leader + j) % kSeats;
      const Card played = by_trick[static_cast<size_t>(i)][static_cast<size_t>(seat)];
      out.hands[static_cast<size_t>(seat)].add(played);
      out.plays.push_back(play(seat, played));
    }
    leader = w[static_cast<size_t>(i)];
  }
  return out;
}

inline ScriptedHand scripted_hand(int dealer, std::array<int, kSeats> tricks) {
  std::vector<int> order;
  for (int seat = 0; seat < kSeats; ++seat)
    for (int i = 0; i < tricks[static_cast<size_t>(seat)]; ++i) order.push_back(seat);
  EXPECT_EQ(order.size(), 13u);
  std::array<int, 13> w{};
  for (size_t i = 0; i < w.size() && i < order.size(); ++i) w[i] = order[i];
  if (w[8] == w[9]) {
    for (size_t j = 0; j < w.size(); ++j)
      if (w[j] != w[8]) {
        std::swap(w[9], w[j]);
        break;
      }
  }
  return scripted_hand_winners(dealer, w);
}

inline json::object make_record(json::object options, int dealer, json::array deals,
                                const std::vector<json::object>& moves) {
  json::array m;
  for (const auto& x : moves) m.emplace_back(x);
  return {{"game", "spades"}, {"options", std::move(options)}, {"players", 4},
          {"dealer", dealer}, {"deals", std::move(deals)}, {"moves", std::move(m)}};
}

inline std::vector<json::object> concat(std::initializer_list<std::vector<json::object>> parts) {
  std::vector<json::object> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline const State& typed(const StatePtr& p) {
  return dynamic_cast<const TypedState<Spades>&>(*p).typed();
}

// Creates the record's game, then sets the game scores and bag counts as they
// stand before its first hand (the worked examples start mid-game).
inline StatePtr start_with_scores(const json::object& record, std::array<int, kTeams> scores,
                                  std::array<int, kTeams> bags) {
  auto setup = setup_from_record(record);
  EXPECT_TRUE(setup.ok());
  auto created = game_type().create(*setup);
  EXPECT_TRUE(created.ok()) << created.error().message;
  State s = typed(*created);
  s.scores = scores;
  s.bags = bags;
  return std::make_shared<TypedState<Spades>>(std::move(s));
}

// Plays the record's moves from `s` and returns the result object, as
// run_record would.
inline json::object play_moves(StatePtr s, const json::object& record) {
  int applied = 0;
  for (const auto& m : record.at("moves").as_array()) {
    auto next = s->apply(static_cast<int>(m.at("seat").as_int64()), m);
    if (!next) {
      json::object err{{"move", applied}, {"code", next.error().code}, {"message", next.error().message}};
      return result_object("spades", s.get(), applied, err);
    }
    s = *next;
    ++applied;
  }
  return result_object("spades", s.get(), applied, nullptr);
}

inline json::value j(std::string_view text) { return json::parse(text); }

inline StatePtr create(const json::object& record, bool live = false) {
  auto setup = setup_from_record(record, live);
  EXPECT_TRUE(setup.ok()) << setup.error().message;
  auto s = game_type().create(*setup);
  EXPECT_TRUE(s.ok()) << s.error().code << " " << s.error().message;
  return *s;
}

inline StatePtr apply_all(StatePtr s, const std::vector<json::object>& moves) {
  for (const auto& m : moves) {
    auto next = s->apply(static_cast<int>(m.at("seat").as_int64()), m);
    EXPECT_TRUE(next.ok()) << json::serialize(m) << ": " << next.error().code << " "
                           << next.error().message;
    if (!next) return s;
    s = *next;
  }
  return s;
}

// Applies a move that must be refused with `code`, and checks with the typed
// API that the refused move left the state exactly as it was.
inline std::string expect_refused(const StatePtr& s, const json::object& move,
                                  std::string_view code) {
  const int seat = static_cast<int>(move.at("seat").as_int64());
  auto r = s->apply(seat, move);
  EXPECT_FALSE(r.ok()) << json::serialize(move);
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, code) << r.error().message;
  auto typed_move = Spades::move_from_json(move);
  if (typed_move) {
    State copy = typed(s);
    Status st = Spades::apply(copy, seat, *typed_move);
    EXPECT_FALSE(st.ok());
    EXPECT_TRUE(copy == typed(s)) << "a refused move changed the state";
  }
  return r.error().message;
}

inline json::array plays_json(std::initializer_list<std::string_view> codes) {
  json::array a;
  for (auto c : codes) a.push_back(json::object{{"type", "play"}, {"card", c}});
  return a;
}

inline json::object result_of(const StatePtr& s) {
  return result_object("spades", s.get(), 0, nullptr);
}

// Example 2's deal (dealer W).
inline const std::array<CardSet, kSeats> kExample2Hands = {
    set_of("4C 5C 7C QC AC 2D 6D KD 8H 3S 4S 8S AS"),
    set_of("8C 9C KC 9D JD AD 3H 5H 7H TH JH KH 6S"),
    set_of("3C 6C TC JC 8D TD 9H QH AH 2S 7S JS QS"),
    set_of("2C 3D 4D 5D 7D QD 2H 4H 6H 5S 9S TS KS"),
};

// Example 2's tricks, as in the table: seat letter and card, in play order.
inline std::vector<json::object> example2_plays() {
  const char* tricks[13] = {
      "N 4C E KC S TC W 2C", "E 7H S 9H W 4H N 8H", "S JC W 5S N AC E 8C",
      "W 5D N KD E JD S 8D", "N 8S E 6S S 2S W TS", "W 4D N 6D E 9D S TD",
      "S JS W 9S N 3S E JH", "S 6C W 2H N 7C E 9C", "E KH S QH W 6H N AS",
      "N 2D E AD S 3C W 3D", "E 5H S AH W KS N 5C", "W 7D N QC E 3H S QS",
      "S 7S W QD N 4S E TH"};
  std::vector<json::object> out;
  for (const char* t : tricks) {
    std::istringstream in(t);
    for (std::string who, code; in >> who >> code;)
      out.push_back(play(std::string("NESW").find(who[0]), code));
  }
  return out;
}

inline json::object example2_record(json::object options = {}) {
  return make_record(std::move(options), W, json::array{deck_json(kExample2Hands, W)},
                     concat({bids_in_turn(W, {0, 3, 4, 3}), example2_plays()}));
}

// A record of one scripted hand: `tricks` won by seat, `bids` by seat.
inline json::object scripted_record(int dealer, std::array<int, kSeats> bids,
                                    std::array<int, kSeats> tricks, json::object options = {}) {
  ScriptedHand h = scripted_hand(dealer, tricks);
  return make_record(std::move(options), dealer, json::array{deck_json(h.hands, dealer)},
                     concat({bids_in_turn(dealer, bids), h.plays}));
}

inline const json::object& first_hand(const json::object& result) {
  return result.at("hands").as_array().at(0).as_object();
}

}  // namespace parlor::rules::spades::test_util
