#include "engine/database_impl.h"

#include <algorithm>

#include "checker/checker.h"
#include "common/aql_error.h"
#include "executor/executor.h"
#include "handlers/handlers_table.h"
#include "parser/parser.h"
#include "planner/bind.h"
#include "planner/planner.h"
#include "engine/system_tables.h"
#include "storage/catalog.h"
#include "storage/sql_functions.h"

namespace aurora {

namespace {

Response ErrorResponse(Error error) { return Response{Json(), {std::move(error)}}; }

// SQLite failures that reach the operation boundary.
Error FromSqlite(const storage::SqliteError& e) {
  std::string msg = e.what();
  if (msg.rfind("matches:", 0) == 0) return Error{ErrorCode::ValidationError, msg, 0, 0};
  if (storage::IsConstraintViolation(e)) return Error{ErrorCode::ConstraintViolation, msg, 0, 0};
  return Error{ErrorCode::Internal, "storage error: " + msg, 0, 0};
}

}  // namespace

Database::Impl::Impl(const Config& config)
    : config_(config), plan_cache_(static_cast<std::size_t>(std::max(0, config.plan_cache_size))) {
  try {
    conn_ = std::make_unique<storage::Connection>(config.path);
    if (config.path != ":memory:" && !config.path.empty()) conn_->Exec("PRAGMA journal_mode=WAL");
    conn_->Exec(config.synchronous == Synchronous::Full     ? "PRAGMA synchronous=FULL"
                : config.synchronous == Synchronous::Normal ? "PRAGMA synchronous=NORMAL"
                                                            : "PRAGMA synchronous=OFF");
    storage::RegisterSqlFunctions(*conn_);
    storage::EnsureCatalog(*conn_);
    engine::RegisterBuiltinSystemTables(extensions_);
    handlers_ = std::make_unique<handlers::HandlerRuntime>(
        *conn_, [this](const ast::Operation& op) { return Compile(op, {}); });
    extensions_.resolvers["_handlers"] = handlers::HandlersTable();
    extensions_.on_write = [this](executor::ExecContext& ctx, const executor::WriteEvent& event) {
      handlers_->OnWrite(ctx, event);
    };
  } catch (const storage::SqliteError& e) {
    throw Exception(ErrorCode::Internal, e.what());
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
    return ErrorResponse(FromSqlite(e));
  } catch (const std::exception& e) {
    return ErrorResponse({ErrorCode::Internal, std::string("internal error: ") + e.what(), 0, 0});
  }
}

Workers* Database::Impl::workers() { return nullptr; }

std::string Database::Impl::EnqueueJob(std::string_view, Json, const JobOptions&) {
  throw Exception(ErrorCode::Internal, "jobs are not implemented yet");
}

void Database::Impl::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  conn_.reset();
}

}  // namespace aurora
