#include "bots/view_util.h"

#include <boost/json/serialize.hpp>

namespace parlor::bots {

const json::value* find(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

const json::object& object_at(const json::object& obj, std::string_view key) {
  const json::value* v = find(obj, key);
  PARLOR_CHECK(v && v->is_object(), "view field \"" << key << "\" is not an object");
  return v->get_object();
}

const json::array& array_at(const json::object& obj, std::string_view key) {
  const json::value* v = find(obj, key);
  PARLOR_CHECK(v && v->is_array(), "view field \"" << key << "\" is not an array");
  return v->get_array();
}

int as_int(const json::value& v) {
  PARLOR_CHECK(v.is_int64() || v.is_uint64(), "not an integer: " << json::serialize(v));
  return static_cast<int>(v.to_number<std::int64_t>());
}

int int_at(const json::object& obj, std::string_view key) {
  const json::value* v = find(obj, key);
  PARLOR_CHECK(v, "view field \"" << key << "\" is missing");
  return as_int(*v);
}

int int_or(const json::object& obj, std::string_view key, int fallback) {
  const json::value* v = find(obj, key);
  return v ? as_int(*v) : fallback;
}

bool bool_or(const json::object& obj, std::string_view key, bool fallback) {
  const json::value* v = find(obj, key);
  return v && v->is_bool() ? v->get_bool() : fallback;
}

std::string_view string_at(const json::object& obj, std::string_view key) {
  const json::value* v = find(obj, key);
  PARLOR_CHECK(v && v->is_string(), "view field \"" << key << "\" is not a string");
  return v->get_string();
}

Card as_card(const json::value& v) {
  PARLOR_CHECK(v.is_string(), "not a card code: " << json::serialize(v));
  auto c = Card::parse(v.get_string());
  PARLOR_CHECK(c.has_value(), "not a card code: " << v.get_string());
  return *c;
}

std::vector<Card> card_list(const json::value& v) {
  std::vector<Card> out;
  if (v.is_null()) return out;
  PARLOR_CHECK(v.is_array(), "not a list of cards: " << json::serialize(v));
  for (const auto& c : v.get_array()) out.push_back(as_card(c));
  return out;
}

CardSet card_set(const json::value& v) {
  CardSet s;
  for (Card c : card_list(v)) s.add(c);
  return s;
}

std::vector<int> int_list(const json::value& v) {
  std::vector<int> out;
  PARLOR_CHECK(v.is_array(), "not a list of integers: " << json::serialize(v));
  for (const auto& x : v.get_array()) out.push_back(as_int(x));
  return out;
}

}  // namespace parlor::bots
