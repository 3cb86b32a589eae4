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

// Syncs one of this connection's files (`op`: SQLITE_FCNTL_FILE_POINTER for
// the database, SQLITE_FCNTL_JOURNAL_POINTER for its WAL) through SQLite's
// VFS, holding no lock: whatever a checkpoint then syncs is already on disk.
// A file not open yet is skipped.
void sync_file(Db& db, int op) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db.get(), "main", op, &file) != SQLITE_OK || !file || !file->pMethods) return;
  if (const int rc = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL); rc != SQLITE_OK)
    std::fprintf(stderr, "store: checkpointer sync failed: %s\n", sqlite3_errstr(rc));
}
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
// So once the WAL is past `restart_frames_`, a RESTART checkpoint starts it
// over. A RESTART holds SQLite's write lock while it copies what the passive
// one left and syncs the WAL and the database file, and every commit waits
// meanwhile. Right after a long passive step that was a lot: the frames
// committed while it ran, synced on a disk still busy with its writes
// (20-200 ms at 18,000 moves/s, the rooms benchmark's store stage p99).
// So passive steps go on while each finds much to copy (each one copies what
// was committed during the one before, a shrinking amount), and the RESTART
// comes once a step found little: it then copies little.
// And syncs little: a passive step syncs the database file only when it
// reached the WAL's end, which under load it never does, so every page
// copied since the last RESTART was still dirty in the page cache when the
// RESTART synced it under the write lock (40-150 ms at 18,000 moves/s with
// 5 frames left to copy). So this thread syncs the database after each step
// that copied anything, and the WAL before the RESTART, while nobody waits.
void Checkpointer::checkpoint_once() {
  constexpr int kCaughtUpFrames = 256;  // 1 MiB: a step that found this little ends the catching up
  constexpr int kMaxCatchUpSteps = 6;   // a writer faster than the copying is not chased for ever
  int wal_frames = 0, checkpointed = 0, copied = 0, found = 0;
  // One step of `mode`; `found`: the frames it found not yet copied (after
  // the first step, those committed while the step before ran).
  auto step = [&](int mode) {
    const int before = checkpointed;
    const int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, mode, &wal_frames, &checkpointed);
    found = wal_frames - before;
    if (rc == SQLITE_OK) copied += std::max(0, checkpointed - before);
    return rc;
  };
  int rc = step(SQLITE_CHECKPOINT_PASSIVE);
  if (rc == SQLITE_OK && wal_frames > restart_frames_) {
    // Each round syncs what the step before copied and then copies what was
    // committed meanwhile: a shrinking amount, as the first sync is the long
    // one (70-80 ms at 20,000 moves/s, ~1,000 frames committed meanwhile).
    for (int i = 0; i < kMaxCatchUpSteps && rc == SQLITE_OK; ++i) {
      sync_file(db_, SQLITE_FCNTL_FILE_POINTER);
      sync_file(db_, SQLITE_FCNTL_JOURNAL_POINTER);
      if (found <= kCaughtUpFrames) break;
      rc = step(SQLITE_CHECKPOINT_PASSIVE);
    }
    if (rc == SQLITE_OK) rc = step(SQLITE_CHECKPOINT_RESTART);
  } else if (copied > 0 && checkpointed < wal_frames) {
    sync_file(db_, SQLITE_FCNTL_FILE_POINTER);  // (a step that reached the end synced it)
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
