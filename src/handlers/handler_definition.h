// handlers/handler_definition.h: a checked `define handler` statement.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"

namespace aurora::handlers {

enum class Event { Insert, Update, Delete };
const char* to_string(Event e);

struct HandlerDefinition {
  std::string name;
  Event event = Event::Insert;
  std::string collection;
  ast::Selection action;  // one mutation call, its arguments possibly holding templates
  std::string source;     // the `define handler …` text as written
  std::string action_source;  // the action call as written, e.g. `enqueueJob(type: "t", …)`
  bool paused = false;
};

// Mutation calls an action may make.
const std::vector<std::string>& ActionCalls();

// Checks a DefineHandler operation and returns its definition: `on:` is "<event>:<collection>"
// or "<event> <collection>" with a known event and a valid, non-system collection name; the
// action is exactly one known mutation call; its templates are well formed; no other
// properties. Throws AqlError(VALIDATION_ERROR) with line and column.
HandlerDefinition CheckDefinition(const ast::Operation& op);

// True for names a user collection may have: a letter, then letters, digits or '_', at most 64.
bool IsValidCollectionName(const std::string& name);

}  // namespace aurora::handlers
