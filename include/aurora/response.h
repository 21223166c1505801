// aurora/response.h: what executing one AQL operation gives back.
#pragma once

#include <string>
#include <vector>

#include "aurora/error.h"
#include "aurora/json.h"

namespace aurora {

// Stable warning codes; the spelling of to_string() is what responses and the shell print.
enum class WarningCode {
  // A read, update or delete named a collection that does not exist while one with a close
  // name does (`prodcts` next to `products`): its answer ([] or 0 affected) is right for a
  // schemaless database, but probably not what was meant.
  UnknownCollection,
};

const char* to_string(WarningCode code);

// A note on an operation that succeeded: it ran as written, and the warning changes nothing of
// its data. line/column are 1-based; 0 means "no position". Computed each time the operation
// runs (the collections it names may appear or go between runs), never kept with its plan.
struct Warning {
  WarningCode code = WarningCode::UnknownCollection;
  std::string message;
  int line = 0;
  int column = 0;
};

// GraphQL-style response: `data` (an object keyed by alias or field name) when the operation
// succeeded, or `errors` when it failed. A failed operation changes nothing; earlier operations
// of the same document stay committed. A succeeded operation may carry `warnings`.
struct Response {
  Json data;
  std::vector<Error> errors;
  std::vector<Warning> warnings;  // only when ok()

  bool ok() const { return errors.empty(); }
  // {"data": …}, {"data": …, "warnings": [{"message", "code", "line", "column"}]} (only when
  // there are warnings), or {"errors": [{"message", "code", "line", "column"}]}
  Json to_json() const;
  std::string dump(bool pretty = false) const { return to_json().dump(pretty); }
};

}  // namespace aurora
