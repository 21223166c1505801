#include "executor/executor.h"

#include "common/aql_error.h"
#include "planner/computed.h"
#include "executor/log_purpose.h"
#include "executor/query_exec.h"
#include "executor/schema_guard.h"
#include "executor/steps.h"
#include "planner/bind.h"
#include "sqlgen/search_sql.h"
#include "sqlgen/sqlgen.h"

namespace aurora::executor {
namespace {

bool Included(const plan::Step& step, const Json& variables) {
  if (step.include_if && !planner::ResolveValue(*step.include_if, variables).is_bool()) {
    throw internal::AqlError(ErrorCode::ValidationError, "@include(if:) needs a Boolean", step.include_if->pos.line,
                             step.include_if->pos.column);
  }
  if (step.skip_if && !planner::ResolveValue(*step.skip_if, variables).is_bool()) {
    throw internal::AqlError(ErrorCode::ValidationError, "@skip(if:) needs a Boolean", step.skip_if->pos.line,
                             step.skip_if->pos.column);
  }
  if (step.include_if && !planner::ResolveValue(*step.include_if, variables).as_bool()) return false;
  if (step.skip_if && planner::ResolveValue(*step.skip_if, variables).as_bool()) return false;
  return true;
}

Json RunStep(const plan::Step& step, ExecContext& ctx, bool explain, bool positions);

// Runs the steps in order. With `positions` (the user's own operation, not a handler's action),
// a validation error raised without a position while a step runs, such as SQLite refusing a
// statement as too large or handlers nesting too deep, gets the position of that step.
Json RunSteps(const std::vector<plan::Step>& steps, ExecContext& ctx, bool explain, bool positions) {
  Json data = Json::object();
  for (const plan::Step& step : steps) {
    if (!Included(step, ctx.variables)) continue;
    if (!positions) {
      data.set(step.key, RunStep(step, ctx, explain, positions));
      continue;
    }
    try {
      data.set(step.key, RunStep(step, ctx, explain, positions));
    } catch (const internal::AqlError& e) {
      if (e.error().code != ErrorCode::ValidationError || e.error().line != 0) throw;
      throw internal::AqlError(ErrorCode::ValidationError, e.error().message, step.pos.line, step.pos.column);
    } catch (const storage::SqliteError& e) {
      Error error = storage::ToError(e);
      if (error.code != ErrorCode::ValidationError) throw;
      throw internal::AqlError(ErrorCode::ValidationError, error.message, step.pos.line, step.pos.column);
    }
  }
  return data;
}

// `explain`: in a query, each field answers how it would run (ExplainScan); in a mutation (a dry
// run: Execute), each write field answers the statements it ran (ExplainWrite).
Json RunStep(const plan::Step& step, ExecContext& ctx, bool explain, bool positions) {
  if (auto* scan = std::get_if<plan::CollectionScan>(&step.node)) {
    CheckCollectionName(ctx, scan->collection, step.pos);
    return explain || step.explain ? ExplainScan(*scan, ctx) : RunScan(*scan, ctx);
  }
  if (auto* group = std::get_if<plan::Group>(&step.node)) return RunSteps(group->steps, ctx, explain, positions);
  if (explain) return ExplainWrite(step, ctx, [&] { return RunStep(step, ctx, false, positions); });
  LogPurpose purpose(ctx, step.name);  // statements no finer purpose names (a custom step's)
  if (auto* ins = std::get_if<plan::Insert>(&step.node)) {
    return RunInsert(*ins, ctx);
  } else if (auto* up = std::get_if<plan::Update>(&step.node)) {
    CheckCollectionName(ctx, up->collection, step.pos, /*warn_if_missing=*/!up->upsert);
    return RunUpdate(*up, ctx);
  } else if (auto* del = std::get_if<plan::Delete>(&step.node)) {
    CheckCollectionName(ctx, del->collection, step.pos);
    return RunDelete(*del, ctx);
  } else if (auto* custom = std::get_if<std::shared_ptr<const plan::CustomStep>>(&step.node)) {
    return (*custom)->Run(ctx);
  }
  return Json();
}

}  // namespace

Json Project(const Json& value, const plan::Projection& projection) {
  if (projection.all) return value;
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value.as_array()) out.push_back(Project(item, projection));
    return out;
  }
  if (!value.is_object()) return value;
  Json out = Json::object();
  for (const auto& f : projection.fields) {
    if (f.computed) {
      out.set(f.key, planner::EvaluateComputed(*f.computed, f.computed->is_template ? value : value[f.name]));
    } else {
      out.set(f.key, Project(value[f.name], f.sub));
    }
  }
  return out;
}

