#pragma once
// The SQLite implementation of room::Store (see room/store.h for the
// contract every method keeps). docs/storage.md describes the schema, the
// durability guarantees and how to inspect a database.
//
// How it works, in short:
// - One writer thread owns the only write connection. append, add_chat and
//   the *_later writes and the synchronous ones (save_room, save_snapshot,
//   upsert_player, save_result) queue a job; the writer takes everything queued, runs it in
//   ONE transaction, commits, then reports to each job in queue order. So
//   all writes are applied in the order they were queued, and a burst from
//   many rooms costs one commit.
// - A failed commit reports its error to every job of that batch. A job's
//   own failure (a duplicate seq, a constraint) fails that job only.
// - The queue is bounded (Options::max_queued): a caller that finds it full
//   blocks until the writer catches up. Nothing is ever dropped.
// - The log is one table in arrival order (room_log), so a commit writes the
//   few pages at its end; the writer indexes its tail by room (log_index) a
//   slice of rooms at a time, after the batches: docs/storage.md, "The log's
//   tail".
// - Reads use a small pool of their own connections (WAL readers never wait
//   for the writer) and see every write whose `done` has been called.
//
// Threads: every method may be called from any thread, including from a
// `done` callback (which runs on the writer thread): there, appends never
// block on a full queue and the synchronous writes run at once on the
// writer's connection. Only flush() and the destructor must not be called on
// the writer thread (they would wait for themselves; it is CHECKed).
// `done` callbacks must be quick and must not throw.
//
// The room::Store read methods have no error channel: when SQLite fails on
// a read (I/O error, corruption) they throw StoreError rather than return
// an empty answer that would look like "no data".
//
// Error codes (Error::code): "store_open_failed", "not_parlor_database",
// "schema_too_new", "migration_failed" (open); "duplicate_seq",
// "invalid_entry", "invalid_result", "constraint", "storage_error" (writes;
// "storage_error" also when a commit fails).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "base/result.h"
#include "room/store.h"

namespace parlor::store {

// What an acknowledged (`done` with Ok) write survives. WAL mode either way.
enum class Durability {
  // synchronous=NORMAL. A commit is written to the WAL file (the OS page
  // cache) before it is acknowledged, so it survives kill -9 or a crash of
  // the server. The WAL is fsynced at checkpoints, not at each commit: a
  // power loss or kernel crash may lose the last acknowledged commits (the
  // database stays consistent). ~40,000 commits/s on this disk.
  kProcessCrash,
  // synchronous=FULL. The WAL is fsynced before each commit is acknowledged:
  // acknowledged writes also survive power loss. ~10x fewer commits/s, which
  // group commit amortises over all the entries of a batch.
  kPowerLoss,
};

// Reported after each batch commits (or fails to), on the writer thread.
struct CommitInfo {
  std::size_t jobs = 0;                   // queued writes in the batch
  std::size_t failed = 0;                 // of which reported an error
  std::chrono::microseconds duration{0};  // begin to commit, excluding callbacks
  bool fold_step = false;                 // a step of the log's fold, no jobs (write_connection.h)
};

struct Options {
  Durability durability = Durability::kProcessCrash;
  // How long a connection waits for another process's lock before SQLITE_BUSY.
  int busy_timeout_ms = 5000;
  // Queued writes beyond which callers block (back-pressure, never a drop).
  std::size_t max_queued = 100'000;
  // Read connections in the pool (concurrent readers).
  int read_connections = 2;
  // A background thread checkpoints the WAL this often (PASSIVE, its own
  // connection), so commits never wait for a checkpoint. Zero leaves it to
  // SQLite's automatic checkpoints on the writer thread.
  std::chrono::milliseconds checkpoint_every{200};
  // With that thread: a WAL longer than this many pages is started over by a
  // RESTART checkpoint (a short wait for the writer), so that under a steady
  // stream of commits it stays this size instead of growing (checkpointer.h).
  // 128 MiB: each restart costs the writer one sync (of the new WAL header),
  // so not too often (docs/storage.md).
  int wal_restart_pages = 32768;
  // While the writer is busy, a batch starts no sooner than this after the
  // previous batch started; writes arriving meanwhile join it
  // (group_commit_writer.h). Fewer, larger commits cost the writer less CPU
  // per write; a writer that is not busy commits at once. Zero: the next
  // batch starts as soon as the last one ends.
  std::chrono::microseconds commit_interval{0};
  // The log's tail (its rows not yet in log_index; schema.cc, version 3) is
  // indexed once it holds this many rows, about this many rows per step
  // (write_connection.h). 65,536 rows: about 32 moves per room at 2,000 busy
  // rooms, each room's log_index page written once for them. Reading a
  // room's log scans the tail: ~4 ms at that size (BM_LoadLog).
  // 128 rows a step: a step delays the moves queued behind it; 256 made 1
  // step in 10 take over 2 ms at 20,000 moves/s, and halving it cut the p99
  // by ~2 ms at no CPU cost (docs/benchmarks.md, session 15).
  std::int64_t fold_after_rows = 65536;
  std::int64_t fold_rows_per_step = 128;
  // Create the file when it does not exist (else "store_open_failed").
  bool create_if_missing = true;
  // Optional: called after every batch and every fold step, on the writer
  // thread (metrics, benchmarks, tests).
  std::function<void(const CommitInfo&)> on_commit;
};

// Opens (creating if allowed) the database at `path`, checks it is a Parlor
// database, applies missing migrations and starts the writer thread.
Result<std::unique_ptr<room::Store>> open_sqlite_store(const std::string& path,
                                                       Options options = {});

// Thrown by the read methods when SQLite fails (see above).
class StoreError : public std::runtime_error {
 public:
  explicit StoreError(Error error)
      : std::runtime_error(error.code + ": " + error.message), error_(std::move(error)) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

}  // namespace parlor::store
