#include "engine/database_impl.h"

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
#include "engine/open_database.h"
#include "engine/system_tables.h"
#include "storage/write_lock.h"
#include "jobs/aql_jobs.h"
#include "jobs/job_store.h"
#include "jobs/owner_lock.h"
#include "jobs/rescue.h"

namespace aurora {

namespace {

Response ErrorResponse(Error error) { return Response{Json(), {std::move(error)}}; }

// Prepared statements kept between operations (storage::Connection::TrimStatementCache).
constexpr std::size_t kMaxCachedStatements = 512;

}  // namespace

Database::Impl::Impl(const Config& config)
    : config_(config), plan_cache_(static_cast<std::size_t>(std::max(0, config.plan_cache_size))) {
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
    bool file = config.path != ":memory:" && !config.path.empty();
    std::string lock_path = file ? jobs::LockPathFor(config.path) : std::string();
    // Opening never waits for the write lock: the tidying below is done only when it is free at
    // once (and the file writable), else left to the next writer (FlushInbox runs before any
    // _jobs change, a worker's rescue pass repeats the rescue).
    if (storage::TryWriteTransaction tidy(*conn_); tidy.acquired()) {
      jobs::FlushInbox(*conn_);  // handler-enqueued jobs a previous process left in the inbox
      // Jobs left RUNNING by a process that died are returned to the queue at once.
      if (file) jobs::RescueOrphans(*conn_, lock_path, "", jobs::SystemClock::Instance().NowMs());
      tidy.Commit();
    }
    handlers_ = std::make_unique<handlers::HandlerRuntime>(
        *conn_, [this](const ast::Operation& op) { return Compile(op, {}); });
    extensions_.resolvers["_handlers"] = handlers::HandlersTable();
    extensions_.on_write = [this](executor::ExecContext& ctx, const executor::WriteEvent& event) {
      handlers_->OnWrite(ctx, event);
    };
    // Last: from here on the executor's dispatcher thread uses conn_ (under mu_), so nothing
    // above may run after it starts.
    if (config.workers_enabled) executor_ = std::make_unique<jobs::Executor>(mu_, *conn_, config, lock_path);
  } catch (const storage::SqliteError& e) {
    throw storage::ToException(e, "cannot open '" + config.path + "'");
  }
}

Database::Impl::~Impl() { Close(); }

// The pipeline, straight through: parse → check → plan (all skipped on a plan-cache hit) →
// bind variables → sqlgen + execute (executor) → Response.
std::vector<Response> Database::Impl::ExecuteAll(std::string_view aql, const Json& variables) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!conn_) return {ErrorResponse({ErrorCode::Internal, "database is closed", 0, 0})};
  if (!variables.is_object() && !variables.is_null()) {
    return {ErrorResponse({ErrorCode::ValidationError, "variables must be a JSON object", 0, 0})};
  }
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
    return Response{executor::Execute(plan, ctx), {}};
  } catch (const internal::AqlError& e) {
    return ErrorResponse(e.error());
  } catch (const storage::SqliteError& e) {
    return ErrorResponse(storage::ToError(e));
  } catch (const std::exception& e) {
    return ErrorResponse({ErrorCode::Internal, std::string("internal error: ") + e.what(), 0, 0});
  }
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
      throw storage::ToException(e, "cannot enqueue jobs");
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

JobQueueSummary Database::Impl::JobSummary(int recent_failures) {
  std::lock_guard<std::mutex> lock(mu_);
  CheckOpen(conn_);
  try {
    return jobs::Summarize(*conn_, jobs::SystemClock::Instance().NowMs(), recent_failures);
  } catch (const storage::SqliteError& e) {
    throw storage::ToException(e, "cannot read the job queue");
  }
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
  interruptible_ = nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  conn_.reset();
}

void Database::Impl::Interrupt() {
  if (storage::Connection* conn = interruptible_.load()) conn->Interrupt();
}

}  // namespace aurora
