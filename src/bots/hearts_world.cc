#include "bots/hearts_world.h"

namespace parlor::bots::hearts_bot {
namespace {

using rules::hearts::Hearts;

constexpr CardSet kDeck{(std::uint64_t{1} << 52) - 1};
constexpr CardSet kNonHearts = kDeck - hr::kHearts;

using Trick = Knowledge::Trick;

Trick trick_of(const json::object& trick) {
  Trick t{int_at(trick, "leader"), {}};
  for (const auto& p : array_at(trick, "cards")) {
    const auto& o = p.as_object();
    t.plays.emplace_back(int_at(o, "seat"), as_card(*find(o, "card")));
  }
  return t;
}

hr::HandResult result_of(const json::object& h, const hr::Options& opt) {
  hr::HandResult r;
  const auto points = int_list(*find(h, "points"));
  for (int p = 0; p < 4; ++p) r.points[p] = static_cast<std::int16_t>(points[p]);
  r.shooter = static_cast<std::int8_t>(int_or(h, "moon", -1));
  if (const auto* how = find(h, "moon_scoring"))
    r.moon_subtracted = how->as_string() == "subtract_from_shooter";
  if (opt.jack_of_diamonds) r.jack_taker = static_cast<std::int8_t>(int_or(h, "jack_of_diamonds", -1));
  return r;
}

// The trick of 4 (or fewer, in play) plays from plays[start], led by `leader`.
Trick trick_in(const hr::State& s, int start, int count, int leader) {
  Trick t{leader, {}};
  for (int i = 0; i < count; ++i) t.plays.emplace_back((leader + i) % 4, s.plays[start + i]);
  return t;
}

// Replays the hand's plays into the state, and narrows what each seat may
// still hold from what the plays showed.
class Replay {
 public:
  Replay(hr::State& s, std::array<CardSet, 4>& allowed) : s_(s), allowed_(allowed) {}

  void trick(const Trick& t, int trick_index) {
    const auto& plays = t.plays;
    if (plays.empty()) return;
    const Suit led = plays[0].second.suit();
    for (size_t i = 0; i < plays.size(); ++i) {
      const auto [seat, card] = plays[i];
      if (i == 0 && card.suit() == Suit::kHearts && !s_.hearts_broken)
        allowed_[seat] = allowed_[seat] - kNonHearts;  // led a heart unbroken: only hearts left
      if (i > 0 && card.suit() != led) {
        allowed_[seat] = allowed_[seat] - CardSet::suit(led);  // showed a void
        // A penalty card on trick 1 (where that is restricted): nothing else held.
        if (trick_index == 0 && !s_.options.first_trick_points && hr::kPenaltyCards.contains(card))
          allowed_[seat] = allowed_[seat] & hr::kPenaltyCards;
      }
      s_.plays[s_.num_plays++] = card;
      if (card.suit() == Suit::kHearts || (card == hr::kQueenOfSpades && s_.options.qs_breaks_hearts))
        s_.hearts_broken = true;
    }
  }

