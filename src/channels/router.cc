#include "channels/router.h"

#include "base/check.h"

namespace parlor::channels {

const char* to_string(EndReason r) {
  switch (r) {
    case EndReason::kLeave: return "leave";
    case EndReason::kClosed: return "closed";
    case EndReason::kReplaced: return "replaced";
    case EndReason::kCrashed: return "crashed";
    case EndReason::kDisconnect: return "disconnect";
  }
  return "unknown";
}

JoinResult JoinResult::refuse(std::string_view reason, boost::json::object extra) {
  JoinResult r{false, std::move(extra)};
  r.response["reason"] = reason;
  return r;
}

void Channel::handle_info(std::any, ChannelContext&) {}
void Channel::terminate(EndReason, ChannelContext&) {}

void Router::add(std::string pattern, ChannelFactory factory) {
  PARLOR_CHECK(!pattern.empty(), "empty topic pattern");
  PARLOR_CHECK(factory != nullptr, "null factory for " << pattern);
  bool prefix = pattern.back() == '*';
  if (prefix) pattern.pop_back();
  PARLOR_CHECK(pattern.find('*') == std::string::npos, "'*' only at the end: " << pattern);
  for (const auto& r : routes_) {
    PARLOR_CHECK(!(r.prefix == prefix && r.pattern == pattern), "duplicate pattern " << pattern);
  }
  routes_.push_back(Route{std::move(pattern), prefix, std::move(factory)});
}

const ChannelFactory* Router::match(std::string_view topic) const {
  if (topic == "phoenix" || topic.substr(0, 10) == "unmatched:") return nullptr;
  const Route* best = nullptr;
  for (const auto& r : routes_) {
    if (!r.prefix) {
      if (r.pattern == topic) return &r.factory;
      continue;
    }
    if (topic.substr(0, r.pattern.size()) == r.pattern &&
        (!best || r.pattern.size() > best->pattern.size())) {
      best = &r;
    }
  }
  return best ? &best->factory : nullptr;
}

std::vector<std::string> Router::patterns() const {
  std::vector<std::string> out;
  for (const auto& r : routes_) out.push_back(r.prefix ? r.pattern + "*" : r.pattern);
  return out;
}

}  // namespace parlor::channels
