#pragma once
// Maps topics to channel factories: `router.add("room:*", factory)`.
// A pattern is an exact topic ("lobby") or a prefix ending in '*' ("room:*").
// An exact pattern beats a prefix; among prefixes the longest wins. The
// reserved topic "phoenix" and everything under "unmatched:" never match
// (channels-protocol.md 3.1), whatever is registered.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "channels/channel.h"

namespace parlor::channels {

// Creates the handler for one join of `topic`. Called on the topic's
// executor; must be thread-safe if it touches shared state.
using ChannelFactory = std::function<std::unique_ptr<Channel>(const std::string& topic)>;

class Router {
 public:
  // Aborts (a programming error) on a malformed or duplicate pattern.
  void add(std::string pattern, ChannelFactory factory);
  // The factory for `topic`, or nullptr if no pattern matches.
  const ChannelFactory* match(std::string_view topic) const;
  std::vector<std::string> patterns() const;

 private:
  struct Route {
    std::string pattern;  // without the trailing '*' for prefixes
    bool prefix;
    ChannelFactory factory;
  };
  std::vector<Route> routes_;
};

}  // namespace parlor::channels
