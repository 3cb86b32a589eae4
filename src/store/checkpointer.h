#pragma once
// Checkpointer: copies the WAL back into the database file from a thread and
// a connection of its own, so the group-commit writer never stops to do it.
//
// Why: with SQLite's automatic checkpoints the commit that crosses the WAL
// threshold checkpoints inline, on the single writer thread; every durable
// acknowledgement queued behind it waits 40-85 ms (the rooms benchmark saw
// that as the p99 of move -> views). Here the writer only appends; this
// thread runs a PASSIVE checkpoint every `interval`, which never blocks the
// writer or the readers, and a short RESTART once the WAL is long (see
// checkpoint_once()), so the WAL starts over instead of growing. In NORMAL
// durability the checkpoint is also where the WAL is fsynced, so that cost
// moves off the writer too; and this thread syncs the database file after
// its passive steps, so the RESTART, which holds the write lock, finds
// little left to sync.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "store/sqlite_db.h"

namespace parlor::store {

class Checkpointer {
 public:

  // Takes its own connection to the database (already in WAL mode).
  // A WAL longer than `restart_frames` is started over (checkpoint_once()).
  Checkpointer(Db db, std::chrono::milliseconds interval, int restart_frames);
  ~Checkpointer();  // stops the thread (one last checkpoint first)
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints run so far, and WAL frames they copied (for tests and stats).
  std::int64_t runs() const;
  std::int64_t frames_copied() const;

 private:
  void loop();
  void checkpoint_once();

  Db db_;
  const std::chrono::milliseconds interval_;
  const int restart_frames_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::int64_t runs_ = 0;
  std::int64_t frames_ = 0;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace parlor::store
