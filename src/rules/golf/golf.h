#pragma once
// Golf (the multi-player card game, /work/shared/rules/golf.md): 2-8 players
// improve a 4-, 6- or 9-card grid over a number of holes; lowest total wins.
//
// The typed API (see rules/typed_game.h) lives in `struct Golf`; the JSON
// forms of moves, views and results are documented in docs/games/golf.md.
//
// With two decks a card may exist twice, so piles and grids are arrays of
// Card (never CardSet). The state is a fixed-size value (no heap except the
// shared DealSource and the shared normalized options) so that playouts copy
// it cheaply.
#include <array>
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/card.h"
#include "base/result.h"
#include "rules/deal.h"
#include "rules/shared_value.h"
#include "rules/game.h"
#include "rules/json_text.h"

namespace parlor::rules::golf {

inline constexpr int kMinPlayers = 2;
inline constexpr int kMaxPlayers = 8;
inline constexpr int kMaxGrid = 9;
inline constexpr int kMaxHoles = 18;
inline constexpr int kMaxCards = 2 * 54;  // two decks with jokers

enum class FlipMode : std::uint8_t { kNone, kOptional, kRequired };
enum class OutPenalty : std::uint8_t { kNone, kDouble };

// The typed options (the normalized JSON form is kept beside them).
struct Options {
  std::int8_t layout = 6;  // 4, 6 or 9 cards
  std::int8_t holes = 9;
  std::int8_t initial_flips = 2;  // not used in 4-card Golf
  FlipMode flip_after_discard = FlipMode::kOptional;
  bool final_turns = true;
  bool jokers = false;
  OutPenalty out_penalty = OutPenalty::kNone;

  int columns() const { return layout == 4 ? 2 : 3; }
  int rows() const { return layout / columns(); }
  bool four_card() const { return layout == 4; }
  bool operator==(const Options&) const = default;
};

// Decks used for `players` at `layout` (rules 2.1).
int decks_for(int layout, int players);
// The canonical deck of the game: deck 1 (2C..AS, then X1 X2 with jokers),
// then deck 2 the same way when two decks are used.
std::vector<Card> canonical_deck(int decks, bool jokers);

// Card value (rules 2.2) and the rank key used for matching (jokers match
// each other; suits never matter).
int card_value(Card c);
int match_key(Card c);
// Hole score of one grid (rules 5.2-5.3): column by column, a column of
// matching ranks scores 0, otherwise the sum of its values.
int grid_score(std::span<const Card> grid, int layout);
// Rules 5.4: the seat that went out (or knocked) has its positive score
// doubled unless it is strictly lower than every other seat's. Returns
// whether it was doubled.
bool apply_out_penalty(std::span<int> scores, int out_seat);
// Seats with the lowest total (rules 6.2; ties share).
std::vector<int> lowest_seats(std::span<const int> totals);

// A stack of cards with its top at the back; unused slots stay Card() so the
// defaulted comparison is exact.
struct Pile {
  std::array<Card, kMaxCards> cards{};
  std::uint8_t size = 0;

