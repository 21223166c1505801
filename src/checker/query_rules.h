// checker/query_rules.h: validation of the query-side constructs of planner/query_plan.h —
// aggregate, groupBy, lookup, nodes/edges/pageInfo and the cursor arguments first/last/after/before.
// Internal to the checker; each throws AqlError VALIDATION_ERROR at the offending token.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "checker/checker.h"

namespace aurora::checker {

// Checks a document selection set (plain fields, nested selections, lookups): checker.cc's rules.
using DocumentCheck = std::function<void(const std::vector<ast::Selection>&)>;

// Whether `field`'s selection set makes it answer an object (aggregate, groupBy, nodes, edges,
// pageInfo) rather than a list of documents.
bool IsConnectionSelection(const ast::Selection& field);

// Whether a query field is Aurora's top-level form `aggregate(collection: …)` / `groupBy(collection: …)`.
bool IsTopLevelAggregate(const ast::Selection& field);

// The selection set of a query field (connection members or documents).
void CheckQuerySelection(const ast::Selection& field, const DocumentCheck& documents);

// first/last/after/before on a query field, and their combinations with limit/offset.
bool IsPageArgument(const std::string& name);
void CheckPageArguments(const ast::Selection& field);

// `name: lookup(collection:, localField:, foreignField: [, where:, many:]) { … }`.
void CheckLookup(const ast::Selection& s, const CheckEnv& env, const DocumentCheck& documents);

// `aggregate(collection: "c" [, where:]) { … }` and `groupBy(collection: "c", field: … [, where:]) { … }`.
void CheckTopLevelAggregate(const ast::Selection& s, const CheckEnv& env, const DocumentCheck& documents);

}  // namespace aurora::checker
