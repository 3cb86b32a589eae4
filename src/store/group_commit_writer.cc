#include "store/group_commit_writer.h"

#include <chrono>
#include <future>
#include <utility>

#include "base/check.h"
#include "base/thread_name.h"

namespace parlor::store {
namespace {

// Which writer, if any, the current thread runs. Lets submit() and flush()
// recognise calls made from a `done` callback.
thread_local const GroupCommitWriter* current_writer = nullptr;

Error batch_rolled_back(const Error& cause) {
  return make_error(
      "storage_error",
      "the batch transaction was rolled back by a failure of another write: " + cause.message);
}

// Wraps a job so that its outcome reaches a waiting caller.
class WaitedJob : public WriteJob {
 public:
  explicit WaitedJob(std::unique_ptr<WriteJob> job) : job_(std::move(job)) {}
  std::future<Status> outcome() { return promise_.get_future(); }
  Status execute(WriteConnection& conn) override { return job_->execute(conn); }
  void complete(Status outcome) override {
    job_->complete(outcome);
    promise_.set_value(std::move(outcome));
  }

 private:
  std::unique_ptr<WriteJob> job_;
  std::promise<Status> promise_;
};

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<WriteConnection> conn, std::size_t max_queued,
                                     std::function<void(const CommitInfo&)> on_commit,
                                     std::chrono::microseconds commit_interval)
    : conn_(std::move(conn)),
      max_queued_(max_queued == 0 ? 1 : max_queued),
      on_commit_(std::move(on_commit)),
      commit_interval_(commit_interval),
      thread_([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  PARLOR_CHECK(!on_writer_thread(), "the store was destroyed from its own done callback");
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

bool GroupCommitWriter::on_writer_thread() const { return current_writer == this; }

void GroupCommitWriter::submit(std::unique_ptr<WriteJob> job) {
  bool wake = false;
  {
    std::unique_lock lock(mutex_);
    if (!on_writer_thread()) {
      space_.wait(lock, [&] { return queue_.size() < max_queued_; });
    }
    // Wake the writer when it may wait for work, or to cut its commit
    // interval short; not for every job that joins a waiting batch.
    wake = queue_.empty();
    queue_.push_back(std::move(job));
    ++submitted_;
    wake = wake || in_a_hurry();
  }
  if (wake) work_.notify_one();
}

Status GroupCommitWriter::submit_and_wait(std::unique_ptr<WriteJob> job) {
  if (on_writer_thread()) {
    Status outcome = run_now(*job);
    job->complete(outcome);
    return outcome;
  }
  auto waited = std::make_unique<WaitedJob>(std::move(job));
  std::future<Status> outcome = waited->outcome();
  {
    std::lock_guard lock(mutex_);
    ++waiters_;
  }
  submit(std::move(waited));
  Status result = outcome.get();
  {
    std::lock_guard lock(mutex_);
    --waiters_;
  }
  return result;
}

void GroupCommitWriter::flush() {
  PARLOR_CHECK(!on_writer_thread(),
               "flush() from a done callback would wait for itself; it runs on the writer");
  std::unique_lock lock(mutex_);
  const std::uint64_t target = submitted_;
  ++waiters_;
  work_.notify_one();  // a batch waiting for its commit interval starts now
  progress_.wait(lock, [&] { return completed_ >= target; });
  --waiters_;
}

Status GroupCommitWriter::run_now(WriteJob& job) {
  if (Status begun = conn_->begin(); !begun.ok()) return begun;
  Status outcome = job.execute(*conn_);
  if (!conn_->in_transaction()) {
    return outcome.ok() ? Status(make_error("storage_error", "the transaction ended early"))
                        : outcome;
  }
  if (Status committed = conn_->commit(); !committed.ok()) {
    conn_->rollback();
    return committed;
  }
  return outcome;
}

void GroupCommitWriter::run() {
  name_this_thread("parlor-writer");
  current_writer = this;
  Batch batch;
  std::vector<Status> outcomes;
  std::chrono::steady_clock::time_point last_start;
  Pacing pacing;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) break;  // stopping, and everything is done
      wait_for_commit_interval(lock, last_start, pacing);
      last_start = std::chrono::steady_clock::now();
      batch.reserve(queue_.size());
      for (auto& job : queue_) batch.push_back(std::move(job));
      queue_.clear();
    }
    space_.notify_all();

    const auto started = last_start;
    outcomes.assign(batch.size(), Status::Ok());
    execute_batch(batch, outcomes);
    CommitInfo info;
    info.jobs = batch.size();
    info.duration = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);

    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (!outcomes[i].ok()) ++info.failed;
      batch[i]->complete(std::move(outcomes[i]));
    }
    if (on_commit_) on_commit_(info);
    batch.clear();
    const auto ended = std::chrono::steady_clock::now();
    pacing.batch_done(ended, ended - started);
    {
      std::lock_guard lock(mutex_);
      completed_ += info.jobs;
    }
    progress_.notify_all();
    fold_after_batch();
  }
  current_writer = nullptr;
}

