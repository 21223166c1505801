// handlers/template.h: `${path}` templates in automation-handler actions.
//
// A handler's action is an AQL mutation call whose argument values may refer to the document
// that fired it. Each write binds them to that document:
//   "${path}"          alone: the field's value with its JSON type (missing → null)
//   "id=${id}, ${name}" text: each field's value as text (missing → empty)
//   $_id, $_field      Aurora's variable spelling: the same as "${id}", "${field}"
//   "${_old.field}"    for update events, the value before the update
//   "\${"              a literal "${"
// Paths are dotted field names (`address.city`); `_old.` selects the previous document.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ast/ast.h"
#include "aurora/json.h"

namespace aurora::handlers {

// The documents a template reads: the written one (the deleted one for delete events) and,
// for update events, the one before the update.
struct TemplateSource {
  const Json* document = nullptr;
  const Json* old_document = nullptr;
};

// Checks every template in `value` (and nested values) without a document: unterminated
// `${`, empty or malformed paths. Throws AqlError(VALIDATION_ERROR) at the string's position.
void CheckTemplates(const ast::Value& value);

// Compiling an action once: every template string becomes a variable `$__tN` and every
// `$_field` stays a variable; `params` records how to compute each from a document, so the
// action is checked and planned once and only its variables change per write.
struct TemplateParam {
  std::string variable;   // name without '$'
  bool whole = false;     // "${path}" alone: the value with its JSON type
  std::vector<std::pair<bool, std::string>> pieces;  // (is_path, text) for interpolation
};
ast::Value ParameterizeTemplates(const ast::Value& value, std::vector<TemplateParam>& params);
// The variables object for one write.
Json BindTemplateParams(const std::vector<TemplateParam>& params, const TemplateSource& source);

}  // namespace aurora::handlers
