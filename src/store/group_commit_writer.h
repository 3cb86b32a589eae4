#pragma once
// GroupCommitWriter: the writer thread and its bounded queue.
//
// Contract:
// - submit() queues a job; jobs run and complete in submission order.
// - The thread takes everything queued, runs the jobs in ONE transaction,
//   commits, then calls each job's complete() in order with its own outcome,
//   or with the commit's error when the commit failed. A job is completed
//   exactly once.
// - Commit interval: while the writer is busy (it spent 20 % or more of the
//   last 100 ms committing; it stops pacing below 10 %), a batch starts no
//   sooner than `commit_interval` after the previous one started, and jobs
//   that arrive meanwhile join it. A writer that is not busy commits at
//   once, so light load gets no added latency. Under load this trades up to
//   one interval of latency for fewer, larger commits: each commit rewrites
//   the pages at the log's end and wakes the writer, so their number, not
//   the jobs', is most of the writer's cost. The wait is cut short by the
//   destructor, flush(), submit_and_wait() and a queue half full.
// - Back-pressure: submit() blocks while max_queued jobs wait, except on the
//   writer thread itself (a `done` callback that appends), which must never
//   wait for itself. Jobs are never dropped.
// - flush() returns once every job submitted before it has completed.
// - run_now() executes one job in its own transaction without queueing it:
//   for synchronous writes made from the writer thread (see submit_and_wait).
// - The destructor completes everything queued (including jobs queued by
//   callbacks meanwhile), then joins the thread.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/result.h"
#include "store/sqlite_store.h"
#include "store/write_connection.h"

namespace parlor::store {

// One queued write.
class WriteJob {
 public:
  virtual ~WriteJob() = default;
  // Runs inside the open batch transaction. An error is this job's alone.
  virtual Status execute(WriteConnection& conn) = 0;
  // Called once on the writer thread, after the batch is committed (or has
  // failed), with execute's outcome or the batch's error.
  virtual void complete(Status outcome) = 0;
};

class GroupCommitWriter {
 public:
  GroupCommitWriter(std::unique_ptr<WriteConnection> conn, std::size_t max_queued,
                    std::function<void(const CommitInfo&)> on_commit,
                    std::chrono::microseconds commit_interval = std::chrono::microseconds(0));
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;
  ~GroupCommitWriter();

  void submit(std::unique_ptr<WriteJob> job);
  // Queues `job` and waits for its outcome; on the writer thread it runs at
  // once instead (between batches, so no transaction is open).
  Status submit_and_wait(std::unique_ptr<WriteJob> job);
  void flush();
  bool on_writer_thread() const;

 private:
  using Batch = std::vector<std::unique_ptr<WriteJob>>;

  // Whether the writer is busy enough for the commit interval to pay: the
  // share of wall time spent in batches, over windows of 100 ms, with
  // hysteresis (on at 20 %, off below 10 %). Writer thread only.
  class Pacing {
   public:
    void batch_done(std::chrono::steady_clock::time_point now, std::chrono::steady_clock::duration busy);
    bool on() const { return on_; }

   private:
    std::chrono::steady_clock::time_point window_start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration busy_{0};
    bool on_ = false;
  };

  void run();
  // Waits (lock held on entry and exit) until the batch may start; see the
  // commit interval above.
  void wait_for_commit_interval(std::unique_lock<std::mutex>& lock,
                                std::chrono::steady_clock::time_point last_start, const Pacing& pacing);
  bool in_a_hurry() const;  // mutex_ held
  // Runs `batch` in as few transactions as possible; fills outcomes.
  void execute_batch(Batch& batch, std::vector<Status>& outcomes);
  // Executes batch[from..] in one transaction; returns the index after the
  // last job it handled (all of them unless SQLite aborted the transaction).
  std::size_t execute_transaction(Batch& batch, std::size_t from, std::vector<Status>& outcomes);
  void fold_after_batch();
  Status run_now(WriteJob& job);

  std::unique_ptr<WriteConnection> conn_;  // used by the writer thread only
  const std::size_t max_queued_;
  const std::function<void(const CommitInfo&)> on_commit_;
  const std::chrono::microseconds commit_interval_;

  std::mutex mutex_;
  std::condition_variable work_;                 // the writer waits for jobs or stop
  std::condition_variable space_;                // submitters wait for queue space
  std::condition_variable progress_;             // flush waits for completions
  std::deque<std::unique_ptr<WriteJob>> queue_;  // guarded by mutex_
  std::uint64_t submitted_ = 0;                  // guarded by mutex_
  std::uint64_t completed_ = 0;                  // guarded by mutex_
  bool stopping_ = false;                        // guarded by mutex_
  int waiters_ = 0;  // flush() and submit_and_wait() callers waiting; guarded by mutex_

  std::thread thread_;  // last: started once everything above exists
};

}  // namespace parlor::store
