// common/template_text.h: `${path}` templates in AQL strings, split into pieces.
//
// Used by automation-handler actions (handlers/template.h) and computed fields in selections
// (planner/computed.h). "Hi ${name}!" → [text "Hi ", path "name", text "!"]. `\${` (recorded in
// ast::Value::escaped_dollars) is a literal "${". Paths are dotted names of letters, digits and
// '_' (`address.city`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"

namespace aurora::internal {

struct TemplatePiece {
  bool is_path = false;
  std::string text;  // literal text, or the path
};

// Throws AqlError(VALIDATION_ERROR) at the string's position for an unterminated `${` or a
// malformed path.
std::vector<TemplatePiece> SplitTemplate(const ast::Value& string_value);

bool IsTemplatePath(std::string_view path);

}  // namespace aurora::internal