Json ProjectField(const Json& column, const plan::ProjectionField& field) {
  if (field.computed) return planner::EvaluateComputed(*field.computed, column);
  return Project(column, field.sub);
}

Json RunScan(const plan::CollectionScan& scan, ExecContext& ctx) {
  const sqlgen::FieldResolver* resolver = &sqlgen::ResolverFor(ctx.resolvers, scan.collection);
  resolver->BeforeRead(ctx.conn);
  std::optional<sqlgen::SearchResolver> search;  // full-text search: the FTS5 join is the relation read
  if (scan.search) resolver = &search.emplace(*resolver, SearchMatch(scan, ctx));
  if (NeedsQueryExec(scan)) return RunQuery(scan, ctx, *resolver);  // aggregate, groupBy, lookup, cursors: query_exec.h
  sqlgen::SqlStatement sql = sqlgen::SelectSql(scan, *resolver, ctx.variables);  // validates operands first
  storage::Statement* prepared = PrepareQuery(ctx, sql, scan.search ? "search" : "documents", scan.collection);
  if (!prepared) return Json::array();  // a collection not created yet reads as []
  return ReadScanRows(*prepared, scan);
}

Json ReadScanRows(storage::Statement& st, const plan::CollectionScan& scan) {
  Json out = Json::array();
  std::string error;
  while (st.Step()) {
    std::optional<Json> row = Json::parse(st.TextView(0), &error);
    if (!row) {
      st.Reset();
      throw internal::AqlError(ErrorCode::Internal, "stored document in '" + scan.collection + "' is not JSON: " + error);
    }
    if (scan.projection.all) {
      out.push_back(std::move(*row));
      continue;
    }
    Json doc = Json::object();
    const auto& fields = scan.projection.fields;
    for (size_t i = 0; i < fields.size() && i < row->size(); ++i) {
      doc.set(fields[i].key, ProjectField(row->as_array()[i], fields[i]));
    }
    out.push_back(std::move(doc));
  }
  st.Reset();
  return out;
}

Json ExecuteSteps(const plan::Plan& plan, ExecContext& ctx) {
  planner::NowScope now;  // `now` in pipes: one time for the whole operation
  return RunSteps(plan.steps, ctx, false, false);
}

Json Execute(const plan::Plan& plan, ExecContext& ctx) {
  planner::NowScope now;  // `now` in pipes: one time for the whole operation
  if (plan.kind == plan::Plan::Kind::Query) return RunSteps(plan.steps, ctx, plan.explain, true);
  auto run = [](std::vector<std::function<void()>>& callbacks) {
    std::vector<std::function<void()>> now;
    now.swap(callbacks);
    for (auto& f : now) f();
  };
  if (plan.explain) {
    // mutation @explain: a dry run (executor/mutation_explain.cc). The mutation runs for real with
    // its statements logged, then its transaction is rolled back: nothing is written, the
    // after-commit callbacks (waking workers for enqueued jobs) are dropped and the after-rollback
    // ones (giving back job slots an enqueue reserved) run.
    Json data;
    try {
      storage::StatementLog log;
      LogSwap attach(ctx.conn, &log);
      storage::Transaction tx(ctx.conn);  // never committed
      data = RunSteps(plan.steps, ctx, true, true);
    } catch (...) {
      ctx.after_commit.clear();
      run(ctx.after_rollback);
      throw;
    }
    ctx.after_commit.clear();
    run(ctx.after_rollback);
    return data;
  }
  // Inside an open transaction (a handler's action run from ctx.on_write) this becomes a
  // savepoint, and the after-commit callbacks wait for the outermost commit.
  const bool outermost = !ctx.conn.InTransaction();
  Json data;
  try {
    storage::Transaction tx(ctx.conn);
    data = RunSteps(plan.steps, ctx, false, true);
    tx.Commit();
  } catch (...) {
    if (outermost) {
      ctx.after_commit.clear();
      run(ctx.after_rollback);
    }
    throw;
  }
  if (!outermost) return data;
  ctx.after_rollback.clear();
  run(ctx.after_commit);
  return data;
}

}  // namespace aurora::executor
