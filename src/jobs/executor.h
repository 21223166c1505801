// jobs/executor.h: runs jobs of this process (the Workers behind Database::workers()).
//
// Threads:
//  * one "dispatcher" thread owns every database write of the executor. Each round it takes,
//    in ONE transaction: the results of finished attempts (group commit), due SCHEDULED jobs,
//    and a batch claim of as many PENDING jobs as there are free slots (priority, then FIFO,
//    only registered types). It wakes when an attempt finishes, when this process enqueues
//    (Notify), at the next scheduled run_at or per-job timeout, and every poll_interval (to
//    see jobs written by other processes; skipped when the file did not change).
//  * worker_threads threads run Boost.Fiber schedulers; every claimed job runs as its own
//    fiber on one of them. Fibers never touch SQLite: they hand their result to the dispatcher.
//    So no SQLite transaction is ever open across a fiber switch.
//  * an in-process enqueue of a ready job, when a slot is free, claims the job in its own
//    INSERT (Reserve / Adopt) and hands it straight to a fiber thread: no dispatcher round and
//    no claim transaction between the enqueue's commit and the handler's start. The dispatcher
//    takes over the attempt (completion, timeout, lease) when the fiber reports back.
//
// Slots: at most max_concurrent_jobs attempts run at once; CRITICAL jobs may use up to as many
// again, so they start even when every regular slot is busy.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aurora/config.h"
#include "aurora/database.h"
#include "aurora/job.h"
#include "jobs/clock.h"
#include "jobs/job_store.h"
#include "storage/sqlite.h"

namespace aurora::jobs {

class ExecutorCore;

class Executor final : public Workers {
 public:
  // `db_mu` guards `conn`; both must outlive Shutdown(). For a database file, takes an owner
  // lock on it (jobs/owner_lock.h); throws aurora::Exception when it cannot.
  // `handles` gives each attempt its Job::database() (null: none, the engine is going away).
  using HandleFactory = std::function<std::shared_ptr<Database>()>;
  Executor(std::mutex& db_mu, storage::Connection& conn, const Config& config, HandleFactory handles = {});
  ~Executor() override;

  void register_handler(const std::string& type, std::unique_ptr<JobHandler> handler) override;

  // Jobs were committed by this process: claim now (or set the timer for `run_at`).
  void Notify(Millis run_at, Priority priority);

  // The in-transaction claim of an enqueue (pickup without a dispatcher round). The enqueuer,
  // holding db_mu, calls Reserve() before inserting a job that is ready now: when this process
  // has a handler for `type`, a free slot and is not shutting down, it gets a slot and a claim
  // to pass to jobs::Enqueue. After the insert, it calls exactly one of Adopt() (the row was
  // written RUNNING under the claim and is committed: run it) or Release() (it was not, or the
  // insert failed). Both still under db_mu.
  struct Reservation {
    ClaimRequest request;
    std::shared_ptr<const std::vector<std::string>> types;  // keeps request.types alive
  };
  std::optional<Reservation> Reserve(const std::string& type, Priority priority);
  void Adopt(ClaimedJob job, Millis now);
  void Release();

  // Asks this process's running attempt of job `id` (if any) to stop (Job::stop_reason()).
  void StopAttempt(std::string_view id, StopReason reason);

  // Stops claiming, waits up to shutdown_timeout for running attempts, hands the rest back to
  // the queue (PENDING, no failure counted). Idempotent. REQUIRES: db_mu not held by the caller.
  void Shutdown();

  const std::string& owner() const;

 private:
  std::shared_ptr<ExecutorCore> core_;
};

}  // namespace aurora::jobs
