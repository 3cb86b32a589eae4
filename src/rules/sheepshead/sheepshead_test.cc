// Sheepshead: the worked examples of rules section 10, every rule and option,
// the information limits (the shared conformance suite runs in registry_test.cc).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rules/record.h"
#include "rules/sheepshead/sheepshead.h"
#include "rules/typed_game.h"

namespace parlor::rules::sheepshead {
namespace {

// ---- Building records --------------------------------------------------------

std::vector<std::string> split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The deck whose reproducible deal (rules 3.3) gives each seat `hands[seat]`
// and the blind `blind`. Seats or a blind given as "" (or short) are filled
// with the cards nobody was given, in canonical order.
json::array deck_for(int dealer, const std::vector<std::string>& hands, const std::string& blind = "") {
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

json::object record(json::object options, int players, int dealer, json::array deals,
                    json::array moves = {}) {
  return json::object{{"game", "sheepshead"}, {"options", std::move(options)},
                      {"players", players},   {"dealer", dealer},
                      {"deals", std::move(deals)}, {"moves", std::move(moves)}};
}

json::object mv(int seat, const std::string& type) { return {{"seat", seat}, {"type", type}}; }
json::object play(int seat, const std::string& card) {
  return {{"seat", seat}, {"type", "play"}, {"card", card}};
}
json::object bury(int seat, const std::string& cards) {
  json::array a;
  for (const auto& c : split(cards)) a.emplace_back(c);
  return {{"seat", seat}, {"type", "bury"}, {"cards", std::move(a)}};
}
json::object call(int seat, const std::string& card) {
  return {{"seat", seat}, {"type", "call"}, {"card", card}};
}
json::object call_unknown(int seat, const std::string& card, const std::string& under) {
  return {{"seat", seat}, {"type", "call"}, {"card", card}, {"unknown", true}, {"under", under}};
}
// One trick: `cards` in play order from `leader` on.
void trick(json::array& moves, int players, int leader, const std::string& cards) {
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

std::vector<std::string> codes(const std::string& text) { return split(text); }
std::string js(const char* text) { return json::serialize(json::parse(text)); }
json::array ints(std::initializer_list<int> v) {
  json::array a;
  for (int x : v) a.emplace_back(x);
  return a;
}

// ---- Example 2 (a complete hand), used by several tests ------------------------

const std::vector<std::string> kEx2Hands = {"JC JD 8D AC TC KS", "QC QS QH AD TD 7C",
                                            "JS KD 7D TS 9S 8H", "QD JH AH TH 7H 9C",
                                            "9D KC 8C 8S 7S KH"};
const char* kEx2Blind = "AS 9H";

// The hands of Example 2 moved `shift` seats to the left (seat s -> s + shift).
std::vector<std::string> rotated(const std::vector<std::string>& hands, int shift) {
  const int n = static_cast<int>(hands.size());
  std::vector<std::string> out(hands.size());
  for (int s = 0; s < n; ++s) out[static_cast<size_t>((s + shift) % n)] = hands[static_cast<size_t>(s)];
  return out;
}

// Example 2's moves with every seat moved `shift` to the left. `before_play`
// goes between the call and the first trick (cracking moves).
json::array ex2_moves(int shift, const json::array& before_play = {}) {
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

const json::object& first_hand(const json::object& result) {
  return result.at("hands").as_array().at(0).as_object();
}

}  // namespace

// ---- Deck and deal -------------------------------------------------------------------

TEST(SheepsheadDeal, CanonicalDeckAndPortableShuffleTestVector) {
  ASSERT_EQ(canonical_deck().size(), 32u);
  EXPECT_EQ(canonical_deck().front().str(), "7C");
  EXPECT_EQ(canonical_deck()[8].str(), "7D");
  EXPECT_EQ(canonical_deck().back().str(), "AS");
  DealSource d("12345", {}, {}, false);
  auto deck = d.deck(0, canonical_deck());
  EXPECT_EQ(card_strings({deck.begin(), deck.begin() + 6}), codes("AH 7S KD 9C QS AD"));
}

TEST(SheepsheadDeal, DealsOneCardAtATimeInPickOrderAndTheRestIsTheBlind) {
  // Seed deck "12345:0" = AH 7S KD 9C QS AD ...; dealer 2: seat 3 gets d[0], seat 4 d[1], ...
  Table t(json::object{{"seed", 12345}, {"dealer", 2}, {"players", 5}});
  DealSource d("12345", {}, {}, false);
  auto deck = d.deck(0, canonical_deck());
  EXPECT_TRUE(t.s.hands[3].contains(deck[0]));
  EXPECT_TRUE(t.s.hands[4].contains(deck[1]));
  EXPECT_TRUE(t.s.hands[0].contains(deck[2]));
  EXPECT_TRUE(t.s.hands[3].contains(deck[5]));
  EXPECT_EQ(t.s.blind, CardSet::of({deck[30], deck[31]}));
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 3);  // the dealer's left neighbour picks first
  Table four(json::object{{"seed", 7}, {"dealer", 0}, {"players", 4}});
  for (int s = 0; s < 4; ++s) EXPECT_EQ(four.s.hands[static_cast<size_t>(s)].size(), 7);
  EXPECT_EQ(four.s.blind.size(), 4);
  Table three(json::object{{"seed", 7}, {"dealer", 0}, {"players", 3}});
  for (int s = 0; s < 3; ++s) EXPECT_EQ(three.s.hands[static_cast<size_t>(s)].size(), 10);
  EXPECT_EQ(three.s.blind.size(), 2);
}

TEST(SheepsheadDeal, FirstDealerComesFromTheSeedWhenTheRecordNamesNone) {
  Table t(json::object{{"seed", 12345}, {"players", 4}});
  EXPECT_EQ(t.s.dealer, 3);  // the first uniform(4) of "12345:dealer" is 3
}

// ---- Example 1: who wins a trick ------------------------------------------------------

TEST(SheepsheadExamples, Example1WhoWinsATrick) {
  auto winner = [](const std::string& text, int* points) {
    std::vector<Card> cards;
    for (const auto& c : split(text)) cards.push_back(*Card::parse(c));
    *points = 0;
    for (Card c : cards) *points += points_of(c);
    return trick_winner(cards.data(), static_cast<int>(cards.size()), group_of(cards[0]));
  };
  int points = 0;
  EXPECT_EQ(winner("TH KH 7D AH QC", &points), 4);  // QC, the highest trump
  EXPECT_EQ(points, 28);
  EXPECT_EQ(winner("KS AS 9S TS 8H", &points), 1);  // AS, no trump
  EXPECT_EQ(winner("JD AD JS 7D QD", &points), 4);  // QD: queens beat jacks, AD below every jack
}

// ---- Example 2: a complete hand, picker wins with schneider --------------------------

TEST(SheepsheadExamples, Example2CompleteHandSchneiderWin) {
  auto r = run_record(game_type(), record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}, ex2_moves(0)));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("points"), ints({-2, 4, -2, 2, -2}));
  EXPECT_EQ(h.at("picker"), 1);
  EXPECT_EQ(h.at("partner"), 3);
  EXPECT_EQ(h.at("called"), "AH");
  EXPECT_EQ(h.at("picker_points"), 101);
  EXPECT_EQ(h.at("defender_points"), 19);
  EXPECT_EQ(h.at("base"), 2);
  EXPECT_EQ(h.at("multiplier"), 1);
  EXPECT_EQ(h.at("won"), true);
  EXPECT_EQ(h.at("tricks"), ints({1, 5, 0, 0, 0}));
  EXPECT_EQ(h.at("card_points"), ints({19, 90, 0, 0, 0}));  // + 11 buried = 101
  EXPECT_EQ(r.at("totals"), ints({-2, 4, -2, 2, -2}));
  EXPECT_EQ(r.at("status"), "in_progress");
}

