// executor/steps.h: one function per plan node (internal to the executor).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "aurora/json.h"
#include "executor/exec_context.h"
#include "planner/plan.h"
#include "sqlgen/sqlgen.h"

namespace aurora::executor {

Json RunScan(const plan::CollectionScan& scan, ExecContext& ctx);
// Steps `st` (bound, first column: the document or the json_array of projected fields) and
// builds the scan's result list; resets `st`.
Json ReadScanRows(storage::Statement& st, const plan::CollectionScan& scan);
// @explain: {collection, exists, usesIndex, statements: [{for, sql, params, plan, usesIndex}]}: the
// statements RunScan would run (executor/explain.cc); runs nothing.
Json ExplainScan(const plan::CollectionScan& scan, ExecContext& ctx);
// search: { … } on a query field (executor/search_exec.cc): the FTS5 MATCH text for
// sqlgen::SearchResolver, after checking the collection's @search fields and the query.
std::string SearchMatch(const plan::CollectionScan& scan, ExecContext& ctx);
// SQLite's EXPLAIN QUERY PLAN of `sql` with `binds` (executor/explain.cc): its detail lines,
// whether one searches with an index (a temporary B-tree does not count), and `exists` false when
// a table it names does not exist.
struct SqlitePlan {
  Json lines = Json::array();
  bool uses_index = false;
  bool exists = true;
};
SqlitePlan PlanOf(storage::Connection& conn, const std::string& sql, const std::vector<storage::BindValue>& binds);
Json BindToJson(const storage::BindValue& v);
// mutation @explain (executor/mutation_explain.cc): runs `run` (one mutation field, while
// ctx.conn logs statements) and answers {collection, usesIndex, statements, result}.
Json ExplainWrite(const plan::Step& step, ExecContext& ctx, const std::function<Json()>& run);
Json RunInsert(const plan::Insert& insert, ExecContext& ctx);
Json RunUpdate(const plan::Update& update, ExecContext& ctx);
Json RunDelete(const plan::Delete& del, ExecContext& ctx);

}  // namespace aurora::executor
