// aurora/response.h: what executing one AQL operation gives back.
#pragma once

#include <string>
#include <vector>

#include "aurora/error.h"
#include "aurora/json.h"

namespace aurora {

// GraphQL-style response: `data` (an object keyed by alias or field name) when the operation
// succeeded, or `errors` when it failed. A failed operation changed nothing.
struct Response {
  Json data;
  std::vector<Error> errors;

  bool ok() const { return errors.empty(); }
  // {"data": …} or {"errors": [{"message", "code", "line", "column"}]}
  Json to_json() const;
  std::string dump(bool pretty = false) const { return to_json().dump(pretty); }
};

}  // namespace aurora
