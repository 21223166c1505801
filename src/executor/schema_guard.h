// executor/schema_guard.h: writes into a collection with a schema (storage/schema.h).
//
// Inserts get the schema's defaults for missing fields; inserted and updated documents must fit
// the declared types and `!` (required); unique fields are enforced by their UNIQUE index, whose
// SQLite error becomes a CONSTRAINT_VIOLATION naming the field and value. Schemaless
// collections pass unchanged. Fields the schema does not declare are allowed.
#pragma once

#include <string>

#include "ast/ast.h"
#include "aurora/json.h"
#include "executor/exec_context.h"
#include "storage/schema.h"

namespace aurora::executor {

// Checks the collection a query field, update or delete names, once per field (not per row), in
// one catalog statement. System tables (`_…`) pass.
// - Throws AqlError VALIDATION_ERROR at `pos` when `collection` is not a collection as spelled
//   but differs from one only in case (SQLite's table names ignore case, so it would reach the
//   other's table without its schema and handlers).
// - With `warn_if_missing`, in the user's own operation (not a handler's action): when the
//   collection does not exist but a collection or system table with a close name does, adds an
//   UNKNOWN_COLLECTION warning at `pos` to ctx.warnings. The answer stays as it is ([] or 0
//   affected: a schemaless database has every collection, empty until written).
void CheckCollectionName(ExecContext& ctx, const std::string& collection, const ast::Pos& pos,
                         bool warn_if_missing = true);

// The collection's schema (null when schemaless), cached in ctx for the operation.
const storage::CollectionSchema* SchemaFor(ExecContext& ctx, const std::string& collection);

// Fills defaults for missing (or null) declared fields.
void FillDefaults(const storage::CollectionSchema& schema, Json& doc);

// Throws AqlError CONSTRAINT_VIOLATION when `doc` does not fit: "field 'age' of 'users' expects
// Int, got \"x\"" / "field 'name' of 'users' is required (String!)".
void ValidateDocument(const storage::CollectionSchema& schema, const std::string& collection, const Json& doc);

// For a constraint error raised while writing `doc`: the message naming the unique field and
// its value, or "" when the error is not about a unique field.
std::string UniqueViolationMessage(const storage::CollectionSchema* schema, const std::string& collection,
                                   const Json& doc, const storage::SqliteError& error);

}  // namespace aurora::executor
