#include "engine/database_impl.h"

#include <unistd.h>

#include <algorithm>
#include <limits>

#include "checker/checker.h"
#include "checker/schema_check.h"
#include "common/aql_error.h"
#include "executor/executor.h"
#include "executor/schema_exec.h"
#include "handlers/handlers_table.h"
#include "parser/parser.h"
#include "planner/bind.h"
#include "planner/planner.h"
#include "engine/input_limits.h"
#include "engine/open_database.h"
#include "engine/system_tables.h"
#include "storage/write_lock.h"
#include "jobs/aql_jobs.h"
#include "jobs/job_store.h"
#include "jobs/owner_lock.h"
#include "jobs/rescue.h"

namespace aurora {

namespace {

Response ErrorResponse(Error error) { return Response{Json(), {std::move(error)}, {}}; }

// Prepared statements kept between operations (storage::Connection::TrimStatementCache).
constexpr std::size_t kMaxCachedStatements = 512;

}  // namespace

Database::Impl::Impl(const Config& config)
    : config_(config),
      opened_by_pid_(static_cast<int>(getpid())),
      fork_generation_(internal::ForkGeneration()),
      plan_cache_(static_cast<std::size_t>(std::max(0, config.plan_cache_size))) {
  try {
    conn_ = engine::OpenDatabase(config);  // refusals, read-only files, system schema version
    interruptible_ = conn_.get();
    engine::RegisterBuiltinSystemTables(extensions_);
    // enqueueJob claims its job like enqueue_job (below) once the executor exists; all three
    // run under mu_ (inside a mutation, or after its commit or rollback).
    jobs::EnqueueClaimer claimer;
    claimer.reserve = [this](const std::string& type, Priority p) -> std::optional<jobs::Executor::Reservation> {
      if (!executor_) return std::nullopt;
      return executor_->Reserve(type, p);
    };
    claimer.adopt = [this](jobs::ClaimedJob job, jobs::Millis now) { executor_->Adopt(std::move(job), now); };
    claimer.release = [this] { executor_->Release(); };
    jobs::RegisterAql(extensions_, [this](jobs::Millis run_at, Priority p) { NotifyJobsEnqueued(run_at, p); },
                      std::move(claimer));
    // Opening never waits for the write lock: the tidying below is done only when it is free at
    // once (and the file writable), else left to the next writer (FlushInbox runs before any
    // _jobs change, a worker's rescue pass repeats the rescue).
    if (storage::TryWriteTransaction tidy(*conn_); tidy.acquired()) {
      jobs::FlushInbox(*conn_);  // handler-enqueued jobs a previous process left in the inbox
      // Jobs left RUNNING by a process that died are returned to the queue at once.
      jobs::RescueOrphans(*conn_, "", jobs::SystemClock::Instance().NowMs());
      tidy.Commit();
    }
    handlers_ = std::make_unique<handlers::HandlerRuntime>(
        *conn_, [this](const ast::Operation& op) { return Compile(op, {}); });
    extensions_.resolvers["_handlers"] = handlers::HandlersTable();
    extensions_.on_write = [this](executor::ExecContext& ctx, const executor::WriteEvent& event) {
      handlers_->OnWrite(ctx, event);
    };
  } catch (const storage::SqliteError& e) {
    throw storage::ToException(e, "cannot open '" + config.path + "'");
  }
}

void Database::Impl::StartWorkers(const std::shared_ptr<Impl>& self) {
  if (!config_.workers_enabled) return;
  // Each job's handler gets a handle sharing the engine (Job::database()); weak here, so the
  // executor never keeps the engine alive by itself.
  std::weak_ptr<Impl> weak = self;
  auto handles = [weak]() -> std::shared_ptr<Database> {
    std::shared_ptr<Impl> impl = weak.lock();
    return impl ? Database::Handle(impl) : nullptr;
  };
  try {
    // From here on the executor's dispatcher thread uses conn_ (under mu_).
    executor_ = std::make_unique<jobs::Executor>(mu_, *conn_, config_, std::move(handles));
  } catch (const storage::SqliteError& e) {
    throw storage::ToException(e, "cannot open '" + config_.path + "'");
  }
}

Database::Impl::~Impl() { Close(); }

// The pipeline, straight through: parse → check → plan (all skipped on a plan-cache hit) →
// bind variables → sqlgen + execute (executor) → Response.
std::vector<Response> Database::Impl::ExecuteAll(std::string_view aql, const Json& variables) {
  try {
    CheckProcess();
  } catch (const Exception& e) {
    return {ErrorResponse({e.code(), e.what(), 0, 0})};
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!conn_) return {ErrorResponse({ErrorCode::Closed, "the database is closed", 0, 0})};
  if (!variables.is_object() && !variables.is_null()) {
    return {ErrorResponse({ErrorCode::ValidationError, "variables must be a JSON object", 0, 0})};
  }
  if (std::optional<Error> too_big = engine::CheckInputSize(config_, aql, variables)) return {ErrorResponse(*too_big)};
  // No statement is in use between operations: a good moment to bound the statement cache.
  conn_->TrimStatementCache(kMaxCachedStatements);
  std::shared_ptr<const engine::CompiledDocument> compiled = plan_cache_.Find(aql);
  if (!compiled) {
    ast::Document doc;
    try {
      doc = parser::Parse(aql);
    } catch (const internal::AqlError& e) {
      return {ErrorResponse(e.error())};
    } catch (const std::exception& e) {
      return {ErrorResponse({ErrorCode::Internal, std::string("parser failed: ") + e.what(), 0, 0})};
    }
    auto fresh = std::make_shared<engine::CompiledDocument>();
    for (const ast::Operation& op : doc.operations) {
      try {
        fresh->operations.emplace_back(std::make_shared<const plan::Plan>(Compile(op, doc.fragments)));
      } catch (const internal::AqlError& e) {
        fresh->operations.emplace_back(e.error());
      } catch (const std::exception& e) {
        fresh->operations.emplace_back(Error{ErrorCode::Internal, std::string("planner failed: ") + e.what(), 0, 0});
      }
    }
    plan_cache_.Insert(std::string(aql), fresh);
    compiled = std::move(fresh);
  }
  std::vector<Response> responses;
  const Json empty = Json::object();
  for (const auto& op : compiled->operations) {
    if (const Error* error = std::get_if<Error>(&op)) {
      responses.push_back(ErrorResponse(*error));
    } else {
      responses.push_back(RunPlan(*std::get<std::shared_ptr<const plan::Plan>>(op), variables.is_null() ? empty : variables));
    }
  }
  return responses;
}

plan::Plan Database::Impl::Compile(const ast::Operation& op, const std::vector<ast::Fragment>& fragments) {
  if (handlers::HandlerRuntime::IsHandlerOperation(op)) return handlers_->BuildCommandPlan(op);
  if (op.kind == ast::Operation::Kind::Schema) {
    checker::CheckSchemaOperation(op);
    return executor::BuildSchemaPlan(op);
  }
  checker::CheckEnv env;
  env.fragments = &fragments;
  env.mutations = &extensions_.mutations;
  env.is_system_collection = [this](std::string_view name) { return extensions_.resolvers.count(name) > 0; };
  return planner::BuildPlan(checker::Check(op, env), &extensions_.mutations);
}

Response Database::Impl::RunPlan(const plan::Plan& plan, const Json& variables) {
  try {
    executor::ExecContext ctx(*conn_, planner::BindVariables(plan.variables, variables), extensions_.resolvers);
    if (extensions_.on_write) ctx.on_write = &extensions_.on_write;
    Json data = executor::Execute(plan, ctx);
    return Response{std::move(data), {}, std::move(ctx.warnings)};
  } catch (const internal::AqlError& e) {
    return ErrorResponse(e.error());
  } catch (const storage::SqliteError& e) {
    return ErrorResponse(storage::ToError(e));
  } catch (const std::exception& e) {
    return ErrorResponse({ErrorCode::Internal, std::string("internal error: ") + e.what(), 0, 0});
  }
}

namespace {

// What workers() gives without Config::workers_enabled: never null, refuses handlers with a
// message that says what to change.
class DisabledWorkers final : public Workers {
 public:
  void register_handler(const std::string& type, std::unique_ptr<JobHandler>) override {
    throw Exception(ErrorCode::ValidationError,
                    "cannot register a handler for '" + type +
                        "': this database was opened without workers; set Config::workers_enabled = true");
  }
};

}  // namespace

Workers* Database::Impl::workers() {
  static DisabledWorkers disabled;
  CheckProcess();
  std::lock_guard<std::mutex> lock(mu_);
  if (!conn_) throw Exception(ErrorCode::Closed, "the database is closed");
  if (executor_) return executor_.get();
  return &disabled;
}

void Database::Impl::CheckProcess() const {
  if (!InForkedChild()) return;
  throw Exception(ErrorCode::ValidationError,
                  "this Database was opened in process " + std::to_string(opened_by_pid_) +
                      " and is used in forked child " + std::to_string(getpid()) +
                      "; open the database again in the child (a SQLite connection cannot be used across fork())");
}

namespace {

void CheckOpen(const std::unique_ptr<storage::Connection>& conn) {
  if (!conn) throw Exception(ErrorCode::Closed, "the database is closed");
}

}  // namespace

std::string Database::Impl::EnqueueJob(std::string_view type, Json payload, const JobOptions& options) {
  CheckProcess();
  jobs::Millis now = jobs::SystemClock::Instance().NowMs();
  jobs::NewJob job = jobs::MakeNewJob(type, payload, options, now);
  jobs::EnqueuedJob done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    CheckOpen(conn_);
    // A job ready now, for a handler of this process with a free slot, is claimed by its own
    // INSERT and handed straight to a fiber (see jobs/executor.h).
    std::optional<jobs::Executor::Reservation> claim;
    if (executor_ && !(job.run_at && *job.run_at > now)) claim = executor_->Reserve(job.type, job.priority);
    try {
      done = jobs::Enqueue(*conn_, job, now, claim ? &claim->request : nullptr);
    } catch (const storage::SqliteError& e) {
      if (claim) executor_->Release();
      throw storage::ToException(e, "cannot enqueue job");
    } catch (...) {
      if (claim) executor_->Release();
      throw;
    }
    if (claim) {
      if (done.claim_token == 0) {
        executor_->Release();
      } else {
        executor_->Adopt(jobs::ToClaimedJob(std::move(job), done), now);
        return std::move(done.id);
      }
    }
    NotifyJobsEnqueued(done.run_at, done.priority);
  }
  return std::move(done.id);
}

