// checker/rules.h: validation of argument values (filters, orderBy, counts, mutation data).
// Internal to the checker; each throws AqlError VALIDATION_ERROR at the offending value.
#pragma once

#include <map>
#include <string>

#include "ast/ast.h"

namespace aurora::checker {

// where: { field: {op: v, …} | v, and: […], or: […], not: {…} }
void CheckFilter(const ast::Value& where);
// orderBy: {field: "f", direction: ASC|DESC} | [that, …] | {f: ASC, g: DESC}
void CheckOrderBy(const ast::Value& order);
// limit/offset: an Int ≥ 0 or a variable.
void CheckCount(const ast::Argument& arg);
// data: of insert (update false) or update/upsert (update true): an object (or a variable).
void CheckData(const ast::Value& data, bool update);
// Variables used where the type is fixed (limit/offset: Int) are declared with that type.
void CheckVariableUsage(const ast::Operation& op, const std::map<std::string, const ast::VariableDefinition*>& declared);

}  // namespace aurora::checker