TEST(SheepsheadExamples, Example2OnlyLegalCallIsTheAceOfHearts) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(t.legal(1), (std::vector<std::string>{js(R"({"type":"call","card":"AH"})"),
                                                  js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call(1, "AS")).code, "illegal_call");  // his own (buried) card
  EXPECT_EQ(t.refused(call(1, "AC")).code, "illegal_call");  // no club to hold
  Error e = t.refused(call_unknown(1, "AH", "9H"));
  EXPECT_EQ(e.code, "illegal_call");
  EXPECT_NE(e.message.find("hold card"), std::string::npos) << e.message;
}

// ---- Example 3: calling decisions ----------------------------------------------------------

TEST(SheepsheadExamples, Example3CallingDecisions) {
  {  // Two callable aces, each with a hold card; AC is his own.
    Table t(record({}, 5, 4, {deck_for(4, {"QC JD AD AC TC 9H", "", "", "", ""}, "7H KS")}));
    t.ok(json::array{mv(0, "pick"), bury(0, "AC TC")});
    EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"AH"})"),
                                                    js(R"({"type":"call","card":"AS"})"),
                                                    js(R"({"type":"alone"})")}));
  }
  {  // No hearts: AH only "unknown", with any of his six cards as the under.
    Table t(record({}, 5, 4, {deck_for(4, {"QC QS JC AC 8C AS", "", "", "", ""}, "9S 7D")}));
    t.ok(json::array{mv(0, "pick"), bury(0, "AS 8C")});
    auto legal = t.legal(0);
    ASSERT_EQ(legal.size(), 7u);
    EXPECT_EQ(legal[0], js(R"({"type":"call","card":"AH","unknown":true,"under":"JC"})"));
    EXPECT_EQ(legal.back(), js(R"({"type":"alone"})"));
    EXPECT_EQ(t.refused(call(0, "AH")).code, "illegal_call");  // needs "unknown"
    EXPECT_EQ(t.refused(json::object{{"seat", 0}, {"type", "call"}, {"card", "AH"}, {"unknown", true}}).code,
              "illegal_call");  // needs an under
    EXPECT_EQ(t.refused(call_unknown(0, "AH", "KH")).code, "illegal_call");  // not his card
    t.ok(call_unknown(0, "AH", "9S"));
    EXPECT_EQ(t.s.hands[0], CardSet::of({*Card::parse("QC"), *Card::parse("QS"), *Card::parse("JC"),
                                         *Card::parse("AC"), *Card::parse("7D"), kUnder}));
    EXPECT_EQ(t.view(0).at("under"), "9S");
    EXPECT_EQ(t.view(1).at("under"), nullptr);
  }
  {  // All three fail aces are his: a ten with a hold card.
    Table t(record({}, 5, 4, {deck_for(4, {"QC QS AC AS AH 7H", "", "", "", ""}, "9C 8S")}));
    t.ok(json::array{mv(0, "pick"), bury(0, "9C 8S")});
    EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"TC"})"),
                                                    js(R"({"type":"call","card":"TH"})"),
                                                    js(R"({"type":"call","card":"TS"})"),
                                                    js(R"({"type":"alone"})")}));
  }
}

// ---- Example 4: play obligations ------------------------------------------------------------

