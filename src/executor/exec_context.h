// executor/exec_context.h: what running one operation has at hand.
//
// Extension points for other subsystems (see also planner/extension.h):
//  - `on_write` (may be null) is called once per document written by insert/update/upsert/delete,
//    inside the operation's transaction and on the same Connection, after the row is written
//    (the automation handlers enqueue their jobs from here). Throwing aborts the whole operation.
//  - `after_commit` callbacks run after the mutation's transaction committed (e.g. wake the job
//    executor after jobs were enqueued); they are dropped when the operation rolls back. They
//    run while the database's connection lock is held: keep them short and never call execute().
//  - `after_rollback` callbacks run instead when the mutation's transaction rolled back (e.g. give
//    back a job slot reserved for a job that was never committed). Same lock; they must not throw.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aurora/json.h"
#include "aurora/response.h"
#include "sqlgen/field_resolver.h"
#include "storage/schema.h"
#include "storage/sqlite.h"

namespace aurora::executor {

struct ExecContext;

// A statement a query would run, recorded instead of run under @explain (executor/explain.cc).
struct ExplainedStatement {
  std::string purpose;     // "documents", "aggregate stats", "lookup buyer" …
  std::string collection;  // the table it reads
  std::string sql;
  std::vector<storage::BindValue> binds;
};

struct WriteEvent {
  enum class Kind { Insert, Update, Delete };
  Kind kind = Kind::Insert;
  const std::string& collection;
  const Json& document;      // as written (the deleted document for Delete)
  const Json* old_document;  // Update: before the change; otherwise null
};

using WriteHook = std::function<void(ExecContext&, const WriteEvent&)>;

struct ExecContext {
  ExecContext(storage::Connection& c, Json vars, const sqlgen::Resolvers& r) : conn(c), variables(std::move(vars)), resolvers(r) {}

  storage::Connection& conn;
  Json variables;  // the operation's variables, bound and type-checked
  const sqlgen::Resolvers& resolvers;
  const WriteHook* on_write = nullptr;
  std::vector<std::function<void()>> after_commit;
  std::vector<std::function<void()>> after_rollback;
  // Names of the automation handlers whose actions led to this context, outermost first
  // (empty for a user's operation). handlers/handler_runtime.h bounds its length.
  std::vector<std::string> handler_chain;
  // True when nobody reads the steps' results (a handler's action): a step may then skip
  // building its response value and return null. Its writes are the same either way.
  bool result_unused = false;
  // Jobs that handler actions appended to the job inbox in this operation's transaction so far
  // (jobs/aql_jobs.cc; jobs/job_store.h EnqueueToInbox). Handler contexts point at their
  // operation's counter; null in a user's operation.
  int* inbox_jobs = nullptr;
  int own_inbox_jobs = 0;
  // Documents this operation wrote itself and documents handler actions wrote for it
  // (handlers/handler_runtime.h bounds the second by the first). Handler contexts point at
  // their operation's counts; null in a user's operation.
  struct WriteCounts {
    std::int64_t own = 0;
    std::int64_t by_handlers = 0;
  };
  WriteCounts* write_counts = nullptr;
  WriteCounts own_write_counts;
  // Collection schemas read during this operation (executor/schema_guard.h); nullopt: schemaless.
  // Schema statements clear it.
  std::map<std::string, std::optional<storage::CollectionSchema>, std::less<>> schemas;
  // @explain: when set, query statements go here instead of to SQLite (PrepareQuery answers null,
  // as for a table that does not exist), so the explanation walks the very code that would run.
  std::vector<ExplainedStatement>* explain = nullptr;
  // Warnings for the operation's response (executor/schema_guard.h CheckCollectionName). Made
  // while it runs, never kept with its plan: the collections it names may appear or go.
  std::vector<Warning> warnings;
};

}  // namespace aurora::executor
