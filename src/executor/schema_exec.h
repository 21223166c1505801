// executor/schema_exec.h: running `schema { define / alter / drop collection … }`.
//
// A schema operation is a one-step mutation plan: its statements run in order in one
// transaction (a failing one rolls back all of them) and answer
//   {"schema": [{"collection": "users", "action": "define", "applied": true}, …]}
// (`applied` is false for `define … if not exists` on a defined collection and `drop … if
// exists` on a missing one). What each statement does to stored documents:
//   define   creates the collection (or attaches the schema to an existing schemaless one: its
//            documents get the defaults and must fit), creates the field indexes
//   alter    add: fills the default into documents missing the field, checks them, indexes;
//            drop: removes the field from every document; rename: moves the values;
//            modify: re-checks every document against the new definition, re-indexes
//   drop     drops the table, its indexes and full-text index, and the catalog row
#pragma once

#include "ast/ast.h"
#include "planner/plan.h"

namespace aurora::executor {

// REQUIRES: `op` passed checker::CheckSchemaOperation.
plan::Plan BuildSchemaPlan(const ast::Operation& op);

}  // namespace aurora::executor
