#pragma once
// OptionReader validates a game's options once, at creation: every key is
// checked against the game's table in rules/README.md, a missing key takes its
// default, and the first bad or unknown key becomes a `bad_option` error that
// names it. `normalized()` is the full option set with defaults filled in, as
// stored in the state and shown in room summaries.
#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"

namespace parlor::rules {

class OptionReader {
 public:
  explicit OptionReader(const boost::json::object& given) : given_(given) {}

  bool boolean(std::string_view key, bool def);
  int integer(std::string_view key, int lo, int hi, int def);
  // An integer from a fixed list, e.g. draw 1 or 3.
  int integer_of(std::string_view key, std::initializer_list<int> allowed, int def);
  // An integer in [lo, hi] or the string "off" (nullopt).
  std::optional<int> integer_or_off(std::string_view key, int lo, int hi, std::optional<int> def);
  std::string choice(std::string_view key, std::initializer_list<std::string_view> allowed,
                     std::string_view def);
  // Marks a key as known without reading it (a game that reads it elsewhere).
  void allow(std::string_view key) { known_.insert(std::string(key)); }

  // The first error met, or an unknown key; Ok otherwise.
  Status finish() const;
  const boost::json::object& normalized() const { return out_; }

 private:
  void fail(std::string_view key, const std::string& why);
  const boost::json::value* lookup(std::string_view key);

  const boost::json::object& given_;
  boost::json::object out_;
  std::set<std::string, std::less<>> known_;
  std::optional<Error> error_;
};

}  // namespace parlor::rules