// One step of folding the log's tail (indexing ~128 entries of a few rooms)
// follows a batch when one is due, in a transaction of its own once the
// batch's jobs were completed: when a step rode on the batch's commit, every
// write of that batch waited for it (1-3 ms under load in session 15). A
// tail that stops growing waits for the next batch; readers see it
// meanwhile. A failed step is rolled back; a later one tries again.
void GroupCommitWriter::fold_after_batch() {
  if (!conn_->fold_due()) return;
  const auto started = std::chrono::steady_clock::now();
  if (!conn_->begin().ok()) return;
  if (Status stepped = conn_->fold_step(); !stepped.ok() || !conn_->commit().ok()) {
    conn_->rollback();
    return;
  }
  CommitInfo info;
  info.fold_step = true;
  info.duration = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  if (on_commit_) on_commit_(info);
}

void GroupCommitWriter::wait_for_commit_interval(std::unique_lock<std::mutex>& lock,
                                                 std::chrono::steady_clock::time_point last_start,
                                                 const Pacing& pacing) {
  if (commit_interval_.count() <= 0 || !pacing.on()) return;
  work_.wait_until(lock, last_start + commit_interval_, [&] { return in_a_hurry(); });
}

void GroupCommitWriter::Pacing::batch_done(std::chrono::steady_clock::time_point now,
                                           std::chrono::steady_clock::duration busy) {
  constexpr std::chrono::milliseconds kWindow(100);
  constexpr int kOnPercent = 20, kOffPercent = 10;
  busy_ += busy;
  const auto elapsed = now - window_start_;
  if (elapsed < kWindow) return;
  const auto percent = 100 * busy_ / elapsed;
  if (percent >= kOnPercent) on_ = true;
  if (percent < kOffPercent) on_ = false;
  window_start_ = now;
  busy_ = {};
}

bool GroupCommitWriter::in_a_hurry() const {
  return stopping_ || waiters_ > 0 || queue_.size() >= max_queued_ / 2;
}

void GroupCommitWriter::execute_batch(Batch& batch, std::vector<Status>& outcomes) {
  std::size_t next = 0;
  while (next < batch.size()) next = execute_transaction(batch, next, outcomes);
}

std::size_t GroupCommitWriter::execute_transaction(Batch& batch, std::size_t from,
                                                   std::vector<Status>& outcomes) {
  if (Status begun = conn_->begin(); !begun.ok()) {
    for (std::size_t i = from; i < batch.size(); ++i) outcomes[i] = begun;
    return batch.size();
  }
  for (std::size_t i = from; i < batch.size(); ++i) {
    outcomes[i] = batch[i]->execute(*conn_);
    if (!conn_->in_transaction()) {
      // SQLite rolled the whole transaction back (I/O error, disk full...):
      // the jobs before this one are lost too. Report that and go on with
      // the rest in a new transaction.
      Error cause =
          outcomes[i].ok() ? make_error("storage_error", "transaction ended") : outcomes[i].error();
      for (std::size_t j = from; j < i; ++j) outcomes[j] = batch_rolled_back(cause);
      if (outcomes[i].ok()) outcomes[i] = batch_rolled_back(cause);
      return i + 1;
    }
  }
  if (Status committed = conn_->commit(); !committed.ok()) {
    conn_->rollback();
    for (std::size_t i = from; i < batch.size(); ++i) outcomes[i] = committed;
  }
  return batch.size();
}

}  // namespace parlor::store
