// engine/database_impl.h: the implementation behind aurora::Database. It owns the SQLite
// connection and wires the pipeline stages together (see docs/architecture.md).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "aurora/database.h"
#include "common/fork_generation.h"
#include "engine/extensions.h"
#include "engine/plan_cache.h"
#include "handlers/handler_runtime.h"
#include "jobs/clock.h"
#include "jobs/executor.h"
#include "storage/sqlite.h"

namespace aurora {

class Database::Impl {
 public:
  explicit Impl(const Config& config);
  ~Impl();
  // Starts the job executor when Config::workers_enabled (after construction: handlers get
  // handles on `self`). REQUIRES: `self` owns this.
  void StartWorkers(const std::shared_ptr<Impl>& self);

  std::vector<Response> ExecuteAll(std::string_view aql, const Json& variables);
  // Throws aurora::Exception (VALIDATION_ERROR) when called in a child forked from the process
  // that opened the database: the parent's SQLite connection must not be used there. Every
  // public call checks it first (ExecuteAll answers the error instead), before taking mu_ (a
  // parent thread may have held it at the fork, and no thread will ever release it in the child).
  void CheckProcess() const;
  // sqlite3_interrupt on the connection, without taking mu_ (Database::interrupt()).
  void Interrupt();
  void Close();

  // --- Jobs (src/jobs; docs/jobs.md) ---
  Workers* workers();
  std::string EnqueueJob(std::string_view type, Json payload, const JobOptions& options);
  std::vector<std::string> EnqueueJobs(const std::vector<JobRequest>& jobs);
  bool CancelJob(std::string_view id);
  bool RetryJob(std::string_view id);
  JobQueueSummary JobSummary(int recent_failures);
  // Call after committing a transaction that enqueued jobs (e.g. an AQL mutation), with the
  // earliest run_at and the highest priority among them: wakes this process's executor.
  void NotifyJobsEnqueued(jobs::Millis earliest_run_at, Priority highest);

  // What other subsystems add to AQL (mutation fields, system tables, write hooks). Register
  // before the first ExecuteAll.
  engine::Extensions& extensions() { return extensions_; }
  // For tests: hits and misses of the plan cache.
  const engine::PlanCache& TEST_plan_cache() const { return plan_cache_; }
  std::size_t TEST_cached_statements() const { return conn_->CachedStatements(); }

 private:
  // Runs one compiled operation. REQUIRES: mu_ held.
  Response RunPlan(const plan::Plan& plan, const Json& variables);
  // Checks and plans one operation (handler statements included). Throws AqlError.
  plan::Plan Compile(const ast::Operation& op, const std::vector<ast::Fragment>& fragments);

  // In a forked child: leaks the connection and everything using it (see Close).
  void Abandon();
  bool InForkedChild() const { return internal::ForkGeneration() != fork_generation_; }

  Config config_;
  // The process that opened the database: its pid and fork generation (common/fork_generation.h).
  const int opened_by_pid_;
  const std::uint64_t fork_generation_;
  std::mutex mu_;  // serializes use of conn_ and plan_cache_
  std::unique_ptr<storage::Connection> conn_;
  // conn_ while it is open, for Interrupt() (which must not take mu_: it interrupts its holder).
  std::atomic<storage::Connection*> interruptible_{nullptr};
  engine::Extensions extensions_;
  engine::PlanCache plan_cache_;
  std::unique_ptr<handlers::HandlerRuntime> handlers_;
  std::unique_ptr<jobs::Executor> executor_;  // null unless workers_enabled
};

}  // namespace aurora
