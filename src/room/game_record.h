#pragma once
// The current game's record (game-records.md) gathered as its log grows, so
// the end of a game writes its record without reading the log back (that
// read and parse was 7.5 % of the server's CPU with 2,000 busy tables,
// bench/load/RESULTS.md). Each "hand_seed" and "move" entry adds its part as
// JSON text; a "start" entry begins a new record.
#include <boost/json/object.hpp>
#include <string>

#include "room/store.h"

namespace parlor::room {

class GameRecordText {
 public:
  // Adds what `e` gives the record. Entries come in log order; those before
  // the record's "start" entry (see complete()) are ignored.
  void add(const LogEntry& e);
  // Forgets everything (a room resumed from a snapshot has not seen its
  // game's first entries).
  void clear();
  // Whether every entry since the game's "start" entry was added.
  bool complete() const { return complete_; }
  // `setup` (the "start" entry's record) with "hand_seeds" and "moves" as
  // gathered: the record's JSON text. Call only when complete().
  std::string text(const boost::json::object& setup) const;

 private:
  bool complete_ = false;
  std::string hand_seeds_;  // the seeds' JSON values, comma-separated
  std::string moves_;       // each move's object with its "seat", comma-separated
};

}  // namespace parlor::room
