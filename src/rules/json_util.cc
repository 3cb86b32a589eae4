#include "rules/json_util.h"

#include <boost/json/serialize.hpp>

namespace parlor::rules {

json::array cards_json(const std::vector<Card>& cards) {
  json::array a;
  a.reserve(cards.size());
  for (Card c : cards) a.emplace_back(c.str());
  return a;
}

json::array cards_json(CardSet cards) {
  json::array a;
  a.reserve(static_cast<size_t>(cards.size()));
  for (Card c : cards) a.emplace_back(c.str());
  return a;
}

Result<Card> card_from_json(const json::value& v, std::string_view what, std::string_view code) {
  if (const auto* s = v.if_string()) {
    if (auto c = Card::parse(*s)) return *c;
    return make_error(std::string(code), std::string(what) + ": \"" + std::string(*s) +
                                             "\" is not a card (write rank then suit, like QS)");
  }
  return make_error(std::string(code), std::string(what) + " must be a card code string");
}

Result<std::vector<Card>> cards_from_json(const json::value& v, std::string_view what,
                                          std::string_view code) {
  const auto* arr = v.if_array();
  if (!arr) return make_error(std::string(code), std::string(what) + " must be a list of cards");
  std::vector<Card> out;
  out.reserve(arr->size());
  for (const auto& item : *arr) {
    auto c = card_from_json(item, what, code);
    if (!c) return c.error();
    out.push_back(*c);
  }
  return out;
}

Result<Card> read_card(const json::object& obj, std::string_view key, std::string_view code) {
  const auto* v = obj.if_contains(key);
  if (!v) return make_error(std::string(code), "missing field \"" + std::string(key) + "\"");
  return card_from_json(*v, key, code);
}

Result<std::vector<Card>> read_cards(const json::object& obj, std::string_view key,
                                     std::string_view code) {
  const auto* v = obj.if_contains(key);
  if (!v) return make_error(std::string(code), "missing field \"" + std::string(key) + "\"");
  return cards_from_json(*v, key, code);
}

Result<std::int64_t> read_int(const json::object& obj, std::string_view key,
                              std::string_view code) {
  const auto* v = obj.if_contains(key);
  if (!v) return make_error(std::string(code), "missing field \"" + std::string(key) + "\"");
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v->get_uint64());
  if (v->is_double()) {
    double d = v->get_double();
    if (d == static_cast<double>(static_cast<std::int64_t>(d))) return static_cast<std::int64_t>(d);
  }
  return make_error(std::string(code), "field \"" + std::string(key) + "\" must be an integer");
}

Result<std::string> read_string(const json::object& obj, std::string_view key,
                                std::string_view code) {
  const auto* v = obj.if_contains(key);
  if (!v || !v->is_string())
    return make_error(std::string(code), "field \"" + std::string(key) + "\" must be a string");
  return std::string(v->get_string());
}

Result<std::optional<std::int64_t>> read_opt_int(const json::object& obj, std::string_view key,
                                                 std::string_view code) {
  const auto* v = obj.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::int64_t>{};
  auto r = read_int(obj, key, code);
  if (!r) return r.error();
  return std::optional<std::int64_t>{*r};
}

Result<std::optional<Card>> read_opt_card(const json::object& obj, std::string_view key,
                                          std::string_view code) {
  const auto* v = obj.if_contains(key);
  if (!v || v->is_null()) return std::optional<Card>{};
  auto r = card_from_json(*v, key, code);
  if (!r) return r.error();
  return std::optional<Card>{*r};
}

bool read_flag(const json::object& obj, std::string_view key) {
  const auto* v = obj.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

json::array ints_json(const std::vector<int>& v) {
  json::array a;
  a.reserve(v.size());
  for (int x : v) a.emplace_back(x);
  return a;
}

Result<std::vector<int>> ints_from_json(const json::value& v, std::string_view what,
                                        std::string_view code) {
  const auto* arr = v.if_array();
  if (!arr) return make_error(std::string(code), std::string(what) + " must be a list of integers");
  std::vector<int> out;
  for (const auto& x : *arr) {
    if (!x.is_int64() && !x.is_uint64())
      return make_error(std::string(code), std::string(what) + " must be a list of integers");
    out.push_back(static_cast<int>(x.to_number<std::int64_t>()));
  }
  return out;
}

const json::object& as_object(const json::value& v, std::string_view what) {
  PARLOR_CHECK(v.is_object(), what << " is not an object: " << static_cast<int>(v.kind()));
  return v.get_object();
}

void merge_into(json::object& into, json::object from) {
  into.reserve(into.size() + from.size());
  for (auto& kv : from) into.insert_or_assign(kv.key(), std::move(kv.value()));
}

std::string members_text(const json::object& o) {
  std::string s = json::serialize(o);
  s.pop_back();  // '}'
  s.erase(0, 1);  // '{' (in place: no second copy of a view-sized text)
  return s;
}

std::string joined_members_text(std::string_view a, std::string_view b) {
  std::string s;
  s.reserve(a.size() + b.size() + 3);
  s += '{';
  s += a;
  if (!a.empty() && !b.empty()) s += ',';
  s += b;
  s += '}';
  return s;
}

}  // namespace parlor::rules