 private:
  hr::State& s_;
  std::array<CardSet, 4>& allowed_;
};

// What every phase shares: options, the hand number and dealer, the game so far.
hr::State game_of(const Knowledge& k) {
  hr::State s;
  s.options = k.options;
  s.deals = rules::DealSource("bot", {}, {}, true);
  s.phase = k.phase;
  s.hand_index = static_cast<std::int16_t>(k.hand_index);
  s.first_dealer = static_cast<std::int8_t>(((k.dealer - s.hand_index) % 4 + 4) % 4);
  for (int p = 0; p < 4; ++p) s.totals[p] = k.totals[p];
  s.results = k.results;
  if (s.options.tie_rule == hr::TieRule::kPlayOn)
    for (int t : s.totals) s.playing_on = s.playing_on || t >= s.options.end_score;
  return s;
}

}  // namespace

Knowledge knowledge_of_view(const json::object& view) {
  Knowledge k;
  k.seat = int_at(view, "seat");
  k.phase = string_at(view, "phase") == "passing" ? hr::Phase::kPassing : hr::Phase::kPlaying;
  auto options = hr::read_options(object_at(view, "options"));
  PARLOR_CHECK(options.ok(), "hearts view options: " << options.error().message);
  k.options = *options;
  k.hand_index = int_at(view, "hand");
  k.dealer = int_at(view, "dealer");
  const auto totals = int_list(*find(view, "totals"));
  for (int p = 0; p < 4; ++p) k.totals[p] = totals[p];
  for (const auto& h : array_at(view, "hands")) k.results.push_back(result_of(h.as_object(), k.options));
  k.cards = card_set(*find(view, "cards"));
  const auto counts = int_list(*find(view, "card_counts"));
  for (int p = 0; p < 4; ++p) k.counts[p] = counts[p];
  if (k.phase == hr::Phase::kPassing) return k;
  for (const auto& t : array_at(view, "tricks")) k.tricks.push_back(trick_of(t.as_object()));
  k.current = trick_of(object_at(view, "trick"));
  if (const auto* pass = find(view, "pass")) {
    const auto& p = pass->as_object();
    k.passed = true;
    k.given = card_set(*find(p, "cards"));
    k.received = card_set(*find(p, "received"));
    k.pass_to = int_at(p, "to");
    k.pass_from = int_at(p, "from");
  }
  return k;
}

Knowledge knowledge_of_state(const hr::State& s, int seat) {
  PARLOR_CHECK(s.phase == hr::Phase::kPassing || s.phase == hr::Phase::kPlaying,
               "hearts bot asked for seat " << seat << " between hands");
  Knowledge k;
  k.seat = seat;
  k.phase = s.phase;
  k.options = s.options;
  k.hand_index = s.hand_index;
  k.dealer = Hearts::dealer(s);
  for (int p = 0; p < 4; ++p) k.totals[p] = s.totals[p];
  k.results = s.results;
  k.cards = s.hands[seat];
  for (int p = 0; p < 4; ++p) k.counts[p] = s.hands[p].size();
  if (s.phase == hr::Phase::kPassing) return k;
  int leader = s.opening_leader;
  for (int start = 0; start + 4 <= s.num_plays; start += 4) {
    k.tricks.push_back(trick_in(s, start, 4, leader));
    leader = Hearts::trick_winner(s, start, leader);
  }
  const int in_trick = s.num_plays & 3;
  k.current = trick_in(s, s.num_plays - in_trick, in_trick, s.leader);
  const hr::PassDirection d = Hearts::current_pass(s);
  if (d != hr::PassDirection::kHold) {
    k.passed = true;
    k.pass_to = hr::pass_target(seat, d);
    k.pass_from = hr::pass_source(seat, d);
    k.given = s.passes[seat];
    k.received = s.passes[k.pass_from];
  }
  return k;
}

World read_pass_world(const Knowledge& k) {
  World w;
  const int seat = k.seat;
  w.base = game_of(k);
  w.base.hands[seat] = k.cards;
  w.table.seat = seat;
  w.table.hand = w.base.hands[seat];
  w.table.options = w.base.options;
  int place = 0;
  for (int other = 0; other < 4; ++other) {
    if (other == seat) continue;
    w.place_seat[place] = other;
    w.problem.count[place] = hr::kHandSize;
    w.problem.allowed[place] = kDeck;
    ++place;
  }
  w.problem.places = 3;
  w.problem.pool = kDeck - w.base.hands[seat];
  return w;
}

World read_world(const Knowledge& k) {
  World w;
  const int seat = k.seat;
  w.base = game_of(k);
  hr::State& s = w.base;

  std::array<CardSet, 4> allowed{kDeck, kDeck, kDeck, kDeck};
  Replay replay(s, allowed);
  for (size_t i = 0; i < k.tricks.size(); ++i) {
    const Trick& t = k.tricks[i];
    if (i == 0) s.opening_leader = static_cast<std::int8_t>(t.leader);
    replay.trick(t, static_cast<int>(i));
    const int winner = i + 1 < k.tricks.size() ? k.tricks[i + 1].leader : k.current.leader;
    for (int j = s.num_plays - 4; j < s.num_plays; ++j) s.taken[winner].add(s.plays[j]);
  }
  s.leader = static_cast<std::int8_t>(k.current.leader);
  if (k.tricks.empty()) s.opening_leader = s.leader;
  replay.trick(k.current, static_cast<int>(k.tricks.size()));

  s.hands[seat] = k.cards;
  CardSet played;
  for (int i = 0; i < s.num_plays; ++i) played.add(s.plays[i]);
  // Our own pass: those cards went to one seat and are there unless played.
  std::array<CardSet, 4> known{};
  s.passed_mask = 0xF;
  if (k.passed) {
    s.passes[seat] = k.given;
    s.passes[k.pass_from] = k.received;
    known[k.pass_to] = k.given - played;
  }
  CardSet pool = kDeck - s.hands[seat] - played;
  int place = 0;
  for (int other = 0; other < 4; ++other) {
    if (other == seat) continue;
    s.hands[other] = known[other];
    pool = pool - known[other];
    w.place_seat[place] = other;
    w.problem.count[place] = k.counts[other] - known[other].size();
    w.problem.allowed[place] = allowed[other];
    ++place;
  }
  w.problem.places = 3;
  w.problem.pool = pool;
  w.table = table_from_state(s);
  PARLOR_CHECK(w.table.seat == seat, "hearts bot asked to play for seat " << seat
                                                                           << " but seat " << w.table.seat
                                                                           << " is to play");
  return w;
}

hr::State sample_state(const World& w, FastRng& rng) {
  hr::State s = w.base;
  const Deal deal = sample_deal(w.problem, rng);
  for (int place = 0; place < 3; ++place) {
    const int seat = w.place_seat[place];
    s.hands[seat] = s.hands[seat] | deal.cards[place];
  }
  return s;
}

}  // namespace parlor::bots::hearts_bot
