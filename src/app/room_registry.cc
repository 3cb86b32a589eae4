#include "app/room_registry.h"

#include "app/lobby_hub.h"
#include "base/clock.h"
#include "base/sha256.h"

namespace parlor::app {

namespace {

std::string random_code(size_t n) {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";  // no 0/o, 1/l
  std::string bytes = random_bytes(n);
  std::string out;
  for (unsigned char b : bytes) out += kAlphabet[b % 32];
  return out;
}

}  // namespace

std::string new_room_id() { return "r" + random_code(10); }
std::string new_invite_code() { return random_code(12); }

RoomRegistry::RoomRegistry(RoomServices& services, RegistryConfig config)
    : services_(services), config_(config) {}

Result<std::shared_ptr<RoomActor>> RoomRegistry::get(const std::string& id) {
  std::lock_guard lock(mu_);
  if (auto it = rooms_.find(id); it != rooms_.end()) {
    it->second->touch();
    return it->second;
  }
  auto rec = services_.store.load_room(id);
  if (!rec) return make_error("not_found", "there is no table " + id);
  if (rec->status == "broken" || rec->status == "closed")
    return make_error("not_found", "table " + id + " is closed");
  // The actor exists before its Room so the Room's host calls reach it.
  auto actor = std::make_shared<RoomActor>(id, nullptr, services_);
  auto room = room::Room::restore(id, services_.config, *actor);
  if (!room) return room.error();
  actor->adopt(std::move(*room));
  rooms_[id] = actor;
  return actor;
}

Result<std::shared_ptr<RoomActor>> RoomRegistry::create(room::CreateParams params) {
  params.id = new_room_id();
  if (params.is_private) params.invite = new_invite_code();
  auto actor = std::make_shared<RoomActor>(params.id, nullptr, services_);
  auto room = room::Room::create(params, services_.config, *actor);
  if (!room) return room.error();
  actor->adopt(std::move(*room));
  std::lock_guard lock(mu_);
  rooms_[params.id] = actor;
  return actor;
}

void RoomRegistry::resume_open_rooms() {
  for (const auto& rec : services_.store.load_open_rooms()) {
    auto r = get(rec.id);
    if (!r) std::fprintf(stderr, "room %s not resumed: %s\n", rec.id.c_str(), r.error().message.c_str());
  }
}

void RoomRegistry::sweep() {
  auto now = wall_ms();
  std::vector<std::shared_ptr<RoomActor>> stale, evicted;
  {
    std::lock_guard lock(mu_);
    for (auto it = rooms_.begin(); it != rooms_.end();) {
      auto& actor = it->second;
      std::int64_t idle_since = 0;
      bool idle = actor->idle_since(idle_since);
      auto quiet_ms = now - actor->last_activity_ms();
      if (quiet_ms >= config_.close_after.count() && actor->status() != "finished") {
        stale.push_back(actor);
        it = rooms_.erase(it);
      } else if (idle && now - idle_since >= config_.evict_after.count() &&
                 actor->status() != "playing") {
        evicted.push_back(actor);
        it = rooms_.erase(it);  // leaves memory; the store keeps it
      } else {
        ++it;
      }
    }
  }
  for (auto& actor : stale) {
    actor->close_for_inactivity();
    actor->retire();  // after the close, on the same strand
  }
  for (auto& actor : evicted) actor->retire();
}

size_t RoomRegistry::live_rooms() const {
  std::lock_guard lock(mu_);
  return rooms_.size();
}

}  // namespace parlor::app
