// checker/checker.h: the second stage. Validates one parsed operation before it is planned.
//
// Checks argument names and value types per field, filter operators (with "did you mean"),
// required arguments, orderBy/limit/offset shapes, collection and field names, declared and
// used variables, and rejects constructs that are not executed yet by name. Fragments are
// inlined, so later stages see plain fields. Every failure throws internal::AqlError with
// VALIDATION_ERROR and the line/column of the offending token.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "planner/extension.h"

namespace aurora::checker {

struct CheckEnv {
  const std::vector<ast::Fragment>* fragments = nullptr;  // the document's fragments
  // Mutation fields added by other subsystems (enqueueJob …), validated by their Compile().
  const plan::MutationExtensions* mutations = nullptr;
  // System tables that may be queried by name (e.g. "_jobs"); other names starting with '_' are refused.
  std::function<bool(std::string_view)> is_system_collection;
};

// The operation with fragments inlined; valid for the planner.
struct CheckedOperation {
  ast::Operation op;
};

CheckedOperation Check(const ast::Operation& op, const CheckEnv& env);

// Validates a `where` object (also a `where: $variable`'s value at execution, see sqlgen).
void CheckFilterValue(const ast::Value& where);

// The built-in mutation fields, in the spelling users write them.
const std::vector<std::string>& BuiltinMutationNames();

// Filter operator names (eq ne gt …), in the order the docs list them.
const std::vector<std::string>& FilterOperatorNames();

// Update modifier names (increment decrement push pull addToSet).
const std::vector<std::string>& UpdateModifierNames();

// The first argument of `field` whose name is one of `names` (synonyms), or nullptr.
const ast::Argument* FindArg(const ast::Selection& field, std::initializer_list<std::string_view> names);

}  // namespace aurora::checker
