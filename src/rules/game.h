#pragma once
// The common game API, seen through JSON: what the room, the engine CLI, the
// conformance suite and the bots' glue use without knowing which game it is.
//
// A GameState is an immutable value: `apply` returns a new state (or an Error
// with a stable code) and never changes the old one, so the room replaces its
// pointer only on success, and a state can be shared freely between threads.
// Each game implements a typed, allocation-light API (see typed_game.h) that
// playouts and bots use directly; TypedGame<G> adapts it to this interface.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/card.h"
#include "base/result.h"
#include "rules/deal.h"

namespace parlor::rules {

namespace json = boost::json;

// The seat a view is built for; nullopt is a spectator.
using Viewer = std::optional<int>;

class GameState;
using StatePtr = std::shared_ptr<const GameState>;

class GameState {
 public:
  virtual ~GameState() = default;

  virtual std::string_view game() const = 0;
  virtual int players() const = 0;
  // "in_progress", "game_over" (Klondike: "in_progress", "won", "abandoned").
  virtual std::string_view status() const = 0;
  bool is_over() const { return status() != "in_progress"; }
  // Seats that may act now, ascending (several during simultaneous choices such
  // as the Hearts pass). Empty when the game is over or waits for a hand seed.
  virtual std::vector<int> to_act() const = 0;
  // Every legal move of `seat`, in full, in the game's deterministic order, in
  // the JSON form of game-records.md (without "seat").
  virtual json::array legal_moves(int seat) const = 0;
  // Applies a move (record form; "seat" and "t" fields are ignored except where
  // the game reads "t"). Errors: not_your_turn, illegal_move, bad_payload, or the
  // game's own codes. Never changes *this.
  virtual Result<StatePtr> apply(int seat, const json::value& move) const = 0;

  // What `viewer` may know, and nothing else. Always has "game", "status",
  // "to_act", "legal" (non-empty only for a seat that may act) and
  // "hand_seed_sha256", plus the game's own fields (docs/protocol.md).
  virtual json::object view(Viewer viewer) const = 0;
  // view() in two parts, so that a room showing one state to several seats
  // builds the seat-independent bulk (tricks, scores, history) once:
  // view(v) holds exactly the members of shared_view() and of seat_view(v),
  // whose keys never overlap. shared_view() is the same for every viewer and
  // holds nothing a spectator may not see; the conformance suite checks both.
  virtual json::object shared_view() const = 0;
  // shared_view() as the text of its members, without the braces: what a room
  // sends (joined to seat_view_text()) and what its computer players read.
  // Games with a large shared part write it straight to text (JsonText); it
  // reads back as shared_view(), which the conformance suite checks.
  virtual std::string shared_view_text() const = 0;
  // Always has "seat" (the viewer, null for a spectator) and "legal".
  virtual json::object seat_view(Viewer viewer) const = 0;
  // seat_view(viewer) as the text of its members, without the braces (what a
  // room joins to the shared part's text), written without building `legal`
  // as JSON values: a Hearts pass has 286. Reads back as seat_view(viewer);
  // the conformance suite checks that.
  virtual std::string seat_view_text(Viewer viewer) const = 0;
  // {"status", "hands": [...], "totals": [...], "winners": [...]} as in the
  // result object of game-records.md.
  virtual json::object result() const = 0;

  // The full state (server side only: holds hidden cards and seeds).
  virtual json::value to_json() const = 0;
  // The game's options with defaults filled in.
  virtual json::object options() const = 0;

  // Live dealing: true while the next hand waits for its seed.
  virtual bool awaiting_hand_seed() const = 0;
  virtual StatePtr with_hand_seed(std::string seed_text) const = 0;

  // For conformance checks: every card the game holds, wherever it lies
  // (a multiset: Golf with two decks lists duplicates), and the cards that
  // `viewer` may not see right now.
  virtual std::vector<Card> all_cards() const = 0;
  virtual std::vector<Card> hidden_from(Viewer viewer) const = 0;
  // A description of the first broken game invariant, if any (score sums,
  // card counts). Used by tests; cheap enough to call every move.
  virtual std::optional<std::string> broken_invariant() const = 0;
};

class GameType {
 public:
  virtual ~GameType() = default;
  virtual std::string_view name() const = 0;
  // Creates a game from the common part of a record. Errors: bad_option
  // (naming the key), bad_record (players, dealer, decks).
  virtual Result<StatePtr> create(const Setup& setup) const = 0;
  virtual Result<StatePtr> from_json(const json::value& state) const = 0;
  // Partial records ({"options": {...}, "players": n}) that together cover
  // every option that changes play; the conformance suite plays each.
  virtual std::vector<json::object> test_setups() const = 0;
};

}  // namespace parlor::rules