TEST(SheepsheadExamples, Example4PlayObligations) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"), play(0, "AC")});
  EXPECT_EQ(t.plays(1), codes("QC TD AD QH QS"));  // id order; not 9H, his hold card
  Error e = t.refused(play(1, "9H"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("hold card"), std::string::npos) << e.message;
  json::array rest;
  trick(rest, 5, 1, "TD 8H 9C 8C");
  trick(rest, 5, 1, "QC 7D JH 9D 8D");
  trick(rest, 5, 1, "QS KD QD 7S JD");
  t.ok(rest);
  t.ok(json::array{play(1, "9H")});
  EXPECT_EQ(t.plays(2), codes("9S TS JS"));  // void in hearts: may trump
  t.ok(json::array{play(2, "JS")});
  EXPECT_EQ(t.plays(3), codes("AH"));  // must play the called ace though he holds TH, 7H
  e = t.refused(play(3, "TH"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("called AH"), std::string::npos) << e.message;
}

TEST(SheepsheadExamples, Example4PartnerMayNotDiscardTheCalledAce) {
  // Example 2 with P3 void in clubs (his 9C swapped for P2's 8H).
  auto hands = kEx2Hands;
  hands[2] = "JS KD 7D TS 9S 9C";
  hands[3] = "QD JH AH TH 7H 8H";
  Table t(record({}, 5, 4, {deck_for(4, hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"), play(0, "AC"),
                   play(1, "TD"), play(2, "9C")});
  EXPECT_EQ(t.plays(3), codes("QD 7H 8H TH JH"));
  Error e = t.refused(play(3, "AH"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("may not discard the called AH"), std::string::npos) << e.message;
}

TEST(SheepsheadExamples, Example4PartnerLeadsOnlyTheCalledCardOfTheCalledSuit) {
  // P3 (partner, AH) wins trick 1 with QC and leads before hearts were led.
  Table t(record({}, 5, 4, {deck_for(4, {"7D 8C 9C KC 8S 7S", "QS QH QD JC AD TD", "JS JH JD KD 9D 8D",
                                         "QC AH TH 7H KS 9S", "AC TC AS TS KH 8H"},
                                     "9H 7C")}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "7C TD"), call(1, "AH")});
  json::array t1;
  trick(t1, 5, 0, "7D QD 8D QC TS");
  t.ok(t1);
  EXPECT_EQ(t.s.leader, 3);
  EXPECT_EQ(t.plays(3), codes("AH 9S KS"));
  Error e = t.refused(play(3, "TH"));
  EXPECT_EQ(e.code, "called_suit_rule");
  EXPECT_NE(e.message.find("only with the called AH"), std::string::npos) << e.message;
  // Rules 9.7: leading the called ace is allowed; the picker must follow with a heart.
  t.ok(json::array{play(3, "AH")});
  EXPECT_EQ(t.plays(4), codes("8H KH"));
  t.ok(json::array{play(4, "8H"), play(0, "8S")});
  EXPECT_EQ(t.plays(1), codes("9H"));
  t.ok(json::array{play(1, "9H"), play(2, "JH")});
  EXPECT_TRUE(t.s.called_suit_done);
  EXPECT_EQ(t.s.last_winner, 2);
}

// ---- Examples 5, 6, 8, 9: scoring -------------------------------------------------------------

TEST(SheepsheadExamples, Example5PickerSideLoses) {
  Options o;
  PickedScore sc = score_picked(o, true, 55, 2, 6, false, false, false);
  EXPECT_FALSE(sc.won);
  EXPECT_EQ(sc.unit, 2);
  EXPECT_EQ(sc.picker, -4);
  EXPECT_EQ(sc.partner, -2);
  EXPECT_EQ(sc.defender, 2);
  o.double_on_bump = false;
  sc = score_picked(o, true, 55, 2, 6, false, false, false);
  EXPECT_EQ(sc.picker, -2);
  EXPECT_EQ(sc.partner, -1);
  EXPECT_EQ(sc.defender, 1);
}

TEST(SheepsheadExamples, Example6AloneAndSchwarz) {
  Options o;
  PickedScore sc = score_picked(o, false, 75, 3, 6, false, false, false);
  EXPECT_EQ(sc.picker, 4);
  EXPECT_EQ(sc.defender, -1);
  sc = score_picked(o, false, 28, 1, 6, false, false, false);
  EXPECT_EQ(sc.base, 2);
  EXPECT_EQ(sc.unit, 4);
  EXPECT_EQ(sc.picker, -16);
  EXPECT_EQ(sc.defender, 4);
  sc = score_picked(o, true, 120, 6, 6, false, false, false);
  EXPECT_EQ(sc.base, 3);
  EXPECT_EQ(sc.picker, 6);
  EXPECT_EQ(sc.partner, 3);
  EXPECT_EQ(sc.defender, -3);
}

TEST(SheepsheadExamples, Example8ThreeAndFourHanded) {
  Options three;
  three.players = 3;
  PickedScore sc = score_picked(three, false, 58, 4, 10, false, false, false);
  EXPECT_EQ(sc.unit, 2);
  EXPECT_EQ(sc.picker, -4);
  EXPECT_EQ(sc.defender, 2);
  Options four;
  four.players = 4;
  sc = score_picked(four, false, 95, 6, 7, false, false, false);
  EXPECT_EQ(sc.base, 2);
  EXPECT_EQ(sc.picker, 6);
  EXPECT_EQ(sc.defender, -2);
}

TEST(SheepsheadExamples, Example9CrackRecrackAndBump) {
  Options o;
  o.cracking = true;
  PickedScore sc = score_picked(o, true, 27, 1, 6, true, true, false);
  EXPECT_EQ(sc.base, 2);
  EXPECT_EQ(sc.multiplier, 8);  // rules 9.18: bump x crack x recrack
  EXPECT_EQ(sc.unit, 16);
  EXPECT_EQ(sc.picker, -32);
  EXPECT_EQ(sc.partner, -16);
  EXPECT_EQ(sc.defender, 16);
  o.no_pick = NoPick::kDoubler;
  sc = score_picked(o, true, 70, 3, 6, false, false, true);
  EXPECT_EQ(sc.unit, 2);
  EXPECT_EQ(sc.picker, 4);
  EXPECT_EQ(sc.partner, 2);
  EXPECT_EQ(sc.defender, -2);
}

TEST(SheepsheadExamples, Example9DoublerThrownInThenDoubledHand) {
  // Hand 0 (dealer 4): everybody passes. Hand 1 (dealer 0): Example 2 one seat to the left.
  json::array moves;
  for (int s : {0, 1, 2, 3, 4}) moves.push_back(mv(s, "pass"));
  for (const auto& m : ex2_moves(1)) moves.push_back(m);
  json::array deals{deck_for(4, kEx2Hands, kEx2Blind), deck_for(0, rotated(kEx2Hands, 1), kEx2Blind)};
  auto r = run_record(game_type(), record({{"no_pick", "doubler"}}, 5, 4, deals, moves));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& hands = r.at("hands").as_array();
  ASSERT_EQ(hands.size(), 2u);
  EXPECT_EQ(hands[0].at("kind"), "thrown_in");
  EXPECT_EQ(hands[0].at("points"), ints({0, 0, 0, 0, 0}));
  EXPECT_EQ(hands[1].at("doubled"), true);
  EXPECT_EQ(hands[1].at("multiplier"), 2);
  EXPECT_EQ(hands[1].at("points"), ints({-4, -4, 8, -4, 4}));  // schneider x doubler
  EXPECT_EQ(hands[1].at("dealer"), 0);
}

// ---- Example 7: a complete leaster ------------------------------------------------------

json::array ex7_deal() {
  return {deck_for(4, {"7D 9C 9S JC JD JS", "7S 8S 9H QH TD TH", "8H AS KC QD QS TC",
                       "7C 8C AC AD KS QC", "8D 9D JH KD KH TS"},
                   "AH 7H")};
}

json::array ex7_moves() {
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

TEST(SheepsheadExamples, Example7CompleteLeaster) {
  auto r = run_record(game_type(), record({}, 5, 4, ex7_deal(), ex7_moves()));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  const auto& h = first_hand(r);
  EXPECT_EQ(h.at("kind"), "leaster");
  EXPECT_EQ(h.at("card_points"), ints({22, 0, 51, 34, 13}));
  EXPECT_EQ(h.at("blind_to"), 4);
  EXPECT_EQ(h.at("winners"), ints({4}));
  EXPECT_EQ(h.at("points"), ints({-1, -1, -1, -1, 4}));
}

TEST(SheepsheadRules, LeasterBlindToFirstTrickOrNobody) {
  auto first = run_record(game_type(), record({{"leaster_blind", "first_trick"}}, 5, 4, ex7_deal(), ex7_moves()));
  EXPECT_EQ(first_hand(first).at("card_points"), ints({22, 0, 51, 45, 2}));
  EXPECT_EQ(first_hand(first).at("blind_to"), 3);
  auto none = run_record(game_type(), record({{"leaster_blind", "none"}}, 5, 4, ex7_deal(), ex7_moves()));
  EXPECT_EQ(first_hand(none).at("card_points"), ints({22, 0, 51, 34, 2}));  // 109: the blind is nobody's
  EXPECT_EQ(first_hand(none).at("blind_to"), nullptr);
  EXPECT_EQ(first_hand(none).at("points"), ints({-1, -1, -1, -1, 4}));
}

TEST(SheepsheadRules, LeasterWinnersNeedATrickAndTiesShare) {
  std::array<std::int16_t, kMaxPlayers> totals{10, 0, 10, 50, 50};
  std::array<std::int8_t, kMaxPlayers> tricks{1, 0, 2, 2, 1};
  const std::uint8_t w = leaster_winners(5, totals, tricks);
  EXPECT_EQ(w, 0b00101);  // P1 took no trick; P0 and P2 tie lowest (rules 9.14, 9.15)
  auto points = leaster_points(5, w);
  EXPECT_EQ(points, (std::array<std::int32_t, kMaxPlayers>{3, -2, 3, -2, -2}));
  std::array<std::int8_t, kMaxPlayers> one{6, 0, 0, 0, 0};
  EXPECT_EQ(leaster_winners(5, {120, 0, 0, 0, 0}, one), 0b00001);  // took every trick: wins
}

// ---- Scoring edge cases (rules 5.2, section 9) -------------------------------------------

TEST(SheepsheadRules, ScoreThresholds) {
  Options o;
  auto score = [&](int p, int tricks) { return score_picked(o, true, p, tricks, 6, false, false, false); };
  EXPECT_FALSE(score(60, 3).won);
  EXPECT_TRUE(score(61, 3).won);
  EXPECT_EQ(score(90, 3).base, 1);
  EXPECT_EQ(score(91, 3).base, 2);
  EXPECT_EQ(score(31, 2).base, 1);
  EXPECT_EQ(score(30, 2).base, 2);
  EXPECT_EQ(score(120, 5).base, 2);  // 9.10: defenders took a 0-point trick: schneider, not schwarz
  EXPECT_EQ(score(0, 0).base, 3);    // 9.11: no trick
  o.schneider_schwarz = false;
  EXPECT_EQ(score(120, 6).base, 1);
  EXPECT_EQ(score(0, 0).base, 1);
}

TEST(SheepsheadRules, BuryGoesToTheDefendersWhenThePickerSideTakesNoTrick) {
  // Picker P4 (the dealer) alone with the weakest cards; the defenders take every trick.
  Table t(record({}, 5, 4, {deck_for(4, {"QC QS QH QD JC JS", "JH JD AD TD KD 9D", "AC TC AS TS 8H 7H",
                                         "8D 7D KC KS KH 9C", "8C 7C 9S 8S 7S 9H"},
                                     "AH TH")}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass"), mv(4, "pick"),
                   bury(4, "AH TH"), mv(4, "alone")});
  // Each trick: P0 leads a trump, everybody follows or discards; P4 never wins.
  json::array m;
  trick(m, 5, 0, "QC JH AC 8D 9H");
  trick(m, 5, 0, "QS JD TC 7D 7C");
  trick(m, 5, 0, "QH AD AS KC 8C");
  trick(m, 5, 0, "QD TD TS KS 9S");
  trick(m, 5, 0, "JC KD 8H KH 8S");
  trick(m, 5, 0, "JS 9D 7H 9C 7S");
  t.ok(m);
  const HandSummary& h = t.s.history.get().back();
  EXPECT_EQ(h.picker_points, 0);
  EXPECT_EQ(points_of(h.bury), 21);  // counted for the defenders: card points 99 + 21
  EXPECT_EQ(h.base, 3);
  EXPECT_EQ(h.points, (std::array<std::int32_t, kMaxPlayers>{6, 6, 6, 6, -24}));  // 3 x bump 2, alone
}

// ---- Calling edge cases (rules 9.1-9.5, 9.13) ------------------------------------------------

TEST(SheepsheadRules, TwoAcesAndACardOfTheThirdSuitMustCallTheThird) {
  Table t(record({}, 5, 4, {deck_for(4, {"AC AS 7H QC QS JD", "", "", "", ""}, "8D 9D")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "8D 9D")});
  EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"AH"})"),
                                                  js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call_unknown(0, "AH", "QC")).code, "illegal_call");
}

