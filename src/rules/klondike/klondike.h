#pragma once
// Klondike solitaire (shared/rules/klondike.md): one player (seat 0), 7 tableau
// columns, 4 foundations, stock and waste; draw 1 or 3, pass limits, Standard /
// Vegas / no scoring with timed play, exact undo and auto-complete.
//
// One game is one deal. The typed API below (struct Klondike) is what bots and
// benchmarks call directly; game_type() adapts it to the JSON interface.
//
// The state is a compact value: fixed arrays for the piles, a small undo log of
// 16-byte records (not snapshots), and the shared DealSource. Copying it costs
// one allocation only when the undo log is not empty.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/card.h"
#include "base/result.h"
#include "rules/deal.h"
#include "rules/game.h"
#include "rules/typed_game.h"

namespace parlor::rules::klondike {

inline constexpr int kColumns = 7;
inline constexpr int kFoundations = 4;
inline constexpr int kMaxColumnCards = 19;  // 6 face down + a face-up run K..A
inline constexpr int kTalonCards = 24;      // stock + waste after the deal
inline constexpr int kDeckCards = 52;

// Piles as moves name them: "waste", "t1".."t7", "f1".."f4". The numbering is
// also the order in which `legal` lists move sources and targets.
using Pile = std::uint8_t;
inline constexpr Pile kWaste = 0;
inline constexpr Pile kNoPile = 255;
constexpr Pile column_pile(int c) { return static_cast<Pile>(1 + c); }      // c = 0..6
constexpr Pile foundation_pile(int f) { return static_cast<Pile>(8 + f); }  // f = 0..3
constexpr bool is_column(Pile p) { return p >= 1 && p <= 7; }
constexpr bool is_foundation(Pile p) { return p >= 8 && p <= 11; }
constexpr int column_index(Pile p) { return p - 1; }
constexpr int foundation_index(Pile p) { return p - 8; }
std::string pile_name(Pile p);                          // "t3"
std::optional<Pile> parse_pile(std::string_view name);  // nullopt unless a name above

// Klondike ranks: ace 1 (low) ... king 13.
constexpr int klondike_rank(Card c) { return c.rank() == rank::kAce ? 1 : c.rank() + 2; }
constexpr Card card_of(int klondike_rank_value, Suit s) {
  return Card(klondike_rank_value == 1 ? rank::kAce : klondike_rank_value - 2, s);
}
constexpr bool is_red(Card c) { return c.suit() == Suit::kDiamonds || c.suit() == Suit::kHearts; }

enum class MoveType : std::uint8_t { kDraw, kRecycle, kMove, kAutoComplete, kUndo, kAbandon };

struct Move {
  MoveType type = MoveType::kAbandon;
  Pile from = kNoPile;  // kMove only
  Pile to = kNoPile;    // kMove only
  Card card;            // kMove: the moving card (head of a tableau group); none = not named
  std::int32_t t = -1;  // elapsed whole seconds stamped by the server; -1 = not given
  bool operator==(const Move&) const = default;
};

enum class Scoring : std::uint8_t { kStandard, kVegas, kNone };

struct Options {
  int draw = 1;  // cards per draw: 1 or 3
  Scoring scoring = Scoring::kStandard;
  int max_passes = 0;  // 0 = unlimited
  bool vegas_cumulative = false;
  bool timed = false;  // Standard scoring only
  bool foundation_to_tableau = true;
  bool undo = true;  // "unlimited" / "off"
  bool auto_complete = true;
  bool operator==(const Options&) const = default;
};

// One tableau column; cards[0] is the bottom, cards[size - 1] the top.
// Unused slots always hold Card() so that defaulted equality compares content.
struct Column {
  std::array<Card, kMaxColumnCards> cards{};
  std::uint8_t size = 0;
  std::uint8_t down = 0;  // cards[0, down) are face down; down < size unless empty
  bool empty() const { return size == 0; }
  Card top() const { return cards[size - 1u]; }
  bool operator==(const Column&) const = default;
};

// What undo needs to reverse one action exactly (4.8): the action, whether it
// turned a column card up, and the score and time penalties before it.
struct UndoRecord {
  MoveType type = MoveType::kDraw;  // kDraw, kRecycle or kMove
  Pile from = kNoPile;
  Pile to = kNoPile;
  std::uint8_t count = 0;  // cards drawn (kDraw) or moved (kMove)
  bool flipped = false;    // the move turned up the source column's new top
  std::int32_t score = 0;  // the score before the action
  std::int32_t ticks = 0;  // time penalties charged before the action (timed)
  bool operator==(const UndoRecord&) const = default;
};

enum class GameStatus : std::uint8_t { kInProgress, kWon, kAbandoned };

struct State {
  Options options;
  DealSource deals;
  bool dealt = false;  // false while a live game waits for its hand seed
  GameStatus status = GameStatus::kInProgress;
  std::array<Column, kColumns> tableau{};
  // The talon holds waste and stock in one array so that draw, recycle and
  // their undo only move the boundary: talon[0, waste_size) is the waste from
  // bottom (drawn first) to top; talon[waste_size, talon_size) is the stock
  // from top (drawn next) to bottom.
  std::array<Card, kTalonCards> talon{};
  std::uint8_t talon_size = 0;
  std::uint8_t waste_size = 0;
  std::array<Card, kFoundations> foundations{};  // top card of f1..f4; none = empty
  std::int32_t score = 0;
  std::int32_t recycles = 0;        // pass number = recycles + 1
  std::int32_t moves = 0;           // actions taken (see docs/games/klondike.md)
  std::int32_t elapsed = 0;         // timed: the latest "t"; penalties charged = elapsed / 10
  std::int32_t time_bonus = 0;      // timed: the bonus added at the win
  std::vector<UndoRecord> history;  // empty with undo off and once the game is over
  bool operator==(const State&) const = default;

  int stock_size() const { return talon_size - waste_size; }
  Card waste_top() const { return talon[waste_size - 1u]; }
  int foundation_cards() const;
};

struct Klondike {
  static constexpr std::string_view kName = "klondike";
  using State = klondike::State;
  using Move = klondike::Move;

  static Result<State> create(const Setup& setup);
  static int players(const State&) { return 1; }
  static std::string_view status(const State& s);
  static std::uint32_t to_act(const State& s);
  static void legal_moves(const State& s, int seat, std::vector<Move>& out);
  static Status apply(State& s, int seat, const Move& m);
  static json::value move_to_json(const Move& m);
  static Result<Move> move_from_json(const json::object& obj);
  static json::object view(const State& s, Viewer viewer);
  static json::object result(const State& s);
  static json::value state_to_json(const State& s);
  static Result<State> state_from_json(const json::value& v);
  static json::object options(const State& s);
  static bool awaiting_hand_seed(const State& s) { return !s.dealt; }
  static void add_hand_seed(State& s, std::string seed_text);
  static std::vector<Card> all_cards(const State& s);
  static std::vector<Card> hidden_from(const State& s, Viewer viewer);
  static std::optional<std::string> broken_invariant(const State& s);
  static std::vector<json::object> test_setups();
};

// Helpers for bots and tests.
bool auto_complete_available(const State& s);  // 4.7.1 (ignores the option)
// The A5 moves an auto-complete would make now, in order (empty when it is not
// available): for tests, and for clients that animate it.
std::vector<Move> auto_complete_moves(const State& s);
int pass_number(const State& s);
Result<Options> read_options(const json::object& given);  // errors: bad_option
json::object options_json(const Options& o);              // the normalized options

const GameType& game_type();

}  // namespace parlor::rules::klondike