  bool empty() const { return size == 0; }
  Card top() const { return cards[size - 1]; }
  void push(Card c) { cards[size++] = c; }
  Card pop() {
    Card c = cards[--size];
    cards[size] = Card();
    return c;
  }
  void clear() { *this = Pile{}; }
  bool operator==(const Pile&) const = default;
};

// One player's grid. Positions are row * columns + column (rules 0).
struct Grid {
  std::array<Card, kMaxGrid> cards{};
  std::uint16_t up = 0;         // face up on the table: everyone sees these
  std::uint16_t known_all = 0;  // 4-card: face down, but taken from the discard pile in view of all
  std::uint16_t known_own = 0;  // face down, known to the owner only (4-card peeks and placed
                                // cards; 6/9-card initial reveals not yet shown to the others)
  bool operator==(const Grid&) const = default;
};

// The summary of a completed hole.
struct HoleSummary {
  std::array<std::int16_t, kMaxPlayers> points{};  // hole scores after the out penalty
  std::int8_t dealer = 0;
  std::int8_t out = -1;  // who went out (6/9) or knocked (4), -1 if nobody
  bool doubled = false;  // the out seat's score was doubled (out_penalty)
  bool operator==(const HoleSummary&) const = default;
};

enum class Phase : std::uint8_t {
  kAwaitingSeed,  // live game: the hole's seed has not been supplied yet
  kReveal,        // initial reveal (6/9-card), simultaneous
  kTurn,          // `turn` chooses: draw, take_discard or knock
  kDrawn,         // `turn` holds the drawn card: swap or discard
  kGameOver,
};


struct State {
  Options opt;
  Shared<boost::json::object> options_json;  // normalized options
  DealSource deals;
  std::int8_t players = 2;
  std::int8_t decks = 1;
  std::int8_t first_dealer = 0;
  std::int8_t dealer = 0;  // dealer of hole `hole`
  std::int8_t hole = 0;    // current (or, while awaiting its seed, next) hole; = holes at the end
  Phase phase = Phase::kAwaitingSeed;
  std::int8_t turn = -1;    // seat whose turn it is (kTurn, kDrawn), else -1
  std::int8_t out = -1;     // first seat that went out or knocked in this hole
  bool rebuilt = false;     // the stock was rebuilt in this hole (at most once)
  std::uint8_t revealed = 0;  // kReveal: seats that have made their choice
  Card drawn;               // kDrawn: the card drawn from the stock
  std::array<Grid, kMaxPlayers> grids{};
  Pile stock;    // top at the back
  Pile discard;  // top at the back; the cards discarded since the last rebuild, in order
  std::array<HoleSummary, kMaxHoles> history{};  // the first `hole` entries are used
  std::array<std::int32_t, kMaxPlayers> totals{};
  bool operator==(const State&) const = default;
};

enum class MoveType : std::uint8_t { kReveal, kDraw, kTakeDiscard, kSwap, kDiscard, kKnock };

struct Move {
  MoveType type = MoveType::kDraw;
  std::uint16_t positions = 0;  // kReveal: bit mask of the positions turned up
  std::int8_t position = -1;    // kTakeDiscard, kSwap: grid position; kDiscard: flip or -1
  bool operator==(const Move&) const = default;

  static Move reveal(std::uint16_t mask) { return {MoveType::kReveal, mask, -1}; }
  static Move draw() { return {MoveType::kDraw, 0, -1}; }
  static Move take_discard(int pos) { return {MoveType::kTakeDiscard, 0, static_cast<std::int8_t>(pos)}; }
  static Move swap(int pos) { return {MoveType::kSwap, 0, static_cast<std::int8_t>(pos)}; }
  static Move discard(int flip = -1) { return {MoveType::kDiscard, 0, static_cast<std::int8_t>(flip)}; }
  static Move knock() { return {MoveType::kKnock, 0, -1}; }
};

struct Golf {
  static constexpr std::string_view kName = "golf";
  using State = golf::State;
  using Move = golf::Move;

  static Result<State> create(const Setup& setup);
  static int players(const State& s) { return s.players; }
  static std::string_view status(const State& s);
  static std::uint32_t to_act(const State& s);
  static void legal_moves(const State& s, int seat, std::vector<Move>& out);
  static Status apply(State& s, int seat, const Move& m);
  static json::value move_to_json(const Move& m);
  static Result<Move> move_from_json(const json::object& obj);
  // The view in two parts: what every viewer sees, and the fields that depend
  // on who looks (grids, drawn).
  static json::object shared_view(const State& s);
  static json::object seat_view(const State& s, Viewer viewer);
  // shared_view(s) written straight to text: a room sends it on every move.
  static void write_shared_view(JsonText& w, const State& s);
  static json::object result(const State& s);
  static json::value state_to_json(const State& s);
  static Result<State> state_from_json(const json::value& v);
  static json::object options(const State& s) { return *s.options_json; }
  static bool awaiting_hand_seed(const State& s) { return s.phase == Phase::kAwaitingSeed; }
  static void add_hand_seed(State& s, std::string seed_text);
  static std::vector<Card> all_cards(const State& s);
  static std::vector<Card> hidden_from(const State& s, Viewer viewer);
  static std::optional<std::string> broken_invariant(const State& s);
  static std::vector<json::object> test_setups();
};

const GameType& game_type();

// Internals shared by the implementation files.
namespace detail {
// Reads and validates the options (bad_option naming the key).
Result<Options> read_options(const json::object& given, json::object& normalized);
// Deals hole s.hole from its deck (rules 3.4) and starts its first phase.
void deal_hole(State& s);
// Whether seat `viewer` (nullopt: spectator) may see grid position `pos` of `owner`.
bool grid_card_visible(const State& s, int owner, int pos, Viewer viewer);
std::uint16_t full_mask(int layout);
}  // namespace detail

}  // namespace parlor::rules::golf
