#include "bots/spades_world.h"

#include <cmath>

namespace parlor::bots::spades_bot {
namespace {

constexpr CardSet kDeck{(std::uint64_t{1} << 52) - 1};
constexpr int kPlayedPlace = 3;
// Deals drawn per sample when fitting the bids, and how loosely they must fit.
constexpr int kBidTries = 12;
constexpr double kBidSpread = 1.5;
constexpr double kNilWorth = 1.0;
constexpr double kNilSpread = 1.0;

struct Plays {
  int leader = -1;
  std::vector<Card> cards;
};

Plays plays_of(const json::object& trick) {
  Plays p;
  p.leader = int_or(trick, "leader", -1);
  for (const auto& c : array_at(trick, "cards")) p.cards.push_back(as_card(*find(c.as_object(), "card")));
  return p;
}

// Seats that failed to follow the led suit cannot hold it.
void note_voids(const Plays& p, std::array<CardSet, 4>& allowed) {
  for (size_t i = 1; i < p.cards.size(); ++i)
    if (p.cards[i].suit() != p.cards[0].suit()) {
      const int seat = (p.leader + static_cast<int>(i)) % 4;
      allowed[seat] = allowed[seat] - CardSet::suit(p.cards[0].suit());
    }
}

sp::Options options_of(const json::object& view, json::object& normalized) {
  const json::value* given = find(view, "options");
  auto opt = sp::read_options(given && given->is_object() ? given->as_object() : json::object{}, normalized);
  PARLOR_CHECK(opt.ok(), "spades view options: " << opt.error().message);
  return *opt;
}

// The view has no "options": read what the legal moves reveal. A bid list
// without 0 means nil is off; a leader allowed a spade while holding other
// suits before spades are broken means spades may be led at any time.
void infer_options(const json::object& view, sp::Options& opt) {
  const auto& legal = array_at(view, "legal");
  const std::string_view phase = string_at(view, "phase");
  if (phase == "bidding") {
    bool nil = false;
    for (const auto& m : legal)
      if (string_at(m.as_object(), "type") == "bid" && int_at(m.as_object(), "tricks") == 0) nil = true;
    opt.nil_allowed = nil;
  }
  if (phase == "play" && array_at(object_at(view, "trick"), "cards").empty() &&
      !bool_or(view, "spades_broken", false)) {
    const CardSet hand = card_set(*find(view, "cards"));
    if (!(hand - CardSet::suit(Suit::kSpades)).empty()) {
      bool spade_lead = false;
      for (const auto& m : legal) spade_lead = spade_lead || as_card(*find(m.as_object(), "card")).suit() == Suit::kSpades;
      opt.must_break_spades = !spade_lead;
    }
  }
}

// How well the hands of a deal fit the bids made with them: each bidder's
// hand, as the bid estimate sees it, should still be worth the tricks the bid
// has yet to take (a live nil: next to none). 1 = a perfect fit.
double bid_weight(const sp::State& s, int viewer) {
  double w = 1;
  for (int seat = 0; seat < 4; ++seat) {
    const int bid = s.bids[seat];
    if (seat == viewer || bid < 0 || ((s.blind_mask >> seat) & 1u)) continue;  // blind nil: no information
    const double worth = estimate_tricks(s.hands[seat]);
    if (bid == 0) {
      if (s.tricks_won[seat] > 0) continue;  // a failed nil tells little more
      const double over = std::max(0.0, worth - kNilWorth);
      w *= std::exp(-over * over / (2 * kNilSpread * kNilSpread));
    } else {
      const double miss = worth - std::max(0, bid - s.tricks_won[seat]);
      w *= std::exp(-miss * miss / (2 * kBidSpread * kBidSpread));
    }
  }
  return w;
}

}  // namespace

World read_world(const json::object& view) {
  World w;
  sp::State& s = w.base;
  w.seat = int_at(view, "seat");
  json::object normalized;
  s.opt = options_of(view, normalized);
  if (!find(view, "options")) infer_options(view, s.opt);
  s.options_json = rules::Shared<json::object>(std::move(normalized));
  s.deals = rules::DealSource("bot", {}, {}, true);
  const std::string_view phase = string_at(view, "phase");
  s.phase = phase == "bidding" ? sp::Phase::kBidding : phase == "exchange" ? sp::Phase::kExchange : sp::Phase::kPlay;
  s.hand = int_at(view, "hand");
  s.dealer = static_cast<std::int8_t>(int_at(view, "dealer"));
  s.to_move = static_cast<std::int8_t>(w.seat);
  const auto scores = int_list(*find(view, "scores")), bags = int_list(*find(view, "bags"));
  for (int t = 0; t < 2; ++t) s.scores[t] = scores[t], s.bags[t] = bags[t];
  const auto& bids = array_at(view, "bids");
  const auto& blind = array_at(view, "blind_nil");
  const auto tricks_won = int_list(*find(view, "tricks_won"));
  for (int p = 0; p < 4; ++p) {
    s.bids[p] = static_cast<std::int8_t>(bids[p].is_null() ? -1 : as_int(bids[p]));
    if (blind[p].as_bool()) s.blind_mask = static_cast<std::uint8_t>(s.blind_mask | (1u << p));
    s.tricks_won[p] = static_cast<std::int8_t>(tricks_won[p]);
    s.tricks_played = static_cast<std::uint8_t>(s.tricks_played + tricks_won[p]);
  }
  // We see our cards, so if we could have bid blind nil we chose to look.
  s.looked_mask = static_cast<std::uint8_t>(1u << w.seat);
  s.spades_broken = bool_or(view, "spades_broken", false);
  s.hands[w.seat] = card_set(*find(view, "cards"));

  std::array<CardSet, 4> allowed{kDeck, kDeck, kDeck, kDeck}, known{};
  CardSet seen_played;  // cards of completed tricks that we saw
  if (const auto* all = find(view, "tricks")) {
    for (const auto& t : all->as_array()) {
      const Plays p = plays_of(t.as_object());
      note_voids(p, allowed);
      for (Card c : p.cards) seen_played.add(c);
    }
  }
  if (const auto* played = find(view, "played")) seen_played = seen_played | card_set(*played);
  if (const auto* last = find(view, "last_trick")) {
    const Plays p = plays_of(last->as_object());
    note_voids(p, allowed);
    for (size_t i = 0; i < p.cards.size(); ++i) {
      s.last_trick.cards[i] = p.cards[i];
      seen_played.add(p.cards[i]);
    }
    s.last_trick.leader = static_cast<std::int8_t>(p.leader);
    s.last_trick.count = static_cast<std::uint8_t>(p.cards.size());
    s.last_winner = static_cast<std::int8_t>(int_at(last->as_object(), "winner"));
  }
  const Plays current = plays_of(object_at(view, "trick"));
  note_voids(current, allowed);
  s.trick.leader = static_cast<std::int8_t>(current.leader >= 0 ? current.leader : w.seat);
  for (Card c : current.cards) s.trick.cards[s.trick.count++] = c;
  CardSet in_trick;
  for (Card c : current.cards) in_trick.add(c);

  // A blind-nil exchange we took part in: we know two cards of the partner's.
  if (const auto* ex = find(view, "exchange")) {
    const auto& e = ex->as_object();
    s.exchange_from = static_cast<std::int8_t>(int_at(e, "from"));
    if (const auto* g = find(e, "given")) s.given = card_set(*g);
    if (const auto* r = find(e, "returned")) s.returned = card_set(*r);
    const int partner = (w.seat + 2) % 4;
    const CardSet theirs = w.seat == s.exchange_from ? s.given - s.returned : s.returned;
    known[partner] = theirs - seen_played - in_trick - s.hands[w.seat];
  }

  s.played = seen_played;
  const auto counts = int_list(*find(view, "hand_counts"));
  CardSet pool = kDeck - s.hands[w.seat] - seen_played - in_trick;
  int place = 0;
  for (int other = 0; other < 4; ++other) {
    if (other == w.seat) continue;
    s.hands[other] = known[other];
    pool = pool - known[other];
    w.place_seat[place] = other;
    w.problem.count[place] = counts[other] - known[other].size();
    w.problem.allowed[place] = allowed[other];
    ++place;
  }
  w.problem.count[kPlayedPlace] = 4 * s.tricks_played - seen_played.size();
  w.problem.allowed[kPlayedPlace] = kDeck;
  w.problem.places = 4;
  w.problem.pool = pool;
  if (s.phase == sp::Phase::kPlay) w.table = table_from_state(s);
  return w;
}

sp::State sample_state(const World& w, FastRng& rng) {
  sp::State best;
  double best_weight = -1;
  for (int attempt = 0; attempt < kBidTries; ++attempt) {
    sp::State s = w.base;
    const Deal deal = sample_deal(w.problem, rng);
    for (int place = 0; place < 3; ++place) {
      const int seat = w.place_seat[place];
      s.hands[seat] = s.hands[seat] | deal.cards[place];
    }
    s.played = s.played | deal.cards[kPlayedPlace];
    const double weight = bid_weight(s, w.seat);
    // Rejection sampling: a deal is kept with its likelihood under the bids.
    if (rng.below(1u << 20) < weight * (1u << 20)) return s;
    if (weight > best_weight) best_weight = weight, best = std::move(s);
  }
  return best;
}

}  // namespace parlor::bots::spades_bot
