// Sheepshead: what each seat may see (rules section 8), the result object,
// and the checks the conformance suite uses.
#include <algorithm>
#include <bit>
#include <string>

#include "rules/sheepshead/sheepshead.h"

namespace parlor::rules::sheepshead {

namespace {

json::value seat_json(int seat) { return seat >= 0 ? json::value(seat) : json::value(nullptr); }

template <class T>
json::array per_seat(const std::array<T, kMaxPlayers>& values, int players) {
  json::array a;
  for (int i = 0; i < players; ++i) a.emplace_back(values[static_cast<size_t>(i)]);
  return a;
}

bool sees_under(const State& s, int me) { return me >= 0 && me == s.picker; }

// Card points of a trick as `under` lets one count them: the under's points
// stay hidden from all but the picker until the hand ends (rules 8.2), so
// `under` is the real card only for those who may know it.
int visible_points(const std::array<Card, kMaxPlayers>& trick, int size, Card under) {
  int sum = 0;
  for (int i = 0; i < size; ++i) {
    const Card c = trick[static_cast<size_t>(i)];
    if (c != kUnder) sum += points_of(c);
    else if (!under.is_none()) sum += points_of(under);
  }
  return sum;
}

json::array trick_view(const std::array<Card, kMaxPlayers>& trick, int size, int leader, int n) {
  json::array a;
  for (int i = 0; i < size; ++i)
    a.emplace_back(json::object{{"seat", (leader + i) % n}, {"card", card_code(trick[static_cast<size_t>(i)])}});
  return a;
}

// trick_view(trick, size, leader, n) as text.
void write_trick_view(JsonText& w, const std::array<Card, kMaxPlayers>& trick, int size, int leader, int n) {
  w.begin_array();
  for (int i = 0; i < size; ++i) {
    w.begin_object().key("seat").number((leader + i) % n).key("card");
    write_code(w, trick[static_cast<size_t>(i)]);
    w.end_object();
  }
  w.end_array();
}

json::value current_call(const State& s) {
  if (s.alone) return json::object{{"alone", true}};
  if (s.called.is_none()) return nullptr;
  // Rank and suit, not the card code: the called card lies hidden in a hand.
  return json::object{{"rank", std::string(1, rank_char(s.called.rank()))},
                      {"suit", std::string(1, suit_char(s.called.suit()))},
                      {"unknown", s.unknown}};
}

int current_multiplier(const State& s) {
  return (s.cracked_by >= 0 ? 2 : 1) * (s.recracked_by >= 0 ? 2 : 1) * (s.doubled ? 2 : 1);
}

// The hand's fields that depend on who looks (rules 8.2, 8.3).
void add_seat_hand_fields(json::object& v, const State& s, int me) {
  const int n = s.opt.players;
  const bool mine_picked = me >= 0 && me == s.picker;
  v["cards"] = me >= 0 ? json::value(codes_json(s.hands[static_cast<size_t>(me)] - kUnderSet)) : json::value(nullptr);
  v["under"] = mine_picked && !s.under.is_none() ? json::value(card_code(s.under)) : json::value(nullptr);
  v["blind"] = mine_picked ? json::value(codes_json(s.dealt_blind)) : json::value(nullptr);
  v["bury"] = mine_picked ? json::value(codes_json(s.bury)) : json::value(nullptr);
  // Rules 8.3: public once the called card is played or on a recrack; the
  // partner himself always knows.
  const bool partner_known = s.partner >= 0 && (s.partner_revealed || me == s.partner);
  v["partner"] = partner_known ? json::value(s.partner) : json::value(nullptr);
  json::array points;
  for (int i = 0; i < n; ++i) {
    int p = s.points_taken[static_cast<size_t>(i)];
    if (i == s.under_winner && !sees_under(s, me)) p -= points_of(s.under);
    points.emplace_back(p);
  }
  v["card_points"] = std::move(points);
}

// The hand's fields every viewer sees alike.
void add_shared_hand_fields(json::object& v, const State& s) {
  const int n = s.opt.players;
  v["under_held"] = s.picker >= 0 && s.hands[static_cast<size_t>(s.picker)].contains(kUnder);
  json::array sizes;
  for (int i = 0; i < n; ++i) sizes.emplace_back(s.hands[static_cast<size_t>(i)].size());
  v["hand_sizes"] = std::move(sizes);
  v["blind_size"] = s.blind.size();
  v["bury_size"] = s.bury.size();
  v["picker"] = seat_json(s.picker);
  json::array passed;
  for (int i = 0; i < n; ++i)
    if ((s.passed >> i) & 1u) passed.emplace_back(i);
  v["passed"] = std::move(passed);
  v["leaster"] = s.phase == Phase::kPlaying && s.picker < 0;
  v["call"] = current_call(s);
  v["cracked_by"] = seat_json(s.cracked_by);
  v["recracked_by"] = seat_json(s.recracked_by);
  v["doubled"] = s.doubled;
  v["multiplier"] = current_multiplier(s);
  v["called_suit_led"] = s.called_suit_done;
  v["leader"] = s.phase == Phase::kPlaying ? json::value(s.leader) : json::value(nullptr);
  v["trick"] = trick_view(s.trick, s.trick_size, s.leader, n);
  v["tricks_played"] = s.tricks_played;
  v["tricks_won"] = per_seat(s.tricks_won, n);
}

// add_shared_hand_fields(v, s) as text.
void write_shared_hand_fields(JsonText& w, const State& s) {
  const int n = s.opt.players;
  w.key("under_held").boolean(s.picker >= 0 && s.hands[static_cast<size_t>(s.picker)].contains(kUnder));
  w.key("hand_sizes").begin_array();
  for (int i = 0; i < n; ++i) w.number(s.hands[static_cast<size_t>(i)].size());
  w.end_array();
  w.key("blind_size").number(s.blind.size());
  w.key("bury_size").number(s.bury.size());
  w.key("picker").seat_or_null(s.picker);
  w.key("passed").begin_array();
  for (int i = 0; i < n; ++i)
    if ((s.passed >> i) & 1u) w.number(i);
  w.end_array();
  w.key("leaster").boolean(s.phase == Phase::kPlaying && s.picker < 0);
  w.key("call");
  write_call(w, s.alone, s.called, s.unknown);  // current_call(s)
  w.key("cracked_by").seat_or_null(s.cracked_by);
  w.key("recracked_by").seat_or_null(s.recracked_by);
  w.key("doubled").boolean(s.doubled);
  w.key("multiplier").number(current_multiplier(s));
  w.key("called_suit_led").boolean(s.called_suit_done);
  w.key("leader");
  if (s.phase == Phase::kPlaying) w.number(s.leader);
  else w.null();
  w.key("trick");
  write_trick_view(w, s.trick, s.trick_size, s.leader, n);
  w.key("tricks_played").number(s.tricks_played);
  w.key("tricks_won");
  write_per_seat(w, s.tricks_won, n);
}

json::value last_trick_view(const State& s, int me) {
  if (s.last_winner < 0) return nullptr;
  const int n = s.opt.players;
  // Between hands the under is revealed; the finished hand's summary knows it.
  Card under;
  if (!hand_in_progress(s) && !s.history.get().empty()) under = s.history.get().back().under;
  else if (sees_under(s, me)) under = s.under;
  return json::object{{"leader", s.last_leader},
                      {"winner", s.last_winner},
                      {"cards", trick_view(s.last_trick, n, s.last_leader, n)},
                      {"points", visible_points(s.last_trick, n, under)}};
}

// Rules 8.5: the hidden cards of the hand just finished, shown between hands.
json::value reveal_json(const State& s) {
  if (hand_in_progress(s) || s.history.get().empty()) return nullptr;
  const HandSummary& h = s.history.get().back();
  json::object o;
  o["bury"] = codes_json(h.bury);
  o["under"] = h.under.is_none() ? json::value(nullptr) : json::value(card_code(h.under));
  o["called"] = h.called.is_none() ? json::value(nullptr) : json::value(card_code(h.called));
  o["blind"] = h.kind == HandKind::kLeaster ? json::value(codes_json(h.blind)) : json::value(nullptr);
  return o;
}

// reveal_json(s) as text.
void write_reveal(JsonText& w, const State& s) {
  if (hand_in_progress(s) || s.history.get().empty()) {
    w.null();
    return;
  }
  const HandSummary& h = s.history.get().back();
  w.begin_object().key("bury");
  write_codes(w, h.bury);
  w.key("under");
  if (h.under.is_none()) w.null();
  else write_code(w, h.under);
  w.key("called");
  if (h.called.is_none()) w.null();
  else write_code(w, h.called);
  w.key("blind");
  if (h.kind == HandKind::kLeaster) write_codes(w, h.blind);
  else w.null();
  w.end_object();
}

// The seats with the best total once the game is over (a bit per seat), else none.
std::uint32_t winner_seats(const State& s) {
  if (s.phase != Phase::kGameOver) return 0;
  const int n = s.opt.players;
  std::int32_t best = s.totals[0];
  for (int i = 1; i < n; ++i) best = std::max(best, s.totals[static_cast<size_t>(i)]);
  std::uint32_t seats = 0;
  for (int i = 0; i < n; ++i)
    if (s.totals[static_cast<size_t>(i)] == best) seats |= 1u << i;
  return seats;
}

json::array winners_json(const State& s) {
  json::array w;
  for (std::uint32_t m = winner_seats(s); m; m &= m - 1) w.emplace_back(std::countr_zero(m));
  return w;
}

// winners_json(s) as text.
void write_winners(JsonText& w, const State& s) {
  w.begin_array();
  for (std::uint32_t m = winner_seats(s); m; m &= m - 1) w.number(std::countr_zero(m));
  w.end_array();
}

std::optional<std::string> broken_summary(const HandSummary& h, int n) {
  int points = 0, card_points = 0, tricks = 0;
  for (int i = 0; i < n; ++i) {
    points += h.points[static_cast<size_t>(i)];
    card_points += h.card_points[static_cast<size_t>(i)];
    tricks += h.tricks[static_cast<size_t>(i)];
  }
  if (points != 0) return "game points of a hand sum to " + std::to_string(points);
  if (h.kind == HandKind::kThrownIn) return std::nullopt;
  if (tricks != hand_size(n)) return std::to_string(tricks) + " tricks in a hand";
  int expected = 120;
  if (h.kind == HandKind::kPicked) expected -= points_of(h.bury);
  if (h.kind == HandKind::kLeaster && h.blind_to < 0) expected -= points_of(h.blind);
  if (card_points != expected)
    return "card points of a hand sum to " + std::to_string(card_points) + ", expected " +
           std::to_string(expected);
  return std::nullopt;
}

}  // namespace

json::object Sheepshead::seat_view(const State& s, Viewer viewer) {
  const int me = viewer && *viewer >= 0 && *viewer < s.opt.players ? *viewer : -1;
  json::object v;
  v.reserve(10);  // with legal
  v["seat"] = seat_json(me);
  add_seat_hand_fields(v, s, me);
  v["last_trick"] = last_trick_view(s, me);
  return v;
}

json::object Sheepshead::shared_view(const State& s) {
  const int n = s.opt.players;
  const int k = std::min(hand_number(s), total_deals(s) - 1);
  json::object v;
  v.reserve(40);  // with the generic and the room's fields
  v["players"] = n;
  v["hand"] = k;
  v["hands_total"] = total_deals(s);
  v["dealer"] = s.dealer;
  v["phase"] = phase_name(s.phase);
  v["totals"] = per_seat(s.totals, n);
  v["pending_doublers"] = s.pending_doublers;
  add_shared_hand_fields(v, s);
  v["reveal"] = reveal_json(s);
  json::array history;
  const auto& list = s.history.get();
  for (size_t j = 0; j < list.size(); ++j) {
    json::object entry = hand_summary_json(list[j], n, false);
    entry["hand"] = j;
    s.deals.add_seed_fields(entry, static_cast<int>(j), true);
    history.emplace_back(std::move(entry));
  }
  v["hands"] = std::move(history);
  v["winners"] = winners_json(s);
  v["options"] = s.options_json.get();
  s.deals.add_seed_fields(v, k, s.phase == Phase::kGameOver);
  return v;
}

// The text form of shared_view() (write_shared_view), member for member.
void Sheepshead::write_shared_view(JsonText& w, const State& s) {
  const int n = s.opt.players;
  const int k = std::min(hand_number(s), total_deals(s) - 1);
  w.key("players").number(n);
  w.key("hand").number(k);
  w.key("hands_total").number(total_deals(s));
  w.key("dealer").number(s.dealer);
  w.key("phase").string(phase_name(s.phase));
  w.key("totals");
  write_per_seat(w, s.totals, n);
  w.key("pending_doublers").number(s.pending_doublers);
  write_shared_hand_fields(w, s);
  w.key("reveal");
  write_reveal(w, s);
  w.key("hands").begin_array();
  const auto& list = s.history.get();
  for (size_t j = 0; j < list.size(); ++j) {
    w.begin_object();
    write_hand_summary_members(w, list[j], n);
    w.key("hand").number(static_cast<std::int64_t>(j));
    s.deals.write_seed_fields(w, static_cast<int>(j), true);
    w.end_object();
  }
  w.end_array();
  w.key("winners");
  write_winners(w, s);
  w.key("options").value(s.options_json.get());
  s.deals.write_seed_fields(w, k, s.phase == Phase::kGameOver);
}

json::object Sheepshead::result(const State& s) {
  json::object r;
  r["status"] = status(s);
  json::array hands;
  for (const auto& h : s.history.get()) hands.emplace_back(hand_summary_json(h, s.opt.players, true));
  r["hands"] = std::move(hands);
  r["totals"] = per_seat(s.totals, s.opt.players);
  r["winners"] = winners_json(s);
  return r;
}

std::vector<Card> Sheepshead::all_cards(const State& s) {
  std::vector<Card> out;
  auto add = [&](CardSet set) {
    for (Card c : set - kUnderSet) out.push_back(c);
  };
  add(s.collected);
  add(s.blind);
  add(s.bury);
  for (int i = 0; i < s.opt.players; ++i) add(s.hands[static_cast<size_t>(i)]);
  if (s.picker >= 0 && s.hands[static_cast<size_t>(s.picker)].contains(kUnder)) out.push_back(s.under);
  for (int i = 0; i < s.trick_size; ++i) {
    Card c = s.trick[static_cast<size_t>(i)];
    out.push_back(c == kUnder ? s.under : c);
  }
  return out;
}

std::vector<Card> Sheepshead::hidden_from(const State& s, Viewer viewer) {
  if (!hand_in_progress(s)) return {};  // between hands every card of the last one is revealed
  const int me = viewer && *viewer >= 0 && *viewer < s.opt.players ? *viewer : -1;
  CardSet hidden = s.blind;
  for (int i = 0; i < s.opt.players; ++i)
    if (i != me) hidden = hidden | (s.hands[static_cast<size_t>(i)] - kUnderSet);
  if (me < 0 || me != s.picker) {
    hidden = hidden | s.bury;
    if (!s.under.is_none()) hidden.add(s.under);
  }
  // The calls offered to the picker name cards that lie in other hands: their
  // names are public (they will be announced), their places are not.
  if (s.phase == Phase::kCalling && me == s.picker) {
    const CallChoices c = call_choices(s);
    hidden = hidden - c.plain - c.unknown;
  }
  return hidden.cards();
}

std::optional<std::string> Sheepshead::broken_invariant(const State& s) {
  const int n = s.opt.players;
  if (all_cards(s).size() != 32) return "the game holds " + std::to_string(all_cards(s).size()) + " cards";
  std::array<std::int64_t, kMaxPlayers> sums{};
  for (const auto& h : s.history.get()) {
    if (auto broken = broken_summary(h, n)) return broken;
    for (int i = 0; i < n; ++i) sums[static_cast<size_t>(i)] += h.points[static_cast<size_t>(i)];
  }
  for (int i = 0; i < n; ++i)
    if (sums[static_cast<size_t>(i)] != s.totals[static_cast<size_t>(i)])
      return "seat " + std::to_string(i) + "'s total is not the sum of its hands";
  if (s.phase == Phase::kPlaying) {
    for (int i = 0; i < n; ++i) {
      const bool played = ((i - s.leader + n) % n) < s.trick_size;
      const int want = num_tricks(s) - s.tricks_played - (played ? 1 : 0);
      if (s.hands[static_cast<size_t>(i)].size() != want)
        return "seat " + std::to_string(i) + " holds " + std::to_string(s.hands[static_cast<size_t>(i)].size()) +
               " cards, expected " + std::to_string(want);
    }
  }
  if (s.partner >= 0 && hand_in_progress(s) && !s.partner_revealed &&
      !s.hands[static_cast<size_t>(s.partner)].contains(s.called))
    return "the hidden partner no longer holds the called card";
  return std::nullopt;
}

}  // namespace parlor::rules::sheepshead
