// executor/steps.h: one function per plan node (internal to the executor).
#pragma once

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
Json RunInsert(const plan::Insert& insert, ExecContext& ctx);
Json RunUpdate(const plan::Update& update, ExecContext& ctx);
Json RunDelete(const plan::Delete& del, ExecContext& ctx);

}  // namespace aurora::executor
