#pragma once
// `parlor serve` configuration from flags and PARLOR_* environment variables
// (a flag wins over its variable), and the server secret kept in the data
// directory. Pure apart from load_or_create_secret, so it is unit-tested.
#include <filesystem>
#include <functional>
#include <string>

#include "base/result.h"
#include "app/parlor_app.h"
#include "net/server.h"

namespace parlor::app {

struct ServeConfig {
  net::ServerConfig server;
  std::filesystem::path data_dir = "var";
  bool test_mode = false;  // enables the conformance:* topic, fixed deals, fault injection
  AppConfig app;           // rooms, bots, storage
  bool help = false;       // --help was given
};

using GetEnv = std::function<const char*(const char*)>;

// Parses the arguments after "serve". `default_static` is used when neither
// --static nor PARLOR_STATIC is given. Errors have code "usage".
Result<ServeConfig> parse_serve_args(int argc, char** argv, const GetEnv& getenv,
                                     const std::string& default_static);
std::string serve_usage();

// The token secret: PARLOR_SECRET/--secret when given (at least 32 bytes);
// else DATA_DIR/secret, created once with 32 random bytes (hex) and mode
// 0600, so tokens survive restarts.
Result<std::string> load_or_create_secret(const std::filesystem::path& data_dir);

}  // namespace parlor::app
