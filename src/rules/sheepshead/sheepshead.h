#pragma once
// Sheepshead: the rules engine (normative rules: shared/rules/sheepshead.md;
// JSON of moves, views and results: docs/games/sheepshead.md).
//
// 3, 4 or 5 players, 32 cards, 14 fixed trumps. Each hand: picking, burying,
// calling a partner (5-handed), cracking (option), tricks, scoring; a leaster
// or a thrown-in doubler deal when everybody passes.
//
// The typed API (struct Sheepshead) follows rules/typed_game.h. The State is a
// small value: hands are CardSet bitmasks, the deal plan, the option JSON and
// the list of finished hands are shared immutable values, so copying a state
// for a playout copies about 200 bytes and three reference counts.
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
#include "rules/shared_value.h"
#include "rules/game.h"
#include "rules/json_text.h"
#include "rules/sheepshead/sheepshead_cards.h"

namespace parlor::rules::sheepshead {

inline constexpr int kMaxPlayers = 5;

// ---- Options (rules section 7) --------------------------------------------

enum class PartnerMode : std::uint8_t { kCalledAce, kJackOfDiamonds };
enum class NoPick : std::uint8_t { kLeaster, kDoubler, kForcedPick };
enum class LeasterBlind : std::uint8_t { kLastTrick, kFirstTrick, kNone };

struct Options {
  int players = 5;
  PartnerMode partner_mode = PartnerMode::kCalledAce;
  bool unknown_call = true;
  bool call_ten = true;
  bool allow_alone = true;
  bool jd_call_up = false;
  NoPick no_pick = NoPick::kLeaster;
  LeasterBlind leaster_blind = LeasterBlind::kLastTrick;
  bool double_on_bump = true;
  bool schneider_schwarz = true;
  bool cracking = false;
  int rounds = 2;
  bool operator==(const Options&) const = default;
};

// Cards each player is dealt, and the blind (= bury) size (rules 3.2).
constexpr int hand_size(int players) { return players == 3 ? 10 : players == 4 ? 7 : 6; }
constexpr int blind_size(int players) { return players == 4 ? 4 : 2; }


// ---- One finished deal, as scored ---------------------------------------

enum class HandKind : std::uint8_t { kPicked, kLeaster, kThrownIn };

struct HandSummary {
  HandKind kind = HandKind::kThrownIn;
  std::int8_t dealer = 0;
  std::int8_t picker = -1, partner = -1;  // partner -1: alone, or 3/4-handed
  Card called;                            // none when alone / leaster
  bool unknown = false, alone = false;
  Card under;                             // the under's real card, if any
  CardSet bury, blind;                    // blind: as dealt (face down)
  std::int8_t cracked_by = -1, recracked_by = -1;
  bool doubled = false;                   // used a pending doubler
  std::int8_t blind_to = -1;              // leaster: who got the blind's points
  std::array<std::int8_t, kMaxPlayers> tricks{};
  // Card points in tricks each seat won (leaster: plus the blind if received).
  std::array<std::int16_t, kMaxPlayers> card_points{};
  std::int16_t picker_points = 0;         // P of rules 5.1 (bury included)
  std::int8_t picker_tricks = 0;          // tricks won by the picker side
  std::int8_t base = 0, multiplier = 0;   // v and m of rules 5.2-5.3
  bool won = false;                       // picker side won
  std::uint8_t winners = 0;               // leaster winners (bit per seat)
  std::array<std::int32_t, kMaxPlayers> points{};  // game points of the hand
  bool operator==(const HandSummary&) const = default;
};

// ---- State ----------------------------------------------------------------

enum class Phase : std::uint8_t {
  kAwaitingSeed,  // live game: the next hand waits for its seed
  kPicking,
  kBurying,
  kCalling,       // 5-handed: call, unknown call or alone
  kCracking,      // players after the picker may crack
  kRecracking,    // picker, then (secretly) the partner may recrack
  kPlaying,
  kGameOver,
};

struct State {
  Options opt;
  Shared<json::object> options_json;  // normalized options, as given back by options()
  DealSource deals;
  Shared<std::vector<HandSummary>> history;  // one entry per finished deal
  std::array<std::int32_t, kMaxPlayers> totals{};
  std::int8_t dealer = 0;
  std::int8_t pending_doublers = 0;
  Phase phase = Phase::kAwaitingSeed;

