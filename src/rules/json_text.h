#pragma once
// JsonText: writes JSON text straight into a string, one element at a time.
//
// Views are the server's hot path: every move sends one to every seat. A game
// may write the shared part of its view with this (GameState::shared_view_text)
// instead of building a boost::json tree and serialising it, which allocates
// once per object, array and string in it. The text must read back as the
// tree the game's view functions build: the conformance suite parses it and
// compares, on every state of its random playouts.
//
// Commas are the writer's business: a key or an array element written after
// another gets one. Writing starts inside an object (members, no braces), as
// members_text() writes them; begin_object() and begin_array() open nested ones.
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/card.h"

namespace parlor::rules {

class JsonText {
 public:
  explicit JsonText(std::string& out) : out_(out) {}

  // "k": — the member's value follows. Keys are the game's own names, written
  // as they are: no quotes, backslashes or control characters in them.
  JsonText& key(std::string_view k);
  JsonText& number(std::int64_t n);
  JsonText& boolean(bool b);
  JsonText& null();
  JsonText& string(std::string_view s);  // escaped as JSON requires
  JsonText& card(Card c);
  // A seat number, or null for "nobody" (-1), like seat_or_null().
  JsonText& seat_or_null(int seat) { return seat < 0 ? null() : number(seat); }
  // Any value as boost::json serialises it: for small, rarely hot parts
  // (options objects) that the game already builds as a tree.
  JsonText& value(const boost::json::value& v);
  JsonText& value(const boost::json::object& o);  // without a copy into a value
  // JSON text written before: one value, or an array's elements joined by
  // commas (nothing is written for an empty one).
  JsonText& raw(std::string_view text);
  JsonText& begin_object() { return open('{'); }
  JsonText& end_object() { return close('}'); }
  JsonText& begin_array() { return open('['); }
  JsonText& end_array() { return close(']'); }

  // Arrays of numbers, booleans and cards: common in views.
  template <class Range>
  JsonText& numbers(const Range& values) {
    begin_array();
    for (auto v : values) number(static_cast<std::int64_t>(v));
    return end_array();
  }
  template <class Range>
  JsonText& cards(const Range& cards) {
    begin_array();
    for (Card c : cards) card(c);
    return end_array();
  }

 private:
  // Before a value or key: a comma if an element came before it here.
  void separate();
  JsonText& open(char bracket);
  JsonText& close(char bracket);

  std::string& out_;
  bool after_element_ = false;  // an element was written at this level
  bool after_key_ = false;      // a key was written: its value needs no comma
};

}  // namespace parlor::rules
