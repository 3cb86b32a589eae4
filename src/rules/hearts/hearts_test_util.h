#pragma once
// Helpers shared by the Hearts tests: readable cards and hands, records,
// scripted plays, invented game histories, and Example 2 of the rules file.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>
#include <sstream>

#include "base/sha256.h"
#include "rules/hearts/hearts.h"
#include "rules/hearts/hearts_internal.h"
#include "rules/record.h"
#include "rules/typed_game.h"

namespace parlor::rules::hearts::test_util {


inline constexpr int N = 0, E = 1, S = 2, W = 3;

inline std::vector<std::string> words(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

inline Card card(std::string_view code) {
  auto c = Card::parse(code);
  PARLOR_CHECK(c.has_value(), code);
  return *c;
}

inline CardSet cards(std::string_view text) {
  CardSet out;
  for (const auto& w : words(text)) out.add(card(w));
  return out;
}

inline json::array card_list(CardSet cs) {
  json::array a;
  for (Card c : cs) a.emplace_back(c.str());
  return a;
}

inline json::array plays_json(std::string_view text) {
  json::array a;
  for (const auto& w : words(text)) a.push_back(json::object{{"type", "play"}, {"card", w}});
  return a;
}

// With dealer 3, card d[k] goes to seat k mod 4 (rules 3.3), so a deck that
// deals `hands` interleaves them.
inline std::vector<std::string> deck_for(const std::array<std::string, 4>& hands) {
  std::array<std::vector<std::string>, 4> h;
  for (int s = 0; s < 4; ++s) h[s] = words(hands[s]);
  std::vector<std::string> deck;
  for (int i = 0; i < kHandSize; ++i)
    for (int s = 0; s < 4; ++s) deck.push_back(h[s].at(static_cast<size_t>(i)));
  return deck;
}

// Moves from a script: "1:2C" plays 2C for seat 1, "0:pass:AH,KD,QC" passes.
inline json::array script(std::string_view text) {
  json::array moves;
  for (const auto& w : words(text)) {
    int seat = w[0] - '0';
    std::string rest = w.substr(2);
    json::object m{{"seat", seat}};
    if (rest.rfind("pass:", 0) == 0) {
      m["type"] = "pass";
      json::array cs;
      std::istringstream in(rest.substr(5));
      for (std::string c; std::getline(in, c, ',');) cs.emplace_back(c);
      m["cards"] = std::move(cs);
    } else {
      m["type"] = "play";
      m["card"] = rest;
    }
    moves.push_back(std::move(m));
  }
  return moves;
}

// A hand-1 deal (left pass) after which the seats hold `post` exactly: each
// seat passes the 3 lowest cards of its left neighbour's final hand.
struct PassedDeal {
  std::vector<std::string> deck;
  std::string passes;
};
inline PassedDeal left_pass_deal(const std::array<std::string, 4>& post) {
  std::array<CardSet, 4> final_hands, gives, dealt;
  for (int s = 0; s < 4; ++s) final_hands[s] = cards(post[s]);
  for (int s = 0; s < 4; ++s) {
    auto receiver = final_hands[left_of(s)].cards();
    gives[s] = CardSet::of({receiver[0], receiver[1], receiver[2]});
  }
  PassedDeal out;
  std::array<std::string, 4> dealt_text;
  for (int s = 0; s < 4; ++s) {
    dealt[s] = (final_hands[s] - gives[(s + 3) % 4]) | gives[s];
    for (Card c : dealt[s]) dealt_text[s] += c.str() + " ";
    out.passes += std::to_string(s) + ":pass:";
    for (Card c : gives[s]) out.passes += c.str() + (c == gives[s].highest() ? " " : ",");
  }
  out.deck = deck_for(dealt_text);
  return out;
}

inline json::object record(json::object options, const std::vector<std::vector<std::string>>& decks,
                    json::array moves, int dealer = W) {
  json::array deals;
  for (const auto& d : decks) {
    json::array a;
    for (const auto& c : d) a.emplace_back(c);
    deals.push_back(std::move(a));
  }
  return json::object{{"game", "hearts"}, {"options", std::move(options)}, {"players", 4},
                      {"dealer", dealer}, {"deals", std::move(deals)}, {"moves", std::move(moves)}};
}

inline json::object run(const json::object& rec) { return run_record(game_type(), rec); }

inline json::array concat(json::array a, const json::array& b) {
  for (const auto& x : b) a.push_back(x);
  return a;
}

inline json::value parse(std::string_view text) { return json::parse(text); }

// Plays a record's moves on a game; `live` makes the game wait after the
// hands whose decks the record lists.
inline StatePtr replay(const json::object& rec, bool live = false) {
  auto setup = setup_from_record(rec, live);
  PARLOR_CHECK(setup.ok(), setup.error().message);
  auto created = game_type().create(*setup);
  PARLOR_CHECK(created.ok(), created.error().message);
  StatePtr s = *created;
  for (const auto& m : rec.at("moves").as_array()) {
    auto next = s->apply(static_cast<int>(m.at("seat").as_int64()), m);
    PARLOR_CHECK(next.ok(), next.error().message << " " << json::serialize(m));
    s = *next;
  }
  return s;
}

inline const State& typed(const StatePtr& p) {
  return dynamic_cast<const TypedState<Hearts>&>(*p).typed();
}

// Invented hand scores for `hands` earlier hands that add up to `totals`.
inline std::vector<HandResult> invented_history(std::array<int, 4> totals, int hands, bool jd) {
  std::vector<HandResult> out;
  for (int h = 0; h < hands; ++h) {
    HandResult r;
    if (jd) {
      int j = static_cast<int>(std::max_element(totals.begin(), totals.end()) - totals.begin());
      r.jack_taker = static_cast<std::int8_t>(j);
      r.points[j] = -10;
      totals[j] += 10;
    }
    for (int left = 26; left > 0;) {
      int s = static_cast<int>(std::max_element(totals.begin(), totals.end()) - totals.begin());
      int give = std::min(left, totals[s]);
      PARLOR_CHECK(give > 0, "totals cannot be invented");
      r.points[s] = static_cast<std::int16_t>(r.points[s] + give);
      totals[s] -= give;
      left -= give;
    }
    out.push_back(r);
  }
  PARLOR_CHECK(totals == (std::array<int, 4>{}), "totals do not add up to the hands");
  return out;
}

// A game at the start of hand `index` (0-based, dealer W) with the given
// totals; decks[0] is dealt now, decks[1] next, and so on.
inline State at_hand(json::object options, int index, std::array<int, 4> totals,
              const std::vector<std::vector<std::string>>& decks, bool playing_on = false) {
  std::vector<std::vector<Card>> deals;
  for (int k = 0; k < index; ++k) deals.push_back(standard_deck());
  for (const auto& d : decks) {
    std::vector<Card> deck;
    for (const auto& c : d) deck.push_back(card(c));
    deals.push_back(deck);
  }
  Setup setup;
  setup.options = std::move(options);
  setup.deals = DealSource("0", {}, deals, false);
  State s = *Hearts::create(setup);
  s.hand_index = static_cast<std::int16_t>(index);
  s.first_dealer = static_cast<std::int8_t>(((W - index) % 4 + 4) % 4);
  s.results = invented_history(totals, index, s.options.jack_of_diamonds);
  s.totals = totals;
  s.playing_on = playing_on;
  deal_or_wait(s);
  PARLOR_CHECK(!Hearts::broken_invariant(s), *Hearts::broken_invariant(s));
  return s;
}

// Plays out the current trick phase with `choose` picking each seat's card.
using Chooser = std::function<Card(const State&, int seat, CardSet legal)>;
inline void play_hand(State& s, const Chooser& choose, json::array* moves = nullptr) {
  const int hand = s.hand_index;
  while (s.phase == Phase::kPlaying && s.hand_index == hand) {
    const int seat = Hearts::turn(s);
    const Card c = choose(s, seat, Hearts::legal_plays(s));
    if (moves) moves->push_back(json::object{{"seat", seat}, {"type", "play"}, {"card", c.str()}});
    ASSERT_TRUE(Hearts::apply(s, seat, Move::play(c)).ok()) << c.str();
  }
}

// The shooter plays his highest legal card, everyone else the lowest.
inline Chooser shooter_policy(int shooter) {
  return [shooter](const State&, int seat, CardSet legal) {
    if (seat != shooter) return legal.lowest();
    Card best = legal.lowest();
    for (Card c : legal)
      if (c.rank() >= best.rank()) best = c;
    return best;
  };
}

// S holds the top of every suit (and JD): with shooter_policy(S) he wins all
// 13 tricks and shoots the moon.
inline const std::array<std::string, 4> kMoonHands = {
    "5C 6C 7C 5D 6D 7D 3S 4S 5S 8H 9H TH JH",
    "8C 9C TC 8D 9D TD 6S 7S 8S 9S TS JS QH",
    "AC KC QC JC AD KD QD JD AS KS QS AH KH",
    "2S 2C 3C 4C 2D 3D 4D 2H 3H 4H 5H 6H 7H"};

inline json::object result_of(const State& s) { return Hearts::result(s); }

inline Result<StatePtr> create(const json::object& rec, bool live = false) {
  auto setup = setup_from_record(rec, live);
  if (!setup) return setup.error();
  return game_type().create(*setup);
}


inline const std::array<std::string, 4> kExample2Dealt = {
    "5C 6C TC QC 2D 4D 6D 7D KD 7H TH AH JS", "2C 3C 9C 5D TD JD 2H 3H 9H QH 5S 7S 8S",
    "4C 7C 8C JC 3D 8D 9D QD AD 4S 6S TS KS", "KC AC 4H 5H 6H 8H JH KH 2S 3S 9S QS AS"};
inline constexpr std::string_view kExample2Passes =
    "0:pass:AH,KD,QC 1:pass:QH,JD,TD 2:pass:AD,KS,QD 3:pass:AS,AC,KH";
inline constexpr std::string_view kExample2Tricks =
    "1:2C 2:8C 3:KC 0:5C  3:KS 0:AS 1:7S 2:4S  0:6D 1:5D 2:3D 3:AD  3:QS 0:JS 1:8S 2:TS "
    "3:2S 0:6C 1:5S 2:6S  2:7C 3:4H 0:AC 1:9C  0:TH 1:AH 2:QH 3:5H  1:KD 2:9D 3:QD 0:4D "
    "1:3C 2:JC 3:JH 0:TC  2:TD 3:6H 0:2D 1:3H  2:JD 3:8H 0:7D 1:2H  2:8D 3:9S 0:7H 1:9H "
    "2:4C 3:3S 0:KH 1:QC";

}  // namespace parlor::rules::hearts::test_util
