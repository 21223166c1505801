// Prints an AST back as compact, canonical AQL, so tests can compare whole trees in one line:
//   query Q($x: [String!]! = ["a"]) { a: f(x: $x) @include(if: true) | upper { b } }
// Strings print JSON-escaped, with each `\$` escape shown as `\$`; floats print with %g.
#pragma once

#include <string>

#include "ast/ast.h"

namespace aurora::testing {

std::string Print(const ast::Value& value);
std::string Print(const ast::TypeRef& type);
std::string Print(const ast::Selection& selection);
std::string Print(const ast::Operation& op);
std::string Print(const ast::Fragment& fragment);
std::string Print(const ast::Document& doc);  // one line per operation and fragment

}  // namespace aurora::testing
