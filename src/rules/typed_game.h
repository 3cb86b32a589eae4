#pragma once
// TypedGame<G>: adapts a game's typed API to the JSON interface of game.h.
//
// A game G is a struct of static functions over its own State and Move types
// (both regular values with operator==):
//
//   static constexpr std::string_view kName;            // "hearts"
//   using State = ...; using Move = ...;
//   static Result<State> create(const Setup&);           // validates options
//   static int players(const State&);
//   static std::string_view status(const State&);        // "in_progress", ...
//   static std::uint32_t to_act(const State&);           // bit s set: seat s may act
//   static void legal_moves(const State&, int seat, std::vector<Move>& out);  // sorted
//   static Status apply(State&, int seat, const Move&);  // validates before it mutates:
//                                                        // on error the state is unchanged
//   static json::value move_to_json(const Move&);
//   static Result<Move> move_from_json(const json::object&);  // errors: bad_payload
//   static json::object view(const State&, Viewer);       // game fields only
//     or, split (see GameState::shared_view), both of:
//   static json::object shared_view(const State&);         // fields all viewers see
//   static json::object seat_view(const State&, Viewer);   // fields that depend on the viewer
//     and, optionally, shared_view(s) written straight to text (JsonText; it
//     must read back as shared_view(s): the conformance suite checks it):
//   static void write_shared_view(JsonText&, const State&);
//   static json::object result(const State&);
//   static json::value state_to_json(const State&);
//   static Result<State> state_from_json(const json::value&);
//   static json::object options(const State&);
//   static bool awaiting_hand_seed(const State&);
//   static void add_hand_seed(State&, std::string seed_text);  // deals the hand if waiting
//   static std::vector<Card> all_cards(const State&);
//   static std::vector<Card> hidden_from(const State&, Viewer);
//   static std::optional<std::string> broken_invariant(const State&);
//   static std::vector<json::object> test_setups();
//
// Bots and benchmarks call G's functions directly (in place, no JSON).
#include <boost/json/serialize.hpp>
#include <bit>
#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rules/game.h"
#include "rules/json_text.h"
#include "rules/json_util.h"

namespace parlor::rules {

// A game whose view is written as a shared and a per-viewer part.
template <class G>
concept SplitView = requires(const typename G::State& s, Viewer v) {
  { G::shared_view(s) } -> std::same_as<json::object>;
  { G::seat_view(s, v) } -> std::same_as<json::object>;
};

// A split view whose shared part the game also writes as text.
template <class G>
concept WritesSharedView = SplitView<G> && requires(JsonText& w, const typename G::State& s) {
  G::write_shared_view(w, s);
};

// A split view whose per-viewer part (without "seat") the game also writes as
// text.
template <class G>
concept WritesSeatView = SplitView<G> && requires(JsonText& w, const typename G::State& s, Viewer v) {
  G::write_seat_view(w, s, v);
};

// A game that writes its shared view's text with parts kept from one state
// to the next (G::ViewMemo; see hearts::ViewMemo), instead of
// write_shared_view(w, s). G::view_memo(before, s) makes the memo of `s` from
// the memo of the state it follows (nullptr: from scratch); TypedState calls
// it once, when it makes a state, so a state and its memo are immutable
// together and may be read from any thread.
template <class G>
concept KeepsViewMemo = SplitView<G> && requires(JsonText& w, const typename G::State& s,
                                                  const typename G::ViewMemo& m) {
  { G::view_memo(&m, s) } -> std::same_as<typename G::ViewMemo>;
  G::write_shared_view(w, s, m);
};

struct NoViewMemo {};
template <class G>
struct ViewMemoOf {
  using type = NoViewMemo;
};
template <class G>
  requires KeepsViewMemo<G>
struct ViewMemoOf<G> {
  using type = typename G::ViewMemo;
};

// The game's own fields of a view (without game, status, to_act and legal),
// whichever way G writes it; for tests that look at one game's view.
template <class G>
json::object game_view(const typename G::State& s, Viewer viewer) {
  if constexpr (SplitView<G>) {
    json::object v = G::shared_view(s);
    merge_into(v, G::seat_view(s, viewer));
    return v;
  } else {
    return G::view(s, viewer);
  }
}

template <class G>
class TypedState final : public GameState {
 public:
  using State = typename G::State;
  using Memo = typename ViewMemoOf<G>::type;
  // `before`: the memo of the state this one follows, if any.
  explicit TypedState(State s, const Memo* before = nullptr) : s_(std::move(s)), memo_(make_memo(before)) {}
  const State& typed() const { return s_; }

