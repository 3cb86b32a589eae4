#include "store/checkpointer.h"

#include <sqlite3.h>

#include <cstdio>

namespace parlor::store {

Checkpointer::Checkpointer(Db db, std::chrono::milliseconds interval)
    : db_(std::move(db)), interval_(interval), thread_([this] { loop(); }) {}

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
  touch_schema(db_);
  std::unique_lock lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    lock.unlock();
    checkpoint_once();
    lock.lock();
  }
}

void Checkpointer::checkpoint_once() {
  int wal_frames = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied);
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
