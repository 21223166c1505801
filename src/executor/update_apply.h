// executor/update_apply.h: applying update data (values and modifiers) to a document in memory.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "aurora/json.h"

namespace aurora::executor {

// Sets each member of `data` in `doc`: a dotted key sets a nested field (creating objects on the
// way); a value {increment|decrement: n}, {push|pull|addToSet: v} applies that modifier. `source`
// is the AST of `data` (for error positions; may be a variable). Throws AqlError VALIDATION_ERROR
// when a modifier does not fit the field (increment on a string, push on a non-array …).
void ApplyUpdate(Json& doc, const Json& data, const ast::Value& source);

// The value at a dotted path, or nullptr.
const Json* GetPath(const Json& doc, const std::vector<std::string>& segments);

// Sets the value at a dotted path, creating objects on the way.
void SetPath(Json& doc, const std::vector<std::string>& segments, Json value);

}  // namespace aurora::executor