  // The current hand. `turn` is the seat to act outside trick play.
  std::int8_t turn = -1;
  std::uint8_t passed = 0;             // seats that passed the pick (bits)
  std::array<CardSet, kMaxPlayers> hands{};  // the picker's held under is kUnder
  CardSet blind;                       // face down: before the pick, and in a leaster
  CardSet dealt_blind;                 // the blind as dealt (the picker may see it)
  CardSet bury;
  // Cards out of play: those of completed tricks; between hands the whole deck.
  CardSet collected;
  std::int8_t picker = -1, partner = -1;
  Card called, under;                  // under: the real card behind kUnder
  bool unknown = false, alone = false, doubled = false;
  bool partner_revealed = false;       // called card played, or partner recracked
  bool called_suit_done = false;       // a trick led in the called suit is complete
  std::int8_t cracked_by = -1, recracked_by = -1;

  // Trick play.
  std::int8_t leader = 0, trick_size = 0, tricks_played = 0;
  std::int8_t first_trick_winner = -1, under_winner = -1;
  std::array<Card, kMaxPlayers> trick{};     // by position in the trick
  std::array<std::int8_t, kMaxPlayers> tricks_won{};
  std::array<std::int16_t, kMaxPlayers> points_taken{};
  std::int8_t last_leader = -1, last_winner = -1;
  std::array<Card, kMaxPlayers> last_trick{};

  bool operator==(const State&) const = default;
};

// ---- Moves ------------------------------------------------------------------

// In the order legal_moves lists them.
enum class MoveType : std::uint8_t { kPick, kPass, kBury, kCall, kAlone, kCrack, kRecrack, kNoCrack, kPlay };

struct Move {
  MoveType type = MoveType::kPass;
  Card card;             // play (kUnder for "UNDER"), call
  CardSet cards;         // bury
  bool unknown = false;  // call
  Card under;            // call with unknown: the real card laid aside
  bool operator==(const Move&) const = default;
};

// ---- The typed game (rules/typed_game.h) --------------------------------

struct Sheepshead {
  static constexpr std::string_view kName = "sheepshead";
  using State = sheepshead::State;
  using Move = sheepshead::Move;

