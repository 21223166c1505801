// engine/input_limits.h: Config::max_query_bytes and Config::max_variables_bytes.
//
// Checked first thing in every execute() / execute_all(), before the plan cache and the parser:
// parsing costs many times a text's size in memory, so an oversized text must never reach it.
// Variables arrive already parsed; they are measured as compact JSON text by a walk
// (common/json_text_size.h), not by serialising them.
#pragma once

#include <optional>
#include <string_view>

#include "aurora/config.h"
#include "aurora/error.h"
#include "aurora/json.h"

namespace aurora::engine {

// A VALIDATION_ERROR naming the size and the limit when `aql` or `variables` is over its limit
// (for the text, at the line and column of its first byte past the limit; variables have no
// position); nullopt when both fit.
std::optional<Error> CheckInputSize(const Config& config, std::string_view aql, const Json& variables);

}  // namespace aurora::engine
