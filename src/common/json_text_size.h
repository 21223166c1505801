// common/json_text_size.h: how long a Json value is as compact JSON text, without writing it.
//
// Config::max_variables_bytes limits the variables of one operation by this size: variables
// arrive already parsed (aurora::Json), and serialising them only to measure would cost as much
// memory again as they hold.
#pragma once

#include <cstddef>

#include "aurora/json.h"

namespace aurora::internal {

// The length of value.dump() (compact: no spaces; strings escape '"', '\' and control
// characters, other bytes as they are). Walks the value once, iteratively (any depth), and
// allocates only for doubles (their shortest text is written to count its digits).
std::size_t JsonTextSize(const Json& value);

}  // namespace aurora::internal
