// Klondike: options, records, payloads and the legality of each rule. Time,
// full games, views and random-play properties are in klondike_play_test.cc,
// the worked examples in klondike_examples_test.cc.
#include "rules/klondike/klondike_test_util.h"

namespace parlor::rules::klondike::testing {
namespace {

// ---------------------------------------------------------------- options and records

std::string create_error(const json::object& rec, const std::string& code) {
  json::object result = run(rec);
  EXPECT_EQ(error_code(result), code) << json::serialize(rec);
  EXPECT_TRUE(result.at("error").as_object().at("move").is_null());
  return std::string(result.at("error").as_object().at("message").as_string());
}

TEST(KlondikeOptions, Defaults) {
  StatePtr s = play(record({}, {}));
  EXPECT_EQ(s->options(), (json::object{{"draw", 1},
                                        {"scoring", "standard"},
                                        {"max_passes", 0},
                                        {"vegas_cumulative", false},
                                        {"timed", false},
                                        {"foundation_to_tableau", true},
                                        {"undo", "unlimited"},
                                        {"auto_complete", true}}));
}

TEST(KlondikeOptions, VegasFixesThePassLimit) {
  EXPECT_EQ(play(record({{"scoring", "vegas"}}, {}))->options().at("max_passes"), json::value(1));
  EXPECT_EQ(play(record({{"scoring", "vegas"}, {"draw", 3}}, {}))->options().at("max_passes"),
            json::value(3));
  EXPECT_EQ(
      play(record({{"scoring", "vegas"}, {"draw", 3}, {"max_passes", 3}}, {}))->options().at("max_passes"),
      json::value(3));
  EXPECT_NE(create_error(record({{"scoring", "vegas"}, {"max_passes", 0}}, {}), "bad_option")
                .find("\"max_passes\""),
            std::string::npos);
  EXPECT_EQ(play(record({{"scoring", "vegas"}}, {}))->view(0).at("score"), json::value(-52));
}

TEST(KlondikeOptions, BadValuesNameTheKey) {
  const std::pair<const char*, json::value> bad[] = {
      {"draw", 2},
      {"scoring", "golf"},
      {"max_passes", 11},
      {"max_passes", -1},
      {"vegas_cumulative", 1},
      {"timed", "yes"},
      {"foundation_to_tableau", "no"},
      {"undo", "once"},
      {"auto_complete", "on"},
      {"colour", true},
  };
  for (const auto& [key, value] : bad) {
    json::object options{{key, value}};
    std::string msg = create_error(record(options, {}), "bad_option");
    EXPECT_NE(msg.find(std::string("\"") + key + "\""), std::string::npos) << msg;
  }
  EXPECT_NE(create_error(record({{"timed", true}, {"scoring", "vegas"}}, {}), "bad_option").find("\"timed\""),
            std::string::npos);
  EXPECT_NE(create_error(record({{"timed", true}, {"scoring", "none"}}, {}), "bad_option").find("\"timed\""),
            std::string::npos);
  EXPECT_NE(create_error(record({{"vegas_cumulative", true}}, {}), "bad_option").find("\"vegas_cumulative\""),
            std::string::npos);
}

TEST(KlondikeRecord, PlayersDealerAndDecks) {
  json::object two = record({}, {});
  two["players"] = 2;
  EXPECT_NE(create_error(two, "bad_record").find("players"), std::string::npos);
  json::object dealer = record({}, {});
  dealer["dealer"] = 1;
  EXPECT_NE(create_error(dealer, "bad_record").find("dealer"), std::string::npos);
  json::object no_players = record({}, cards_of(kExampleDeck));
  no_players.erase("players");
  EXPECT_EQ(error_code(run(no_players)), "");
  json::array short_deck = cards_of(kExampleDeck);
  short_deck.pop_back();
  create_error(record({}, short_deck), "bad_record");
  json::array twice = cards_of(kExampleDeck);
  twice[1] = "AS";
  create_error(record({}, twice), "bad_record");
  json::object two_deals = record({}, cards_of(kExampleDeck));
  two_deals["deals"].as_array().push_back(cards_of(kExampleDeck));
  EXPECT_NE(create_error(two_deals, "bad_record").find("one deal"), std::string::npos);
}

TEST(KlondikeRecord, SeededDealUsesThePortableShuffle) {
  json::object rec = record({}, {});
  rec["seed"] = 12345;  // "12345:0" shuffles to AD JC 9C 5S 6S JD JS QC ...
  StatePtr s = play(rec);
  json::array tableau = s->view(0).at("tableau").as_array();
  EXPECT_EQ(tableau[0], cards_of("AD"));
  EXPECT_EQ(tableau[1], (json::array{nullptr, "QC"}));
  EXPECT_EQ(s->to_json().at("tableau").as_array()[1].at("down"), cards_of("JC"));
  EXPECT_EQ(s->view(0).at("hand_seed_sha256").as_string().size(), 64u);
  EXPECT_FALSE(s->view(0).contains("hand_seed"));
  StatePtr over = must(s, simple("abandon"));
  EXPECT_EQ(over->view(0).at("hand_seed"), json::value("12345:0"));
}

TEST(KlondikeRecord, LiveGameWaitsForItsSeed) {
  auto setup = setup_from_record(record({}, {}), /*live=*/true);
  ASSERT_TRUE(setup.ok());
  StatePtr s = *game_type().create(*setup);
  EXPECT_TRUE(s->awaiting_hand_seed());
  EXPECT_TRUE(s->to_act().empty());
  EXPECT_TRUE(s->legal_moves(0).empty());
  refused(s, draw(), "not_your_turn");
  const json::object waiting = s->view(0);
  for (const auto& col : waiting.at("tableau").as_array()) EXPECT_TRUE(col.as_array().empty());
  EXPECT_EQ(waiting.at("dealt"), json::value(false));
  StatePtr dealt = s->with_hand_seed("12345:0");
  EXPECT_FALSE(dealt->awaiting_hand_seed());
  EXPECT_EQ(dealt->to_act(), std::vector<int>{0});
  EXPECT_EQ(dealt->view(0).at("tableau").as_array()[0], cards_of("AD"));
}

// ---------------------------------------------------------------- payloads and turns

TEST(KlondikeMoves, BadPayloads) {
  StatePtr s = play(record({}, cards_of(kExampleDeck)));
  for (const char* text :
       {R"({"type":"fly"})", R"({"type":7})", R"({})", R"({"type":"move","from":"stock","to":"f1"})",
        R"({"type":"move","from":"t1"})", R"({"type":"move","from":"t8","to":"f1"})",
        R"({"type":"move","from":"t1","to":"f5"})", R"({"type":"move","from":"t1","to":"f1","card":"ZZ"})",
        R"({"type":"move","from":"t1","to":"f1","card":"X1"})", R"({"type":"draw","t":-1})",
        R"({"type":"draw","t":"soon"})"}) {
    auto next = s->apply(0, json::parse(text));
    ASSERT_FALSE(next.ok()) << text;
    EXPECT_EQ(next.error().code, "bad_payload") << text;
  }
  auto not_object = s->apply(0, json::value(3));
  EXPECT_EQ(not_object.error().code, "bad_payload");
}

TEST(KlondikeMoves, MoveJsonRoundTrip) {
  for (const char* text :
       {R"({"type":"draw"})", R"({"type":"recycle","t":12})",
        R"({"type":"move","from":"waste","to":"f3","card":"AH"})", R"({"type":"move","from":"t2","to":"t7"})",
        R"({"type":"auto_complete"})", R"({"type":"undo","t":0})", R"({"type":"abandon"})"}) {
    auto m = Klondike::move_from_json(json::parse(text).as_object());
    ASSERT_TRUE(m.ok()) << text;
    EXPECT_EQ(Klondike::move_to_json(*m), json::parse(text)) << text;
  }
}

TEST(KlondikeMoves, OnlySeatZeroWhileInProgress) {
  StatePtr s = play(record({}, cards_of(kExampleDeck)));
  State st = typed(s);
  EXPECT_EQ(Klondike::apply(st, 1, Move{MoveType::kDraw}).error().code, "not_your_turn");
  EXPECT_EQ(st, typed(s));
  EXPECT_EQ(s->apply(1, draw()).error().code, "not_seated");
  StatePtr over = must(s, simple("abandon"));
  EXPECT_EQ(over->status(), "abandoned");
  EXPECT_TRUE(over->to_act().empty());
  EXPECT_TRUE(over->legal_moves(0).empty());
  EXPECT_NE(refused(over, draw(), "not_your_turn").find("abandoned"), std::string::npos);
  json::object result = over->result();
  EXPECT_EQ(result.at("winners"), json::array{});
  EXPECT_EQ(result.at("hands").as_array()[0].at("points"), json::array{0});
  EXPECT_EQ(result.at("hands").as_array()[0].at("won"), json::value(false));
  EXPECT_TRUE(s->result().at("hands").as_array().empty());  // no completed deal yet
}

// ---------------------------------------------------------------- rules of play

StatePtr example(size_t actions, json::object options = {}) {
  json::array moves{mv("t1", "f1", "AS"), mv("t4", "f1", "2S"), mv("t3", "t2", "7H"), mv("t6", "t2", "6C"),
                    mv("t7", "t1", "KD")};
  moves.erase(moves.begin() + static_cast<std::ptrdiff_t>(actions), moves.end());
  return play(record(std::move(options), cards_of(kExampleDeck), moves));
}

TEST(KlondikeRules, DrawAndRecycle) {
  StatePtr s = example(0);
  refused(s, simple("recycle"));  // the stock is not empty
  for (int i = 0; i < 24; ++i) s = must(s, draw());
  EXPECT_FALSE(has_legal(s, draw()));
  EXPECT_NE(refused(s, draw()).find("recycle"), std::string::npos);
  s = must(s, simple("recycle"));
  s = must(s, draw());
  EXPECT_EQ(s->view(0).at("waste").as_array(), cards_of("3S"));  // 9.2: the first card drawn is first again
  EXPECT_EQ(s->view(0).at("recycles").as_int64(), 1);
}

TEST(KlondikeRules, PassLimits) {
  StatePtr one = example(0, {{"max_passes", 1}});
  for (int i = 0; i < 24; ++i) one = must(one, draw());
  EXPECT_FALSE(has_legal(one, simple("recycle")));
  EXPECT_NE(refused(one, simple("recycle")).find("1 pass"), std::string::npos);
  StatePtr two = example(0, {{"max_passes", 2}});
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < 24; ++i) two = must(two, draw());
    if (pass == 0) two = must(two, simple("recycle"));
  }
  refused(two, simple("recycle"));
  EXPECT_EQ(score(two), 0);  // -100 floored
}

