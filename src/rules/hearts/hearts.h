#pragma once
// Hearts (normative rules: shared/rules/hearts.md; JSON of moves and views:
// docs/games/hearts.md).
//
// The typed API of typed_game.h over a compact State: hands are CardSet bit
// masks, the hand's plays are 52 bytes in order, and nothing on the playout
// path (legal_plays / legal_moves / apply) touches JSON or allocates, except
// the once-per-hand deal and hand summary. Bots use `Hearts::` directly.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/card.h"
#include "base/result.h"
#include "rules/deal.h"
#include "rules/game.h"
#include "rules/json_text.h"

namespace parlor::rules::hearts {

inline constexpr int kPlayers = 4;
inline constexpr int kHandSize = 13;
inline constexpr int kPassCount = 3;
inline constexpr int kDeckSize = 52;
inline constexpr int kTricksPerHand = 13;

inline constexpr Card kTwoOfClubs{rank::kTwo, Suit::kClubs};
inline constexpr Card kQueenOfSpades{rank::kQueen, Suit::kSpades};
inline constexpr Card kJackOfDiamonds{rank::kJack, Suit::kDiamonds};
inline constexpr CardSet kHearts = CardSet::suit(Suit::kHearts);
// Penalty cards: every heart and QS.
inline constexpr CardSet kPenaltyCards{kHearts.bits() | (std::uint64_t{1} << kQueenOfSpades.id())};

enum class PassDirection : std::uint8_t { kLeft, kRight, kAcross, kHold };
enum class PassCycle : std::uint8_t {
  kLeftRightAcrossHold, kLeftRightAcross, kLeftRight, kLeft, kNone
};
enum class MoonRule : std::uint8_t { kAddToOthers, kSubtractFromShooter, kShooterBest, kOff };
enum class TieRule : std::uint8_t { kShare, kPlayOn };

// Section 7 of the rules; pass_count is fixed at 3 and not stored.
struct Options {
  PassCycle pass_cycle = PassCycle::kLeftRightAcrossHold;
  bool first_trick_points = false;
  bool qs_breaks_hearts = false;
  MoonRule moon = MoonRule::kAddToOthers;
  bool jack_of_diamonds = false;
  std::int16_t end_score = 100;
  TieRule tie_rule = TieRule::kShare;
  bool operator==(const Options&) const = default;
};

// kDealing: the hand `hand_index` waits for its seed (live games only); the
// plays of the hand before it, if any, are still on the table for review.
enum class Phase : std::uint8_t { kDealing, kPassing, kPlaying, kGameOver };

// The outcome of one completed hand.
struct HandResult {
  std::array<std::int16_t, kPlayers> points{};  // hand scores: after the moon rule and JD
  std::int8_t shooter = -1;        // seat that shot the moon (never set with moon = off)
  bool moon_subtracted = false;    // the shooter scored -26 instead of the others +26
  std::int8_t jack_taker = -1;     // seat that won JD, when the option is on
  bool operator==(const HandResult&) const = default;
};

struct State {
  DealSource deals;  // shared, immutable
  Options options;
  Phase phase = Phase::kDealing;
  std::int8_t first_dealer = 0;
  std::int16_t hand_index = 0;  // 0-based number of the current hand
  std::array<CardSet, kPlayers> hands{};
  // Passing: the 3 cards each seat chose (locked in once its bit is in
  // passed_mask). After the exchange they stay here: what each seat gave.
  std::array<CardSet, kPlayers> passes{};
  std::uint8_t passed_mask = 0;
  std::array<CardSet, kPlayers> taken{};  // cards won in tricks this hand
  std::array<Card, kDeckSize> plays{};    // cards played this hand, in order
  std::uint8_t num_plays = 0;
  std::int8_t opening_leader = -1;  // who led trick 1 (held 2C after the pass)
  std::int8_t leader = -1;          // who leads the current trick
  bool hearts_broken = false;
  // tie_rule play_on: end_score was reached with the lowest total tied; from
  // now on only a unique lowest total ends the game (rules 6.3, 9.13).
  bool playing_on = false;
  std::array<int, kPlayers> totals{};
  std::vector<HandResult> results;  // one per completed hand
  bool operator==(const State&) const = default;
};

// The parts of the shared view's text that change only now and then, kept
// from one state to the next (typed_game.h, KeepsViewMemo): the completed
// tricks of the hand on the table (a new one every fourth card), the finished
// hands with their seeds (a new one per hand) and the options (never). A view
// then copies them instead of writing ~200 elements on every move. Each
// state's memo is made when the state is, from its predecessor's
// (Hearts::view_memo), and shared read-only by the states that have it.
struct ViewMemo {
  int plays_hand = -1;  // whose plays the tricks are: the last hand's while the next awaits its seed
  int tricks = 0;       // completed tricks in tricks_text
  int next_leader = -1; // who leads the trick after them
  size_t last_at = 0;   // where the last of them starts in tricks_text
  size_t hands = 0;     // finished hands in hands_text
  // Comma-separated elements of the view's "tricks" and "hands" arrays
  // (null: none yet), and the "options" object.
  std::shared_ptr<const std::string> tricks_text, hands_text, options_text;
};

enum class MoveKind : std::uint8_t { kPass, kPlay };

struct Move {
  MoveKind kind = MoveKind::kPlay;
  Card card;      // kPlay
  CardSet cards;  // kPass
  static Move play(Card c) { return Move{MoveKind::kPlay, c, {}}; }
  static Move pass(CardSet cs) { return Move{MoveKind::kPass, Card(), cs}; }
  bool operator==(const Move&) const = default;
};

// Seat helpers (rules 0): left = next clockwise.
constexpr int left_of(int seat) { return (seat + 1) % kPlayers; }
constexpr int pass_target(int seat, PassDirection d) {
  switch (d) {
    case PassDirection::kLeft: return (seat + 1) % kPlayers;
    case PassDirection::kRight: return (seat + 3) % kPlayers;
    case PassDirection::kAcross: return (seat + 2) % kPlayers;
    case PassDirection::kHold: return seat;
  }
  return seat;
}
// The seat whose pass arrives at `seat`.
constexpr int pass_source(int seat, PassDirection d) {
  switch (d) {
    case PassDirection::kLeft: return (seat + 3) % kPlayers;
    case PassDirection::kRight: return (seat + 1) % kPlayers;
    case PassDirection::kAcross: return (seat + 2) % kPlayers;
    case PassDirection::kHold: return seat;
  }
  return seat;
}
// Direction of hand `hand_index` (0-based): cycle entry hand_index mod length.
PassDirection pass_direction(PassCycle cycle, int hand_index);
std::string_view pass_direction_name(PassDirection d);
// Raw penalty points of a set of cards: 1 per heart, 13 for QS.
inline int penalty_points(CardSet cards) {
  return (cards & kHearts).size() + (cards.contains(kQueenOfSpades) ? 13 : 0);
}

// Options as JSON (normalized, every key) and back; errors are bad_option.
json::object options_json(const Options& o);
void write_options(JsonText& w, const Options& o);  // options_json(o) as text
Result<Options> read_options(const json::object& given);

struct Hearts {
  static constexpr std::string_view kName = "hearts";
  using State = hearts::State;
  using Move = hearts::Move;
  using ViewMemo = hearts::ViewMemo;

