// parlor: the one binary. `parlor serve` runs the server; `parlor engine`
// runs the game-record engine CLI (tools/engine).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/config.h"
#include "app/parlor_app.h"
#include "channels/conformance_channel.h"
#include "channels/router.h"
#include "net/server.h"
#include "tools/arena/arena_cli.h"
#include "tools/engine/engine_cli.h"

namespace {

const char* kUsage = R"(usage: parlor <command> [options]

commands:
  serve     run the server (parlor serve --help for its options)
  engine    read a game record and print its result (parlor engine --help)
  arena     play computer players against each other (parlor arena --help)
  help      this text
)";

int serve(int argc, char** argv) {
  using namespace parlor;
  auto parsed = app::parse_serve_args(argc, argv, [](const char* name) { return std::getenv(name); },
                                      PARLOR_DEFAULT_STATIC_DIR);
  if (!parsed.ok()) {
    std::fprintf(stderr, "parlor serve: %s\n", parsed.error().message.c_str());
    return 2;
  }
  app::ServeConfig cfg = std::move(parsed).value();
  if (cfg.help) {
    std::fputs(app::serve_usage().c_str(), stdout);
    return 0;
  }
  if (cfg.server.secret.empty()) {
    auto secret = app::load_or_create_secret(cfg.data_dir);
    if (!secret.ok()) {
      std::fprintf(stderr, "parlor serve: %s\n", secret.error().message.c_str());
      return 1;
    }
    cfg.server.secret = std::move(secret).value();
  }

  channels::Router router;
  if (cfg.test_mode) router.add("conformance:*", channels::make_conformance_channel);
  // The app needs the server's io_context and the server needs the app's
  // routes: the hooks below reach the app through this pointer, set before
  // the server accepts anything.
  app::ParlorApp* parlor_app = nullptr;
  cfg.server.api_routes = [&parlor_app](std::string_view method, std::string_view path) {
    return parlor_app->http(method, path);
  };
  cfg.server.on_session = [&parlor_app](const std::string& id, const std::string& name) {
    parlor_app->player_seen(id, name);
  };
  // on_drain is the storage flush hook: run() calls it once the sockets are
  // closed and the threads have stopped.
  cfg.server.on_drain = [&parlor_app] { parlor_app->stop(); };

  net::Server server(cfg.server, router);
  cfg.app.data_dir = cfg.data_dir;
  cfg.app.room.test_mode = cfg.test_mode;
  auto opened = app::ParlorApp::open(cfg.app, server.io_context());
  if (!opened.ok()) {
    std::fprintf(stderr, "parlor serve: cannot open storage in %s: %s\n", cfg.data_dir.c_str(),
                 opened.error().message.c_str());
    return 1;
  }
  std::unique_ptr<app::ParlorApp> parlor = std::move(opened).value();
  parlor_app = parlor.get();
  server.metrics().add_source([&parlor_app] { return parlor_app->metrics_text(); });
  parlor->add_topics(router);
  auto port = server.listen();
  if (!port.ok()) {
    std::fprintf(stderr, "parlor serve: %s\n", port.error().message.c_str());
    return 1;
  }
  parlor->start(server.hub());
  // Tests and scripts read this line to learn the port (with --port 0).
  std::printf("parlor: listening on http://%s:%u%s\n", cfg.server.host.c_str(), *port,
              cfg.test_mode ? " (test mode)" : "");
  std::fflush(stdout);
  server.run();
  if (!cfg.server.quiet) std::fprintf(stderr, "parlor: stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "serve") return serve(argc - 2, argv + 2);
  if (cmd == "engine") return parlor::tools::engine_main(argc - 1, argv + 1);
  if (cmd == "arena") return parlor::tools::arena_main(argc - 1, argv + 1);
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::fprintf(stderr, "parlor: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return 2;
}
