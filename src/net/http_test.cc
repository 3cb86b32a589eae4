// Unit tests of the pure HTTP pieces: query parsing, the handshake decision,
// static files (types, ETag, SPA fallback, traversal) and the session API.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>

#include "channels/token.h"
#include "net/handshake.h"
#include "net/http_api.h"
#include "net/metrics.h"
#include "net/static_files.h"

namespace parlor::net {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const std::string kSecret = "test-secret-0123456789abcdef0123456789abcdef";

TEST(Query, DecodingAndLastWins) {
  auto q = parse_query("token=a%2Eb&&vsn=2.0.0&x=1&x=2&sp=a%20b+c&user%5Bid%5D=5&null");
  EXPECT_EQ(q["token"], "a.b");
  EXPECT_EQ(q["vsn"], "2.0.0");
  EXPECT_EQ(q["x"], "2");
  EXPECT_EQ(q["sp"], "a b c");
  EXPECT_EQ(q["user[id]"], "5");
  EXPECT_EQ(q["null"], "");
  EXPECT_FALSE(percent_decode("%zz"));
  EXPECT_FALSE(percent_decode("%4"));
  EXPECT_EQ(*percent_decode("a+b", false), "a+b");
}

std::string token(int64_t now) { return channels::mint_token(kSecret, {"p1", "Ada", now, now + 100}); }

UpgradeDecision decide(std::string target, std::string protocols = "", std::string origin = "",
                       int64_t now = 1000) {
  UpgradePolicy p{"/socket", kSecret, {"https://allowed.example"}, now};
  return decide_upgrade(UpgradeRequest{target, protocols, origin, "game.example:4000"}, p);
}

TEST(Handshake, AcceptsQueryToken) {
  auto d = decide("/socket/websocket?token=" + token(1000) + "&vsn=2.0.0");
  EXPECT_EQ(d.status, 101);
  EXPECT_FALSE(d.select_phoenix);
  EXPECT_EQ(d.identity.player_id, "p1");
  EXPECT_EQ(d.identity.name, "Ada");
}

TEST(Handshake, RefusesBadPathVsnToken) {
  EXPECT_EQ(decide("/socket?vsn=2.0.0&token=" + token(1000)).status, 404);
  EXPECT_EQ(decide("/socket/websocket?token=" + token(1000)).error, "bad_vsn");
  EXPECT_EQ(decide("/socket/websocket?vsn=1.0.0&token=" + token(1000)).status, 403);
  EXPECT_EQ(decide("/socket/websocket?vsn=2.0.&token=" + token(1000)).status, 403);
  EXPECT_EQ(decide("/socket/websocket?vsn=2.0.0").error, "missing_token");
  EXPECT_EQ(decide("/socket/websocket?vsn=2.0.0&token=garbage").error, "bad_token");
  EXPECT_EQ(decide("/socket/websocket?vsn=2.0.0&token=" + token(1000), "", "", 5000).error, "bad_token");
}

std::string btoa(const std::string& s) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
    for (int k2 = 18; k2 >= 0; k2 -= 6) out += k[(v >> k2) & 63];
  }
  if (s.size() - i == 1) {
    unsigned v = (unsigned char)s[i] << 16;
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
  } else if (s.size() - i == 2) {
    unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8;
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += k[(v >> 6) & 63];
  }
  return out;
}

TEST(Handshake, SubprotocolTokenSelectsPhoenix) {
  std::string proto = "phoenix, base64url.bearer.phx." + btoa(token(1000));
  auto d = decide("/socket/websocket?vsn=2.0.0", proto);
  EXPECT_EQ(d.status, 101);
  EXPECT_TRUE(d.select_phoenix);
  // `ws` joins with "," and no space; the subprotocol token wins over the query one.
  auto d2 = decide("/socket/websocket?vsn=2.0.0&token=garbage",
                   "phoenix,base64url.bearer.phx." + btoa(token(1000)));
  EXPECT_EQ(d2.status, 101);
  // The bearer protocol without "phoenix" is refused.
  EXPECT_EQ(decide("/socket/websocket?vsn=2.0.0", "base64url.bearer.phx." + btoa(token(1000))).status, 403);
  EXPECT_EQ(decide("/socket/websocket?vsn=2.0.0", "phoenix, base64url.bearer.phx.!!").error, "bad_token");
}

