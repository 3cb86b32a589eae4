#pragma once
// RoomRegistry: finds room actors by id. A room not in memory is rebuilt
// from the store on first access; idle rooms leave memory (and come back on
// the next access); unfinished rooms with no activity for `close_after` are
// closed for good.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/room_actor.h"

namespace parlor::app {

struct RegistryConfig {
  std::chrono::milliseconds evict_after{std::chrono::minutes(5)};  // no connections
  std::chrono::milliseconds close_after{std::chrono::hours(2)};    // unfinished, no activity
};

class RoomRegistry {
 public:
  RoomRegistry(RoomServices& services, RegistryConfig config);

  // A live actor, or the room rebuilt from the store. Errors: not_found, broken.
  Result<std::shared_ptr<RoomActor>> get(const std::string& id);
  // Creates a room (options validated by the engine). Errors: bad_option, not_found.
  Result<std::shared_ptr<RoomActor>> create(room::CreateParams params);
  // At start: brings back every unfinished room, so games with computer
  // players go on and waiting tables are listed again.
  void resume_open_rooms();
  // Evicts idle rooms and closes stale ones; called periodically.
  void sweep();
  size_t live_rooms() const;

 private:
  RoomServices& services_;
  RegistryConfig config_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<RoomActor>> rooms_;
};

// Random ids for rooms ("r" + 10 base-32 characters) and invite codes.
std::string new_room_id();
std::string new_invite_code();

}  // namespace parlor::app