TEST(KlondikeRules, DrawThreeDrawsWhatIsLeft) {
  json::array moves{mv("t1", "f1"), mv("t4", "f1"), mv("t3", "t2"),         mv("t6", "t2"),
                    mv("t7", "t1"), draw(),         mv("waste", "t2", "5D")};
  for (int i = 0; i < 7; ++i) moves.push_back(draw());
  moves.push_back(simple("recycle"));
  for (int i = 0; i < 7; ++i) moves.push_back(draw());
  StatePtr s = play(record({{"draw", 3}}, cards_of(kExampleDeck), moves));
  EXPECT_EQ(s->view(0).at("stock").as_int64(), 2);
  StatePtr drawn = must(s, draw());
  EXPECT_EQ(drawn->view(0).at("stock").as_int64(), 0);
  EXPECT_EQ(drawn->view(0).at("waste_count").as_int64(), 23);
  json::array last_two = s->to_json().at("stock").as_array();
  json::array shown = drawn->view(0).at("waste").as_array();
  EXPECT_EQ(shown.size(), 3u);
  EXPECT_EQ(shown[1], last_two[0]);
  EXPECT_EQ(shown[2], last_two[1]);
  StatePtr undone = must(drawn, simple("undo"));  // 4.8.2: back to the stock in order
  EXPECT_EQ(undone->to_json().at("stock"), s->to_json().at("stock"));
  EXPECT_EQ(undone->to_json().at("waste"), s->to_json().at("waste"));
}