TEST(Handshake, SectionEightTwoSubprotocolVector) {
  auto t = decode_subprotocol_token(
      "djEuZXlKemRXSWlPaUoxYzJWeU9qUXlJaXdpYVdGMElqb3hOelkzTWpJMU5qQXdMQ0psZUhBaU9qRTNOamN6TVRJd01EQjkud3JTemNGMi1zTE5OMGdMM2NBQmxEZVMteDhiRGRGOG1XWS16N0VYS2U3VQ");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t,
            "v1.eyJzdWIiOiJ1c2VyOjQyIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjE3NjczMTIwMDB9."
            "wrSzcF2-sLNN0gL3cABlDeS-x8bDdF8mWY-z7EXKe7U");
}

TEST(Handshake, OriginPolicy) {
  std::string t = "/socket/websocket?vsn=2.0.0&token=" + token(1000);
  EXPECT_EQ(decide(t, "", "http://game.example:4000").status, 101);  // same origin
  EXPECT_EQ(decide(t, "", "https://allowed.example").status, 101);
  EXPECT_EQ(decide(t, "", "https://evil.example").error, "bad_origin");
  EXPECT_EQ(decide(t, "", "null").status, 403);
}

class StaticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root = fs::temp_directory_path() / ("parlor-static-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<html>index</html>";
    std::ofstream(root / "assets" / "app-1a2b.js") << "console.log(1)";
    std::ofstream(root / "logo.svg") << "<svg/>";
    std::ofstream(root.parent_path() / ("secret-" + std::to_string(::getpid()))) << "secret";
    fs::create_symlink(root.parent_path() / ("secret-" + std::to_string(::getpid())), root / "link.txt");
  }
  void TearDown() override {
    fs::remove_all(root);
    fs::remove(root.parent_path() / ("secret-" + std::to_string(::getpid())));
  }
  fs::path root;
};

