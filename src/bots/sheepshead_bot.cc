// Sheepshead: picking, burying, calling and cracking go by hand strength at
// every level (sheepshead_policy). In trick play the easy bot follows the
// heuristics; normal and hard deal the unseen cards (sheepshead_world) and
// play each legal card out to the end of the hand with every seat on the
// heuristics, scoring the seat's game points for the hand.
#include "bots/games.h"
#include "bots/search.h"
#include "bots/sheepshead_world.h"

namespace parlor::bots {
namespace sheepshead_bot {
namespace {

using rules::sheepshead::Sheepshead;

constexpr double kPlayoutNoise = 0.08;

double play_out(ss::State s, int seat, Card first, std::uint64_t stream) {
  FastRng rng(stream);
  Status st = Sheepshead::apply(s, seat, ss::Move{.type = ss::MoveType::kPlay, .card = first});
  PARLOR_CHECK(st.ok(), "sheepshead candidate: " << st.error().message);
  while (s.phase == ss::Phase::kPlaying) {
    const int who = std::countr_zero(Sheepshead::to_act(s));
    const Table t = table_from_state(s, who);
    st = Sheepshead::apply(s, who, ss::Move{.type = ss::MoveType::kPlay, .card = choose_play(t, rng, kPlayoutNoise)});
    PARLOR_CHECK(st.ok(), "sheepshead playout: " << st.error().message);
  }
  return s.history.get().back().points[static_cast<size_t>(seat)];
}

ss::Options options_of(const json::object& view) {
  auto options = ss::read_options(object_at(view, "options"), std::nullopt);
  PARLOR_CHECK(options.ok(), "sheepshead view options: " << options.error().message);
  return options->first;
}

size_t play_choice(const BotInput& in, const std::vector<ss::Move>& moves) {
  auto play = [&](Card c) { return index_of(moves, ss::Move{.type = ss::MoveType::kPlay, .card = c}); };
  FastRng rng(in.seed);
  if (!in.level.searches()) return play(choose_play(read_table(in.view), rng, 0));
  const World w = read_world(in.view);
  const Card favourite = choose_play(w.table, rng, 0);
  std::vector<Card> cards{favourite};
  for (Card c : w.table.legal)
    if (c != favourite) cards.push_back(c);
  const auto outcome = monte_carlo(static_cast<int>(cards.size()), in.level, in.seed,
                                   [&](FastRng& deal_rng, std::span<double> sum) {
                                     ss::State s;
                                     if (!sample_state(w, deal_rng, s)) return;
                                     const std::uint64_t stream = deal_rng.next();
                                     for (size_t i = 0; i < cards.size(); ++i)
                                       sum[i] += play_out(s, w.seat, cards[i], stream);
                                   });
  return play(cards[static_cast<size_t>(outcome.best)]);
}

}  // namespace
}  // namespace sheepshead_bot

size_t sheepshead_choice(const BotInput& in) {
  using namespace sheepshead_bot;
  const auto moves = typed_legal<Sheepshead>(in.legal);
  const std::string_view phase = string_at(in.view, "phase");
  if (phase == "playing") return play_choice(in, moves);
  const ss::Options opt = options_of(in.view);
  const int seat = int_at(in.view, "seat");
  const CardSet hand = card_set(*find(in.view, "cards"));
  if (phase == "picking") {
    const int position = (seat - int_at(in.view, "dealer") - 1 + 2 * opt.players) % opt.players;
    const bool pick = choose_pick(hand, position, opt);
    return index_of(moves, ss::Move{.type = pick ? ss::MoveType::kPick : ss::MoveType::kPass});
  }
  if (phase == "burying") return index_of(moves, ss::Move{.type = ss::MoveType::kBury, .cards = choose_bury(hand, moves, opt)});
  if (phase == "calling") return index_of(moves, choose_call(hand, moves, opt));
  // Cracking or recracking: the doubling choice comes first, no_crack last.
  const bool picker_side = seat == int_or(in.view, "picker", -1) || seat == int_or(in.view, "partner", -1);
  return choose_double(hand, picker_side, opt) ? 0 : moves.size() - 1;
}

}  // namespace parlor::bots