TEST(KlondikeRules, FoundationsArePositions) {
  StatePtr s = example(0);
  for (const char* f : {"f1", "f2", "f3", "f4"}) EXPECT_TRUE(has_legal(s, mv("t1", f, "AS")));
  StatePtr f3 = must(s, mv("t1", "f3", "AS"));
  EXPECT_EQ(f3->view(0).at("foundations"), (json::array{nullptr, nullptr, "AS", nullptr}));
  EXPECT_EQ(refused(f3, mv("t4", "f1", "2S")), "f1 is empty: only an ace may start a foundation, not 2S");
  must(f3, mv("t4", "f3", "2S"));
  EXPECT_NE(refused(f3, mv("f3", "f1")).find("one foundation to another"), std::string::npos);
  refused(f3, mv("t1", "waste"));
  refused(f3, mv("t4", "t4"));
  EXPECT_EQ(refused(f3, mv("t1", "f1")), "column 1 is empty");
  EXPECT_EQ(refused(f3, mv("waste", "f1")), "the waste is empty");
  EXPECT_EQ(refused(f3, mv("f1", "t2")), "f1 is empty");
}

TEST(KlondikeRules, EmptyColumnsTakeOnlyKings) {
  StatePtr s = example(1);  // column 1 is empty
  std::string msg = refused(s, mv("t2", "t1", "8C"));
  EXPECT_NE(msg.find("only a king"), std::string::npos) << msg;
  refused(s, mv("t2", "t1"));
  StatePtr king = must(s, mv("t7", "t1"));  // 9.6: uncovers TC
  EXPECT_EQ(king->view(0).at("tableau").as_array()[6].as_array().back(), json::value("TC"));
  EXPECT_EQ(score(king), 15);
}