TEST(SheepsheadRules, BuryingTheOnlyCardOfASuitLeavesOnlyAnUnknownCall) {
  Table t(record({}, 5, 4, {deck_for(4, {"AC AS 7H QC QS JD", "", "", "", ""}, "8D 9D")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "7H 9D")});
  auto legal = t.legal(0);
  ASSERT_EQ(legal.size(), 7u);  // AH unknown with six possible unders, or alone
  EXPECT_EQ(t.refused(call(0, "AH")).code, "illegal_call");
}

TEST(SheepsheadRules, OptionsTurnOffUnknownTenAndAloneCalls) {
  auto legal_after = [](json::object options, const std::string& hand, const std::string& blind,
                        const std::string& buried) {
    Table t(record(std::move(options), 5, 4, {deck_for(4, {hand, "", "", "", ""}, blind)}));
    t.ok(json::array{mv(0, "pick"), bury(0, buried)});
    return t.legal(0);
  };
  // No unknown call: void in hearts with AH out -> alone only.
  EXPECT_EQ(legal_after({{"unknown_call", false}}, "AC AS QC QS JD 8D", "9D 7D", "9D 7D"),
            (std::vector<std::string>{js(R"({"type":"alone"})")}));
  // No alone: a call is required when one exists.
  EXPECT_EQ(legal_after({{"allow_alone", false}}, "AC AS 7H QC QS JD", "8D 9D", "8D 9D"),
            (std::vector<std::string>{js(R"({"type":"call","card":"AH"})")}));
  // No ten call, all three aces his: alone, even with allow_alone off (no call possible).
  EXPECT_EQ(legal_after({{"call_ten", false}, {"allow_alone", false}}, "AC AS AH 7H QC QS", "9C 8S", "9C 8S"),
            (std::vector<std::string>{js(R"({"type":"alone"})")}));
  // All three aces his: each ten, an ace being its own hold card (5-handed,
  // one ace always stays in hand, so an unknown ten call cannot arise).
  EXPECT_EQ(legal_after({}, "AC AS AH QC QS QH", "9C 8S", "9C 8S").size(), 4u);
  // All aces his, TC too, and no spade or heart kept: TS / TH only "unknown".
  auto tens = legal_after({}, "AC AS AH TC QC QS", "QH JC", "AS AH");
  EXPECT_EQ(tens.size(), 2u * 6u + 1u);
  EXPECT_EQ(tens[0], js(R"({"type":"call","card":"TH","unknown":true,"under":"TC"})"));
  EXPECT_EQ(legal_after({{"unknown_call", false}}, "AC AS AH TC QC QS", "QH JC", "AS AH"),
            (std::vector<std::string>{js(R"({"type":"alone"})")}));
}

