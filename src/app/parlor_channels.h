#pragma once
// Parlor's two topics on top of the channel runtime (docs/protocol.md):
// `lobby` (room list, create, quick play, chat, who is online) and
// `room:<id>` (a table: forwarded to its RoomActor).
#include "channels/router.h"

namespace parlor::room {
class Store;
}

namespace parlor::app {

class RoomRegistry;
class LobbyHub;

struct ParlorTopics {
  RoomRegistry& rooms;
  LobbyHub& lobby;
  room::Store& store;
};

// Registers "lobby" and "room:*" on the router. `topics` must outlive it.
void add_parlor_topics(channels::Router& router, ParlorTopics& topics);

}  // namespace parlor::app
