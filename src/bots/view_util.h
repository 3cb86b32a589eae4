#pragma once
// Reading a view (the JSON a seat's browser gets) and answering with one of
// its legal moves. Views come from our own engines, so a view without a
// field a bot needs is a bug: the readers CHECK the shape instead of guessing.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/card.h"
#include "base/check.h"
#include "base/result.h"

namespace parlor::bots {

namespace json = boost::json;

// obj[key], or nullptr when absent or null.
const json::value* find(const json::object& obj, std::string_view key);
const json::object& object_at(const json::object& obj, std::string_view key);
const json::array& array_at(const json::object& obj, std::string_view key);
int int_at(const json::object& obj, std::string_view key);
int int_or(const json::object& obj, std::string_view key, int fallback);
bool bool_or(const json::object& obj, std::string_view key, bool fallback);
std::string_view string_at(const json::object& obj, std::string_view key);

int as_int(const json::value& v);
Card as_card(const json::value& v);
// A list of card codes (null: empty).
std::vector<Card> card_list(const json::value& v);
CardSet card_set(const json::value& v);
std::vector<int> int_list(const json::value& v);

// The view's legal moves parsed into a game's typed moves, in the view's
// order; CHECKs that each parses (the list was written by the same engine).
template <class G>
std::vector<typename G::Move> typed_legal(const json::array& legal) {
  std::vector<typename G::Move> out;
  out.reserve(legal.size());
  for (const auto& m : legal) {
    PARLOR_CHECK(m.is_object(), "a legal move is not an object: " << json::serialize(m));
    auto parsed = G::move_from_json(m.as_object());
    PARLOR_CHECK(parsed.ok(), "a legal move does not parse: " << json::serialize(m));
    out.push_back(*parsed);
  }
  return out;
}

// Index of `move` in `moves`; CHECKs that it is there (a bot only ever picks
// from the legal list, so anything else is a bug in the bot).
template <class Move>
size_t index_of(const std::vector<Move>& moves, const Move& move) {
  for (size_t i = 0; i < moves.size(); ++i)
    if (moves[i] == move) return i;
  PARLOR_CHECK(false, "the bot chose a move that is not legal");
  return 0;
}

}  // namespace parlor::bots
