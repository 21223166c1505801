// executor/query_exec.h: running the query-side constructs of planner/query_plan.h (internal to
// the executor): connection answers (aggregate, groupBy, nodes, edges, pageInfo), keyset pages
// and lookups. RunScan hands a scan here when NeedsQueryExec(scan).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aurora/json.h"
#include "executor/exec_context.h"
#include "planner/query_plan.h"
#include "sqlgen/query_sql.h"

namespace aurora::executor {

// Whether the scan has extras (connection, cursor arguments) or lookup fields.
bool NeedsQueryExec(const plan::CollectionScan& scan);

// The answer of such a scan: a list of documents, or the connection object.
// `resolver`: the collection's, or the sqlgen::SearchResolver of a search.
Json RunQuery(const plan::CollectionScan& scan, ExecContext& ctx, const sqlgen::FieldResolver& resolver);

// ---- shared by query_exec.cc, page_exec.cc, lookup_exec.cc ----

// The prepared, bound statement for `sql`, or null when its table does not exist yet. Under
// @explain (ctx.explain set) it records the statement with its purpose and answers null.
storage::Statement* PrepareQuery(ExecContext& ctx, const sqlgen::SqlStatement& sql, std::string_view purpose,
                                 std::string_view collection);

// A result row's document column (sqlgen::ProjectionSql) → the projected document. Lookup fields
// hold their local value until ResolveLookups replaces it.
Json ProjectRow(std::string_view text, const plan::Projection& projection, const std::string& collection);
Json ProjectParsed(const Json& row, const plan::Projection& projection);

// Replaces the lookup fields of `docs` (projected with `projection`) by the documents they name:
// one SELECT per lookup field for all of `docs` (then, recursively, per nested lookup).
void ResolveLookups(const std::vector<Json*>& docs, const plan::Projection& projection, ExecContext& ctx);
bool HasLookups(const plan::Projection& projection);

// An SQL result value as JSON (integer, real, text, NULL).
Json SqlValueJson(const storage::BindValue& v);

// The documents of a page (keyset or limit/offset), with cursors and page flags.
struct PageResult {
  std::vector<Json> docs;
  std::vector<std::string> cursors;
  bool has_next = false;
  bool has_previous = false;
};
PageResult RunPage(const plan::CollectionScan& scan, const plan::QueryExtras* extras, const plan::Projection& projection,
                   ExecContext& ctx, const sqlgen::FieldResolver& resolver, std::string_view purpose);

// "kind" when the response key is the kind's own name, else "kind key" (@explain's purposes).
std::string Purpose(std::string_view kind, std::string_view key);

}  // namespace aurora::executor
