#include "net/static_files.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "net/handshake.h"

namespace parlor::net {

namespace fs = std::filesystem;

std::string_view content_type_for(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".wasm", "application/wasm"},
      {".xml", "application/xml"},
      {".mp3", "audio/mpeg"},
      {".ogg", "audio/ogg"},
      {".wav", "audio/wav"},
  };
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  std::string ext(path.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

bool etag_matches(std::string_view header, std::string_view etag) {
  auto strip = [](std::string_view t) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t.substr(0, 2) == "W/") t.remove_prefix(2);
    return t;
  };
  std::string_view want = strip(etag);
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view one = strip(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (one == "*" || one == want) return true;
  }
  return false;
}

HttpReply not_found_page() {
  HttpReply r;
  r.status = 404;
  r.header("Content-Type", "text/html; charset=utf-8").header("Cache-Control", "no-cache");
  r.body =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>Not found - Parlor</title>"
      "</head><body><h1>404 Not Found</h1><p>There is nothing here. "
      "<a href=\"/\">Back to the lobby</a>.</p></body></html>\n";
  return r;
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  canonical_root_ = fs::weakly_canonical(root_, ec);
  if (ec) canonical_root_ = root_;
}

HttpReply StaticFiles::file(const fs::path& full, std::string_view rel,
                            std::string_view if_none_match) const {
  std::error_code ec;
  auto size = fs::file_size(full, ec);
  if (ec) return not_found_page();
  auto mtime = fs::last_write_time(full, ec);
  if (ec) return not_found_page();
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime.time_since_epoch().count()));
  const bool hashed = rel.substr(0, 7) == "assets/";
  HttpReply r;
  r.header("ETag", etag)
      .header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache")
      .header("X-Content-Type-Options", "nosniff");
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    r.status = 304;
    return r;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) return not_found_page();
  std::ostringstream ss;
  ss << in.rdbuf();
  r.body = std::move(ss).str();
  r.header("Content-Type", std::string(content_type_for(rel)));
  return r;
}

HttpReply StaticFiles::serve(std::string_view method, std::string_view target,
                             std::string_view if_none_match) const {
  if (method != "GET" && method != "HEAD") {
    HttpReply r = json_error(405, "method_not_allowed", "use GET or HEAD");
    r.header("Allow", "GET, HEAD");
    return r;
  }
  const bool head = method == "HEAD";
  auto finish = [head](HttpReply r) {
    r.head_only = head;
    return r;
  };
  std::string_view path = target.substr(0, target.find_first_of("?#"));
  auto decoded = percent_decode(path, false);
  if (!decoded || decoded->empty() || decoded->front() != '/' ||
      decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos) {
    return finish(json_error(400, "bad_path", "malformed path"));
  }
  // Rebuild the relative path segment by segment; "." and ".." never pass.
  std::string rel;
  std::string_view rest(*decoded);
  std::string last;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty()) continue;
    if (seg == "." || seg == "..") return finish(json_error(400, "bad_path", "path traversal refused"));
    if (!rel.empty()) rel += '/';
    rel += seg;
    last = seg;
  }
  const bool dir_like = rel.empty() || decoded->back() == '/';
  if (dir_like) rel += rel.empty() ? "index.html" : "/index.html";

  std::error_code ec;
  fs::path full = root_ / rel;
  if (fs::is_regular_file(full, ec)) {
    // A symlink inside the directory must not lead out of it.
    fs::path real = fs::weakly_canonical(full, ec);
    auto [r_end, _] = std::mismatch(canonical_root_.begin(), canonical_root_.end(), real.begin(), real.end());
    if (!ec && r_end == canonical_root_.end()) return finish(file(full, rel, if_none_match));
    return finish(not_found_page());
  }
  // SPA fallback: client-side routes have no file extension (/room/abc).
  const bool route_like = last.find('.') == std::string::npos && rel.substr(0, 7) != "assets/";
  if (route_like) {
    fs::path index = root_ / "index.html";
    if (fs::is_regular_file(index, ec)) return finish(file(index, "index.html", if_none_match));
  }
  return finish(not_found_page());
}

}  // namespace parlor::net