  static Result<State> create(const Setup& setup);
  static int players(const State& s) { return s.opt.players; }
  static std::string_view status(const State& s);
  static std::uint32_t to_act(const State& s);
  static void legal_moves(const State& s, int seat, std::vector<Move>& out);
  static Status apply(State& s, int seat, const Move& m);
  static json::value move_to_json(const Move& m);
  static Result<Move> move_from_json(const json::object& obj);
  // The view (rules section 8) in two parts: what every viewer sees, and the
  // fields that depend on who looks (seat, cards, under, blind, bury, partner,
  // card_points, last_trick).
  static json::object shared_view(const State& s);
  static json::object seat_view(const State& s, Viewer viewer);
  // shared_view(s) written straight to text: a room sends it on every move.
  static void write_shared_view(JsonText& w, const State& s);
  static json::object result(const State& s);
  static json::value state_to_json(const State& s);
  static Result<State> state_from_json(const json::value& v);
  static json::object options(const State& s) { return s.options_json.get(); }
  static bool awaiting_hand_seed(const State& s) { return s.phase == Phase::kAwaitingSeed; }
  static void add_hand_seed(State& s, std::string seed_text);
  static std::vector<Card> all_cards(const State& s);
  static std::vector<Card> hidden_from(const State& s, Viewer viewer);
  static std::optional<std::string> broken_invariant(const State& s);
  static std::vector<json::object> test_setups();
};

const GameType& game_type();

// ---- Internals shared by the implementation files (and tests) -----------

// Validates the options; `record_players` is the record's top-level "players".
// Returns the typed options and the normalized option JSON.
Result<std::pair<Options, json::object>> read_options(const json::object& given,
                                                      std::optional<int> record_players);
// The 32 cards in canonical order (suits C D H S, ranks 7..A).
const std::vector<Card>& canonical_deck();
// Position of `seat` in pick order (0 = the dealer's left neighbour).
inline int pick_index(const State& s, int seat) {
  return (seat - s.dealer - 1 + 2 * s.opt.players) % s.opt.players;
}
inline int num_tricks(const State& s) { return hand_size(s.opt.players); }
inline int hand_number(const State& s) { return static_cast<int>(s.history.get().size()); }
inline int total_deals(const State& s) { return s.opt.rounds * s.opt.players; }
inline bool hand_in_progress(const State& s) {
  return s.phase != Phase::kAwaitingSeed && s.phase != Phase::kGameOver;
}

// Flow (sheepshead.cc): deals hand history.size() or waits for its seed.
void start_hand(State& s);
void start_play(State& s);
// Records a finished deal, adds its points and moves on to the next deal.
void finish_hand(State& s, HandSummary h);

// Calling (sheepshead_call.cc): the calls open to the picker (rules 4.3).
struct CallChoices {
  CardSet plain;    // cards he may call with a hold card (or JD / a call-up jack)
  CardSet unknown;  // cards he may only call "unknown", with an under
  bool alone = false;
};
CallChoices call_choices(const State& s);
void legal_calls(const State& s, std::vector<Move>& out);
Status apply_call(State& s, const Move& m);
void start_cracking_or_play(State& s);
void legal_cracks(const State& s, int seat, std::vector<Move>& out);
Status apply_crack(State& s, int seat, const Move& m);

// Trick play (sheepshead_play.cc).
// Rules 4.5.7: the cards `seat` may play now (kUnder for the under).
CardSet legal_plays(const State& s, int seat);
Status apply_play(State& s, int seat, Card card);
// Index in `cards` of the trick's winner (rules 4.5.3); `led_group` is the
// group of the first card, or the called suit when the under was led.
int trick_winner(const Card* cards, int n, int led_group);

// Scoring (sheepshead_play.cc), pure so the worked examples can test it.
struct PickedScore {
  bool won = false;
  int base = 0, multiplier = 0, unit = 0;
  int picker = 0, partner = 0, defender = 0;  // game points per role
};
PickedScore score_picked(const Options& opt, bool has_partner, int picker_points,
                         int picker_tricks, int total_tricks, bool cracked, bool recracked,
                         bool doubled);
// Leaster winners (bit per seat): the lowest totals among seats that won a trick.
std::uint8_t leaster_winners(int players, const std::array<std::int16_t, kMaxPlayers>& totals,
                             const std::array<std::int8_t, kMaxPlayers>& tricks);
// Rules 5.4.3: each winner receives 1 game point from each non-winner.
std::array<std::int32_t, kMaxPlayers> leaster_points(int players, std::uint8_t winners);

// JSON helpers (sheepshead_json.cc).
std::string card_code(Card c);  // "QS", or "UNDER" for kUnder
json::array codes_json(CardSet cards);
json::object hand_summary_json(const HandSummary& h, int players, bool with_cards);
std::string_view phase_name(Phase p);
// Text twins of the above, for Sheepshead::write_shared_view.
void write_code(JsonText& w, Card c);          // card_code(c)
void write_codes(JsonText& w, CardSet cards);  // codes_json(cards)
// The hand's call: {"alone": true}, null (no call) or the called card's rank
// and suit with "unknown" (never the code: the card may lie hidden in a hand).
void write_call(JsonText& w, bool alone, Card called, bool unknown);
// The members of hand_summary_json(h, players, false), without the braces.
void write_hand_summary_members(JsonText& w, const HandSummary& h, int players);
// The first `players` values, one per seat, as an array of numbers.
template <class T>
void write_per_seat(JsonText& w, const std::array<T, kMaxPlayers>& values, int players) {
  w.begin_array();
  for (int i = 0; i < players; ++i) w.number(values[static_cast<size_t>(i)]);
  w.end_array();
}

}  // namespace parlor::rules::sheepshead