  static Result<State> create(const Setup& setup);
  static int players(const State&) { return kPlayers; }
  static std::string_view status(const State& s);
  static std::uint32_t to_act(const State& s);
  static void legal_moves(const State& s, int seat, std::vector<Move>& out);
  static Status apply(State& s, int seat, const Move& m);
  static json::value move_to_json(const Move& m);
  // move_to_json(m) as text, appended to `out`: a pass-phase view lists 286.
  static void append_move_text(std::string& out, const Move& m);
  static Result<Move> move_from_json(const json::object& obj);
  // The view (rules section 8) in two parts: what every viewer sees, and the
  // fields that depend on who looks (seat, cards, pass).
  static json::object shared_view(const State& s);
  static json::object seat_view(const State& s, Viewer viewer);
  // seat_view's text without "seat" (TypedState writes it): cards and pass.
  static void write_seat_view(JsonText& w, const State& s, Viewer viewer);
  // shared_view(s) written straight to text: a room sends it on every move.
  // The tricks, hands and options are copied from the state's memo
  // (view_memo(before, s)).
  static void write_shared_view(JsonText& w, const State& s, const ViewMemo& memo);
  // The memo of `s`, from the memo of the state `s` follows (`before`; one
  // game's history: its tricks and hands are a prefix of s's) or from scratch.
  static ViewMemo view_memo(const ViewMemo* before, const State& s);
  static json::object result(const State& s);
  static json::value state_to_json(const State& s);
  static Result<State> state_from_json(const json::value& v);
  static json::object options(const State& s) { return options_json(s.options); }
  static bool awaiting_hand_seed(const State& s) { return s.phase == Phase::kDealing; }
  static void add_hand_seed(State& s, std::string seed_text);
  static std::vector<Card> all_cards(const State& s);
  static std::vector<Card> hidden_from(const State& s, Viewer viewer);
  static std::optional<std::string> broken_invariant(const State& s);
  static std::vector<json::object> test_setups();

  // Fast helpers for bots and playouts (no allocation).
  // The seat to play in the playing phase.
  static int turn(const State& s) { return (s.leader + (s.num_plays & 3)) % kPlayers; }
  // Cards the seat to play may play now (rules 4.2.7); playing phase only.
  static CardSet legal_plays(const State& s);
  static PassDirection current_pass(const State& s) {
    return pass_direction(s.options.pass_cycle, s.hand_index);
  }
  static int dealer(const State& s) { return (s.first_dealer + s.hand_index) % kPlayers; }
  // The seat that won the trick of 4 cards starting at plays[start], led by `leader`.
  static int trick_winner(const State& s, int start, int leader);
};

const GameType& game_type();

}  // namespace parlor::rules::hearts
