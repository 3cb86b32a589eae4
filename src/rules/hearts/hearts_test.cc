// Hearts: the worked examples of shared/rules/hearts.md section 10, legality
// of every rule and option, information rules (the shared conformance suite runs in registry_test.cc).
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

namespace parlor::rules::hearts {
namespace {

constexpr int N = 0, E = 1, S = 2, W = 3;

std::vector<std::string> words(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Card card(std::string_view code) {
  auto c = Card::parse(code);
  PARLOR_CHECK(c.has_value(), code);
  return *c;
}

CardSet cards(std::string_view text) {
  CardSet out;
  for (const auto& w : words(text)) out.add(card(w));
  return out;
}

json::array card_list(CardSet cs) {
  json::array a;
  for (Card c : cs) a.emplace_back(c.str());
  return a;
}

json::array plays_json(std::string_view text) {
  json::array a;
  for (const auto& w : words(text)) a.push_back(json::object{{"type", "play"}, {"card", w}});
  return a;
}

// With dealer 3, card d[k] goes to seat k mod 4 (rules 3.3), so a deck that
// deals `hands` interleaves them.
std::vector<std::string> deck_for(const std::array<std::string, 4>& hands) {
  std::array<std::vector<std::string>, 4> h;
  for (int s = 0; s < 4; ++s) h[s] = words(hands[s]);
  std::vector<std::string> deck;
  for (int i = 0; i < kHandSize; ++i)
    for (int s = 0; s < 4; ++s) deck.push_back(h[s].at(static_cast<size_t>(i)));
  return deck;
}

// Moves from a script: "1:2C" plays 2C for seat 1, "0:pass:AH,KD,QC" passes.
json::array script(std::string_view text) {
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
PassedDeal left_pass_deal(const std::array<std::string, 4>& post) {
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

json::object record(json::object options, const std::vector<std::vector<std::string>>& decks,
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

json::object run(const json::object& rec) { return run_record(game_type(), rec); }

json::array concat(json::array a, const json::array& b) {
  for (const auto& x : b) a.push_back(x);
  return a;
}

json::value parse(std::string_view text) { return json::parse(text); }

// Plays a record's moves on a game; `live` makes the game wait after the
// hands whose decks the record lists.
StatePtr replay(const json::object& rec, bool live = false) {
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

const State& typed(const StatePtr& p) {
  return dynamic_cast<const TypedState<Hearts>&>(*p).typed();
}

// Invented hand scores for `hands` earlier hands that add up to `totals`.
std::vector<HandResult> invented_history(std::array<int, 4> totals, int hands, bool jd) {
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
State at_hand(json::object options, int index, std::array<int, 4> totals,
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
void play_hand(State& s, const Chooser& choose, json::array* moves = nullptr) {
  const int hand = s.hand_index;
  while (s.phase == Phase::kPlaying && s.hand_index == hand) {
    const int seat = Hearts::turn(s);
    const Card c = choose(s, seat, Hearts::legal_plays(s));
    if (moves) moves->push_back(json::object{{"seat", seat}, {"type", "play"}, {"card", c.str()}});
    ASSERT_TRUE(Hearts::apply(s, seat, Move::play(c)).ok()) << c.str();
  }
}

// The shooter plays his highest legal card, everyone else the lowest.
Chooser shooter_policy(int shooter) {
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
const std::array<std::string, 4> kMoonHands = {
    "5C 6C 7C 5D 6D 7D 3S 4S 5S 8H 9H TH JH",
    "8C 9C TC 8D 9D TD 6S 7S 8S 9S TS JS QH",
    "AC KC QC JC AD KD QD JD AS KS QS AH KH",
    "2S 2C 3C 4C 2D 3D 4D 2H 3H 4H 5H 6H 7H"};

json::object result_of(const State& s) { return Hearts::result(s); }

Result<StatePtr> create(const json::object& rec, bool live = false) {
  auto setup = setup_from_record(rec, live);
  if (!setup) return setup.error();
  return game_type().create(*setup);
}

// ---------------------------------------------------------------- examples

TEST(HeartsExamples, Example1PassDirections) {
  std::string seen;
  for (int h = 0; h < 9; ++h)
    seen += std::string(pass_direction_name(pass_direction(PassCycle::kLeftRightAcrossHold, h))) + " ";
  EXPECT_EQ(seen, "left right across hold left right across hold left ");
  seen.clear();
  for (int h = 0; h < 6; ++h)
    seen += std::string(pass_direction_name(pass_direction(PassCycle::kLeftRightAcross, h))) + " ";
  EXPECT_EQ(seen, "left right across left right across ");
  EXPECT_EQ(pass_direction(PassCycle::kLeftRight, 3), PassDirection::kRight);
  EXPECT_EQ(pass_direction(PassCycle::kLeft, 7), PassDirection::kLeft);
  EXPECT_EQ(pass_direction(PassCycle::kNone, 0), PassDirection::kHold);

  // Through a played game: the direction of each of the first hands, and in a
  // hold hand nobody passes (2C leads at once).
  auto directions = [](std::string_view cycle, int hands) {
    StatePtr g = *create(json::object{{"seed", 7}, {"options", {{"pass_cycle", cycle}, {"end_score", 500}}}});
    std::string out;
    for (int hand = 1; hand <= hands;) {
      json::object v = g->view(0);
      if (v.at("hand").as_int64() == hand) {
        out += std::string(v.at("pass_direction").as_string()) + " ";
        EXPECT_EQ(g->to_act().size(), v.at("pass_direction") == "hold" ? 1u : 4u);
        ++hand;
      }
      const int seat = g->to_act().front();
      g = *g->apply(seat, g->legal_moves(seat).front());
    }
    return out;
  };
  EXPECT_EQ(directions("left-right-across-hold", 9), "left right across hold left right across hold left ");
  EXPECT_EQ(directions("left-right-across", 6), "left right across left right across ");
  State s = at_hand({}, 3, {20, 20, 19, 19}, {deck_for(kMoonHands)});
  EXPECT_EQ(s.phase, Phase::kPlaying);
  EXPECT_EQ(Hearts::current_pass(s), PassDirection::kHold);
  EXPECT_EQ(Hearts::to_act(s), 1u << W);  // W holds 2C
}

const std::array<std::string, 4> kExample2Dealt = {
    "5C 6C TC QC 2D 4D 6D 7D KD 7H TH AH JS", "2C 3C 9C 5D TD JD 2H 3H 9H QH 5S 7S 8S",
    "4C 7C 8C JC 3D 8D 9D QD AD 4S 6S TS KS", "KC AC 4H 5H 6H 8H JH KH 2S 3S 9S QS AS"};
constexpr std::string_view kExample2Passes =
    "0:pass:AH,KD,QC 1:pass:QH,JD,TD 2:pass:AD,KS,QD 3:pass:AS,AC,KH";
constexpr std::string_view kExample2Tricks =
    "1:2C 2:8C 3:KC 0:5C  3:KS 0:AS 1:7S 2:4S  0:6D 1:5D 2:3D 3:AD  3:QS 0:JS 1:8S 2:TS "
    "3:2S 0:6C 1:5S 2:6S  2:7C 3:4H 0:AC 1:9C  0:TH 1:AH 2:QH 3:5H  1:KD 2:9D 3:QD 0:4D "
    "1:3C 2:JC 3:JH 0:TC  2:TD 3:6H 0:2D 1:3H  2:JD 3:8H 0:7D 1:2H  2:8D 3:9S 0:7H 1:9H "
    "2:4C 3:3S 0:KH 1:QC";

TEST(HeartsExamples, Example2CompleteHand) {
  json::object rec = record({}, {deck_for(kExample2Dealt)},
                            concat(script(kExample2Passes), script(kExample2Tricks)));
  json::object r = run(rec);
  EXPECT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("moves_applied"), 56);
  EXPECT_EQ(r.at("hands"), parse(R"([{"points": [1, 5, 7, 13]}])"));
  EXPECT_EQ(r.at("totals"), parse("[1, 5, 7, 13]"));
  EXPECT_EQ(r.at("status"), "in_progress");

  // Hands after the pass.
  json::object after_pass = rec;
  after_pass["moves"] = script(kExample2Passes);
  StatePtr p = replay(after_pass);
  const std::array<std::string, 4> post = {
      "5C 6C TC AC 2D 4D 6D 7D 7H TH KH JS AS", "2C 3C 9C QC 5D KD 2H 3H 9H AH 5S 7S 8S",
      "4C 7C 8C JC 3D 8D 9D TD JD QH 4S 6S TS", "KC QD AD 4H 5H 6H 8H JH 2S 3S 9S QS KS"};
  for (int s = 0; s < 4; ++s) EXPECT_EQ(p->view(s).at("cards"), card_list(cards(post[s]))) << s;
  EXPECT_EQ(p->to_act(), std::vector<int>{E});  // E received nothing but holds 2C
  EXPECT_EQ(p->view(N).at("pass"),
            parse(R"({"direction":"left","to":1,"from":3,"cards":["QC","KD","AH"],"received":["AC","KH","AS"]})"));

  // Live, the finished hand stays on the table until the next seed: every
  // trick's winner and points, as in the table of the example.
  StatePtr done = replay(rec, /*live=*/true);
  ASSERT_TRUE(done->awaiting_hand_seed());
  json::object v = done->view(std::nullopt);
  std::vector<int> winners, points;
  for (const auto& t : v.at("tricks").as_array()) {
    winners.push_back(static_cast<int>(t.at("winner").as_int64()));
    points.push_back(static_cast<int>(t.at("points").as_int64()));
  }
  EXPECT_EQ(winners, (std::vector<int>{W, N, W, W, S, N, E, E, S, S, S, S, E}));
  EXPECT_EQ(points, (std::vector<int>{0, 0, 0, 13, 0, 1, 4, 0, 1, 2, 2, 2, 1}));
  EXPECT_EQ(v.at("hand"), 2);
  EXPECT_EQ(v.at("hands").at(0).at("points"), parse("[1, 5, 7, 13]"));

  // Legality notes: before trick 6 hearts are unbroken; W may discard 4H, and
  // after it N may lead TH.
  json::object before6 = rec;
  const json::array& all = rec.at("moves").as_array();
  before6["moves"] = json::array(all.begin(), all.begin() + 4 + 5 * 4);
  StatePtr t6 = replay(before6);
  EXPECT_EQ(t6->view(0).at("hearts_broken"), false);
  auto led = t6->apply(S, parse(R"({"type":"play","card":"7C"})"));
  ASSERT_TRUE(led.ok());
  EXPECT_TRUE((*led)->apply(W, parse(R"({"type":"play","card":"4H"})")).ok());
}

TEST(HeartsExamples, Example3aFirstTrickDiscards) {
  const std::array<std::string, 4> post = {
      "2C 3C 4C 5C 6C 7C 8C 9C TC JC QC KC AC", "QS 2H 9H 4D 5D 6D 7D 8D 9D TD JD QD KD",
      "2D 3D AD 3H 4H 5H 6H 7H 8H TH JH QH KH", "AH 2S 3S 4S 5S 6S 7S 8S 9S TS JS KS AS"};
  PassedDeal deal = left_pass_deal(post);
  json::object rec = record({}, {deal.deck}, concat(script(deal.passes), script("0:2C")));
  json::object r = run(rec);
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("to_act"), parse("[1]"));
  EXPECT_EQ(r.at("legal"), plays_json("4D 5D 6D 7D 8D 9D TD JD QD KD"));

  for (const char* penalty : {"1:QS", "1:2H"}) {
    json::object bad = rec;
    bad["moves"] = concat(rec.at("moves").as_array(), script(penalty));
    json::object refused = run(bad);
    EXPECT_EQ(refused.at("error").at("code"), "no_points_on_first_trick") << penalty;
    EXPECT_EQ(refused.at("error").at("move"), 5);
    EXPECT_EQ(refused.at("moves_applied"), 5);
  }

  json::object free = record({{"first_trick_points", true}}, {deal.deck}, rec.at("moves").as_array());
  EXPECT_EQ(run(free).at("legal").as_array().size(), 13u);
}

TEST(HeartsExamples, Example3bOnlyPenaltyCards) {
  const std::array<std::string, 4> post = {
      "2C 3C 4C 5C 6C 7C 8C 9C TC JC QC KC AC", "2H 2D 3D 4D 5D 6D 7D 8D 9D TD JD QD KD",
      "QS 3H 4H 5H 6H 7H 8H 9H TH JH QH KH AH", "AD 2S 3S 4S 5S 6S 7S 8S 9S TS JS KS AS"};
  PassedDeal deal = left_pass_deal(post);
  json::object rec = record({}, {deal.deck}, concat(script(deal.passes), script("0:2C 1:2D")));
  json::object r = run(rec);
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("legal").as_array().size(), 13u);
  EXPECT_EQ(r.at("legal").as_array().back(), parse(R"({"type":"play","card":"QS"})"));
  rec["moves"] = concat(rec.at("moves").as_array(), script("2:3H"));
  EXPECT_EQ(replay(rec)->view(N).at("hearts_broken"), true);
}

// Nine tricks in which N wins every trick and nobody plays a heart; N then
// leads trick 10 holding his last four cards.
constexpr std::string_view kNineTricks =
    "1:2C 2:2S 3:4S 0:AC  0:KC 1:3C 2:{t2} 3:5S  0:QC 1:4C 2:{t3} 3:6S  0:JC 1:5C 2:9D 3:7S "
    "0:TC 1:2D 2:TD 3:8S  0:9C 1:3D 2:JD 3:9S  0:8C 1:{e7} 2:QD 3:TS  0:7C 1:{e8} 2:KD 3:JS "
    "0:6C 1:{e9} 2:AD 3:KS";

std::string nine_tricks(std::string t2, std::string t3, std::string e7, std::string e8,
                        std::string e9) {
  std::string s(kNineTricks);
  for (auto [key, value] : {std::pair<std::string, std::string>{"{t2}", t2}, {"{t3}", t3},
                            {"{e7}", e7}, {"{e8}", e8}, {"{e9}", e9}})
    s.replace(s.find(key), key.size(), value);
  return s;
}

TEST(HeartsExamples, Example4LeadingBeforeHeartsAreBroken) {
  // (a) 3H 7H QH QS: only QS may be led.
  PassedDeal a = left_pass_deal({"AC KC QC JC TC 9C 8C 7C 6C 3H 7H QH QS",
                                 "2C 3C 4C 5C 2D 3D 4D 5D 6D 2H 4H 5H 6H",
                                 "7D 8D 9D TD JD QD KD AD 2S 3S 8H 9H TH",
                                 "4S 5S 6S 7S 8S 9S TS JS KS AS JH KH AH"});
  json::object ra = record({}, {a.deck}, concat(script(a.passes),
                                                script(nine_tricks("7D", "8D", "4D", "5D", "6D"))));
  json::object r = run(ra);
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("to_act"), parse("[0]"));
  EXPECT_EQ(r.at("legal"), plays_json("QS"));
  ra["moves"] = concat(ra.at("moves").as_array(), script("0:3H"));
  EXPECT_EQ(run(ra).at("error").at("code"), "hearts_not_broken");

  // (b) 3H 7H QH 4D, QS discarded on trick 3: with qs_breaks_hearts all four
  // are legal leads; by default only 4D.
  PassedDeal b = left_pass_deal({"AC KC QC JC TC 9C 8C 7C 6C 3H 7H QH 4D",
                                 "2C 3C 4C 5C 2D 3D 7D 5D 6D 2H 4H 5H 6H",
                                 "QS 8D 9D TD JD QD KD AD 2S 3S 8H 9H TH",
                                 "4S 5S 6S 7S 8S 9S TS JS KS AS JH KH AH"});
  json::array b_moves = concat(script(b.passes), script(nine_tricks("8D", "QS", "5D", "6D", "7D")));
  json::object qs_breaks = run(record({{"qs_breaks_hearts", true}}, {b.deck}, b_moves));
  ASSERT_EQ(qs_breaks.at("error"), nullptr) << json::serialize(qs_breaks);
  EXPECT_EQ(qs_breaks.at("legal"), plays_json("4D 3H 7H QH"));
  json::object by_default = run(record({}, {b.deck}, b_moves));
  EXPECT_EQ(by_default.at("legal"), plays_json("4D"));

  // (c) Only hearts: every heart may be led, and leading one breaks hearts.
  PassedDeal c = left_pass_deal({"AC KC QC JC TC 9C 8C 7C 6C 2H 5H KH AH",
                                 "2C 3C 4C 5C 2D 3D 4D 5D 6D 3H 4H 6H 7H",
                                 "7D 8D 9D TD JD QD KD AD 2S 3S 8H 9H TH",
                                 "4S 5S 6S 7S 8S 9S TS JS QS KS AS JH QH"});
  json::object rc = record({}, {c.deck}, concat(script(c.passes),
                                                script(nine_tricks("7D", "8D", "4D", "5D", "6D"))));
  EXPECT_EQ(run(rc).at("legal"), plays_json("2H 5H KH AH"));
  rc["moves"] = concat(rc.at("moves").as_array(), script("0:2H"));
  EXPECT_EQ(replay(rc)->view(std::nullopt).at("hearts_broken"), true);
}

TEST(HeartsExamples, Example5OldMoon) {
  State s = at_hand({}, 7, {40, 52, 61, 29}, {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  json::object r = result_of(s);
  EXPECT_EQ(r.at("hands").as_array().back(),
            parse(R"({"points": [26, 26, 0, 26], "moon": 2, "moon_scoring": "add_to_others"})"));
  EXPECT_EQ(r.at("totals"), parse("[66, 78, 61, 55]"));
  EXPECT_EQ(r.at("status"), "in_progress");
}

TEST(HeartsExamples, Example6MoonOptionsCompared) {
  const std::array<int, 4> before = {80, 70, 85, 51};
  auto play = [&](std::string_view moon) {
    State s = at_hand({{"moon", moon}}, 11, before, {deck_for(kMoonHands)});
    play_hand(s, shooter_policy(S));
    return result_of(s);
  };
  json::object old_moon = play("add_to_others");
  EXPECT_EQ(old_moon.at("totals"), parse("[106, 96, 85, 77]"));
  EXPECT_EQ(old_moon.at("status"), "game_over");
  EXPECT_EQ(old_moon.at("winners"), parse("[3]"));

  json::object new_moon = play("subtract_from_shooter");
  EXPECT_EQ(new_moon.at("totals"), parse("[80, 70, 59, 51]"));
  EXPECT_EQ(new_moon.at("status"), "in_progress");
  EXPECT_EQ(new_moon.at("hands").as_array().back().at("moon_scoring"), "subtract_from_shooter");

  json::object best = play("shooter_best");
  EXPECT_EQ(best.at("totals"), parse("[80, 70, 59, 51]"));
  EXPECT_EQ(best.at("status"), "in_progress");
  EXPECT_EQ(best.at("hands").as_array().back(),
            parse(R"({"points": [0, 0, -26, 0], "moon": 2, "moon_scoring": "subtract_from_shooter"})"));

  json::object off = play("off");
  EXPECT_EQ(off.at("hands").as_array().back(), parse(R"({"points": [0, 0, 26, 0]})"));
  EXPECT_EQ(off.at("totals"), parse("[80, 70, 111, 51]"));
}

TEST(HeartsExamples, Example7JackOfDiamonds) {
  // Found by a seeded search: N takes 3 hearts and JD, E only QS, S 6, W 4.
  const std::vector<std::string> deck = words(
      "QD 2H JD 5S 8D 3H JS TD 7S JC JH 7D QC 6C TH 8C 4C 4S AC 3C 2C 6H KS AS 7H QH AH 7C 3S "
      "8S 4D 3D 5C 8H KD 4H 9H 2S 5H KH QS 9C AD 9S TS 6D KC 9D TC 5D 6S 2D");
  json::array moves = script(
      "0:pass:TC,9H,QS 1:pass:JC,6D,6H 2:pass:5H,JH,6S 3:pass:3C,8C,4H "
      "0:2C 1:6C 2:AC 3:7C 2:KC 3:AS 0:QC 1:9C 2:KD 3:3D 0:8D 1:5D 2:JC 3:5H 0:3C 1:TC "
      "2:TH 3:JH 0:4H 1:3H 3:7D 0:QD 1:4S 2:JD 0:5C 1:2S 2:6H 3:KH 0:4C 1:9H 2:AD 3:TD "
      "0:7H 1:8H 2:AH 3:9D 2:KS 3:9S 0:3S 1:8S 2:4D 3:2D 0:7S 1:QH 2:6D 3:6S 0:8C 1:2H "
      "2:JS 3:5S 0:TS 1:QS");
  json::object r = run(record({{"jack_of_diamonds", true}}, {deck}, moves));
  ASSERT_EQ(r.at("error"), nullptr) << json::serialize(r);
  EXPECT_EQ(r.at("hands"), parse(R"([{"points": [-7, 13, 6, 4], "jack_of_diamonds": 0}])"));
  EXPECT_EQ(r.at("totals"), parse("[-7, 13, 6, 4]"));
  // Without the option the same hand is N 3, E 13, S 6, W 4.
  EXPECT_EQ(run(record({}, {deck}, moves)).at("hands"), parse(R"([{"points": [3, 13, 6, 4]}])"));
}

// Found by a seeded search: hands that score N 0, E 5, S 2, W 19 when dealt
// as hand 13 (left pass, dealer W) and hand 14 (right pass, dealer N).
const std::vector<std::string> kExample8DeckLeft = words(
    "QD 3H 6C KH 2H AH 8S QH TH 9H 3D QC 4C KC KD 5S JD AS TD 9D 7S 2D 6H 5D 8H 9C 2S KS 7H QS "
    "JS 3S 5H 3C 7C TS 4S 8D 7D 6S AC JC AD 2C 8C 9S TC 5C JH 4D 4H 6D");
constexpr std::string_view kExample8MovesLeft =
    "0:pass:4C,8C,AC 1:pass:9C,4D,QS 2:pass:3D,TD,AD 3:pass:5C,9D,5S 3:2C 0:5C 1:8C 2:7C 1:JC "
    "2:9C 3:QC 0:5S 3:KS 0:4S 1:9S 2:QS 3:3S 0:7S 1:AS 2:JS 1:4C 2:6C 3:3D 0:TH 2:TC 3:6D 0:9D "
    "1:3C 2:2S 3:TS 0:8H 1:9H 3:5D 0:JD 1:8D 2:KD 2:8S 3:6S 0:7H 1:2D 2:4H 3:QH 0:JH 1:AH 1:KC "
    "2:6H 3:AD 0:QD 1:3H 2:4D 3:KH 0:5H 3:TD 0:2H 1:AC 2:7D";
const std::vector<std::string> kExample8DeckRight = words(
    "TD 7S JH 6H KD 4S 5C 3C 6C KC 7H QH TH 6D 4C 2H 8S JS TS 8C 5S AD 2D 7C 2S 7D 5D 4H AC 8H "
    "5H QC 9S 6S 4D 3S AS 8D AH JC QD JD KH 2C 3D TC KS 9C 9H QS 3H 9D");
constexpr std::string_view kExample8MovesRight =
    "0:pass:JC,4H,QH 1:pass:QD,2S,AS 2:pass:6D,8H,6S 3:pass:5C,3H,7H 0:2C 1:6C 2:5C 3:4C 1:TD "
    "2:8D 3:5D 0:9D 1:8S 2:4S 3:TS 0:3S 3:KS 0:2S 1:5S 2:QS 3:JC 0:QC 1:AC 2:KC 1:3D 2:JD 3:4D "
    "0:QD 0:7C 1:KD 2:TC 3:5H 2:7H 3:4H 0:6H 1:9H 1:TH 2:3H 3:AH 0:2H 3:2D 0:AS 1:6D 2:7D 2:JS "
    "3:KH 0:3C 1:6S 2:7S 3:QH 0:9C 1:9S 1:8H 2:AD 3:JH 0:8C";

void apply_script(State& s, std::string_view text) {
  for (const auto& m : script(text)) {
    auto move = Hearts::move_from_json(m.as_object());
    ASSERT_TRUE(move.ok());
    Status st = Hearts::apply(s, static_cast<int>(m.at("seat").as_int64()), *move);
    ASSERT_TRUE(st.ok()) << st.error().message << " " << json::serialize(m);
  }
}

TEST(HeartsExamples, Example8EndOfGameAndTies) {
  // Before: N 101, E 67, S 70, W 74; the hand scores 0, 5, 2, 19.
  const std::array<int, 4> before = {101, 67, 70, 74};
  State share = at_hand({}, 12, before, {kExample8DeckLeft, kExample8DeckRight});
  apply_script(share, kExample8MovesLeft);
  json::object r = result_of(share);
  EXPECT_EQ(r.at("totals"), parse("[101, 72, 72, 93]"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("winners"), parse("[1, 2]"));

  State play_on = at_hand({{"tie_rule", "play_on"}}, 12, before,
                          {kExample8DeckLeft, kExample8DeckRight});
  apply_script(play_on, kExample8MovesLeft);
  EXPECT_EQ(result_of(play_on).at("status"), "in_progress");
  EXPECT_EQ(result_of(play_on).at("winners"), json::array{});
  EXPECT_TRUE(play_on.playing_on);
  EXPECT_EQ(Hearts::current_pass(play_on), PassDirection::kRight);
  apply_script(play_on, kExample8MovesRight);
  r = result_of(play_on);
  EXPECT_EQ(r.at("hands").as_array().back().at("points"), parse("[0, 5, 2, 19]"));
  EXPECT_EQ(r.at("totals"), parse("[101, 77, 74, 112]"));
  EXPECT_EQ(r.at("status"), "game_over");
  EXPECT_EQ(r.at("winners"), parse("[2]"));
}

// ------------------------------------------------------- scoring edge cases

TEST(HeartsScoring, AllHeartsWithoutQueenIsNoMoon) {
  // Edge case 7: S takes all 13 hearts, W takes QS with S's lead of 2S.
  std::array<std::string, 4> hands = kMoonHands;
  hands[S] = "AC KC QC JC AD KD QD JD AS KS 2S AH KH";
  hands[W] = "QS 2C 3C 4C 2D 3D 4D 2H 3H 4H 5H 6H 7H";
  json::object rec = record({{"pass_cycle", "none"}}, {deck_for(hands)}, {});
  State s = typed(replay(rec));
  json::array moves;
  auto policy = shooter_policy(S);
  play_hand(s, [&](const State& st, int seat, CardSet legal) {
    if (seat == S && st.num_plays == 4) return card("2S");
    return policy(st, seat, legal);
  }, &moves);
  rec["moves"] = moves;
  json::object r = run(rec);
  EXPECT_EQ(r.at("hands"), parse(R"([{"points": [0, 0, 13, 13]}])"));
}

TEST(HeartsScoring, MoonWithJackOfDiamonds) {
  // Edge case 9: moon first, then -10 to the JD winner (here the shooter).
  auto play = [](std::string_view moon) {
    json::object rec = record({{"pass_cycle", "none"}, {"jack_of_diamonds", true}, {"moon", moon}},
                              {deck_for(kMoonHands)}, {});
    State s = typed(replay(rec));
    play_hand(s, shooter_policy(S));
    return result_of(s).at("hands").at(0);
  };
  EXPECT_EQ(play("add_to_others"),
            parse(R"({"points": [26, 26, -10, 26], "moon": 2, "moon_scoring": "add_to_others", "jack_of_diamonds": 2})"));
  EXPECT_EQ(play("subtract_from_shooter").at("points"), parse("[0, 0, -36, 0]"));
}

TEST(HeartsScoring, ShooterBestCountsTheJackBonus) {
  // Edge case 12. Old moon would end the game (N 100); with JD the shooter has
  // 42 and is strictly lowest, so old moon stands (without JD he would have 52).
  State s = at_hand({{"moon", "shooter_best"}, {"jack_of_diamonds", true}}, 11, {74, 25, 52, 25},
                    {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  json::object r = result_of(s);
  EXPECT_EQ(r.at("hands").as_array().back().at("moon_scoring"), "add_to_others");
  EXPECT_EQ(r.at("totals"), parse("[100, 51, 42, 51]"));
  EXPECT_EQ(r.at("winners"), parse("[2]"));
}

TEST(HeartsScoring, ShooterBestKeepsOldMoonWhenTheGameGoesOn) {
  State s = at_hand({{"moon", "shooter_best"}}, 7, {40, 52, 61, 29}, {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  EXPECT_EQ(result_of(s).at("totals"), parse("[66, 78, 61, 55]"));
}

TEST(HeartsScoring, ExactlyEndScoreEndsTheGame) {
  // Edge case 10 with end_score 50: the moon brings N and W to exactly 50.
  State s = at_hand({{"end_score", 50}}, 3, {24, 0, 30, 24}, {deck_for(kMoonHands)});
  play_hand(s, shooter_policy(S));
  EXPECT_EQ(result_of(s).at("totals"), parse("[50, 26, 30, 50]"));
  EXPECT_EQ(result_of(s).at("status"), "game_over");
  EXPECT_EQ(result_of(s).at("winners"), parse("[1]"));
  State t = at_hand({{"end_score", 51}}, 3, {24, 0, 30, 24}, {deck_for(kMoonHands), deck_for(kMoonHands)});
  play_hand(t, shooter_policy(S));
  EXPECT_EQ(result_of(t).at("status"), "in_progress");
}

TEST(HeartsScoring, PlayOnKeepsPlayingWhileTheLowestIsTied) {
  // The tie persists after another hand: the game goes on although N is over.
  State s = at_hand({{"tie_rule", "play_on"}}, 11, {120, 60, 46, 60}, {deck_for(kMoonHands)}, true);
  play_hand(s, shooter_policy(S));  // old moon: 146, 86, 46, 86 -> S alone lowest
  EXPECT_EQ(result_of(s).at("winners"), parse("[2]"));
  State tied = at_hand({{"tie_rule", "play_on"}, {"moon", "off"}}, 11, {120, 72, 46, 48},
                       {deck_for(kMoonHands)}, true);
  play_hand(tied, shooter_policy(S));  // S takes 26: 120, 72, 72, 48 -> W alone
  EXPECT_EQ(result_of(tied).at("winners"), parse("[3]"));
  State again = at_hand({{"tie_rule", "play_on"}, {"moon", "off"}}, 11, {120, 96, 22, 48},
                        {deck_for(kMoonHands), deck_for(kMoonHands)}, true);
  play_hand(again, shooter_policy(S));  // 120, 96, 48, 48: tied, play on
  EXPECT_EQ(result_of(again).at("status"), "in_progress");
  EXPECT_EQ(again.hand_index, 12);
}

// ---------------------------------------------------------------- legality

// Example 2's game after `n` of its moves, as a typed state.
State example2_after(size_t n) {
  json::object rec = record({}, {deck_for(kExample2Dealt)},
                            concat(script(kExample2Passes), script(kExample2Tricks)));
  const json::array& all = rec.at("moves").as_array();
  rec["moves"] = json::array(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
  return typed(replay(rec));
}

// Applies a move that must be refused; the state must not change.
Error refused(const State& s, int seat, std::string_view move_json) {
  auto move = Hearts::move_from_json(parse(move_json).as_object());
  PARLOR_CHECK(move.ok(), move.error().message);
  State copy = s;
  Status st = Hearts::apply(copy, seat, *move);
  EXPECT_FALSE(st.ok()) << move_json;
  EXPECT_EQ(copy, s) << "a refused move changed the state: " << move_json;
  return st.ok() ? Error{} : st.error();
}

TEST(HeartsLegality, NotYourTurn) {
  State passing = example2_after(1);  // N has passed
  Error e = refused(passing, N, R"({"type":"pass","cards":["2D","4D","6D"]})");
  EXPECT_EQ(e.code, "not_your_turn");
  EXPECT_NE(e.message.find("already passed"), std::string::npos) << e.message;
  EXPECT_EQ(Hearts::to_act(passing), 0b1110u);

  State playing = example2_after(4);  // E holds 2C and must lead
  e = refused(playing, S, R"({"type":"play","card":"4C"})");
  EXPECT_EQ(e.code, "not_your_turn");
  EXPECT_NE(e.message.find("seat 1's turn"), std::string::npos) << e.message;
  EXPECT_EQ(refused(playing, 7, R"({"type":"play","card":"4C"})").code, "not_seated");

  State over = at_hand({}, 11, {80, 70, 85, 51}, {deck_for(kMoonHands)});
  play_hand(over, shooter_policy(S));
  ASSERT_EQ(over.phase, Phase::kGameOver);
  for (int seat = 0; seat < 4; ++seat)
    EXPECT_EQ(refused(over, seat, R"({"type":"play","card":"2C"})").code, "not_your_turn");
}

TEST(HeartsLegality, PassMustBeThreeCardsOfYourHand) {
  State s = example2_after(0);
  Error e = refused(s, N, R"({"type":"pass","cards":["5C","6C"]})");
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("exactly 3"), std::string::npos) << e.message;
  EXPECT_EQ(refused(s, N, R"({"type":"pass","cards":["5C","6C","TC","QC"]})").code, "illegal_move");
  e = refused(s, N, R"({"type":"pass","cards":["5C","6C","2C"]})");
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("2C"), std::string::npos) << e.message;
  e = refused(s, E, R"({"type":"play","card":"2C"})");
  EXPECT_EQ(e.code, "illegal_move");
  EXPECT_NE(e.message.find("pass"), std::string::npos) << e.message;
  // Any 3 cards may be passed, 2C and QS included (4.1.2).
  State t = s;
  EXPECT_TRUE(Hearts::apply(t, E, Move::pass(cards("2C 2H 3H"))).ok());
  EXPECT_TRUE(Hearts::apply(t, W, Move::pass(cards("QS AS KH"))).ok());
  std::vector<Move> legal;
  Hearts::legal_moves(s, N, legal);
  EXPECT_EQ(legal.size(), 286u);
  EXPECT_EQ(legal.front(), Move::pass(cards("5C 6C TC")));
  EXPECT_EQ(legal.back(), Move::pass(cards("TH AH JS")));
  EXPECT_TRUE(std::is_sorted(legal.begin(), legal.end(), [](const Move& a, const Move& b) {
    return a.cards.cards() < b.cards.cards();
  }));
}

TEST(HeartsLegality, TrickPlayRefusals) {
  State first = example2_after(4);
  Error e = refused(first, E, R"({"type":"play","card":"3C"})");
  EXPECT_EQ(e.code, "must_lead_two_of_clubs");
  EXPECT_EQ(refused(first, E, R"({"type":"play","card":"AS"})").code, "illegal_move");
  EXPECT_EQ(refused(first, E, R"({"type":"pass","cards":["3C","9C","QC"]})").code, "illegal_move");

  State follow = example2_after(5);  // E led 2C; S holds clubs
  e = refused(follow, S, R"({"type":"play","card":"3D"})");
  EXPECT_EQ(e.code, "must_follow_suit");
  EXPECT_EQ(e.message, "you must follow suit: you hold clubs");
  EXPECT_EQ(refused(follow, S, R"({"type":"play","card":"QH"})").code, "must_follow_suit");

  State lead = example2_after(4 + 6 * 4);  // N leads trick 7; hearts broken in trick 6
  EXPECT_TRUE(lead.hearts_broken);
  State unbroken = example2_after(4 + 3 * 4);  // W leads trick 4 with hearts unbroken
  e = refused(unbroken, W, R"({"type":"play","card":"4H"})");
  EXPECT_EQ(e.code, "hearts_not_broken");
  EXPECT_NE(e.message.find("not broken"), std::string::npos) << e.message;
}

TEST(HeartsLegality, TheTwoOfClubsLeadsWhereverItWasPassed) {
  // Edge case 6: W is dealt 2C and passes it to N, who then leads it.
  PassedDeal deal = left_pass_deal({"2C 3C 4C 5C 6C 7C 8C 9C TC JC QC KC AC",
                                    "QS 2H 9H 4D 5D 6D 7D 8D 9D TD JD QD KD",
                                    "2D 3D AD 3H 4H 5H 6H 7H 8H TH JH QH KH",
                                    "AH 2S 3S 4S 5S 6S 7S 8S 9S TS JS KS AS"});
  ASSERT_NE(deal.passes.find("3:pass:2C"), std::string::npos) << deal.passes;
  json::object r = run(record({}, {deal.deck}, script(deal.passes)));
  EXPECT_EQ(r.at("to_act"), parse("[0]"));
  EXPECT_EQ(r.at("legal"), plays_json("2C"));
}

TEST(HeartsLegality, MovePayloads) {
  auto code = [](std::string_view text) {
    auto m = Hearts::move_from_json(parse(text).as_object());
    return m.ok() ? std::string("ok") : m.error().code + ": " + m.error().message;
  };
  EXPECT_EQ(code(R"({"type":"play","card":"QS"})"), "ok");
  EXPECT_EQ(code(R"({"type":"pass","cards":["QS","2C","AH"]})"), "ok");
  EXPECT_EQ(code(R"({"card":"QS"})").substr(0, 11), "bad_payload");
  EXPECT_NE(code(R"({"type":"bid","tricks":3})").find("unknown move type"), std::string::npos);
  EXPECT_EQ(code(R"({"type":"play","card":"1S"})").substr(0, 11), "bad_payload");
  EXPECT_EQ(code(R"({"type":"play"})").substr(0, 11), "bad_payload");
  EXPECT_EQ(code(R"({"type":"play","card":"X1"})").substr(0, 11), "bad_payload");
  EXPECT_NE(code(R"({"type":"pass","cards":["QS","QS","AH"]})").find("twice"), std::string::npos);
  EXPECT_EQ(code(R"({"type":"pass","cards":"QS"})").substr(0, 11), "bad_payload");
  StatePtr g = replay(json::object{{"game", "hearts"}, {"moves", json::array{}}});
  EXPECT_EQ(g->apply(0, json::value(3)).error().code, "bad_payload");
  EXPECT_EQ(Hearts::move_to_json(Move::pass(cards("AH 2C QS"))),
            parse(R"({"type":"pass","cards":["2C","AH","QS"]})"));
}

// -------------------------------------------------------- options and setup

TEST(HeartsOptions, DefaultsAreNormalized) {
  StatePtr g = *create(json::object{{"game", "hearts"}});
  EXPECT_EQ(g->options(), parse(R"({"pass_cycle":"left-right-across-hold","pass_count":3,
      "first_trick_points":false,"qs_breaks_hearts":false,"moon":"add_to_others",
      "jack_of_diamonds":false,"end_score":100,"tie_rule":"share"})"));
  StatePtr h = *create(json::object{{"options", {{"moon", "off"}, {"end_score", 500}}}});
  EXPECT_EQ(h->options().at("moon"), "off");
  EXPECT_EQ(h->options().at("end_score"), 500);
}

TEST(HeartsOptions, BadValuesNameTheKey) {
  const std::vector<std::pair<std::string, json::value>> bad = {
      {"pass_cycle", "right"},        {"pass_count", 4},      {"first_trick_points", "yes"},
      {"qs_breaks_hearts", 1},        {"moon", "new"},        {"jack_of_diamonds", nullptr},
      {"end_score", 24},              {"end_score", 501},     {"tie_rule", "split"},
      {"end_score", "100"}};
  for (const auto& [key, value] : bad) {
    if (value.is_null()) continue;  // null means "default", as for any option
    auto r = create(json::object{{"options", json::object{{key, value}}}});
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_EQ(r.error().code, "bad_option") << key;
    EXPECT_NE(r.error().message.find("\"" + key + "\""), std::string::npos) << r.error().message;
  }
  auto unknown = create(json::object{{"options", json::object{{"jokers", true}}}});
  EXPECT_EQ(unknown.error().code, "bad_option");
  EXPECT_NE(unknown.error().message.find("jokers"), std::string::npos);
}

TEST(HeartsOptions, BadRecords) {
  auto players = create(json::object{{"players", 3}});
  EXPECT_EQ(players.error().code, "bad_record");
  EXPECT_NE(players.error().message.find("4 players"), std::string::npos);
  auto dealer = create(json::object{{"dealer", 4}});
  EXPECT_EQ(dealer.error().code, "bad_record");
  std::vector<std::string> short_deck = deck_for(kMoonHands);
  short_deck.pop_back();
  json::object r = run(record({}, {short_deck}, {}));
  EXPECT_EQ(r.at("error").at("code"), "bad_record");
  std::vector<std::string> twice = deck_for(kMoonHands);
  twice[0] = twice[1];
  EXPECT_EQ(run(record({}, {twice}, {})).at("error").at("code"), "bad_record");
}

TEST(HeartsDeal, SeedDealerAndReproducibleDeal) {
  // game-records.md test vectors: "12345:dealer" draws 3 first; "12345:0"
  // shuffles to AD JC 9C 5S 6S JD ...; with dealer 3, d[k] goes to seat k mod 4.
  StatePtr g = *create(json::object{{"seed", 12345}});
  EXPECT_EQ(g->view(0).at("dealer"), 3);
  const State& s = typed(g);
  EXPECT_TRUE(s.hands[N].contains(card("AD")) && s.hands[N].contains(card("6S")));
  EXPECT_TRUE(s.hands[E].contains(card("JC")) && s.hands[E].contains(card("JD")));
  EXPECT_TRUE(s.hands[S].contains(card("9C")) && s.hands[S].contains(card("JS")));
  EXPECT_TRUE(s.hands[W].contains(card("5S")) && s.hands[W].contains(card("QC")));
  // After a hand the deal passes to the left: hand 5 is dealt by N.
  State next = at_hand({}, 3, {26, 26, 13, 13}, {deck_for(kMoonHands)});
  EXPECT_EQ(Hearts::dealer(next), W);
  play_hand(next, shooter_policy(S));
  EXPECT_EQ(next.hand_index, 4);
  EXPECT_EQ(Hearts::dealer(next), N);
  EXPECT_EQ(Hearts::view(next, N).at("dealer"), N);
  EXPECT_EQ(next.phase, Phase::kPassing);
}

// ------------------------------------------------------------- information

TEST(HeartsViews, PassesAreSecretUntilTheExchange) {
  State s = example2_after(1);  // N chose AH KD QC
  json::object mine = Hearts::view(s, N);
  EXPECT_EQ(mine.at("pass"),
            parse(R"({"direction":"left","to":1,"from":3,"cards":["QC","KD","AH"],"received":null})"));
  EXPECT_EQ(mine.at("passed"), parse("[true, false, false, false]"));
  json::object receiver = Hearts::view(s, E);
  EXPECT_EQ(receiver.at("pass").at("cards"), nullptr);
  EXPECT_EQ(receiver.at("pass").at("received"), nullptr);
  auto hidden_e = Hearts::hidden_from(s, E);
  EXPECT_NE(std::find(hidden_e.begin(), hidden_e.end(), card("AH")), hidden_e.end());

  State after = example2_after(4);
  EXPECT_EQ(Hearts::view(after, E).at("pass").at("received"), parse(R"(["QC","KD","AH"])"));
  // The passer still knows where his cards went; the others do not.
  auto hidden_n = Hearts::hidden_from(after, N);
  for (const char* c : {"QC", "KD", "AH"})
    EXPECT_EQ(std::find(hidden_n.begin(), hidden_n.end(), card(c)), hidden_n.end()) << c;
  auto hidden_s = Hearts::hidden_from(after, S);
  EXPECT_NE(std::find(hidden_s.begin(), hidden_s.end(), card("AH")), hidden_s.end());
}

TEST(HeartsViews, SpectatorsSeeOnlyPublicFacts) {
  State s = example2_after(6);
  json::object v = Hearts::view(s, std::nullopt);
  EXPECT_EQ(v.at("seat"), nullptr);
  EXPECT_EQ(v.at("cards"), nullptr);
  EXPECT_EQ(v.at("pass"), nullptr);
  EXPECT_EQ(v.at("card_counts"), parse("[13, 12, 12, 13]"));
  EXPECT_EQ(v.at("trick"), parse(R"({"leader":1,"cards":[{"seat":1,"card":"2C"},{"seat":2,"card":"8C"}]})"));
  EXPECT_EQ(v.at("trick_number"), 1);
  EXPECT_EQ(v.at("hand"), 1);
  EXPECT_EQ(v.at("phase"), "playing");
  EXPECT_EQ(v.at("hand_seed_sha256"), nullptr);  // explicit deal
  EXPECT_EQ(Hearts::hidden_from(s, std::nullopt).size(), 50u);
  json::object seat = Hearts::view(s, W);
  EXPECT_EQ(seat.at("cards"), card_list(cards("KC QD AD 4H 5H 6H 8H JH 2S 3S 9S QS KS")));
}

TEST(HeartsViews, LiveGameWaitsForEachHandSeed) {
  StatePtr g = *create(json::object{{"seed", 5}}, /*live=*/true);
  EXPECT_TRUE(g->awaiting_hand_seed());
  EXPECT_TRUE(g->to_act().empty());
  EXPECT_EQ(g->view(0).at("cards"), json::array{});
  EXPECT_EQ(g->view(0).at("hand_seed_sha256"), nullptr);
  EXPECT_EQ(g->all_cards().size(), 52u);
  g = g->with_hand_seed("first-hand-seed");
  EXPECT_FALSE(g->awaiting_hand_seed());
  EXPECT_EQ(g->to_act().size(), 4u);
  EXPECT_EQ(g->view(0).at("hand_seed_sha256"), json::value(sha256_hex("first-hand-seed")));
  EXPECT_FALSE(g->view(0).contains("hand_seed"));
  // Play the hand out with the first legal move each time.
  while (!g->awaiting_hand_seed()) {
    int seat = g->to_act().front();
    g = *g->apply(seat, g->legal_moves(seat).front());
  }
  json::object v = g->view(2);
  EXPECT_EQ(v.at("phase"), "dealing");
  EXPECT_EQ(v.at("hand"), 2);
  EXPECT_EQ(v.at("tricks").as_array().size(), 13u);  // the finished hand, for review
  EXPECT_EQ(v.at("hands").at(0).at("hand_seed"), "first-hand-seed");
  EXPECT_EQ(v.at("hand_seed_sha256"), nullptr);
  g = g->with_hand_seed("second");
  EXPECT_EQ(g->view(2).at("tricks"), json::array{});
  EXPECT_EQ(g->view(2).at("pass_direction"), "right");
}

TEST(HeartsState, JsonRoundTripAndValidation) {
  State s = example2_after(30);
  json::value j = Hearts::state_to_json(s);
  auto back = Hearts::state_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, s);
  EXPECT_EQ(json::serialize(Hearts::state_to_json(*back)), json::serialize(j));
  EXPECT_EQ(Hearts::state_from_json(json::value(1)).error().code, "bad_state");
  json::object broken = j.as_object();
  broken["totals"] = parse("[1, 2, 3, 4]");
  auto r = Hearts::state_from_json(broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("totals"), std::string::npos) << r.error().message;
  broken = j.as_object();
  broken["hands"].as_array()[0].as_array().emplace_back("2C");
  EXPECT_EQ(Hearts::state_from_json(broken).error().code, "bad_state");
  broken = j.as_object();
  std::swap(broken["taken"].as_array()[N], broken["taken"].as_array()[W]);
  r = Hearts::state_from_json(broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("tricks won"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace parlor::rules::hearts
