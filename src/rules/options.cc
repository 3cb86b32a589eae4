#include "rules/options.h"

#include <boost/json/serialize.hpp>

namespace parlor::rules {

namespace json = boost::json;

void OptionReader::fail(std::string_view key, const std::string& why) {
  if (error_) return;
  error_ = make_error("bad_option", "option \"" + std::string(key) + "\": " + why);
}

const json::value* OptionReader::lookup(std::string_view key) {
  known_.insert(std::string(key));
  const auto* v = given_.if_contains(key);
  return (v && !v->is_null()) ? v : nullptr;
}

bool OptionReader::boolean(std::string_view key, bool def) {
  bool value = def;
  if (const auto* v = lookup(key)) {
    if (v->is_bool()) value = v->get_bool();
    else fail(key, "must be true or false, got " + json::serialize(*v));
  }
  out_[key] = value;
  return value;
}

int OptionReader::integer(std::string_view key, int lo, int hi, int def) {
  int value = def;
  if (const auto* v = lookup(key)) {
    if (v->is_int64() || v->is_uint64()) {
      auto n = v->is_int64() ? v->get_int64() : static_cast<std::int64_t>(std::min<std::uint64_t>(v->get_uint64(), INT64_MAX));
      if (n < lo || n > hi) {
        fail(key, "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                      std::to_string(n));
      } else {
        value = static_cast<int>(n);
      }
    } else {
      fail(key, "must be a whole number, got " + json::serialize(*v));
    }
  }
  out_[key] = value;
  return value;
}

int OptionReader::integer_of(std::string_view key, std::initializer_list<int> allowed, int def) {
  int value = def;
  if (const auto* v = lookup(key)) {
    bool ok = false;
    if (v->is_int64() || v->is_uint64()) {
      auto n = v->to_number<std::int64_t>();
      for (int a : allowed) ok = ok || n == a;
      if (ok) value = static_cast<int>(n);
    }
    if (!ok) {
      std::string list;
      for (int a : allowed) list += (list.empty() ? "" : ", ") + std::to_string(a);
      fail(key, "must be one of " + list + ", got " + json::serialize(*v));
    }
  }
  out_[key] = value;
  return value;
}

std::optional<int> OptionReader::integer_or_off(std::string_view key, int lo, int hi,
                                                std::optional<int> def) {
  std::optional<int> value = def;
  if (const auto* v = lookup(key)) {
    if (v->is_string() && v->get_string() == "off") {
      value = std::nullopt;
    } else if (v->is_int64() || v->is_uint64()) {
      auto n = v->to_number<std::int64_t>();
      if (n < lo || n > hi)
        fail(key, "must be \"off\" or from " + std::to_string(lo) + " to " + std::to_string(hi) +
                      ", got " + std::to_string(n));
      else
        value = static_cast<int>(n);
    } else {
      fail(key, "must be \"off\" or a whole number, got " + json::serialize(*v));
    }
  }
  if (value) out_[key] = *value;
  else out_[key] = "off";
  return value;
}

std::string OptionReader::choice(std::string_view key,
                                 std::initializer_list<std::string_view> allowed,
                                 std::string_view def) {
  std::string value(def);
  if (const auto* v = lookup(key)) {
    bool ok = false;
    if (v->is_string()) {
      for (auto a : allowed) ok = ok || v->get_string() == a;
      if (ok) value = std::string(v->get_string());
    }
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(key, "must be one of " + list + ", got " + json::serialize(*v));
    }
  }
  out_[key] = value;
  return value;
}

Status OptionReader::finish() const {
  if (error_) return *error_;
  for (const auto& kv : given_) {
    if (!known_.contains(kv.key()))
      return make_error("bad_option", "unknown option \"" + std::string(kv.key()) + "\"");
  }
  return Status::Ok();
}

}  // namespace parlor::rules
