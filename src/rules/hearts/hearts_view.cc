// Hearts: what each seat may see (rules section 8), the result object, and the
// checks the conformance suite uses (cards, hidden cards, invariants).
#include <algorithm>
#include <numeric>

#include "base/check.h"
#include "rules/hearts/hearts.h"
#include "rules/hearts/hearts_internal.h"
#include "rules/json_util.h"

namespace parlor::rules::hearts {
namespace {

constexpr CardSet kFullDeck{(std::uint64_t{1} << kDeckSize) - 1};

bool seated(Viewer viewer) { return viewer && *viewer >= 0 && *viewer < kPlayers; }

// The pass has been made: a passing hand whose trick play has begun (or ended).
bool exchanged(const State& s) {
  return Hearts::current_pass(s) != PassDirection::kHold &&
         (s.phase == Phase::kPlaying || s.phase == Phase::kGameOver);
}

// Objects are built whole from their members here (one allocation each, no
// re-hashing as members are added one by one): views are the hot path.
json::array seat_cards_json(const State& s, int start, int count, int leader) {
  json::array cards;
  cards.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i)
    cards.emplace_back(json::object{{"seat", (leader + i) % kPlayers}, {"card", s.plays[start + i].str()}});
  return cards;
}

// Completed tricks of the hand on the table, with who played what and who won.
json::array completed_tricks_json(const State& s) {
  json::array tricks;
  tricks.reserve(static_cast<size_t>(s.num_plays / 4));
  int leader = s.opening_leader;
  for (int start = 0; start + 4 <= s.num_plays; start += 4) {
    const int winner = Hearts::trick_winner(s, start, leader);
    CardSet cards;
    for (int i = 0; i < 4; ++i) cards.add(s.plays[start + i]);
    tricks.emplace_back(json::object{{"leader", leader},
                                     {"cards", seat_cards_json(s, start, 4, leader)},
                                     {"winner", winner},
                                     {"points", penalty_points(cards)}});
    leader = winner;
  }
  return tricks;
}

json::value current_trick_json(const State& s) {
  if (s.phase != Phase::kPlaying) return nullptr;
  const int in_trick = s.num_plays & 3;
  return json::object{{"leader", s.leader},
                      {"cards", seat_cards_json(s, s.num_plays - in_trick, in_trick, s.leader)}};
}

// What `seat` knows of this hand's pass (rules 8.2): its own choice once made,
// and what it received once the exchange is done.
json::value pass_json(const State& s, int seat) {
  const PassDirection d = Hearts::current_pass(s);
  if (d == PassDirection::kHold || !(s.phase == Phase::kPassing || exchanged(s))) return nullptr;
  json::object p;
  p["direction"] = pass_direction_name(d);
  p["to"] = pass_target(seat, d);
  p["from"] = pass_source(seat, d);
  const bool chosen = (s.passed_mask >> seat) & 1u;
  p["cards"] = chosen ? json::value(cards_json(s.passes[seat])) : json::value(nullptr);
  p["received"] = exchanged(s) ? json::value(cards_json(s.passes[pass_source(seat, d)]))
                               : json::value(nullptr);
  return p;
}

json::array winners_json(const State& s) {
  json::array w;
  if (s.phase != Phase::kGameOver) return w;
  const int lowest = *std::min_element(s.totals.begin(), s.totals.end());
  for (int seat = 0; seat < kPlayers; ++seat)
    if (s.totals[seat] == lowest) w.emplace_back(seat);
  return w;
}

json::array ints4(const auto& values) {
  json::array a;
  a.reserve(kPlayers);
  for (auto v : values) a.emplace_back(static_cast<int>(v));
  return a;
}

// One completed hand as in the result object of game-records.md.
json::object hand_result_json(const State& s, const HandResult& r) {
  json::object o;
  o.reserve(8);  // with the view's "hand" and seed fields
  o["points"] = ints4(r.points);
  if (r.shooter >= 0) {
    o["moon"] = r.shooter;
    o["moon_scoring"] = r.moon_subtracted ? "subtract_from_shooter" : "add_to_others";
  }
  if (s.options.jack_of_diamonds) o["jack_of_diamonds"] = r.jack_taker;
  return o;
}

std::vector<Card> deck_cards() { return kFullDeck.cards(); }

// Nothing has been dealt yet: a live game waiting for its first seed.
bool nothing_dealt(const State& s) {
  return s.phase == Phase::kDealing && s.num_plays == 0 &&
         std::all_of(s.hands.begin(), s.hands.end(), [](CardSet h) { return h.empty(); });
}

// Every card is in at most one place: a hand or the hand's plays.
std::optional<std::string> broken_locations(const State& s, CardSet& held, CardSet& played) {
  for (CardSet hand : s.hands) {
    if (!(held & hand).empty()) return "a card is in two hands";
    if (!(hand - kFullDeck).empty()) return "a hand holds a card outside the deck";
    held = held | hand;
  }
  for (int i = 0; i < s.num_plays; ++i) {
    const Card c = s.plays[i];
    if (c.id() >= kDeckSize || played.contains(c) || held.contains(c))
      return "card " + c.str() + " was played twice or is still held";
    played.add(c);
  }
  const bool breaks = !(played & kHearts).empty() ||
                      (s.options.qs_breaks_hearts && played.contains(kQueenOfSpades));
  if (s.hearts_broken != breaks) return "hearts_broken disagrees with the plays";
  return std::nullopt;
}

// Replays the hand's tricks: each seat's taken cards are exactly the tricks it
// won, the leader is the last winner, and each hand lost one card per play.
std::optional<std::string> broken_tricks(const State& s) {
  if (s.num_plays == 0) {
    for (CardSet t : s.taken)
      if (!t.empty()) return "cards taken before any play";
    return std::nullopt;
  }
  if (s.opening_leader < 0) return "plays without an opening leader";
  std::array<CardSet, kPlayers> taken{};
  std::array<int, kPlayers> played_by{};
  int leader = s.opening_leader;
  for (int start = 0; start < s.num_plays; start += 4) {
    CardSet trick;
    for (int i = 0; i < 4 && start + i < s.num_plays; ++i) {
      ++played_by[(leader + i) % kPlayers];
      trick.add(s.plays[start + i]);
    }
    if (start + 4 > s.num_plays) break;
    leader = Hearts::trick_winner(s, start, leader);
    taken[leader] = taken[leader] | trick;
  }
  if (taken != s.taken) return "taken cards differ from the tricks won";
  if (s.phase != Phase::kPlaying) return std::nullopt;
  if (leader != s.leader) return "the leader is not the last trick's winner";
  for (int seat = 0; seat < kPlayers; ++seat)
    if (s.hands[seat].size() != kHandSize - played_by[seat]) return "a hand has a wrong card count";
  return std::nullopt;
}

std::optional<std::string> broken_phase(const State& s, CardSet held, CardSet played) {
  switch (s.phase) {
    case Phase::kPassing:
      if (s.num_plays != 0) return "cards played during the pass";
      for (int seat = 0; seat < kPlayers; ++seat) {
        const CardSet pass = s.passes[seat];
        if (s.hands[seat].size() != kHandSize) return "a hand has not 13 cards during the pass";
        if ((s.passed_mask >> seat) & 1u) {
          if (pass.size() != kPassCount || !(pass - s.hands[seat]).empty())
            return "a locked-in pass is not 3 cards of the hand";
        } else if (!pass.empty()) {
          return "a pass was stored before it was made";
        }
      }
      return std::nullopt;
    case Phase::kPlaying:
      if (s.leader < 0 || s.opening_leader < 0) return "no leader in trick play";
      if ((held | played) != kFullDeck) return "cards are missing from the hand";
      if (s.num_plays >= kDeckSize) return "trick play after the 13th trick";
      return std::nullopt;
    case Phase::kDealing:
    case Phase::kGameOver:
      if (!held.empty()) return "cards held between hands";
      if (s.num_plays != kDeckSize && !(s.phase == Phase::kDealing && s.num_plays == 0))
        return "a hand ended before its 13th trick";
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> broken_cards(const State& s) {
  CardSet held, played;
  if (auto e = broken_locations(s, held, played)) return e;
  if (auto e = broken_phase(s, held, played)) return e;
  return broken_tricks(s);
}

std::optional<std::string> broken_scores(const State& s) {
  std::array<int, kPlayers> sums{};
  for (const HandResult& r : s.results) {
    int expected = 26;
    if (r.shooter >= 0) expected = r.moon_subtracted ? -26 : 78;
    if (r.shooter >= 0 && s.options.moon == MoonRule::kOff) return "a moon under moon = off";
    if (r.shooter < 0 && r.moon_subtracted) return "moon scoring without a shooter";
    if ((r.jack_taker >= 0) != s.options.jack_of_diamonds) return "JD bonus without the option";
    if (r.jack_taker >= 0) expected -= 10;
    const int sum = std::accumulate(r.points.begin(), r.points.end(), 0);
    if (sum != expected)
      return "hand points add up to " + std::to_string(sum) + ", not " + std::to_string(expected);
    for (int seat = 0; seat < kPlayers; ++seat) sums[seat] += r.points[seat];
  }
  if (sums != s.totals) return "totals are not the sum of the hand scores";
  const size_t completed = static_cast<size_t>(s.hand_index) + (s.phase == Phase::kGameOver ? 1 : 0);
  if (s.results.size() != completed) return "the number of scored hands does not match the hand number";
  return std::nullopt;
}

}  // namespace

json::object Hearts::seat_view(const State& s, Viewer viewer) {
  const bool is_seat = seated(viewer);
  json::object v;
  v.reserve(4);  // with legal
  v["seat"] = is_seat ? json::value(*viewer) : json::value(nullptr);
  v["cards"] = is_seat ? json::value(cards_json(s.hands[*viewer])) : json::value(nullptr);
  v["pass"] = is_seat ? pass_json(s, *viewer) : json::value(nullptr);
  return v;
}

json::object Hearts::shared_view(const State& s) {
  json::object v;
  v.reserve(32);  // with the generic and the room's fields
  v["hand"] = s.hand_index;  // 0-based like deals and hand_seeds (and every game)
  v["dealer"] = dealer(s);
  v["phase"] = phase_name(s.phase);
  v["pass_direction"] = pass_direction_name(current_pass(s));
  json::array counts, passed;
  counts.reserve(kPlayers);
  passed.reserve(kPlayers);
  const bool in_hand = s.phase == Phase::kPassing || s.phase == Phase::kPlaying;
  for (int seat = 0; seat < kPlayers; ++seat) {
    counts.emplace_back(s.hands[seat].size());
    passed.emplace_back(in_hand && ((s.passed_mask >> seat) & 1u));
  }
  v["card_counts"] = std::move(counts);
  v["passed"] = std::move(passed);
  v["trick_number"] = s.phase == Phase::kPlaying ? json::value(s.num_plays / 4 + 1) : json::value(nullptr);
  v["trick"] = current_trick_json(s);
  json::array tricks = completed_tricks_json(s);
  v["last_trick"] = tricks.empty() ? json::value(nullptr) : tricks.back();
  v["tricks"] = std::move(tricks);
  v["hearts_broken"] = s.hearts_broken;
  std::array<int, kPlayers> taken_points{};
  for (int seat = 0; seat < kPlayers; ++seat) taken_points[seat] = penalty_points(s.taken[seat]);
  v["points_taken"] = ints4(taken_points);
  v["totals"] = ints4(s.totals);
  json::array hands;
  hands.reserve(s.results.size());
  for (size_t k = 0; k < s.results.size(); ++k) {
    json::object h = hand_result_json(s, s.results[k]);
    h["hand"] = static_cast<int>(k);
    s.deals.add_seed_fields(h, static_cast<int>(k), true);
    hands.emplace_back(std::move(h));
  }
  v["hands"] = std::move(hands);
  v["winners"] = winners_json(s);
  v["options"] = options_json(s.options);
  s.deals.add_seed_fields(v, s.hand_index, s.phase == Phase::kGameOver);
  return v;
}

// The text form of shared_view() (write_shared_view), member for member.
namespace {

void write_seat_cards(JsonText& w, const State& s, int start, int count, int leader) {
  w.begin_array();
  for (int i = 0; i < count; ++i)
    w.begin_object().key("seat").number((leader + i) % kPlayers).key("card").card(s.plays[start + i]).end_object();
  w.end_array();
}

// One completed trick, as completed_tricks_json(s) writes it; returns its winner.
int write_trick(JsonText& w, const State& s, int start, int leader) {
  const int winner = Hearts::trick_winner(s, start, leader);
  CardSet cards;
  for (int i = 0; i < 4; ++i) cards.add(s.plays[start + i]);
  w.begin_object().key("leader").number(leader).key("cards");
  write_seat_cards(w, s, start, 4, leader);
  w.key("winner").number(winner).key("points").number(penalty_points(cards)).end_object();
  return winner;
}

void write_hand_result(JsonText& w, const State& s, const HandResult& r) {
  w.key("points").numbers(r.points);
  if (r.shooter >= 0) {
    w.key("moon").number(r.shooter);
    w.key("moon_scoring").string(r.moon_subtracted ? "subtract_from_shooter" : "add_to_others");
  }
  if (s.options.jack_of_diamonds) w.key("jack_of_diamonds").number(r.jack_taker);
}

}  // namespace

void Hearts::write_seat_view(JsonText& w, const State& s, Viewer viewer) {
  w.key("cards");
  if (!seated(viewer)) {
    w.null().key("pass").null();
    return;
  }
  const int seat = *viewer;
  w.cards(s.hands[seat]).key("pass");
  const PassDirection d = current_pass(s);
  if (d == PassDirection::kHold || !(s.phase == Phase::kPassing || exchanged(s))) {
    w.null();
    return;
  }
  w.begin_object().key("direction").string(pass_direction_name(d));
  w.key("to").number(pass_target(seat, d)).key("from").number(pass_source(seat, d));
  w.key("cards");
  if ((s.passed_mask >> seat) & 1u) w.cards(s.passes[seat]);
  else w.null();
  w.key("received");
  if (exchanged(s)) w.cards(s.passes[pass_source(seat, d)]);
  else w.null();
  w.end_object();
}

namespace {

// The hand whose plays are in `plays`: while the next hand waits for its
// seed, the last one's are still on the table.
int plays_hand(const State& s) { return s.phase == Phase::kDealing ? s.hand_index - 1 : s.hand_index; }

void memo_tricks(ViewMemo& m, const ViewMemo* before, const State& s) {
  const int hand = plays_hand(s), done = s.num_plays / 4;
  m.plays_hand = hand;
  std::string text;
  // A memo with no trick yet is not used: the leader of a hand's first trick
  // is known only once the pass is over.
  if (before && before->plays_hand == hand && before->tricks > 0 && before->tricks <= done) {
    m.tricks = before->tricks;
    m.next_leader = before->next_leader;
    m.last_at = before->last_at;
    m.tricks_text = before->tricks_text;
    if (m.tricks == done) return;
    if (m.tricks_text) text = *m.tricks_text;
  } else {
    m.tricks = 0;
    m.next_leader = s.opening_leader;
    m.tricks_text.reset();
    if (done == 0) return;
  }
  for (; m.tricks < done; ++m.tricks) {
    if (!text.empty()) text += ',';
    m.last_at = text.size();
    JsonText w(text);
    m.next_leader = write_trick(w, s, m.tricks * 4, m.next_leader);
  }
  m.tricks_text = std::make_shared<const std::string>(std::move(text));
}

void memo_hands(ViewMemo& m, const ViewMemo* before, const State& s) {
  const size_t n = s.results.size();
  std::string text;
  m.hands = 0;
  if (before && before->hands <= n) {
    m.hands = before->hands;
    m.hands_text = before->hands_text;
    if (m.hands == n) return;
    if (m.hands_text) text = *m.hands_text;
  }
  for (; m.hands < n; ++m.hands) {
    if (!text.empty()) text += ',';
    JsonText w(text);
    w.begin_object();
    write_hand_result(w, s, s.results[m.hands]);
    w.key("hand").number(static_cast<std::int64_t>(m.hands));
    s.deals.write_seed_fields(w, static_cast<int>(m.hands), true);
    w.end_object();
  }
  m.hands_text = std::make_shared<const std::string>(std::move(text));
}

}  // namespace

ViewMemo Hearts::view_memo(const ViewMemo* before, const State& s) {
  ViewMemo m;
  memo_tricks(m, before, s);
  memo_hands(m, before, s);
  if (before && before->options_text) {
    m.options_text = before->options_text;  // a game's options never change
  } else {
    std::string text;
    JsonText w(text);
    write_options(w, s.options);
    m.options_text = std::make_shared<const std::string>(std::move(text));
  }
  return m;
}

void Hearts::write_shared_view(JsonText& w, const State& s, const ViewMemo& m) {
  PARLOR_CHECK(m.plays_hand == plays_hand(s) && m.tricks == s.num_plays / 4 && m.hands == s.results.size(),
               "a view memo of another state: memo hand " << m.plays_hand << " tricks " << m.tricks
                   << " hands " << m.hands << "; state hand " << s.hand_index << " plays "
                   << int{s.num_plays} << " results " << s.results.size());
  w.key("hand").number(s.hand_index);
  w.key("dealer").number(dealer(s));
  w.key("phase").string(phase_name(s.phase));
  w.key("pass_direction").string(pass_direction_name(current_pass(s)));
  const bool in_hand = s.phase == Phase::kPassing || s.phase == Phase::kPlaying;
  w.key("card_counts").begin_array();
  for (int seat = 0; seat < kPlayers; ++seat) w.number(s.hands[seat].size());
  w.end_array().key("passed").begin_array();
  for (int seat = 0; seat < kPlayers; ++seat) w.boolean(in_hand && ((s.passed_mask >> seat) & 1u));
  w.end_array();
  w.key("trick_number");
  if (s.phase == Phase::kPlaying) w.number(s.num_plays / 4 + 1);
  else w.null();
  w.key("trick");
  if (s.phase == Phase::kPlaying) {
    const int in_trick = s.num_plays & 3;
    w.begin_object().key("leader").number(s.leader).key("cards");
    write_seat_cards(w, s, s.num_plays - in_trick, in_trick, s.leader);
    w.end_object();
  } else {
    w.null();
  }
  w.key("tricks").begin_array();
  if (m.tricks_text) w.raw(*m.tricks_text);
  w.end_array().key("last_trick");
  if (m.tricks > 0) w.raw(std::string_view(*m.tricks_text).substr(m.last_at));
  else w.null();
  w.key("hearts_broken").boolean(s.hearts_broken);
  w.key("points_taken").begin_array();
  for (int seat = 0; seat < kPlayers; ++seat) w.number(penalty_points(s.taken[seat]));
  w.end_array();
  w.key("totals").numbers(s.totals);
  w.key("hands").begin_array();
  if (m.hands_text) w.raw(*m.hands_text);
  w.end_array();
  w.key("winners").begin_array();
  if (s.phase == Phase::kGameOver) {
    const int lowest = *std::min_element(s.totals.begin(), s.totals.end());
    for (int seat = 0; seat < kPlayers; ++seat)
      if (s.totals[seat] == lowest) w.number(seat);
  }
  w.end_array();
  w.key("options").raw(*m.options_text);
  s.deals.write_seed_fields(w, s.hand_index, s.phase == Phase::kGameOver);
}

json::object Hearts::result(const State& s) {
  json::object r;
  r["status"] = status(s);
  json::array hands;
  for (const HandResult& h : s.results) hands.emplace_back(hand_result_json(s, h));
  r["hands"] = std::move(hands);
  r["totals"] = ints4(s.totals);
  r["winners"] = winners_json(s);
  return r;
}

std::vector<Card> Hearts::all_cards(const State& s) {
  if (nothing_dealt(s)) return deck_cards();  // still in the undealt deck
  std::vector<Card> out;
  out.reserve(kDeckSize);
  for (CardSet h : s.hands)
    for (Card c : h) out.push_back(c);
  out.insert(out.end(), s.plays.begin(), s.plays.begin() + s.num_plays);
  return out;
}

std::vector<Card> Hearts::hidden_from(const State& s, Viewer viewer) {
  if (nothing_dealt(s)) return deck_cards();
  CardSet hidden;
  for (int seat = 0; seat < kPlayers; ++seat)
    if (!viewer || seat != *viewer) hidden = hidden | s.hands[seat];
  // The passer still knows where the 3 cards he gave went (rules 8.2).
  if (seated(viewer) && exchanged(s)) hidden = hidden - s.passes[*viewer];
  return hidden.cards();
}

std::optional<std::string> Hearts::broken_invariant(const State& s) {
  if (auto cards = broken_cards(s)) return cards;
  return broken_scores(s);
}

}  // namespace parlor::rules::hearts
