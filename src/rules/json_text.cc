#include "rules/json_text.h"

#include <boost/json/serialize.hpp>
#include <algorithm>
#include <charconv>

namespace parlor::rules {
namespace {

bool needs_escape(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == '"' || c == '\\') return true;
  }
  return false;
}

}  // namespace

void JsonText::separate() {
  if (after_key_) {
    after_key_ = false;
  } else if (after_element_) {
    out_ += ',';
  }
  after_element_ = true;
}

JsonText& JsonText::key(std::string_view k) {
  separate();
  out_ += '"';
  out_ += k;
  out_.append("\":", 2);
  after_key_ = true;
  return *this;
}

JsonText& JsonText::number(std::int64_t n) {
  separate();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
  return *this;
}

JsonText& JsonText::boolean(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonText& JsonText::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonText& JsonText::string(std::string_view s) {
  separate();
  if (needs_escape(s)) {
    out_ += boost::json::serialize(boost::json::string_view(s.data(), s.size()));
  } else {
    out_ += '"';
    out_ += s;
    out_ += '"';
  }
  return *this;
}

JsonText& JsonText::card(Card c) {
  separate();  // card codes ("QS", "X1") need no escaping
  out_ += '"';
  out_ += c.str();
  out_ += '"';
  return *this;
}

JsonText& JsonText::value(const boost::json::value& v) {
  separate();
  out_ += boost::json::serialize(v);
  return *this;
}

JsonText& JsonText::value(const boost::json::object& o) {
  separate();
  out_ += boost::json::serialize(o);
  return *this;
}

JsonText& JsonText::raw(std::string_view text) {
  if (text.empty()) return *this;
  separate();
  out_ += text;
  return *this;
}

JsonText& JsonText::open(char bracket) {
  separate();
  out_ += bracket;
  after_element_ = false;
  return *this;
}

JsonText& JsonText::close(char bracket) {
  out_ += bracket;
  after_element_ = true;  // the object or array just closed is an element
  after_key_ = false;
  return *this;
}

}  // namespace parlor::rules
