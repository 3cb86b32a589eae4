#include "bots/hearts_world.h"

namespace parlor::bots::hearts_bot {
namespace {

using rules::hearts::Hearts;

constexpr CardSet kDeck{(std::uint64_t{1} << 52) - 1};
constexpr CardSet kNonHearts = kDeck - hr::kHearts;

struct Play {
  int seat;
  Card card;
};

std::vector<Play> plays_of(const json::object& trick) {
  std::vector<Play> out;
  for (const auto& p : array_at(trick, "cards")) {
    const auto& o = p.as_object();
    out.push_back({int_at(o, "seat"), as_card(*find(o, "card"))});
  }
  return out;
}

// Replays the hand's plays into the state, and narrows what each seat may
// still hold from what the plays showed.
class Replay {
 public:
  Replay(hr::State& s, std::array<CardSet, 4>& allowed) : s_(s), allowed_(allowed) {}

  void trick(const std::vector<Play>& plays, int trick_index) {
    if (plays.empty()) return;
    const Suit led = plays[0].card.suit();
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

// What every phase shares: options, the hand number and dealer, the game so far.
hr::State game_of(const json::object& view, hr::Phase phase) {
  hr::State s;
  auto options = hr::read_options(object_at(view, "options"));
  PARLOR_CHECK(options.ok(), "hearts view options: " << options.error().message);
  s.options = *options;
  s.deals = rules::DealSource("bot", {}, {}, true);
  s.phase = phase;
  s.hand_index = static_cast<std::int16_t>(int_at(view, "hand"));
  s.first_dealer = static_cast<std::int8_t>(((int_at(view, "dealer") - s.hand_index) % 4 + 4) % 4);
  const auto totals = int_list(*find(view, "totals"));
  for (int p = 0; p < 4; ++p) s.totals[p] = totals[p];
  for (const auto& h : array_at(view, "hands")) s.results.push_back(result_of(h.as_object(), s.options));
  if (s.options.tie_rule == hr::TieRule::kPlayOn)
    for (int t : s.totals) s.playing_on = s.playing_on || t >= s.options.end_score;
  return s;
}

}  // namespace

World read_pass_world(const json::object& view) {
  World w;
  const int seat = int_at(view, "seat");
  w.base = game_of(view, hr::Phase::kPassing);
  w.base.hands[seat] = card_set(*find(view, "cards"));
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

World read_world(const json::object& view) {
  World w;
  const int seat = int_at(view, "seat");
  w.base = game_of(view, hr::Phase::kPlaying);
  hr::State& s = w.base;

  std::array<CardSet, 4> allowed{kDeck, kDeck, kDeck, kDeck};
  Replay replay(s, allowed);
  const auto& tricks = array_at(view, "tricks");
  const auto& current = object_at(view, "trick");
  for (size_t i = 0; i < tricks.size(); ++i) {
    const auto& t = tricks[i].as_object();
    if (i == 0) s.opening_leader = static_cast<std::int8_t>(int_at(t, "leader"));
    replay.trick(plays_of(t), static_cast<int>(i));
    const int winner = int_at(t, "winner");
    for (int k = s.num_plays - 4; k < s.num_plays; ++k) s.taken[winner].add(s.plays[k]);
  }
  s.leader = static_cast<std::int8_t>(int_at(current, "leader"));
  if (tricks.empty()) s.opening_leader = s.leader;
  replay.trick(plays_of(current), static_cast<int>(tricks.size()));

  s.hands[seat] = card_set(*find(view, "cards"));
  CardSet played;
  for (int i = 0; i < s.num_plays; ++i) played.add(s.plays[i]);
  // Our own pass: those cards went to one seat and are there unless played.
  std::array<CardSet, 4> known{};
  s.passed_mask = 0xF;
  if (const auto* pass = find(view, "pass")) {
    const auto& p = pass->as_object();
    const CardSet given = card_set(*find(p, "cards"));
    s.passes[seat] = given;
    s.passes[int_at(p, "from")] = card_set(*find(p, "received"));
    known[int_at(p, "to")] = given - played;
  }
  const auto counts = int_list(*find(view, "card_counts"));
  CardSet pool = kDeck - s.hands[seat] - played;
  int place = 0;
  for (int other = 0; other < 4; ++other) {
    if (other == seat) continue;
    s.hands[other] = known[other];
    pool = pool - known[other];
    w.place_seat[place] = other;
    w.problem.count[place] = counts[other] - known[other].size();
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
