#include "engine/database_impl.h"

#include <algorithm>
#include <limits>

#include "jobs/job_schema.h"
#include "jobs/job_store.h"
#include "jobs/owner_lock.h"
#include "jobs/rescue.h"

namespace aurora {

Database::Impl::Impl(const Config& config) : config_(config) {
  try {
    conn_ = std::make_unique<storage::Connection>(config.path);
    if (config.path != ":memory:" && !config.path.empty()) conn_->Exec("PRAGMA journal_mode=WAL");
    conn_->Exec(config.synchronous == Synchronous::Full     ? "PRAGMA synchronous=FULL"
                : config.synchronous == Synchronous::Normal ? "PRAGMA synchronous=NORMAL"
                                                            : "PRAGMA synchronous=OFF");
    jobs::EnsureSchema(*conn_);
    bool file = config.path != ":memory:" && !config.path.empty();
    std::string lock_path = file ? jobs::LockPathFor(config.path) : std::string();
    // Jobs left RUNNING by a process that died are returned to the queue at once.
    if (file) jobs::RescueOrphans(*conn_, lock_path, "", jobs::SystemClock::Instance().NowMs());
    if (config.workers_enabled) executor_ = std::make_unique<jobs::Executor>(mu_, *conn_, config, lock_path);
  } catch (const storage::SqliteError& e) {
    throw Exception(ErrorCode::Internal, e.what());
  }
}

Database::Impl::~Impl() { Close(); }

std::vector<Response> Database::Impl::ExecuteAll(std::string_view, const Json&) {
  std::lock_guard<std::mutex> lock(mu_);
  return {Response{Json(), {Error{ErrorCode::Internal, "AQL execution is not implemented yet", 0, 0}}}};
}

Workers* Database::Impl::workers() { return executor_.get(); }

namespace {

void CheckOpen(const std::unique_ptr<storage::Connection>& conn) {
  if (!conn) throw Exception(ErrorCode::Internal, "database is closed");
}

}  // namespace

std::string Database::Impl::EnqueueJob(std::string_view type, Json payload, const JobOptions& options) {
  jobs::Millis now = jobs::SystemClock::Instance().NowMs();
  jobs::NewJob job = jobs::MakeNewJob(type, payload, options, now);
  jobs::EnqueuedJob done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    CheckOpen(conn_);
    try {
      done = jobs::Enqueue(*conn_, job, now);
    } catch (const storage::SqliteError& e) {
      throw Exception(ErrorCode::Internal, std::string("cannot enqueue job: ") + e.what());
    }
  }
  NotifyJobsEnqueued(done.run_at, done.priority);
  return std::move(done.id);
}

std::vector<std::string> Database::Impl::EnqueueJobs(const std::vector<JobRequest>& requests) {
  jobs::Millis now = jobs::SystemClock::Instance().NowMs();
  std::vector<jobs::NewJob> batch;
  batch.reserve(requests.size());
  for (const JobRequest& r : requests) batch.push_back(jobs::MakeNewJob(r.type, r.payload, r.options, now));
  std::vector<jobs::EnqueuedJob> done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    CheckOpen(conn_);
    try {
      done = jobs::EnqueueMany(*conn_, batch, now);
    } catch (const storage::SqliteError& e) {
      throw Exception(ErrorCode::Internal, std::string("cannot enqueue jobs: ") + e.what());
    }
  }
  std::vector<std::string> ids;
  ids.reserve(done.size());
  jobs::Millis earliest = std::numeric_limits<jobs::Millis>::max();
  Priority highest = Priority::Low;
  for (jobs::EnqueuedJob& j : done) {
    earliest = std::min(earliest, j.run_at);
    highest = std::max(highest, j.priority);
    ids.push_back(std::move(j.id));
  }
  if (!ids.empty()) NotifyJobsEnqueued(earliest, highest);
  return ids;
}

bool Database::Impl::CancelJob(std::string_view id) {
  jobs::ChangeOutcome out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    CheckOpen(conn_);
    out = jobs::Cancel(*conn_, id, jobs::SystemClock::Instance().NowMs());
  }
  if (out.result == jobs::ChangeResult::kNotFound) {
    throw Exception(ErrorCode::NotFound, "no job with id '" + std::string(id) + "'");
  }
  return out.result == jobs::ChangeResult::kDone;
}

bool Database::Impl::RetryJob(std::string_view id) {
  jobs::ChangeOutcome out;
  jobs::Millis now = jobs::SystemClock::Instance().NowMs();
  {
    std::lock_guard<std::mutex> lock(mu_);
    CheckOpen(conn_);
    out = jobs::Retry(*conn_, id, now);
  }
  if (out.result == jobs::ChangeResult::kNotFound) {
    throw Exception(ErrorCode::NotFound, "no job with id '" + std::string(id) + "'");
  }
  if (out.result == jobs::ChangeResult::kDone) NotifyJobsEnqueued(now, Priority::Low);
  return out.result == jobs::ChangeResult::kDone;
}

void Database::Impl::NotifyJobsEnqueued(jobs::Millis earliest_run_at, Priority highest) {
  if (executor_) executor_->Notify(earliest_run_at, highest);
}

void Database::Impl::Close() {
  // The executor's dispatcher takes mu_ for its last writes: stop it before taking mu_ here.
  if (executor_) {
    executor_->Shutdown();
    executor_.reset();
  }
  std::lock_guard<std::mutex> lock(mu_);
  conn_.reset();
}

}  // namespace aurora
