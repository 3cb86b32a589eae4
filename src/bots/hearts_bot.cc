// Hearts: the easy bot plays the heuristics of hearts_policy; normal and hard
// search over deals of the unseen cards that agree with everything the seat
// has seen (its pass, voids shown by failures to follow, hearts led before
// they were broken, penalty cards on trick 1), playing each candidate card
// out with the heuristics as playout policy. They also search the pass:
// every 3 of the 6 most passable cards, over random deals of the other 39.
#include "bots/candidates.h"
#include "bots/games.h"
#include "bots/hearts_policy.h"
#include "bots/hearts_world.h"
#include "bots/sampler.h"
#include "bots/search.h"

namespace parlor::bots {
namespace hearts_bot {
namespace {

using rules::hearts::Hearts;

// Share of random moves in playouts: enough variety to explore lines the
// heuristics never choose, little enough to keep the opponents plausible.
constexpr double kPlayoutNoise = 0.08;
// Passes searched: every 3 of this many most passable cards.
constexpr int kPassPool = 6;

double reward(const hr::State& s, int seat) {
  const auto& points = s.results.back().points;
  double others = 0;
  for (int p = 0; p < 4; ++p)
    if (p != seat) others += points[p];
  return others / 3.0 - points[seat];
}

// Plays the hand out from `first` (a pass or a card) with the heuristics:
// the other seats pass by them, then everybody plays by them.
double play_out(hr::State s, int seat, const hr::Move& first, std::uint64_t stream) {
  FastRng rng(stream);
  Status st = Hearts::apply(s, seat, first);
  PARLOR_CHECK(st.ok(), "hearts candidate: " << st.error().message);
  for (int other = 0; other < 4 && s.phase == hr::Phase::kPassing; ++other) {
    if ((s.passed_mask >> other) & 1u) continue;
    st = Hearts::apply(s, other, hr::Move::pass(choose_pass(s.hands[other], s.options)));
    PARLOR_CHECK(st.ok(), "playout pass: " << st.error().message);
  }
  while (s.phase == hr::Phase::kPlaying) {
    const Table t = table_from_state(s);
    st = Hearts::apply(s, t.seat, hr::Move::play(choose_play(t, rng, kPlayoutNoise)));
    PARLOR_CHECK(st.ok(), "playout: " << st.error().message);
  }
  return reward(s, seat);
}

// Searches `candidates` (the favourite first) over deals from `w`.
size_t search(const Level& level, std::uint64_t seed, const World& w, const std::vector<hr::Move>& candidates) {
  const auto outcome = monte_carlo(static_cast<int>(candidates.size()), level, seed,
                                   [&](FastRng& deal_rng, std::span<double> sum) {
                                     const hr::State s = sample_state(w, deal_rng);
                                     const std::uint64_t stream = deal_rng.next();
                                     for (size_t i = 0; i < candidates.size(); ++i)
                                       sum[i] += play_out(s, w.table.seat, candidates[i], stream);
                                   });
  return static_cast<size_t>(outcome.best);
}

// Candidate passes: every 3 of the 6 cards the heuristics most like to pass,
// their own choice first.
std::vector<hr::Move> pass_candidates(CardSet hand, const hr::Options& options) {
  const std::vector<Card> order = pass_preference(hand, options);
  std::vector<hr::Move> out{hr::Move::pass(choose_pass(hand, options))};
  for (int a = 0; a < kPassPool; ++a)
    for (int b = a + 1; b < kPassPool; ++b)
      for (int c = b + 1; c < kPassPool; ++c) {
        CardSet pass;
        for (int i : {a, b, c}) pass.add(order[i]);
        if (!(hr::Move::pass(pass) == out.front())) out.push_back(hr::Move::pass(pass));
      }
  return out;
}

// The move of the seat that `k` describes (it acts: passes or plays).
hr::Move choose(const Knowledge& k, const Level& level, std::uint64_t seed) {
  if (k.phase == hr::Phase::kPassing) {
    const World w = read_pass_world(k);
    const std::vector<hr::Move> passes = pass_candidates(w.table.hand, w.table.options);
    if (!level.searches()) return passes.front();
    return passes[search(level, seed, w, passes)];
  }
  const World w = read_world(k);
  FastRng rng(seed);
  const Card favourite = choose_play(w.table, rng, 0);
  if (!level.searches()) return hr::Move::play(favourite);
  const CardSet outstanding = CardSet((std::uint64_t{1} << 52) - 1) - w.table.hand - w.table.played;
  std::vector<hr::Move> plays;
  for (Card c : distinct_plays(w.table.legal, outstanding, favourite)) plays.push_back(hr::Move::play(c));
  return plays[search(level, seed, w, plays)];
}

}  // namespace
}  // namespace hearts_bot

size_t hearts_choice(const BotInput& in) {
  using namespace hearts_bot;
  const auto moves = typed_legal<Hearts>(in.legal);
  return index_of(moves, choose(knowledge_of_view(in.view), in.level, in.seed));
}

json::value hearts_move_in_state(const rules::hearts::State& s, int seat, const Level& level, std::uint64_t seed) {
  using namespace hearts_bot;
  std::vector<hr::Move> moves;
  Hearts::legal_moves(s, seat, moves);
  PARLOR_CHECK(!moves.empty(), "hearts bot asked for seat " << seat << ", which has no legal move");
  const hr::Move m = moves.size() == 1 ? moves.front() : choose(knowledge_of_state(s, seat), level, seed);
  return Hearts::move_to_json(moves[index_of(moves, m)]);
}

}  // namespace parlor::bots