TEST(SheepsheadRules, AloneRefusedWhenTheTableForbidsIt) {
  Table t(record({{"allow_alone", false}}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  Error e = t.refused(mv(1, "alone"));
  EXPECT_EQ(e.code, "illegal_call");
  EXPECT_NE(e.message.find("call AH"), std::string::npos) << e.message;
}

// ---- The under (rules 4.3.1 list 2, 4.5.5) -------------------------------------------------

namespace {
// P0 picks and, void in hearts, calls AH unknown with AC as the under. P1 holds AH.
const std::vector<std::string> kUnderHands = {"QC QS JC AC 8C 7D", "AH 7H 8H QH TS KS",
                                              "9C TC KC JH 8D 7S", "7C 9H TH KH QD JD",
                                              "JS AD TD KD 9D 8S"};
}  // namespace

TEST(SheepsheadRules, UnderCannotBeDiscardedAndIsPlayedOnTheFirstCalledSuitTrick) {
  Table t(record({}, 5, 3, {deck_for(3, kUnderHands, "AS 9S")}));
  t.ok(json::array{mv(4, "pass"), mv(0, "pick"), bury(0, "AS 9S"), call_unknown(0, "AH", "AC")});
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  t.ok(json::array{play(4, "8S")});
  EXPECT_EQ(t.plays(0), codes("8C JC QC 7D QS"));  // void in spades, but not the under
  EXPECT_EQ(t.refused(play(0, "UNDER")).code, "called_suit_rule");
  EXPECT_EQ(t.refused(play(0, "AC")).code, "called_suit_rule");  // its real code is the same play
  t.ok(json::array{play(0, "8C"), play(1, "KS"), play(2, "7S"), play(3, "7C")});
  EXPECT_EQ(t.s.leader, 1);
  EXPECT_EQ(t.plays(1), codes("QH AH TS"));
  EXPECT_EQ(t.refused(play(1, "7H")).code, "called_suit_rule");
  t.ok(json::array{play(1, "AH"), play(2, "JH"), play(3, "KH"), play(4, "9D")});
  EXPECT_EQ(t.plays(0), codes("UNDER"));
  EXPECT_EQ(t.refused(play(0, "QC")).code, "called_suit_rule");
  EXPECT_EQ(t.view(3).at("trick").as_array().size(), 4u);
  t.ok(json::array{play(0, "AC")});  // the real code plays the under
  // Rules 9.9: the under's 11 points go to the trick's winner (P2, JH).
  EXPECT_EQ(t.s.last_winner, 2);
  EXPECT_EQ(t.s.points_taken[2], 28);
  EXPECT_TRUE(t.s.called_suit_done);
  // Only the picker knows the under until the hand ends (rules 8.2).
  for (int seat : {1, 2, 3, 4}) {
    auto v = t.view(seat);
    EXPECT_EQ(v.at("card_points").as_array()[2], 17) << seat;
    EXPECT_EQ(v.at("last_trick").at("points"), 17) << seat;
    EXPECT_EQ(v.at("last_trick").at("cards").as_array()[4].at("card"), "UNDER");
    EXPECT_EQ(t.view_text(seat).find("\"AC\""), std::string::npos) << seat;
  }
  EXPECT_EQ(t.view(0).at("card_points").as_array()[2], 28);
  EXPECT_EQ(t.view(0).at("under"), "AC");
  EXPECT_EQ(t.view(std::nullopt).at("partner"), 1);  // the called ace was played
}

TEST(SheepsheadRules, PickerMayLeadTheUnderAsTheCalledSuit) {
  Table t(record({}, 5, 4, {deck_for(4, kUnderHands, "AS 9S")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "AS 9S"), call_unknown(0, "AH", "AC")});
  EXPECT_EQ(t.plays(0), codes("8C JC QC 7D QS UNDER"));
  EXPECT_EQ(t.legal(0).back(), js(R"({"type":"play","card":"UNDER"})"));
  t.ok(json::array{play(0, "UNDER")});
  EXPECT_EQ(t.plays(1), codes("AH"));
  t.ok(json::array{play(1, "AH")});
  EXPECT_EQ(t.plays(2), codes("9C TC KC 8D JH 7S"));  // no fail heart: free
  t.ok(json::array{play(2, "9C")});
  EXPECT_EQ(t.plays(3), codes("9H TH KH"));  // must follow the called suit
  t.ok(json::array{play(3, "9H"), play(4, "8S")});
  EXPECT_EQ(t.s.last_winner, 1);  // the under never wins
  EXPECT_EQ(t.s.points_taken[1], 22);
}

// ---- Called ten (rules 4.5.6) -------------------------------------------------------------------

TEST(SheepsheadRules, CalledTenHasTheAceObligationsAndTheAceStillBeatsIt) {
  Table t(record({}, 5, 4, {deck_for(4, {"QC QS AC AS AH 7H", "TH 8H 7C 8C KC 7S", "9H TC TS KS JC 7D",
                                         "KH JS JH QH QD JD", "AD TD KD 9D 8D 9S"},
                                     "9C 8S")}));
  t.ok(json::array{mv(0, "pick"), bury(0, "9C 8S"), call(0, "TH"), play(0, "AH")});
  EXPECT_EQ(t.plays(1), codes("TH"));
  t.ok(json::array{play(1, "TH")});
  EXPECT_EQ(t.plays(2), codes("9H"));
  t.ok(json::array{play(2, "9H"), play(3, "KH"), play(4, "9S")});
  EXPECT_EQ(t.s.last_winner, 0);
  EXPECT_EQ(t.s.points_taken[0], 25);
  EXPECT_EQ(t.view(2).at("partner"), 1);
}

// ---- Jack-of-diamonds partner (rules 4.3.2) ---------------------------------------------------

TEST(SheepsheadRules, JackOfDiamondsPartner) {
  json::object jd{{"partner_mode", "jack_of_diamonds"}};
  Table t(record(jd, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(t.legal(1), (std::vector<std::string>{js(R"({"type":"call","card":"JD"})"),
                                                  js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call(1, "AH")).code, "illegal_call");
  EXPECT_EQ(t.refused(call_unknown(1, "JD", "9H")).code, "illegal_call");
  t.ok(json::array{call(1, "JD")});
  EXPECT_EQ(t.s.partner, 0);
  EXPECT_EQ(t.view(0).at("partner"), 0);
  EXPECT_EQ(t.view(2).at("partner"), nullptr);
  t.ok(json::array{play(0, "AC")});
  EXPECT_EQ(t.plays(1), codes("QC TD AD 9H QH QS"));  // no called-suit obligations
  json::array rest;
  trick(rest, 5, 1, "TD 8H 9C 8C");
  trick(rest, 5, 1, "QC 7D JH 9D 8D");
  trick(rest, 5, 1, "QS KD QD 7S JD");
  t.ok(rest);
  EXPECT_EQ(t.view(2).at("partner"), 0);  // JD was played
}

TEST(SheepsheadRules, JackOfDiamondsHolderPlaysAloneOrCallsUp) {
  json::object jd{{"partner_mode", "jack_of_diamonds"}};
  Table t(record(jd, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pick"), bury(0, "AS 9H")});
  EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"alone"})")}));
  EXPECT_EQ(t.refused(call(0, "JD")).code, "illegal_call");

  json::object up{{"partner_mode", "jack_of_diamonds"}, {"jd_call_up", true}, {"allow_alone", false}};
  Table u(record(up, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  u.ok(json::array{mv(0, "pick"), bury(0, "JD AS")});  // rules 9.13: buried JD is still his
  EXPECT_EQ(u.legal(0), (std::vector<std::string>{js(R"({"type":"call","card":"JH"})"),
                                                  js(R"({"type":"alone"})")}));
  u.ok(json::array{call(0, "JH")});
  EXPECT_EQ(u.s.partner, 3);

  Table all(record(up, 5, 4, {deck_for(4, {"JC JS JH JD QC QS", "", "", "", ""}, "7C 8C")}));
  all.ok(json::array{mv(0, "pick"), bury(0, "7C 8C")});
  EXPECT_EQ(all.legal(0), (std::vector<std::string>{js(R"({"type":"alone"})")}));  // all four jacks

  Table no_alone(record({{"partner_mode", "jack_of_diamonds"}, {"allow_alone", false}}, 5, 4,
                        {deck_for(4, kEx2Hands, kEx2Blind)}));
  no_alone.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(no_alone.legal(1), (std::vector<std::string>{js(R"({"type":"call","card":"JD"})")}));
}

// ---- Cracking (rules 4.4) ---------------------------------------------------------------------

TEST(SheepsheadRules, CrackThenSecretPartnerRecracks) {
  json::object opts{{"cracking", true}};
  Table t(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH")});
  EXPECT_EQ(t.s.phase, Phase::kCracking);
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 2);  // P0 had his chance to pick: only P2..P4
  EXPECT_EQ(t.legal(2), (std::vector<std::string>{js(R"({"type":"crack"})"), js(R"({"type":"no_crack"})")}));
  EXPECT_EQ(t.refused(mv(2, "recrack")).code, "illegal_move");
  t.ok(mv(2, "no_crack"));
  EXPECT_EQ(t.legal(3), (std::vector<std::string>{js(R"({"type":"no_crack"})")}));  // the partner
  EXPECT_EQ(t.refused(mv(3, "crack")).code, "illegal_move");
  t.ok(json::array{mv(3, "no_crack"), mv(4, "crack")});
  EXPECT_EQ(t.s.phase, Phase::kRecracking);
  EXPECT_EQ(t.legal(1), (std::vector<std::string>{js(R"({"type":"recrack"})"), js(R"({"type":"no_crack"})")}));
  t.ok(mv(1, "no_crack"));
  // Everyone but picker and cracker is asked in pick order; only the partner may recrack.
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 0);
  EXPECT_EQ(t.legal(0), (std::vector<std::string>{js(R"({"type":"no_crack"})")}));
  EXPECT_EQ(t.refused(mv(0, "recrack")).code, "illegal_move");
  t.ok(json::array{mv(0, "no_crack"), mv(2, "no_crack")});
  EXPECT_EQ(t.legal(3), (std::vector<std::string>{js(R"({"type":"recrack"})"), js(R"({"type":"no_crack"})")}));
  t.ok(mv(3, "recrack"));
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  EXPECT_EQ(t.view(0).at("partner"), 3);  // revealed by his recrack
  EXPECT_EQ(t.view(0).at("multiplier"), 4);

  json::array before{mv(2, "no_crack"), mv(3, "no_crack"), mv(4, "crack"), mv(1, "no_crack"),
                     mv(0, "no_crack"), mv(2, "no_crack"), mv(3, "recrack")};
  auto r = run_record(game_type(), record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}, ex2_moves(0, before)));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(first_hand(r).at("points"), ints({-8, 16, -8, 8, -8}));  // schneider x crack x recrack
  EXPECT_EQ(first_hand(r).at("cracked_by"), 4);
  EXPECT_EQ(first_hand(r).at("recracked_by"), 3);
}

TEST(SheepsheadRules, PickerRecracksOrNobodyCracks) {
  json::object opts{{"cracking", true}};
  Table t(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"), mv(2, "crack")});
  EXPECT_EQ(t.refused(mv(3, "crack")).code, "not_your_turn");  // at most one crack
  EXPECT_EQ(t.refused(mv(1, "crack")).code, "illegal_move");
  t.ok(mv(1, "recrack"));
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  EXPECT_EQ(t.view(0).at("multiplier"), 4);
  EXPECT_EQ(t.view(0).at("partner"), nullptr);

  Table quiet(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  quiet.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), mv(1, "alone"),
                       mv(2, "crack"), mv(1, "no_crack")});
  EXPECT_EQ(quiet.s.phase, Phase::kPlaying);  // alone: no partner to ask
  EXPECT_EQ(quiet.view(0).at("multiplier"), 2);
}

TEST(SheepsheadRules, NoCrackWhenTheDealerPicksOrInALeaster) {
  json::object opts{{"cracking", true}};
  Table t(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass"), mv(4, "pick"),
                   bury(4, "8S 7S"), mv(4, "alone")});
  EXPECT_EQ(t.s.phase, Phase::kPlaying);  // rules 9.17
  Table l(record(opts, 5, 4, ex7_deal()));
  l.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass"), mv(4, "pass")});
  EXPECT_EQ(l.s.phase, Phase::kPlaying);
  EXPECT_EQ(l.view(0).at("leaster"), true);
}

TEST(SheepsheadRules, ThreeHandedCrackWithoutPartner) {
  Table t(record({{"cracking", true}}, 3, 2, {}, {}), false);
  t.ok(json::array{mv(0, "pass"), mv(1, "pick")});
  const std::vector<Card> cards = t.s.hands[1].cards();
  t.ok(bury(1, cards[0].str() + " " + cards[1].str()));
  EXPECT_EQ(t.s.phase, Phase::kCracking);
  t.ok(json::array{mv(2, "crack"), mv(1, "no_crack")});
  EXPECT_EQ(t.s.phase, Phase::kPlaying);
  EXPECT_EQ(t.s.leader, 0);
}

// ---- No pick: forced pick and doublers (rules 4.7) -----------------------------------------------

TEST(SheepsheadRules, ForcedPickDealerMayNotPass) {
  Table t(record({{"no_pick", "forced_pick"}}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(json::array{mv(0, "pass"), mv(1, "pass"), mv(2, "pass"), mv(3, "pass")});
  EXPECT_EQ(t.legal(4), (std::vector<std::string>{js(R"({"type":"pick"})")}));
  Error e = t.refused(mv(4, "pass"));
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("forced pick"), std::string::npos) << e.message;
  t.ok(mv(4, "pick"));
  EXPECT_EQ(t.s.phase, Phase::kBurying);
}

TEST(SheepsheadRules, DoublersDoNotStackAndPendingOnesAreDiscardedAtTheEnd) {
  auto passes = [](int dealer, json::array& m) {
    for (int i = 1; i <= 5; ++i) m.push_back(mv((dealer + i) % 5, "pass"));
  };
  json::array moves;
  passes(4, moves);
  passes(0, moves);
  for (const auto& m : ex2_moves(2)) moves.push_back(m);  // dealer 1
  passes(2, moves);
  passes(3, moves);
  json::array deals{deck_for(4, kEx2Hands, kEx2Blind), deck_for(0, kEx2Hands, kEx2Blind),
                    deck_for(1, rotated(kEx2Hands, 2), kEx2Blind)};
  json::object opts{{"no_pick", "doubler"}, {"rounds", 1}};
  auto r = run_record(game_type(), record(opts, 5, 4, deals, moves));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(r.at("status"), "game_over");
  const auto& hands = r.at("hands").as_array();
  ASSERT_EQ(hands.size(), 5u);
  EXPECT_EQ(hands[2].at("multiplier"), 2);  // two pending, only x2 (rules 9.16)
  EXPECT_EQ(hands[2].at("points"), ints({4, -4, -4, 8, -4}));
  EXPECT_EQ(r.at("totals"), ints({4, -4, -4, 8, -4}));
  EXPECT_EQ(r.at("winners"), ints({3}));

  Table t(record(opts, 5, 4, deals));
  t.ok(moves);
  EXPECT_EQ(t.s.phase, Phase::kGameOver);
  EXPECT_EQ(t.s.pending_doublers, 0);  // three were pending (rules 6.2)
  EXPECT_EQ(t.view(0).at("pending_doublers"), 0);
}

TEST(SheepsheadRules, GameLengthIsRoundsTimesPlayersAndTiesShare) {
  json::array moves;
  for (int hand = 0; hand < 3; ++hand)
    for (int i = 1; i <= 3; ++i) moves.push_back(mv((hand + i) % 3, "pass"));
  auto r = run_record(game_type(), record({{"no_pick", "doubler"}, {"rounds", 1}}, 3, 0, {}, moves));
  ASSERT_TRUE(r.at("error").is_null()) << json::serialize(r.at("error"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("hands").as_array().size(), 3u);
  EXPECT_EQ(r.at("winners"), ints({0, 1, 2}));
}

// ---- 3- and 4-handed ----------------------------------------------------------------------------

TEST(SheepsheadRules, ThreeAndFourHandedBuryWithoutACall) {
  Table four(record({}, 4, 3, {}));
  four.ok(mv(0, "pick"));
  EXPECT_EQ(four.s.hands[0].size(), 11);
  EXPECT_EQ(four.legal(0).size(), 330u);  // every 4-card bury
  const std::vector<Card> c4 = four.s.hands[0].cards();
  EXPECT_EQ(four.refused(bury(0, c4[0].str() + " " + c4[1].str())).code, "illegal_move");
  four.ok(bury(0, c4[0].str() + " " + c4[1].str() + " " + c4[2].str() + " " + c4[3].str()));
  EXPECT_EQ(four.s.phase, Phase::kPlaying);
  EXPECT_EQ(four.s.partner, -1);
  EXPECT_EQ(four.refused(mv(0, "alone")).code, "illegal_move");  // no call 4-handed

  Table three(record({}, 3, 2, {}));
  three.ok(mv(0, "pick"));
  EXPECT_EQ(three.legal(0).size(), 66u);
  Table five(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  five.ok(mv(0, "pick"));
  auto buries = five.legal(0);
  ASSERT_EQ(buries.size(), 28u);  // lexicographic over his cards in id order
  EXPECT_EQ(buries.front(), js(R"({"type":"bury","cards":["TC","JC"]})"));
  EXPECT_EQ(buries[1], js(R"({"type":"bury","cards":["TC","AC"]})"));
  EXPECT_EQ(buries.back(), js(R"({"type":"bury","cards":["KS","AS"]})"));
  EXPECT_EQ(five.refused(bury(0, "AS QH")).code, "illegal_move");  // QH is not his
}

// ---- Options, records and payloads ---------------------------------------------------------------

TEST(SheepsheadRecord, OptionAndRecordErrorsNameTheProblem) {
  auto error_of = [](json::object rec) {
    rec["game"] = "sheepshead";
    auto r = run_record(game_type(), rec);
    EXPECT_FALSE(r.at("error").is_null());
    return r.at("error").is_null() ? json::object{} : r.at("error").as_object();
  };
  auto expect = [&](json::object rec, const char* code, const char* needle) {
    json::object e = error_of(std::move(rec));
    EXPECT_EQ(e["code"], code) << json::serialize(e);
    EXPECT_NE(std::string(e["message"].as_string()).find(needle), std::string::npos) << json::serialize(e);
  };
  expect({{"options", {{"colour", 1}}}}, "bad_option", "colour");
  expect({{"options", {{"rounds", 11}}}}, "bad_option", "rounds");
  expect({{"options", {{"rounds", 0}}}}, "bad_option", "rounds");
  expect({{"options", {{"partner_mode", "x"}}}}, "bad_option", "partner_mode");
  expect({{"options", {{"no_pick", "redeal"}}}}, "bad_option", "no_pick");
  expect({{"options", {{"leaster_blind", 1}}}}, "bad_option", "leaster_blind");
  for (const char* key : {"unknown_call", "call_ten", "allow_alone", "jd_call_up", "double_on_bump",
                          "schneider_schwarz", "cracking"})
    expect({{"options", {{key, "yes"}}}}, "bad_option", key);
  expect({{"options", {{"players", 6}}}}, "bad_option", "players");
  expect({{"options", {{"players", 4}}}, {"players", 5}}, "bad_option", "players");
  expect({{"players", 6}}, "bad_record", "3, 4 or 5");
  expect({{"players", 3}, {"dealer", 3}}, "bad_record", "dealer");
  expect({{"deals", json::array{json::array{"AS"}}}}, "bad_record", "deals[0]");
  json::array two_ass;  // 32 cards, one twice
  for (Card c : canonical_deck()) two_ass.emplace_back(c.str() == "7C" ? "AS" : c.str());
  expect({{"deals", json::array{two_ass}}}, "bad_record", "deals[0]");
}

TEST(SheepsheadRecord, PlayersFromRecordOrOptionsAndNormalizedOptions) {
  auto setup = setup_from_record(json::object{{"players", 3}});
  auto s = Sheepshead::create(*setup);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Sheepshead::players(*s), 3);
  json::object opts = Sheepshead::options(*s);
  EXPECT_EQ(opts.at("players"), 3);
  EXPECT_EQ(opts.at("partner_mode"), "called_ace");
  EXPECT_EQ(opts.at("no_pick"), "leaster");
  EXPECT_EQ(opts.at("leaster_blind"), "last_trick");
  EXPECT_EQ(opts.at("rounds"), 2);
  EXPECT_EQ(opts.size(), 12u);
  auto four = Sheepshead::create(*setup_from_record(json::object{{"options", {{"players", 4}}}}));
  ASSERT_TRUE(four.ok());
  EXPECT_EQ(Sheepshead::players(*four), 4);
  auto five = Sheepshead::create(*setup_from_record(json::object{}));
  EXPECT_EQ(Sheepshead::players(*five), 5);
}

TEST(SheepsheadRecord, MovePayloadsAndTurns) {
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "jump"}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "play"}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "play"}, {"card", "ZZ"}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "bury"}, {"cards", {"AS", "AS"}}}).error().code, "bad_payload");
  EXPECT_EQ(Sheepshead::move_from_json({{"type", "call"}, {"card", "AH"}, {"unknown", "yes"}}).error().code,
            "bad_payload");
  for (const char* text : {R"({"type":"pick"})", R"({"type":"bury","cards":["7C","AS"]})",
                           R"({"type":"call","card":"AH","unknown":true,"under":"9S"})",
                           R"({"type":"play","card":"UNDER"})", R"({"type":"no_crack"})"}) {
    auto m = Sheepshead::move_from_json(json::parse(text).as_object());
    ASSERT_TRUE(m.ok()) << text;
    EXPECT_EQ(json::serialize(Sheepshead::move_to_json(*m)), js(text));
  }
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  Error e = t.refused(mv(2, "pick"));
  EXPECT_EQ(e.code, "not_your_turn");
  EXPECT_EQ(e.message, "it is seat 0's turn");
  EXPECT_EQ(t.refused(play(0, "AC")).code, "illegal_move");  // picking, not playing
  t.ok(json::array{mv(0, "pass"), mv(1, "pick")});
  EXPECT_EQ(t.refused(bury(1, "AS")).code, "illegal_move");
  t.ok(json::array{bury(1, "AS 7C"), call(1, "AH")});
  EXPECT_EQ(t.refused(play(0, "QC")).code, "illegal_move");  // not his card
  t.ok(play(0, "KS"));
  e = t.refused(play(1, "9H"));  // spades led: no spade, and 9H is his hold card
  EXPECT_EQ(e.code, "called_suit_rule");
  t.ok(play(1, "QC"));
  e = t.refused(play(2, "7D"));
  EXPECT_EQ(e.code, "must_follow_suit");
  EXPECT_EQ(e.message, "you must follow suit: you hold spades");
  e = t.refused(play(2, "UNDER"));
  EXPECT_EQ(e.code, "illegal_move");
}

