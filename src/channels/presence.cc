#include "channels/presence.h"

#include <algorithm>
#include <atomic>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "base/sha256.h"

namespace parlor::channels {

namespace json = boost::json;

std::string make_phx_ref() {
  // 6 random bytes (8 characters) make refs unique across restarts too; the
  // counter makes them unique within the process.
  static const std::string prefix = base64url_encode(random_bytes(6));
  static std::atomic<uint64_t> counter{0};
  uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(n & 0xFF);
    n >>= 8;
  }
  return prefix + base64url_encode(std::string_view(buf, 8));
}

std::string PresenceDiff::json() const {
  std::string out = "{\"joins\":";
  out += json::serialize(joins);
  out += ",\"leaves\":";
  out += json::serialize(leaves);
  out += '}';
  return out;
}

void PresenceDiff::merge(PresenceDiff&& later) {
  auto merge_side = [](json::object& into, json::object& from) {
    for (auto& [key, entry] : from) {
      auto& metas = entry.as_object()["metas"].as_array();
      auto& target = into[key];
      if (!target.is_object()) {
        target = std::move(entry);
        continue;
      }
      auto& out = target.as_object()["metas"].as_array();
      for (auto& m : metas) out.push_back(std::move(m));
    }
  };
  merge_side(joins, later.joins);
  merge_side(leaves, later.leaves);
}

Presence::Presence(RefMaker make_ref) : make_ref_(std::move(make_ref)) {}

void Presence::add_to(json::object& side, const std::string& key, const json::object& meta) {
  auto& entry = side[key];
  if (!entry.is_object()) entry = json::object{{"metas", json::array{}}};
  entry.get_object()["metas"].get_array().push_back(meta);
}

Presence::Meta* Presence::find(TrackerId tracker, const std::string& key) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  for (auto& m : it->second) {
    if (m.tracker == tracker) return &m;
  }
  return nullptr;
}

PresenceDiff Presence::track(TrackerId tracker, const std::string& key, json::object meta) {
  if (find(tracker, key)) return update(tracker, key, std::move(meta));
  meta.erase("phx_ref_prev");
  meta["phx_ref"] = make_ref_();
  PresenceDiff d;
  add_to(d.joins, key, meta);
  by_key_[key].push_back(Meta{tracker, std::move(meta)});
  keys_of_[tracker].push_back(key);
  ++entries_;
  return d;
}

PresenceDiff Presence::update(TrackerId tracker, const std::string& key, json::object meta) {
  PresenceDiff d;
  Meta* m = find(tracker, key);
  if (!m) return d;
  json::object old = std::move(m->meta);
  meta["phx_ref"] = make_ref_();
  meta["phx_ref_prev"] = old["phx_ref"];
  add_to(d.joins, key, meta);
  add_to(d.leaves, key, old);
  m->meta = std::move(meta);
  return d;
}

PresenceDiff Presence::untrack(TrackerId tracker, const std::string& key) {
  PresenceDiff d;
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return d;
  auto& metas = it->second;
  auto pos = std::find_if(metas.begin(), metas.end(),
                          [&](const Meta& m) { return m.tracker == tracker; });
  if (pos == metas.end()) return d;
  add_to(d.leaves, key, pos->meta);
  metas.erase(pos);
  if (metas.empty()) by_key_.erase(it);
  --entries_;
  auto kit = keys_of_.find(tracker);
  if (kit != keys_of_.end()) {
    auto& keys = kit->second;
    keys.erase(std::find(keys.begin(), keys.end(), key));
    if (keys.empty()) keys_of_.erase(kit);
  }
  return d;
}

PresenceDiff Presence::untrack_all(TrackerId tracker) {
  PresenceDiff d;
  auto kit = keys_of_.find(tracker);
  if (kit == keys_of_.end()) return d;
  std::vector<std::string> keys = kit->second;
  for (const auto& key : keys) {
    PresenceDiff one = untrack(tracker, key);
    for (auto& [k, v] : one.leaves) {
      for (auto& m : v.get_object()["metas"].get_array()) add_to(d.leaves, std::string(k), m.get_object());
    }
  }
  return d;
}

std::optional<json::object> Presence::meta(TrackerId tracker, const std::string& key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  for (const auto& m : it->second) {
    if (m.tracker == tracker) return m.meta;
  }
  return std::nullopt;
}

json::object Presence::state() const {
  json::object out;
  out.reserve(by_key_.size());
  for (const auto& [key, metas] : by_key_) {
    json::array arr;
    arr.reserve(metas.size());
    for (const auto& m : metas) arr.push_back(m.meta);
    out[key] = json::object{{"metas", std::move(arr)}};
  }
  return out;
}

}  // namespace parlor::channels