TEST_F(StaticTest, ServesFilesWithTypesAndCaching) {
  StaticFiles s(root);
  auto r = s.serve("GET", "/assets/app-1a2b.js?v=1", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(*r.find_header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(*r.find_header("Cache-Control"), "public, max-age=31536000, immutable");
  auto i = s.serve("GET", "/", "");
  EXPECT_EQ(i.body, "<html>index</html>");
  EXPECT_EQ(*i.find_header("Cache-Control"), "no-cache");
  EXPECT_EQ(*i.find_header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(*s.serve("GET", "/logo.svg", "").find_header("Content-Type"), "image/svg+xml");
  auto h = s.serve("HEAD", "/logo.svg", "");
  EXPECT_TRUE(h.head_only);
  EXPECT_EQ(s.serve("POST", "/logo.svg", "").status, 405);
}

TEST_F(StaticTest, EtagRevalidation) {
  StaticFiles s(root);
  auto r = s.serve("GET", "/logo.svg", "");
  std::string etag = *r.find_header("ETag");
  auto again = s.serve("GET", "/logo.svg", etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(s.serve("GET", "/logo.svg", "\"other\", W/" + etag).status, 304);
  EXPECT_EQ(s.serve("GET", "/logo.svg", "\"other\"").status, 200);
  EXPECT_TRUE(etag_matches("*", etag));
}

TEST_F(StaticTest, SpaFallbackAnd404) {
  StaticFiles s(root);
  auto spa = s.serve("GET", "/room/abc", "");
  EXPECT_EQ(spa.status, 200);
  EXPECT_EQ(spa.body, "<html>index</html>");
  EXPECT_EQ(*spa.find_header("Cache-Control"), "no-cache");
  EXPECT_EQ(s.serve("GET", "/missing.js", "").status, 404);
  EXPECT_EQ(s.serve("GET", "/assets/gone", "").status, 404);
  EXPECT_EQ(*s.serve("GET", "/missing.png", "").find_header("Content-Type"), "text/html; charset=utf-8");
  StaticFiles none(root / "nope");
  EXPECT_EQ(none.serve("GET", "/room/abc", "").status, 404);
}

TEST_F(StaticTest, NoTraversal) {
  StaticFiles s(root);
  for (const char* t : {"/../secret", "/%2e%2e/secret", "/assets/../../x", "/a/%2E%2E/%2E%2E/x",
                        "/..%2fsecret", "/%5c..%5csecret", "/x%00.js", "/./index.html"}) {
    auto r = s.serve("GET", t, "");
    EXPECT_TRUE(r.status == 400 || r.status == 404) << t << " -> " << r.status;
    EXPECT_EQ(r.body.find("secret\n"), std::string::npos);
  }
  EXPECT_EQ(s.serve("GET", "/link.txt", "").status, 404);  // symlink out of the root
}

TEST(SessionApi, NewSessionAndRenewal) {
  SessionConfig cfg{kSecret, 3600};
  auto r = session_endpoint(R"({"name":"  Ada  "})", cfg, 1000);
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = json::parse(r.body).as_object();
  EXPECT_EQ(v["name"].as_string(), "Ada");
  std::string id(v["player_id"].as_string());
  EXPECT_EQ(id.size(), 18u);
  EXPECT_EQ(id.substr(0, 2), "p_");
  EXPECT_EQ(v["expires_at"].as_int64(), 4600);
  auto claims = channels::verify_token(kSecret, v["token"].as_string(), 1001);
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->sub, id);

  std::string renew_body = R"({"token":")" + std::string(v["token"].as_string()) + "\"}";
  auto renewed = json::parse(session_endpoint(renew_body, cfg, 2000).body).as_object();
  EXPECT_EQ(renewed["player_id"].as_string(), id);
  EXPECT_EQ(renewed["name"].as_string(), "Ada");
  EXPECT_EQ(renewed["expires_at"].as_int64(), 5600);
  std::string rename = R"({"name":"Bea","token":")" + std::string(v["token"].as_string()) + "\"}";
  auto renamed = json::parse(session_endpoint(rename, cfg, 2000).body).as_object();
  EXPECT_EQ(renamed["player_id"].as_string(), id);
  EXPECT_EQ(renamed["name"].as_string(), "Bea");
}

TEST(SessionApi, Refusals) {
  SessionConfig cfg{kSecret, 3600};
  for (const char* body : {R"({"name":""})", R"({"name":"   "})", R"({"name":"a\u0007b"})",
                           R"({"name":"abcdefghijklmnopqrstuvwxy"})", R"({})"}) {
    auto r = session_endpoint(body, cfg, 1000);
    EXPECT_EQ(r.status, 422) << body;
    auto e = json::parse(r.body).as_object()["error"].as_object();
    EXPECT_EQ(e["code"].as_string(), "bad_name");
    EXPECT_FALSE(e["message"].as_string().empty());
  }
  EXPECT_EQ(session_endpoint("nope", cfg, 1000).status, 400);
  EXPECT_EQ(session_endpoint(R"({"name":5})", cfg, 1000).status, 400);
  EXPECT_EQ(session_endpoint(R"({"token":"v1.x.y"})", cfg, 1000).status, 401);
  EXPECT_EQ(session_endpoint(R"({"name":"ÄÖÜ äöü ✓ 24 chars okay!"})", cfg, 1000).status, 200);
}

TEST(Metrics, HistogramHasCumulativeBucketsSumAndCount) {
  Histogram h({0.001, 0.01});
  h.observe_ns(500'000);      // 0.5 ms: first bucket
  h.observe_ns(1'000'000);    // exactly 1 ms: still the first (le is inclusive)
  h.observe_ns(5'000'000);    // 5 ms: second
  h.observe_ns(2'000'000'000);  // 2 s: only +Inf
  std::string out;
  h.append(out, "parlor_x_seconds", "A test.");
  EXPECT_NE(out.find("# TYPE parlor_x_seconds histogram\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_x_seconds_bucket{le=\"0.001\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_x_seconds_bucket{le=\"0.01\"} 3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_x_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_x_seconds_sum 2.006500\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_x_seconds_count 4\n"), std::string::npos) << out;
  EXPECT_EQ(h.count(), 4);
}

TEST(Metrics, LabelledHistogramSeriesCarryTheirLabelOnEveryLine) {
  Histogram a({0.001}), b({0.001});
  a.observe_ns(500'000);
  b.observe_ns(5'000'000);
  std::string out;
  Histogram::append_header(out, "parlor_y_seconds", "Stages.");
  a.append_series(out, "parlor_y_seconds", "stage=\"a\"");
  b.append_series(out, "parlor_y_seconds", "stage=\"b\"");
  EXPECT_EQ(out.find("# TYPE parlor_y_seconds histogram\n"), out.rfind("# TYPE")) << "one header: " << out;
  EXPECT_NE(out.find("parlor_y_seconds_bucket{stage=\"a\",le=\"0.001\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_y_seconds_bucket{stage=\"b\",le=\"0.001\"} 0\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_y_seconds_bucket{stage=\"b\",le=\"+Inf\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_y_seconds_sum{stage=\"b\"} 0.005000\n"), std::string::npos) << out;
  EXPECT_NE(out.find("parlor_y_seconds_count{stage=\"a\"} 1\n"), std::string::npos) << out;
}

TEST(Healthz, Ok) { EXPECT_EQ(healthz().body, "ok\n"); }

}  // namespace
}  // namespace parlor::net
