#include "app/config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>

namespace parlor::app {
namespace {

struct Args {
  std::vector<std::string> v;
  std::vector<char*> ptrs;
  explicit Args(std::vector<std::string> a) : v(std::move(a)) {
    for (auto& s : v) ptrs.push_back(s.data());
  }
  int argc() { return static_cast<int>(ptrs.size()); }
  char** argv() { return ptrs.data(); }
};

Result<ServeConfig> parse(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  Args a(std::move(args));
  return parse_serve_args(
      a.argc(), a.argv(),
      [&env](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
      },
      "/default/static");
}

TEST(ServeConfig, Defaults) {
  auto c = parse({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->server.port, 4000);
  EXPECT_EQ(c->server.host, "0.0.0.0");
  EXPECT_EQ(c->server.static_dir, "/default/static");
  EXPECT_EQ(c->data_dir, "var");
  EXPECT_FALSE(c->test_mode);
  EXPECT_EQ(c->server.limits.max_frame_bytes, 64u * 1024);
  EXPECT_EQ(c->server.limits.idle_timeout, std::chrono::seconds(60));
  EXPECT_EQ(c->app.room.bot_delay_spread_pct, 25);
  EXPECT_EQ(c->app.commit_interval, std::chrono::microseconds(0));
}

TEST(ServeConfig, FlagsAndEnvironmentFlagsWin) {
  auto c = parse({"--port", "5000", "--test-mode", "--data=/tmp/d", "--idle-timeout", "2.5", "--room-evict-after", "30", "--checkpoint-ms", "0", "--bot-delay-spread-pct", "0"},
                 {{"PARLOR_PORT", "4500"}, {"PARLOR_COMMIT_INTERVAL_US", "750"}, {"PARLOR_STATIC", "/s"}, {"PARLOR_ALLOW_ORIGINS", "https://a,https://b"}});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->server.port, 5000);
  EXPECT_TRUE(c->test_mode);
  EXPECT_EQ(c->data_dir, "/tmp/d");
  EXPECT_EQ(c->server.static_dir, "/s");
  EXPECT_EQ(c->server.limits.idle_timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(c->app.registry.evict_after, std::chrono::seconds(30));
  EXPECT_EQ(c->app.checkpoint_every, std::chrono::milliseconds(0));
  EXPECT_EQ(c->app.commit_interval, std::chrono::microseconds(750));
  EXPECT_EQ(c->app.room.bot_delay_spread_pct, 0);
  EXPECT_EQ(c->server.allowed_origins, (std::vector<std::string>{"https://a", "https://b"}));
  auto e = parse({}, {{"PARLOR_TEST_MODE", "1"}, {"PARLOR_SECRET", std::string(40, 'x')}});
  EXPECT_TRUE(e->test_mode);
  EXPECT_EQ(e->server.secret, std::string(40, 'x'));
}

TEST(ServeConfig, BadInputIsAUsageError) {
  EXPECT_EQ(parse({"--port", "70000"}).error().code, "usage");
  EXPECT_EQ(parse({"--port"}).error().code, "usage");
  EXPECT_EQ(parse({"--bogus"}).error().code, "usage");
  EXPECT_EQ(parse({"--room-evict-after", "0"}).error().code, "usage");
  EXPECT_EQ(parse({"--bot-delay-spread-pct", "101"}).error().code, "usage");
  EXPECT_EQ(parse({"--commit-interval-us", "-1"}).error().code, "usage");
  EXPECT_EQ(parse({"--secret", "short"}).error().code, "usage");
  EXPECT_EQ(parse({}, {{"PARLOR_PORT", "x"}}).error().code, "usage");
  EXPECT_TRUE(parse({"--help"})->help);
}

TEST(Secret, CreatedOnceWithMode0600AndKept) {
  auto dir = std::filesystem::temp_directory_path() / ("parlor-secret-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto a = load_or_create_secret(dir / "nested");
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->size(), 64u);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "nested" / "secret").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto b = load_or_create_secret(dir / "nested");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
  std::ofstream(dir / "nested" / "secret") << "short\n";
  EXPECT_FALSE(load_or_create_secret(dir / "nested").ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parlor::app