  std::string_view game() const override { return G::kName; }
  int players() const override { return G::players(s_); }
  std::string_view status() const override { return G::status(s_); }
  std::vector<int> to_act() const override {
    std::vector<int> out;
    for (std::uint32_t m = G::to_act(s_); m; m &= m - 1) out.push_back(std::countr_zero(m));
    return out;
  }
  json::array legal_moves(int seat) const override {
    json::array out;
    const std::vector<typename G::Move> moves = typed_legal_moves(seat);
    out.reserve(moves.size());
    for (const auto& m : moves) out.push_back(G::move_to_json(m));
    return out;
  }
  Result<StatePtr> apply(int seat, const json::value& move) const override {
    const auto* obj = move.if_object();
    if (!obj) return make_error("bad_payload", "a move must be a JSON object");
    auto m = G::move_from_json(*obj);
    if (!m) return m.error();
    if (seat < 0 || seat >= players()) return make_error("not_seated", "no such seat");
    State next = s_;
    Status st = G::apply(next, seat, *m);
    if (!st) return st.error();
    return StatePtr(std::make_shared<TypedState>(std::move(next), &memo_));
  }
  json::object view(Viewer viewer) const override {
    json::object v = shared_view();
    merge_into(v, seat_view(viewer));
    return v;
  }
  json::object shared_view() const override {
    json::object v;
    if constexpr (SplitView<G>) v = G::shared_view(s_);
    v.reserve(v.size() + 3);
    v["game"] = G::kName;
    v["status"] = G::status(s_);
    json::array acting;
    for (int s : to_act()) acting.emplace_back(s);
    v["to_act"] = std::move(acting);
    return v;
  }
  std::string shared_view_text() const override {
    if constexpr (!WritesSharedView<G> && !KeepsViewMemo<G>) {
      return members_text(shared_view());
    } else {
      std::string out;
      out.reserve(2048);  // a Hearts view late in a game: ~2 KB
      JsonText w(out);
      if constexpr (KeepsViewMemo<G>) G::write_shared_view(w, s_, memo_);
      else G::write_shared_view(w, s_);
      w.key("game").string(G::kName);
      w.key("status").string(G::status(s_));
      w.key("to_act").begin_array();
      for (std::uint32_t m = G::to_act(s_); m; m &= m - 1) w.number(std::countr_zero(m));
      w.end_array();
      return out;
    }
  }
  json::object seat_view(Viewer viewer) const override {
    json::object v = own_seat_view(viewer);
    v["legal"] = viewer ? legal_moves(*viewer) : json::array{};
    return v;
  }
  std::string seat_view_text(Viewer viewer) const override {
    std::string s;
    if constexpr (WritesSeatView<G>) {
      s.reserve(256);
      JsonText w(s);
      w.key("seat").seat_or_null(viewer ? *viewer : -1);
      G::write_seat_view(w, s_, viewer);
    } else {
      s = members_text(own_seat_view(viewer));  // never empty: has "seat"
    }
    s += ",\"legal\":[";
    if (viewer) append_legal_text(*viewer, s);
    s += ']';
    return s;
  }
  json::object result() const override { return G::result(s_); }
  json::value to_json() const override { return G::state_to_json(s_); }
  json::object options() const override { return G::options(s_); }
  bool awaiting_hand_seed() const override { return G::awaiting_hand_seed(s_); }
  StatePtr with_hand_seed(std::string seed_text) const override {
    State next = s_;
    G::add_hand_seed(next, std::move(seed_text));
    return std::make_shared<TypedState>(std::move(next), &memo_);
  }
  std::vector<Card> all_cards() const override { return G::all_cards(s_); }
  std::vector<Card> hidden_from(Viewer viewer) const override { return G::hidden_from(s_, viewer); }
  std::optional<std::string> broken_invariant() const override { return G::broken_invariant(s_); }

 private:
  // The seat's legal moves; none for a seat that may not act now.
  std::vector<typename G::Move> typed_legal_moves(int seat) const {
    std::vector<typename G::Move> moves;
    if (seat >= 0 && seat < players() && ((G::to_act(s_) >> seat) & 1u)) G::legal_moves(s_, seat, moves);
    return moves;
  }

  // The game's per-viewer fields and "seat", without "legal".
  json::object own_seat_view(Viewer viewer) const {
    json::object v;
    if constexpr (SplitView<G>) v = G::seat_view(s_, viewer);
    else v = G::view(s_, viewer);
    v.reserve(v.size() + 2);  // with legal
    v["seat"] = viewer ? json::value(*viewer) : json::value(nullptr);
    return v;
  }

  // legal_moves(seat)'s elements as JSON text, comma-separated. A game may
  // write a move's text itself (G::append_move_text, for games whose views
  // list many moves); it must read back as G::move_to_json(m).
  void append_legal_text(int seat, std::string& out) const {
    const std::vector<typename G::Move> moves = typed_legal_moves(seat);
    for (size_t i = 0; i < moves.size(); ++i) {
      if (i) out += ',';
      if constexpr (requires(std::string& o, const typename G::Move& m) { G::append_move_text(o, m); })
        G::append_move_text(out, moves[i]);
      else
        out += json::serialize(G::move_to_json(moves[i]));
    }
  }

  Memo make_memo(const Memo* before) const {
    if constexpr (KeepsViewMemo<G>) return G::view_memo(before, s_);
    else return Memo{};
  }

  State s_;
  Memo memo_;
};

template <class G>
class TypedGame final : public GameType {
 public:
  std::string_view name() const override { return G::kName; }
  Result<StatePtr> create(const Setup& setup) const override {
    auto s = G::create(setup);
    if (!s) return s.error();
    return StatePtr(std::make_shared<TypedState<G>>(std::move(*s)));
  }
  Result<StatePtr> from_json(const json::value& state) const override {
    auto s = G::state_from_json(state);
    if (!s) return s.error();
    return StatePtr(std::make_shared<TypedState<G>>(std::move(*s)));
  }
  std::vector<json::object> test_setups() const override { return G::test_setups(); }
};

}  // namespace parlor::rules
