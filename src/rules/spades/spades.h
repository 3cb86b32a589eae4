#pragma once
// Spades: four players in two fixed partnerships (team 0 = seats 0 and 2,
// team 1 = seats 1 and 3), individual bids added per team, nil and blind nil,
// sandbags with a bag penalty, game to a target score. The normative rules are
// shared/rules/spades.md; the JSON of moves, views and results is described in
// docs/games/spades.md.
//
// Spades implements the contract of rules/typed_game.h. State is a compact
// value (card sets as bitmasks, small fixed arrays); what rarely changes (the
// deal plan, the options as JSON, the hand history) is shared between copies
// and replaced, never modified, so copying a state for a playout is cheap.
#include <array>
#include <boost/json/object.hpp>
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
#include "rules/typed_game.h"

namespace parlor::rules::spades {

inline constexpr int kSeats = 4;
inline constexpr int kTeams = 2;
inline constexpr int kTricksPerHand = 13;
inline constexpr int kExchangeCards = 2;
// A team may bid blind nil when it is at least this far behind (4.1.3).
inline constexpr int kBlindNilDeficit = 100;

constexpr int team_of(int seat) { return seat & 1; }
constexpr int partner_of(int seat) { return (seat + 2) % kSeats; }
constexpr int left_of(int seat) { return (seat + 1) % kSeats; }

enum class NilTricks : std::uint8_t { kBags, kCountTowardBid, kIgnore };

// The options of rules file section 7, validated.
struct Options {
  int target_score = 500;
  std::optional<int> losing_score;  // nullopt = "off"
  bool nil_allowed = true;
  int nil_value = 100;
  NilTricks nil_tricks = NilTricks::kBags;
  bool blind_nil = false;
  int blind_nil_exchange = 2;
  int bag_limit = 10;
  int bag_penalty = 100;
  bool must_break_spades = true;
  bool operator==(const Options&) const = default;
};

// Reads every option (bad_option names the key); `normalized` gets the full
// option set with defaults filled in.
Result<Options> read_options(const boost::json::object& given, boost::json::object& normalized);

enum class Phase : std::uint8_t {
  kAwaitingDeal,  // live game: the hand waits for its seed (nobody acts)
  kBidding,
  kExchange,      // blind-nil card exchange (4.2)
  kPlay,
  kGameOver,
};

// How one team's hand was scored (section 5). points = contract_points +
// overtricks + nil_trick_bags + nil_points - penalties * bag_penalty.
struct TeamHandScore {
  int contract = 0;         // sum of the partners' non-nil bids (4.1.4)
  int counted_tricks = 0;   // tricks counted toward the contract (5.1)
  int contract_points = 0;  // +10 * contract, -10 * contract when set, 0 without contract
  int overtricks = 0;       // +1 point and 1 bag each (5.2)
  int nil_trick_bags = 0;   // tricks of nil bidders under nil_tricks = bags (5.3)
  int nil_points = 0;       // nil and blind nil bonuses and penalties (5.4)
  int bags = 0;             // bags taken this hand = overtricks + nil_trick_bags
  int penalties = 0;        // bag penalties applied this hand
  int bag_count = 0;        // the team's running bag count after this hand
  int points = 0;           // the team's hand score
  bool operator==(const TeamHandScore&) const = default;
};

// A completed hand.
struct HandRecord {
  int dealer = 0;
  std::array<int, kSeats> bids{};  // 0 = nil
  std::array<bool, kSeats> blind_nil{};
  std::array<int, kSeats> tricks{};
  std::array<TeamHandScore, kTeams> teams{};
  bool operator==(const HandRecord&) const = default;
};


// Cards of one trick in the order they were played: cards[i] is played by
// seat (leader + i) mod 4.
struct Trick {
  std::int8_t leader = -1;
  std::uint8_t count = 0;
  std::array<Card, kSeats> cards{};
  bool operator==(const Trick&) const = default;

  Card led() const { return cards[0]; }
  int seat_of(int i) const { return (leader + i) % kSeats; }
};

struct State {
  // Shared, rarely replaced.
  DealSource deals;
  Shared<boost::json::object> options_json;  // normalized options
  Options opt;
  Shared<std::vector<HandRecord>> history;   // completed hands

  // The game.
  std::array<int, kTeams> scores{};
  std::array<int, kTeams> bags{};  // running bag counts (5.3)
  std::uint8_t winners = 0;        // team bitmask, once the game is over

  // The current hand (the last hand once the game is over).
  int hand = 0;  // 0-based hand index k: deck from deals / hand_seeds[k]
  std::int8_t dealer = 0;
  Phase phase = Phase::kAwaitingDeal;
  std::int8_t to_move = -1;  // the seat to act in bidding, exchange and play
  std::array<CardSet, kSeats> hands{};
  std::array<std::int8_t, kSeats> bids{-1, -1, -1, -1};  // -1 = not yet; 0 = nil
  std::uint8_t blind_mask = 0;   // seats that bid blind nil
  std::uint8_t looked_mask = 0;  // eligible seats that chose to see their cards

