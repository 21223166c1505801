// planner/query_planner.h: builds the query-side plan parts of planner/query_plan.h from a checked
// query field (aggregate, groupBy, lookup, nodes/edges/pageInfo, first/last/after/before).
#pragma once

#include <memory>

#include "ast/ast.h"
#include "planner/query_plan.h"

namespace aurora::planner {

// The extras of a query field, or null when it is a plain list without cursor arguments.
std::shared_ptr<const plan::QueryExtras> BuildQueryExtras(const ast::Selection& field);

// A query step for Aurora's top-level `aggregate(collection: …)` / `groupBy(collection: …)`.
// REQUIRES: checker::IsTopLevelAggregate(field).
plan::CollectionScan BuildTopLevelAggregate(const ast::Selection& field);

// The lookup of a `name: lookup(…) { … }` field. REQUIRES: checked by checker::CheckLookup.
std::shared_ptr<const plan::Lookup> BuildLookup(const ast::Selection& field);

}  // namespace aurora::planner
