// executor/executor.h: the last stage. Runs a plan on the connection and builds response data.
//
// A query runs its fields' SELECTs; a mutation runs all its fields in ONE transaction (all commit
// or none: any error rolls back and nothing is written), then runs ctx.after_commit (or, when it
// rolled back, ctx.after_rollback). Called while
// a transaction is open (e.g. from ctx.on_write, to run a handler's action in the triggering
// write's transaction), the mutation runs in a savepoint and leaves ctx.after_commit to the
// outermost Execute (and ctx.after_rollback too). `mutation @explain` is a dry run: the fields run with the connection's
// statement log attached, answer the statements they ran (mutation_explain.cc), and the
// transaction is rolled back. Errors are
// internal::AqlError (user-facing) or storage::SqliteError (the engine maps those).
#pragma once

#include "aurora/json.h"
#include "executor/exec_context.h"
#include "planner/plan.h"

namespace aurora::executor {

// The response `data` object: one member per field, keyed by alias or name.
Json Execute(const plan::Plan& plan, ExecContext& ctx);

// Runs the plan's fields inside the transaction already open on ctx.conn, without committing
// or running after_commit / after_rollback: for automation-handler actions, which belong to the write that fired
// them.
Json ExecuteSteps(const plan::Plan& plan, ExecContext& ctx);

// Picks the selected fields from a value (objects; arrays element-wise). Missing fields are null.
Json Project(const Json& value, const plan::Projection& projection);

// One selected field of a query row: `column` is what sqlgen::ProjectionSql selected for it (the
// field's value, or the whole document for a computed template).
Json ProjectField(const Json& column, const plan::ProjectionField& field);

}  // namespace aurora::executor
