// planner/bind.h: variables and values at execution time.
//
// Plans keep AST values (literals and `$variables`); these functions turn them into Json once the
// variables of one execution are known.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "aurora/json.h"

namespace aurora::planner {

// The declared variables' values: given ones checked against their declared types, defaults for
// missing ones, null for missing nullable ones. Throws AqlError VALIDATION_ERROR (at the variable's
// definition) for a wrong type or a missing non-null variable. `provided` must be an object.
Json BindVariables(const std::vector<ast::VariableDefinition>& defs, const Json& provided);

// The Json of an AST value; `$x` reads `variables.x`, enum words become strings.
Json ResolveValue(const ast::Value& value, const Json& variables);

// An AST value for a Json (strings stay strings), every node at `pos`.
ast::Value ToAst(const Json& value, const ast::Pos& pos);

// Type names a variable may be declared with.
const std::vector<std::string>& KnownVariableTypes();

// "Int", "[String!]!" …: a type as written.
std::string TypeToString(const ast::TypeRef& type);

}  // namespace aurora::planner
