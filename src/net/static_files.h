#pragma once
// Serves the built web client from a directory: content types, ETag with
// If-None-Match (304), Cache-Control (immutable for Vite's hashed /assets/*,
// no-cache for everything else, index.html included), the SPA fallback to
// index.html for extension-less paths such as /room/abc, a 404 page, and no
// way out of the directory (".." segments are refused, symlinks leading
// outside are not followed).
#include <filesystem>
#include <string_view>

#include "net/http_types.h"

namespace parlor::net {

std::string_view content_type_for(std::string_view path);
// True if an If-None-Match header value matches `etag` (weak comparison).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // `target` is the request target (path and query); `method` GET or HEAD.
  HttpReply serve(std::string_view method, std::string_view target,
                  std::string_view if_none_match) const;
  const std::filesystem::path& root() const { return root_; }

 private:
  HttpReply file(const std::filesystem::path& full, std::string_view rel,
                 std::string_view if_none_match) const;
  std::filesystem::path root_;
  std::filesystem::path canonical_root_;
};

HttpReply not_found_page();

}  // namespace parlor::net
