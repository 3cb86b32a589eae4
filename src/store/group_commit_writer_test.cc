// Tests of GroupCommitWriter's failure paths, driven directly: a commit that
// fails, and a transaction that SQLite aborts in the middle of a batch.
#include "store/group_commit_writer.h"

#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <thread>

#include "store/store_test_util.h"
#include "store/write_connection.h"

namespace parlor::store {
namespace {

using namespace parlor::store::test_util;

// A job made of two lambdas.
class LambdaJob final : public WriteJob {
 public:
  LambdaJob(std::function<Status(WriteConnection&)> execute, std::function<void(Status)> complete)
      : execute_(std::move(execute)), complete_(std::move(complete)) {}
  Status execute(WriteConnection& conn) override { return execute_(conn); }
  void complete(Status outcome) override { complete_(std::move(outcome)); }

 private:
  std::function<Status(WriteConnection&)> execute_;
  std::function<void(Status)> complete_;
};

class WriterFailures : public ::testing::Test {
 protected:
  void SetUp() override {
    { auto store = open_store(path_); }  // creates and migrates the file
    start_writer(std::chrono::microseconds(0));
  }

  // Replaces the writer with one that has this commit interval.
  void start_writer(std::chrono::microseconds commit_interval) {
    writer_.reset();
    auto db = Db::open(path_, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db.value().exec("PRAGMA foreign_keys = ON", "settings").ok());
    auto conn = WriteConnection::create(std::move(db).value());
    ASSERT_TRUE(conn.ok());
    writer_ = std::make_unique<GroupCommitWriter>(
        std::move(conn).value(), 100, [this](const CommitInfo& info) { commits_.push_back(info); },
        commit_interval);
  }

  // Runs a batch that takes `busy` of the writer's time, and waits for it.
  void keep_the_writer_busy(std::chrono::milliseconds busy) {
    std::promise<void> done;
    writer_->submit(std::make_unique<LambdaJob>(
        [busy](WriteConnection&) {
          std::this_thread::sleep_for(busy);
          return Status::Ok();
        },
        [&done](Status) { done.set_value(); }));
    done.get_future().wait();
  }

  // Queues an append of r1/seq; the future holds its outcome.
  std::future<Status> append_watched(std::int64_t seq) {
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> outcome = done->get_future();
    writer_->submit(std::make_unique<LambdaJob>(
        [seq](WriteConnection& conn) { return conn.append("r1", entry(seq)); },
        [done](Status s) { done->set_value(std::move(s)); }));
    return outcome;
  }

  // Queues an append of r1/seq whose outcome lands in outcomes_[seq].
  void append(std::int64_t seq) {
    writer_->submit(std::make_unique<LambdaJob>(
        [seq](WriteConnection& conn) { return conn.append("r1", entry(seq)); },
        [this, seq](Status s) { outcomes_[seq] = std::move(s); }));
  }

  // Runs `queue` while the writer is held, so that it all forms one batch.
  void one_batch(const std::function<void()>& queue) {
    std::promise<void> entered, release;
    std::shared_future<void> released = release.get_future().share();
    writer_->submit(std::make_unique<LambdaJob>([](WriteConnection&) { return Status::Ok(); },
                                                [&entered, released](Status) {
                                                  entered.set_value();
                                                  released.wait();
                                                }));
    entered.get_future().wait();
    queue();
    release.set_value();
    writer_->flush();
  }

  std::vector<std::int64_t> stored() {
    writer_.reset();  // flushes and closes the write connection
    return seqs_of(open_store(path_)->load_log("r1", 0));
  }

