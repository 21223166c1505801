// parser/parser.h: AQL text → ast::Document. The only stage that sees ANTLR.
#pragma once

#include <string_view>

#include "ast/ast.h"

namespace aurora::parser {

// Parses a whole AQL document. Throws internal::AqlError (SYNTAX_ERROR with line and column,
// in words a user can act on) when the text is not AQL. Never crashes on any input: deep
// nesting, huge strings and invalid UTF-8 are errors.
ast::Document Parse(std::string_view text);

}  // namespace aurora::parser
