// common/foreign_values.h: checks for JSON values that come from outside AQL text.
//
// AQL text is checked by the parser (UTF-8) and cannot spell NaN or Infinity. A value given
// through the C++ API (execute() variables, enqueue_job payloads) can hold anything an
// aurora::Json can: strings and field names that are not UTF-8, and NaN or ±Infinity doubles.
// Neither can be stored as given: stored values are JSON text, which must be UTF-8 (one bad
// byte and every later read of the row fails) and has no NaN or Infinity (Json::dump writes
// null). So such values are refused where they enter, with the place inside the value.
#pragma once

#include <string>
#include <string_view>

#include "aurora/json.h"

namespace aurora::internal {

// Why `value` cannot be stored as given ("" when it can): the first string or field name that
// is not valid UTF-8, or the first NaN/±Infinity, as "<root><path>: <what>", e.g.
// "payload.name: invalid UTF-8 at byte 3" (0-based byte offset in that string) or
// "$v[2]: NaN cannot be stored (JSON has no NaN or Infinity)". Iterative: any depth is safe.
std::string ForeignValueProblem(const Json& value, std::string_view root);

}  // namespace aurora::internal