TEST(KlondikeRules, PartOfARunMoves) {
  // Position of Example 4: column 1 is KD QC JD TS, column 3 is KH.
  json::array moves;
  for (auto m : {mv("t1", "f1"), mv("t4", "f1"), mv("t3", "t2"), mv("t6", "t2"), mv("t7", "t1"), draw(),
                 mv("waste", "f1"), mv("t6", "f1"), mv("t3", "t4"), draw(), mv("waste", "t1"),
                 mv("t4", "t1", "JD"), draw(), mv("waste", "t2"), mv("f1", "t2")})
    moves.push_back(m);
  StatePtr s = play(record({}, cards_of(kExampleDeck), moves));
  for (const json::object& m : {mv("t1", "t3", "QC"), mv("t1", "t3")}) {
    StatePtr moved = must(s, m);
    json::array tableau = moved->view(0).at("tableau").as_array();
    EXPECT_EQ(tableau[0], cards_of("KD"));
    EXPECT_EQ(tableau[2], cards_of("KH QC JD TS"));
    EXPECT_EQ(score(moved), score(s));  // A6 scores nothing
  }
  EXPECT_NE(refused(s, mv("t1", "f1", "JD")).find("only the top card of column 1"), std::string::npos);
  refused(s, mv("t1", "t3", "JD"));
}

TEST(KlondikeRules, FoundationToTableauOption) {
  json::array moves;
  for (auto m : {mv("t1", "f1"), mv("t4", "f1"), mv("t3", "t2"), mv("t6", "t2"), mv("t7", "t1"), draw(),
                 mv("waste", "f1"), mv("t6", "f1"), mv("t3", "t4"), draw(), mv("waste", "t1"),
                 mv("t4", "t1", "JD"), draw(), mv("waste", "t2")})
    moves.push_back(m);
  StatePtr on = play(record({}, cards_of(kExampleDeck), moves));
  EXPECT_TRUE(has_legal(on, mv("f1", "t2", "4S")));
  EXPECT_NE(refused(on, mv("f1", "t2", "3S")).find("only the top card of f1"), std::string::npos);
  StatePtr off = play(record({{"foundation_to_tableau", false}}, cards_of(kExampleDeck), moves));
  EXPECT_FALSE(has_legal(off, mv("f1", "t2", "4S")));
  EXPECT_NE(refused(off, mv("f1", "t2", "4S")).find("off at this table"), std::string::npos);
  StatePtr vegas = play(record({{"scoring", "vegas"}}, cards_of(kExampleDeck), moves));
  EXPECT_EQ(score(must(vegas, mv("f1", "t2"))), score(vegas) - 5);  // 9.7
}