// ---- Information limits (rules section 8) ----------------------------------------------------

TEST(SheepsheadViews, BlindHiddenBeforeThePickAndBuryOnlyToThePicker) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  for (Viewer v : {Viewer(0), Viewer(1), Viewer(2), Viewer(3), Viewer(4), Viewer()}) {
    EXPECT_EQ(t.view_text(v).find("\"AS\""), std::string::npos);
    EXPECT_EQ(t.view_text(v).find("\"9H\""), std::string::npos);
    EXPECT_EQ(t.view(v).at("blind_size"), 2);
  }
  t.ok(json::array{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C")});
  EXPECT_EQ(t.view(1).at("bury"), (json::array{"7C", "AS"}));
  EXPECT_EQ(t.view(1).at("blind"), (json::array{"9H", "AS"}));
  for (Viewer v : {Viewer(0), Viewer(2), Viewer(3), Viewer(4), Viewer()}) {
    EXPECT_EQ(t.view_text(v).find("\"AS\""), std::string::npos);
    EXPECT_EQ(t.view_text(v).find("\"7C\""), std::string::npos);
    EXPECT_EQ(t.view(v).at("bury"), nullptr);
    EXPECT_EQ(t.view(v).at("bury_size"), 2);
  }
  EXPECT_EQ(t.view(std::nullopt).at("cards"), nullptr);
  EXPECT_EQ(t.view(std::nullopt).at("hand_sizes"), ints({6, 6, 6, 6, 6}));
}

TEST(SheepsheadViews, NothingVisibleToOthersDependsOnWhoHoldsTheCalledAce) {
  // Two deals that differ only in whether P3 or P2 holds AH (swapped with 8H).
  auto hands_b = kEx2Hands;
  hands_b[2] = "JS KD 7D TS 9S AH";
  hands_b[3] = "QD JH 8H TH 7H 9C";
  json::object opts{{"cracking", true}};
  Table a(record(opts, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  Table b(record(opts, 5, 4, {deck_for(4, hands_b, kEx2Blind)}));
  EXPECT_EQ(a.s.hands[0], b.s.hands[0]);
  json::array moves{mv(0, "pass"), mv(1, "pick"), bury(1, "AS 7C"), call(1, "AH"),
                    mv(2, "no_crack"), mv(3, "no_crack"), mv(4, "crack"), mv(1, "no_crack"),
                    mv(0, "no_crack"), mv(2, "no_crack"), mv(3, "no_crack")};
  for (const auto& m : moves) {
    a.ok(m.as_object());
    b.ok(m.as_object());
    for (Viewer v : {Viewer(0), Viewer(1), Viewer(4), Viewer()})
      EXPECT_EQ(a.view_text(v), b.view_text(v)) << json::serialize(m);
  }
  EXPECT_EQ(a.s.phase, Phase::kPlaying);
  EXPECT_EQ(a.view(3).at("partner"), 3);  // the partner knows himself
  EXPECT_EQ(b.view(2).at("partner"), 2);
  EXPECT_EQ(a.view(1).at("partner"), nullptr);  // the picker does not know him
}

TEST(SheepsheadViews, CallIsShownByRankAndSuitAndHistoryHoldsNoCardCodes) {
  Table t(record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)}));
  t.ok(ex2_moves(0));
  EXPECT_EQ(t.s.phase, Phase::kPicking);  // the next hand was dealt at once
  auto v = t.view(2);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("dealer"), 0);
  EXPECT_EQ(v.at("totals"), ints({-2, 4, -2, 2, -2}));
  const auto& h = v.at("hands").as_array().at(0).as_object();
  EXPECT_EQ(h.at("hand"), 0);
  EXPECT_EQ(h.at("call"), (json::object{{"rank", "A"}, {"suit", "H"}, {"unknown", false}}));
  EXPECT_EQ(h.at("points"), ints({-2, 4, -2, 2, -2}));
  EXPECT_FALSE(h.contains("bury"));
  EXPECT_EQ(v.at("last_trick"), nullptr);
}

