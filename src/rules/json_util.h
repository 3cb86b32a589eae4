#pragma once
// Small helpers for reading and writing the JSON of records, moves and views.
// Every reader returns a Result whose error code is the one the caller passes
// (bad_record for records, bad_payload for moves) and whose message names the
// field.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <array>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>
#include <vector>

#include "base/card.h"
#include "base/result.h"

namespace parlor::rules {

namespace json = boost::json;

json::array cards_json(const std::vector<Card>& cards);
json::array cards_json(CardSet cards);

// Reads a card code at obj[key]. `code` is the error code on failure.
Result<Card> read_card(const json::object& obj, std::string_view key, std::string_view code);
Result<std::vector<Card>> read_cards(const json::object& obj, std::string_view key,
                                     std::string_view code);
Result<Card> card_from_json(const json::value& v, std::string_view what, std::string_view code);
Result<std::vector<Card>> cards_from_json(const json::value& v, std::string_view what,
                                          std::string_view code);
Result<std::int64_t> read_int(const json::object& obj, std::string_view key,
                              std::string_view code);
Result<std::string> read_string(const json::object& obj, std::string_view key,
                                std::string_view code);
// Optional variants: the field may be absent (nullopt) but, if present, must be valid.
Result<std::optional<std::int64_t>> read_opt_int(const json::object& obj, std::string_view key,
                                                 std::string_view code);
Result<std::optional<Card>> read_opt_card(const json::object& obj, std::string_view key,
                                          std::string_view code);
bool read_flag(const json::object& obj, std::string_view key);  // absent or false -> false

json::array ints_json(const std::vector<int>& v);

// A fixed-size array of numbers or booleans as a JSON array.
template <class T, size_t N>
json::array array_json(const std::array<T, N>& values) {
  json::array a;
  a.reserve(N);
  for (const T& v : values) {
    if constexpr (std::is_same_v<T, bool>) a.emplace_back(v);
    else a.emplace_back(static_cast<std::int64_t>(v));
  }
  return a;
}
// A seat number, or null for "nobody" (-1).
inline json::value seat_or_null(int seat) { return seat < 0 ? json::value(nullptr) : json::value(seat); }
Result<std::vector<int>> ints_from_json(const json::value& v, std::string_view what,
                                        std::string_view code);

// Adds `from`'s members to `into` (a key in both takes `from`'s value): how a
// view is put together from its shared and per-seat parts.
void merge_into(json::object& into, json::object from);

// The JSON text of an object's members without the braces (`"a":1,"b":2`).
std::string members_text(const json::object& o);
// The JSON text of one object made of the members in `a` and in `b` (each as
// members_text writes them; either may be empty). The keys must not overlap. A
// room serialises the shared part of a view once (GameState::shared_view) and
// builds each seat's text from it and GameState::seat_view_text.
std::string joined_members_text(std::string_view a, std::string_view b);

// Accessors that CHECK shape (for trusted data such as our own state JSON).
const json::object& as_object(const json::value& v, std::string_view what);

}  // namespace parlor::rules