TEST(KlondikeRules, WasteCardMustBeTheTop) {
  StatePtr s = must(example(0), draw());
  EXPECT_EQ(refused(s, mv("waste", "f1", "QC")),
            "only the top card of the waste can be played: it is 3S, not QC");
}

TEST(KlondikeRules, UndoOptionAndEmptyHistory) {
  StatePtr s = example(0);
  EXPECT_FALSE(has_legal(s, simple("undo")));
  EXPECT_EQ(refused(s, simple("undo")), "nothing to undo");
  StatePtr off = must(example(0, {{"undo", "off"}}), draw());
  EXPECT_FALSE(has_legal(off, simple("undo")));
  EXPECT_EQ(refused(off, simple("undo")), "undo is off at this table");
}

TEST(KlondikeRules, UndoRestoresTurnUpsAndScore) {
  StatePtr before = example(3);
  StatePtr after = must(before, mv("t6", "t2", "6C"));  // turns up 4S: +5
  EXPECT_EQ(score(after), 35);
  StatePtr undone = must(after, simple("undo"));
  State a = typed(undone), b = typed(before);
  EXPECT_EQ(a.moves, b.moves + 2);  // the move counter is not turned back
  a.moves = b.moves;
  EXPECT_EQ(a, b);
  // Undo restores the floored score exactly (9.11), not a recomputed inverse.
  StatePtr r = example(0);
  for (int i = 0; i < 24; ++i) r = must(r, draw());
  r = must(r, simple("recycle"));
  EXPECT_EQ(score(r), 0);
  EXPECT_EQ(score(must(r, simple("undo"))), 0);
}

TEST(KlondikeRules, AutoCompleteOption) {
  json::object st = state_json({{"auto_complete", false}});
  json::array tableau;
  for (const char* col : {"KH QS", "KC QD", "KS QH", "KD QC", "", "", ""})
    tableau.push_back(json::object{{"down", json::array{}}, {"up", cards_of(col)}});
  st["tableau"] = std::move(tableau);
  st["stock"] = json::array{};
  st["waste"] = json::array{};
  st["foundations"] = cards_of("JC JD JH JS");
  StatePtr s = from_json(st);
  EXPECT_FALSE(has_legal(s, simple("auto_complete")));
  EXPECT_EQ(refused(s, simple("auto_complete")), "auto-complete is off at this table");
  refused(s, simple("recycle"));  // 9.3: nothing to recycle
  EXPECT_FALSE(has_legal(s, draw()));
}

TEST(KlondikeState, FromJsonRejectsBrokenStates) {
  json::object good = state_json({});
  EXPECT_TRUE(game_type().from_json(good).ok());
  auto rejected = [&](json::object st) {
    auto r = game_type().from_json(st);
    EXPECT_FALSE(r.ok()) << json::serialize(st);
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "bad_state");
    }
  };
  json::object twice = good;
  twice["waste"] = cards_of("AS");  // AS is also on column 1
  rejected(twice);
  json::object bad_run = good;
  bad_run["tableau"].as_array()[0] = json::object{{"down", json::array{}}, {"up", json::array{}}};
  bad_run["tableau"].as_array()[1] = json::object{{"down", cards_of("4D")}, {"up", cards_of("8C AS")}};
  rejected(bad_run);
  json::object negative = good;
  negative["score"] = -5;  // Standard never goes below 0
  rejected(negative);
  json::object no_history = good;
  no_history.erase("history");
  rejected(no_history);
  rejected(json::object{});
}

}  // namespace
}  // namespace parlor::rules::klondike::testing