std::vector<std::string> Database::Impl::EnqueueJobs(const std::vector<JobRequest>& requests) {
  CheckProcess();
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
      throw storage::ToException(e, "cannot enqueue jobs");
    }
    jobs::Millis earliest = std::numeric_limits<jobs::Millis>::max();
    Priority highest = Priority::Low;
    for (const jobs::EnqueuedJob& j : done) {
      earliest = std::min(earliest, j.run_at);
      highest = std::max(highest, j.priority);
    }
    if (!done.empty()) NotifyJobsEnqueued(earliest, highest);
  }
  std::vector<std::string> ids;
  ids.reserve(done.size());
  for (jobs::EnqueuedJob& j : done) ids.push_back(std::move(j.id));
  return ids;
}

bool Database::Impl::CancelJob(std::string_view id) {
  CheckProcess();
  jobs::ChangeOutcome out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    CheckOpen(conn_);
    out = jobs::Cancel(*conn_, id, jobs::SystemClock::Instance().NowMs());
    // A running attempt of this process learns at once that it should stop.
    if (out.result == jobs::ChangeResult::kDone && executor_) executor_->StopAttempt(id, StopReason::Cancelled);
  }
  if (out.result == jobs::ChangeResult::kNotFound) {
    throw Exception(ErrorCode::NotFound, "no job with id '" + std::string(id) + "'");
  }
  return out.result == jobs::ChangeResult::kDone;
}

