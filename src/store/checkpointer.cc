#include "store/checkpointer.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

#include "base/thread_name.h"

namespace parlor::store {

Checkpointer::Checkpointer(Db db, std::chrono::milliseconds interval, int restart_frames)
    : db_(std::move(db)), interval_(interval), restart_frames_(restart_frames), thread_([this] { loop(); }) {}

namespace {
// A connection opens the database file lazily: until it has read something,
// a checkpoint through it finds no WAL to copy.
void touch_schema(Db& db) { (void)db.exec("SELECT count(*) FROM sqlite_master", "checkpointer open"); }
}  // namespace

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::int64_t Checkpointer::runs() const {
  std::lock_guard lock(mu_);
  return runs_;
}

std::int64_t Checkpointer::frames_copied() const {
  std::lock_guard lock(mu_);
  return frames_;
}

void Checkpointer::loop() {
  name_this_thread("parlor-checkpt");
  touch_schema(db_);
  std::unique_lock lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    lock.unlock();
    checkpoint_once();
    lock.lock();
  }
}

// A PASSIVE checkpoint copies the WAL without blocking anyone, but under a
// steady stream of commits it never catches up with the last frame, so the
// writer never starts the WAL over: it grew by ~12 MiB/s at 2,000 moves/s
// until the writer's backstop checkpointed inline (~100 ms, every ~30 s).
// So once the WAL is past `restart_frames_`, a RESTART checkpoint follows the
// passive one: it waits for the writer's current commit, copies the few
// frames the passive one could not, and the next commit writes the WAL from
// its start. The writer waits for that short step (its busy timeout).
void Checkpointer::checkpoint_once() {
  int wal_frames = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied);
  if (rc == SQLITE_OK && wal_frames > restart_frames_) {
    int restarted_copied = 0;
    rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_RESTART, &wal_frames, &restarted_copied);
    copied = std::max(copied, restarted_copied);
  }
  // SQLITE_BUSY: another checkpoint is running (the closing writer's); the
  // next interval tries again. Anything else is worth a line in the log; the
  // writer's own threshold (a backstop) keeps the WAL bounded meanwhile.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    std::fprintf(stderr, "store: checkpoint failed: %s\n", sqlite3_errmsg(db_.get()));
  }
  std::lock_guard lock(mu_);
  ++runs_;
  if (copied > 0) frames_ += copied;
}

}  // namespace parlor::store