  TempDir dir_;
  const std::string path_ = dir_.file("writer.db");
  std::map<std::int64_t, Status> outcomes_;  // by seq; written on the writer thread
  std::vector<CommitInfo> commits_;          // idem; read after flush()
  // Last, so destroyed first: its thread may still be reporting a commit
  // into the members above when a test ends on a job's completion.
  std::unique_ptr<GroupCommitWriter> writer_;
};

TEST_F(WriterFailures, FailedCommitReportsItsErrorToTheWholeBatch) {
  Status poison_outcome;
  one_batch([&] {
    append(1);
    // A foreign key violation deferred to COMMIT makes the commit itself fail.
    writer_->submit(std::make_unique<LambdaJob>(
        [](WriteConnection& conn) {
          return conn.db().exec(
              "PRAGMA defer_foreign_keys = ON; "
              "INSERT INTO result_players (result_id, seat, player_id, won) "
              "VALUES (424242, 0, 'ghost', 0)",
              "poison");
        },
        [&](Status s) { poison_outcome = std::move(s); }));
    append(2);
  });
  ASSERT_FALSE(poison_outcome.ok());
  EXPECT_EQ(poison_outcome.error().code, "constraint");
  for (std::int64_t seq : {1, 2}) {
    ASSERT_FALSE(outcomes_[seq].ok()) << seq;
    EXPECT_EQ(outcomes_[seq].error(), poison_outcome.error()) << seq;
  }
  EXPECT_EQ(commits_.back().jobs, 3u);
  EXPECT_EQ(commits_.back().failed, 3u);

  append(3);  // the next batch is unaffected
  append(1);  // and the seqs of the failed one are free (not duplicates)
  writer_->flush();
  EXPECT_TRUE(outcomes_[3].ok());
  EXPECT_TRUE(outcomes_[1].ok());
  EXPECT_EQ(stored(), (std::vector<std::int64_t>{1, 3}));
}

TEST_F(WriterFailures, AbortedTransactionFailsTheJobsBeforeItAndTheRestGoOn) {
  Status poison_outcome;
  one_batch([&] {
    append(1);
    append(2);
    // What SQLite does on an I/O error or a full disk: it rolls the whole
    // transaction back, and the statement fails.
    writer_->submit(std::make_unique<LambdaJob>(
        [](WriteConnection& conn) {
          conn.rollback();
          return Status(make_error("storage_error", "disk I/O error (simulated)"));
        },
        [&](Status s) { poison_outcome = std::move(s); }));
    append(3);
    append(4);
  });
  ASSERT_FALSE(poison_outcome.ok());
  EXPECT_EQ(poison_outcome.error().message, "disk I/O error (simulated)");
  for (std::int64_t seq : {1, 2}) {
    ASSERT_FALSE(outcomes_[seq].ok()) << seq;
    EXPECT_EQ(outcomes_[seq].error().code, "storage_error");
    EXPECT_NE(outcomes_[seq].error().message.find("simulated"), std::string::npos);
  }
  EXPECT_TRUE(outcomes_[3].ok());
  EXPECT_TRUE(outcomes_[4].ok());
  EXPECT_EQ(commits_.back().failed, 3u);
  append(2);  // rolled back with the transaction: free again
  writer_->flush();
  EXPECT_TRUE(outcomes_[2].ok());
  EXPECT_EQ(stored(), (std::vector<std::int64_t>{2, 3, 4}));
}

using std::chrono::milliseconds;
using std::chrono::steady_clock;

bool ready_within(std::future<Status>& outcome, milliseconds limit) {
  return outcome.wait_for(limit) == std::future_status::ready;
}

TEST_F(WriterFailures, ABusyWriterPacesItsCommitsAndWritesArrivingMeanwhileJoin) {
  constexpr milliseconds kInterval(400);
  start_writer(kInterval);
  const auto busy_started = steady_clock::now();
  keep_the_writer_busy(milliseconds(150));  // most of its first 100 ms: it paces from now on
  // The next batch starts kInterval after the busy one did: these three
  // (queued well within it) wait for that and share one commit.
  std::vector<std::future<Status>> outcomes;
  for (std::int64_t seq : {1, 2, 3}) outcomes.push_back(append_watched(seq));
  for (auto& outcome : outcomes) EXPECT_TRUE(outcome.get().ok());
  EXPECT_GE(steady_clock::now() - busy_started, kInterval);
  writer_->flush();  // on_commit of the last batch has run
  ASSERT_EQ(commits_.size(), 2u);
  EXPECT_EQ(commits_[1].jobs, 3u);
  EXPECT_EQ(stored(), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(WriterFailures, AWriterThatIsNotBusyCommitsAtOnceWhateverTheInterval) {
  start_writer(std::chrono::seconds(30));
  for (std::int64_t seq = 1; seq <= 3; ++seq) {
    std::future<Status> outcome = append_watched(seq);
    ASSERT_TRUE(ready_within(outcome, milliseconds(10'000))) << seq;
    EXPECT_TRUE(outcome.get().ok());
  }
}

TEST_F(WriterFailures, FlushAndShutdownDoNotWaitOutTheCommitInterval) {
  start_writer(std::chrono::seconds(30));
  keep_the_writer_busy(milliseconds(150));
  // The next batch would wait 30 s; a flush starts it now.
  std::future<Status> first = append_watched(1);
  const auto flushed_at = steady_clock::now();
  writer_->flush();
  EXPECT_LT(steady_clock::now() - flushed_at, std::chrono::seconds(10));
  ASSERT_TRUE(ready_within(first, milliseconds(0)));
  EXPECT_TRUE(first.get().ok());
  // So does the destructor, and what it completes is stored.
  std::future<Status> second = append_watched(2);
  const auto stopped_at = steady_clock::now();
  EXPECT_EQ(stored(), (std::vector<std::int64_t>{1, 2}));
  EXPECT_LT(steady_clock::now() - stopped_at, std::chrono::seconds(10));
  EXPECT_TRUE(second.get().ok());
}

}  // namespace
}  // namespace parlor::store