bool Database::Impl::RetryJob(std::string_view id) {
  CheckProcess();
  jobs::ChangeOutcome out;
  jobs::Millis now = jobs::SystemClock::Instance().NowMs();
  {
    std::lock_guard<std::mutex> lock(mu_);
    CheckOpen(conn_);
    out = jobs::Retry(*conn_, id, now);
    if (out.result == jobs::ChangeResult::kDone) NotifyJobsEnqueued(now, Priority::Low);
  }
  if (out.result == jobs::ChangeResult::kNotFound) {
    throw Exception(ErrorCode::NotFound, "no job with id '" + std::string(id) + "'");
  }
  return out.result == jobs::ChangeResult::kDone;
}

JobQueueSummary Database::Impl::JobSummary(int recent_failures) {
  CheckProcess();
  std::lock_guard<std::mutex> lock(mu_);
  CheckOpen(conn_);
  try {
    return jobs::Summarize(*conn_, jobs::SystemClock::Instance().NowMs(), recent_failures);
  } catch (const storage::SqliteError& e) {
    throw storage::ToException(e, "cannot read the job queue");
  }
}

// REQUIRES: mu_ held (executor_ changes under it).
void Database::Impl::NotifyJobsEnqueued(jobs::Millis earliest_run_at, Priority highest) {
  if (executor_) executor_->Notify(earliest_run_at, highest);
}

void Database::Impl::Close() {
  if (InForkedChild()) return Abandon();
  // The executor's dispatcher takes mu_ for its last writes: stop it before taking mu_ here.
  // Handlers still running (or outliving shutdown_timeout) may call in meanwhile through
  // their Job::database(): they find the executor stopping, then everything CLOSED.
  jobs::Executor* executor = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    executor = executor_.get();
  }
  if (executor) executor->Shutdown();
  interruptible_ = nullptr;
  std::unique_ptr<jobs::Executor> stopped;
  std::lock_guard<std::mutex> lock(mu_);
  stopped = std::move(executor_);
  conn_.reset();
}

// In a child forked from the opening process, the connection, the handler runtime and the
// executor are the parent's: closing the connection here could checkpoint the parent's WAL into
// the file and delete it (the child's copy of SQLite's lock bookkeeping says it holds locks it
// does not hold), and the executor's threads do not exist here (joining them would hang, and
// destroying them unjoined aborts). So they are leaked: their memory is the child's copy and
// goes with the child; their file descriptors stay open until the child exits. That releases
// nothing of the parent's: SQLite's POSIX record locks are per process (the child never had
// them), and the child's copies of the owner-lock descriptors were already pointed at
// /dev/null right after fork() (storage/file_ref.h), so the parent's owner lock is its own.
void Database::Impl::Abandon() {
  interruptible_ = nullptr;
  (void)executor_.release();
  (void)handlers_.release();
  (void)conn_.release();
}

void Database::Impl::Interrupt() {
  // Async-signal-safe, so it cannot throw: in a forked child it does nothing (the connection
  // is the parent's, and nothing of it runs here).
  if (InForkedChild()) return;
  if (storage::Connection* conn = interruptible_.load()) conn->Interrupt();
}

}  // namespace aurora
