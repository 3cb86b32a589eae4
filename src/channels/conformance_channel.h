#pragma once
// The `conformance:*` test topic of channels-protocol.md section 9, used by
// the shared conformance script and the integration tests. Registered only
// when the server runs with --test-mode; never in production.
#include <memory>
#include <string>

#include "channels/channel.h"

namespace parlor::channels {

std::unique_ptr<Channel> make_conformance_channel(const std::string& topic);

}  // namespace parlor::channels