TEST(SheepsheadViews, LiveGameWaitsForSeedsAndRevealsTheLastHand) {
  json::object rec = record({}, 5, 4, {deck_for(4, kEx2Hands, kEx2Blind)});
  Table t(rec, /*live=*/true);
  EXPECT_EQ(t.s.phase, Phase::kPicking);  // hand 0's deck is given
  t.ok(ex2_moves(0));
  EXPECT_TRUE(Sheepshead::awaiting_hand_seed(t.s));
  EXPECT_EQ(Sheepshead::to_act(t.s), 0u);
  EXPECT_EQ(t.refused(mv(1, "pick")).code, "not_your_turn");
  auto v = t.view(0);
  EXPECT_EQ(v.at("phase"), "awaiting_seed");
  EXPECT_EQ(v.at("reveal").at("bury"), (json::array{"7C", "AS"}));
  EXPECT_EQ(v.at("reveal").at("called"), "AH");
  EXPECT_EQ(v.at("last_trick").at("winner"), 1);
  EXPECT_EQ(v.at("last_trick").at("points"), 17);
  EXPECT_TRUE(Sheepshead::hidden_from(t.s, 0).empty());
  Sheepshead::add_hand_seed(t.s, "abc");  // becomes hand 1's seed (deal.h)
  EXPECT_EQ(t.s.phase, Phase::kPicking);
  EXPECT_EQ(Sheepshead::to_act(t.s), 1u << 1);  // dealer 0
  v = t.view(1);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("hand_seed_sha256"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(v.contains("hand_seed"));
  EXPECT_EQ(v.at("reveal"), nullptr);

  Table waiting(json::object{{"players", 3}}, /*live=*/true);
  EXPECT_TRUE(Sheepshead::awaiting_hand_seed(waiting.s));
  EXPECT_EQ(Sheepshead::all_cards(waiting.s).size(), 32u);
}

TEST(SheepsheadViews, StateJsonRoundTripsMidHandWithAnUnder) {
  Table t(record({{"cracking", true}}, 5, 3, {deck_for(3, kUnderHands, "AS 9S")}));
  t.ok(json::array{mv(4, "pass"), mv(0, "pick"), bury(0, "AS 9S"), call_unknown(0, "AH", "AC"),
                   mv(1, "no_crack"), mv(2, "crack"), mv(0, "recrack"), play(4, "8S"), play(0, "8C")});
  json::value j = Sheepshead::state_to_json(t.s);
  auto back = Sheepshead::state_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*back == t.s);
  EXPECT_EQ(json::serialize(Sheepshead::state_to_json(*back)), json::serialize(j));
  EXPECT_FALSE(Sheepshead::broken_invariant(t.s).has_value());
  EXPECT_EQ(Sheepshead::state_from_json(json::parse("[1]")).error().code, "bad_state");
  json::object bad = j.as_object();
  bad["turn"] = 9;
  EXPECT_EQ(Sheepshead::state_from_json(bad).error().code, "bad_state");
  bad = j.as_object();
  bad.erase("phase");
  EXPECT_EQ(Sheepshead::state_from_json(bad).error().code, "bad_state");
}


}  // namespace parlor::rules::sheepshead