  // Blind-nil exchange (4.2).
  std::int8_t exchange_from = -1;  // the blind-nil bidder; -1 = no exchange
  CardSet given;                   // passed by the blind-nil bidder to his partner
  CardSet returned;                // passed back by the partner

  // Trick play.
  Trick trick;
  Trick last_trick;
  std::int8_t last_winner = -1;
  std::array<std::int8_t, kSeats> tricks_won{};
  std::uint8_t tricks_played = 0;
  bool spades_broken = false;
  CardSet played;  // cards of completed tricks in this hand

  bool operator==(const State&) const = default;
};

enum class MoveType : std::uint8_t { kBid, kBlindNil, kLook, kExchange, kPlay };

struct Move {
  MoveType type = MoveType::kPlay;
  std::int8_t tricks = 0;  // kBid: 0 (nil) .. 13
  Card card;               // kPlay: the card; kExchange: the lower card
  Card card2;              // kExchange: the higher card

  static Move bid(int tricks) { return Move{MoveType::kBid, static_cast<std::int8_t>(tricks), {}, {}}; }
  static Move blind_nil() { return Move{MoveType::kBlindNil, 0, {}, {}}; }
  static Move look() { return Move{MoveType::kLook, 0, {}, {}}; }
  static Move play(Card c) { return Move{MoveType::kPlay, 0, c, {}}; }
  // Cards in id order, as legal lists them.
  static Move exchange(Card a, Card b) {
    return a < b ? Move{MoveType::kExchange, 0, a, b} : Move{MoveType::kExchange, 0, b, a};
  }
  bool operator==(const Move&) const = default;
};

// Rules helpers, usable by bots.
// Whether `seat` may still choose blind nil now: its bidding turn has not
// passed, the option is on, its team is 100+ behind, and it has not looked.
bool blind_nil_eligible(const State& s, int seat);
// Whether `seat` sees its own cards (not before it declines blind nil, 8.3).
bool sees_own_cards(const State& s, int seat);
// The cards `seat` may play now (4.3.7), given that it is its turn to play.
CardSet playable(const State& s, int seat);
// The seat that wins a complete trick (4.3.5).
int trick_winner(const Trick& t);
// Team contract from the bids (nil counts 0).
int team_contract(const State& s, int team);

// Scoring (section 5) of one team's hand, given its running bag count before it.
TeamHandScore score_team(const Options& opt, int team, const std::array<int, kSeats>& bids,
                         const std::array<bool, kSeats>& blind_nil,
                         const std::array<int, kSeats>& tricks, int bag_count_before);
// The winning teams as a bitmask once the game ends (section 6), or 0 to play on.
std::uint8_t game_winners(const Options& opt, const std::array<int, kTeams>& scores);

struct Spades {
  static constexpr std::string_view kName = "spades";
  using State = spades::State;
  using Move = spades::Move;

  static Result<State> create(const Setup& setup);
  static int players(const State&) { return kSeats; }
  static std::string_view status(const State& s);
  static std::uint32_t to_act(const State& s);
  static void legal_moves(const State& s, int seat, std::vector<Move>& out);
  static Status apply(State& s, int seat, const Move& m);
  static json::value move_to_json(const Move& m);
  static Result<Move> move_from_json(const json::object& obj);
  // The view in two parts: what every viewer sees, and the fields that depend
  // on who looks (seat, cards, exchange).
  static json::object shared_view(const State& s);
  static json::object seat_view(const State& s, Viewer viewer);
  // shared_view(s) written straight to text: a room sends it on every move.
  static void write_shared_view(JsonText& w, const State& s);
  static json::object result(const State& s);
  static json::value state_to_json(const State& s);
  static Result<State> state_from_json(const json::value& v);
  static json::object options(const State& s) { return *s.options_json; }
  static bool awaiting_hand_seed(const State& s) { return s.phase == Phase::kAwaitingDeal; }
  static void add_hand_seed(State& s, std::string seed_text);
  static std::vector<Card> all_cards(const State& s);
  static std::vector<Card> hidden_from(const State& s, Viewer viewer);
  static std::optional<std::string> broken_invariant(const State& s);
  static std::vector<json::object> test_setups();
};

const GameType& game_type();

// Internal, shared between the implementation files.
namespace detail {
// Starts hand k with the given dealer: deals it, or waits for its seed.
void start_hand(State& s, int k, int dealer);
// Scores the finished hand, records it, and ends the game or starts the next hand.
void finish_hand(State& s);
// A problem with the cards, counts or turn of a state (what could make the
// rules misbehave), if any; broken_invariant adds the scores.
std::optional<std::string> structural_problem(const State& s);
std::string_view phase_name(Phase p);
std::optional<Phase> phase_from_name(std::string_view name);
std::string_view nil_tricks_name(NilTricks n);
}  // namespace detail

}  // namespace parlor::rules::spades
