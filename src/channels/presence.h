#pragma once
// Presence bookkeeping for one topic (channels-protocol.md section 7), as a
// pure data structure: entries, the full state and the diffs. It does no
// sending and no locking: the runtime owns one per topic and calls it on the
// topic's serialised executor, then sends what it returns.
//
// An entry is (tracker, key): `tracker` identifies one channel (one join),
// `key` is normally a player id. A player with two tabs is one key with two
// metas. Each meta gets a `phx_ref` that is never reused; an update gets a
// new one and `phx_ref_prev`. Callers cannot set those two fields.
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace parlor::channels {

// A process-wide unique phx_ref: a random per-process prefix plus a counter,
// URL-safe base64 characters only. Thread-safe.
std::string make_phx_ref();

struct PresenceDiff {
  boost::json::object joins;   // key -> {"metas": [...]}
  boost::json::object leaves;  // key -> {"metas": [...]}
  bool empty() const { return joins.empty() && leaves.empty(); }
  // Adds a later diff's changes after this one's (metas appended per key).
  // Safe because phx_refs are never reused and clients apply all joins
  // before all leaves (7.3): joined-then-left and updated-twice entries come
  // out as they would have from the diffs one by one.
  void merge(PresenceDiff&& later);
  // {"joins":{...},"leaves":{...}}: both keys always present (section 7.3).
  std::string json() const;
};

class Presence {
 public:
  using TrackerId = uint64_t;
  using RefMaker = std::function<std::string()>;

  explicit Presence(RefMaker make_ref = make_phx_ref);

  // Adds the entry (tracker, key) with `meta`; if it exists, this is an
  // update(). Returns the join diff.
  PresenceDiff track(TrackerId tracker, const std::string& key, boost::json::object meta);
  // Replaces the entry's meta (phx_ref new, phx_ref_prev = old ref): one diff
  // with the new meta in joins and the old one in leaves. Empty diff if the
  // entry does not exist.
  PresenceDiff update(TrackerId tracker, const std::string& key, boost::json::object meta);
  // Removes one entry / every entry of a tracker. Returns the leave diff.
  PresenceDiff untrack(TrackerId tracker, const std::string& key);
  PresenceDiff untrack_all(TrackerId tracker);

  // The current meta of an entry (with phx_ref), if tracked.
  std::optional<boost::json::object> meta(TrackerId tracker, const std::string& key) const;
  // {"key": {"metas": [...]}, ...}; keys in sorted order, metas in join order.
  boost::json::object state() const;
  size_t entry_count() const { return entries_; }
  bool empty() const { return entries_ == 0; }

 private:
  struct Meta {
    TrackerId tracker;
    boost::json::object meta;  // includes phx_ref
  };
  static void add_to(boost::json::object& side, const std::string& key, const boost::json::object& meta);
  Meta* find(TrackerId tracker, const std::string& key);

  RefMaker make_ref_;
  std::map<std::string, std::vector<Meta>> by_key_;
  std::unordered_map<TrackerId, std::vector<std::string>> keys_of_;
  size_t entries_ = 0;
};

}  // namespace parlor::channels
