#include "bots/sheepshead_world.h"

namespace parlor::bots::sheepshead_bot {
namespace {

using ss::kUnder;

constexpr int kHoldRuleTries = 8;

struct Shown {
  int leader = 0;
  std::vector<std::pair<int, Card>> plays;  // (seat, card), the under as kUnder
};

Shown shown_trick(const json::array& cards, int leader) {
  Shown t{leader, {}};
  for (const auto& p : cards) {
    const auto& o = p.as_object();
    t.plays.emplace_back(int_at(o, "seat"), view_card(*find(o, "card")));
  }
  return t;
}

Card called_card(const json::object& view) {
  const json::value* call = find(view, "call");
  if (!call || !call->is_object() || !find(call->as_object(), "rank")) return Card();
  const auto& c = call->as_object();
  const std::string code = std::string(string_at(c, "rank")) + std::string(string_at(c, "suit"));
  auto card = Card::parse(code);
  PARLOR_CHECK(card.has_value(), "sheepshead view call " << code);
  return *card;
}

// Seats that did not follow the led group cannot hold it.
void note_voids(const Shown& t, Card called, std::array<CardSet, ss::kMaxPlayers>& allowed) {
  if (t.plays.empty()) return;
  const Card first = t.plays.front().second;
  const int led = first == kUnder ? ss::group_of(called) : ss::group_of(first);
  if (led == ss::kNoGroup) return;
  for (size_t i = 1; i < t.plays.size(); ++i) {
    const auto [seat, card] = t.plays[i];
    if (card != kUnder && ss::group_of(card) != led) allowed[seat] = allowed[seat] - ss::group_mask(led);
  }
}

}  // namespace

Card view_card(const json::value& v) {
  if (v.is_string() && v.get_string() == "UNDER") return kUnder;
  return as_card(v);
}

Table read_table(const json::object& view) {
  Table t;
  t.seat = int_at(view, "seat");
  t.players = int_at(view, "players");
  t.picker = int_or(view, "picker", -1);
  t.partner = int_or(view, "partner", -1);
  t.leaster = bool_or(view, "leaster", false);
  t.called = called_card(view);
  t.called_suit_done = bool_or(view, "called_suit_led", false);
  t.hand = card_set(*find(view, "cards"));
  if (t.seat == t.picker && bool_or(view, "under_held", false)) t.hand.add(kUnder);
  for (const auto& m : array_at(view, "legal")) {
    const auto& o = m.as_object();
    if (string_at(o, "type") == "play") t.legal.add(view_card(*find(o, "card")));
  }
  t.leader = int_or(view, "leader", 0);
  const Shown current = shown_trick(array_at(view, "trick"), t.leader);
  for (const auto& [seat, card] : current.plays) {
    t.trick[t.trick_size++] = card;
    if (card != kUnder) t.played.add(card);
  }
  if (const auto* last = find(view, "last_trick"))
    for (const auto& p : array_at(last->as_object(), "cards")) {
      const Card c = view_card(*find(p.as_object(), "card"));
      if (c != kUnder) t.played.add(c);
    }
  if (t.seat == t.picker) {
    if (const auto* bury = find(view, "bury")) t.played = t.played | card_set(*bury);
    if (const auto* under = find(view, "under")) t.played.add(as_card(*under));
  }
  return t;
}

World read_world(const json::object& view) {
  World w;
  w.seat = int_at(view, "seat");
  w.table = read_table(view);
  const Table& t = w.table;
  const int n = t.players;
  ss::State& s = w.base;
  auto options = ss::read_options(object_at(view, "options"), std::nullopt);
  PARLOR_CHECK(options.ok(), "sheepshead view options: " << options.error().message);
  s.opt = options->first;
  s.options_json = rules::Shared<json::object>(std::move(options->second));
  s.deals = rules::DealSource("bot", {}, {}, true);
  const auto totals = int_list(*find(view, "totals"));
  for (int i = 0; i < n; ++i) s.totals[i] = totals[i];
  s.dealer = static_cast<std::int8_t>(int_at(view, "dealer"));
  s.pending_doublers = static_cast<std::int8_t>(int_or(view, "pending_doublers", 0));
  s.phase = ss::Phase::kPlaying;
  for (const auto& p : array_at(view, "passed")) s.passed = static_cast<std::uint8_t>(s.passed | (1u << as_int(p)));
  s.picker = static_cast<std::int8_t>(t.picker);
  s.called = t.called;
  if (const auto* call = find(view, "call"); call && call->is_object()) {
    s.alone = bool_or(call->as_object(), "alone", false);
    s.unknown = bool_or(call->as_object(), "unknown", false);
  }
  s.doubled = bool_or(view, "doubled", false);
  s.called_suit_done = t.called_suit_done;
  s.cracked_by = static_cast<std::int8_t>(int_or(view, "cracked_by", -1));
  s.recracked_by = static_cast<std::int8_t>(int_or(view, "recracked_by", -1));
  s.leader = static_cast<std::int8_t>(t.leader);
  s.trick_size = static_cast<std::int8_t>(t.trick_size);
  for (int i = 0; i < t.trick_size; ++i) s.trick[i] = t.trick[i];
  s.tricks_played = static_cast<std::int8_t>(int_at(view, "tricks_played"));
  const auto won = int_list(*find(view, "tricks_won")), points = int_list(*find(view, "card_points"));
  for (int i = 0; i < n; ++i) {
    s.tricks_won[i] = static_cast<std::int8_t>(won[i]);
    s.points_taken[i] = static_cast<std::int16_t>(points[i]);
  }
  s.hands[w.seat] = t.hand;

  std::array<CardSet, ss::kMaxPlayers> allowed{};
  allowed.fill(ss::kDeck);
  CardSet visible = t.played;  // includes the picker's own bury and under
  int last_real = 0;
  if (const auto* last = find(view, "last_trick")) {
    const auto& o = last->as_object();
    s.last_leader = static_cast<std::int8_t>(int_at(o, "leader"));
    s.last_winner = static_cast<std::int8_t>(int_at(o, "winner"));
    const Shown lt = shown_trick(array_at(o, "cards"), s.last_leader);
    note_voids(lt, t.called, allowed);
    for (size_t i = 0; i < lt.plays.size(); ++i) {
      s.last_trick[i] = lt.plays[i].second;
      if (lt.plays[i].second != kUnder) {
        s.collected.add(lt.plays[i].second);
        ++last_real;
      }
    }
  }
  note_voids(shown_trick(array_at(view, "trick"), t.leader), t.called, allowed);
  s.first_trick_winner = s.tricks_played > 0 ? s.last_winner : -1;
  const bool me_picker = w.seat == t.picker;
  if (me_picker) {
    s.bury = card_set(*find(view, "bury"));
    s.dealt_blind = card_set(*find(view, "blind"));
    if (const auto* under = find(view, "under")) s.under = as_card(*under);
  }

  const bool under_in_trick = std::find(t.trick.begin(), t.trick.begin() + t.trick_size, kUnder) !=
                              t.trick.begin() + t.trick_size;
  const bool under_held = bool_or(view, "under_held", false);
  const auto sizes = int_list(*find(view, "hand_sizes"));
  DealProblem& p = w.problem;
  p.pool = ss::kDeck - (t.hand - ss::kUnderSet) - visible;
  auto add_place = [&](int count, CardSet may_hold) {
    p.count[p.places] = count;
    p.allowed[p.places] = may_hold;
    return p.places++;
  };
  for (int seat = 0; seat < n; ++seat) {
    if (seat == w.seat) continue;
    const int under_mark = seat == t.picker && under_held ? 1 : 0;
    w.place_seat[p.places] = seat;
    add_place(sizes[seat] - under_mark, allowed[seat]);
  }
  const int others = p.places;
  if (!me_picker && t.picker >= 0 && (under_held || under_in_trick)) w.under_place = add_place(1, ss::kDeck);
  if (!me_picker && t.picker >= 0) w.bury_place = add_place(int_at(view, "bury_size"), ss::kDeck);
  if (t.leaster && int_at(view, "blind_size") > 0) w.blind_place = add_place(int_at(view, "blind_size"), ss::kDeck);
  // Our own under, played in an earlier trick, lies among the played cards.
  int known_played = last_real;
  if (me_picker && !s.under.is_none() && !under_held && !under_in_trick) {
    s.collected.add(s.under);
    ++known_played;
  }
  w.played_place = add_place(n * s.tricks_played - known_played, ss::kDeck);

  // What the rules guarantee (kept even when the inferred voids contradict
  // each other): while the called card's holder is secret it is in a hand
  // other than the picker's; once played out of our sight, among the played
  // cards; after an unknown call the picker (and so his under) has no card of
  // the called suit.
  p.has_required = true;
  for (int place = 0; place < p.places; ++place) p.required[place] = ss::kDeck;
  auto rule_out = [&](int place, CardSet cards) {
    p.required[place] = p.required[place] - cards;
    p.allowed[place] = p.allowed[place] - cards;
  };
  const Card called = t.called;
  if (!called.is_none() && !s.alone && p.pool.contains(called)) {
    const bool played = t.partner >= 0;
    for (int place = 0; place < p.places; ++place) {
      const bool hand_of_other = place < others && w.place_seat[place] != t.picker;
      if (!(played ? place == w.played_place : hand_of_other)) rule_out(place, CardSet(std::uint64_t{1} << called.id()));
    }
  }
  if (!me_picker && s.unknown && !called.is_none()) {
    const CardSet suit = ss::group_mask(ss::group_of(called));
    for (int place = 0; place < others; ++place)
      if (w.place_seat[place] == t.picker) rule_out(place, suit);
    if (w.under_place >= 0) rule_out(w.under_place, suit);
  }
  w.hold_rule = !me_picker && t.picker >= 0 && !called.is_none() && !s.alone && !s.unknown &&
                !t.called_suit_done && s.opt.partner_mode == ss::PartnerMode::kCalledAce;
  s.partner = static_cast<std::int8_t>(t.partner);
  s.partner_revealed = t.partner >= 0 && !(t.partner == w.seat && t.hand.contains(called));
  return w;
}

bool sample_state(const World& w, FastRng& rng, ss::State& s) {
  s = w.base;
  Deal deal;
  for (int tries = 0; tries < kHoldRuleTries; ++tries) {
    deal = sample_deal(w.problem, rng);
    if (!w.hold_rule) break;
    int picker_place = -1;
    for (int place = 0; place < w.table.players - 1; ++place)
      if (w.place_seat[place] == w.table.picker) picker_place = place;
    if (!(deal.cards[picker_place] & ss::group_mask(ss::group_of(w.table.called))).empty()) break;
  }
  for (int place = 0; place < w.table.players - 1; ++place) {
    const int seat = w.place_seat[place];
    s.hands[seat] = s.hands[seat] | deal.cards[place];
  }
  if (w.under_place >= 0) {
    s.under = deal.cards[w.under_place].lowest();
    if (std::find(s.trick.begin(), s.trick.begin() + s.trick_size, kUnder) == s.trick.begin() + s.trick_size)
      s.hands[w.table.picker].add(kUnder);
  }
  if (w.bury_place >= 0) s.bury = deal.cards[w.bury_place];
  if (w.blind_place >= 0) s.blind = deal.cards[w.blind_place];
  s.collected = s.collected | deal.cards[w.played_place];
  // The partner is whoever holds the called card (or showed it).
  if (!s.called.is_none() && !s.alone && s.partner < 0) {
    for (int seat = 0; seat < w.table.players; ++seat)
      if (s.hands[seat].contains(s.called)) s.partner = static_cast<std::int8_t>(seat);
    if (s.partner == s.picker) s.partner = -1;
  }
  return deal.relaxed != Relaxed::kEverything;
}

}  // namespace parlor::bots::sheepshead_bot
