// tools/aql/table_format.h: `--table` output. Each top-level field of a response's data becomes a
// titled table: a list of documents gives one row per document and one column per field (in
// order of first appearance); an object gives one row; nested values print as compact JSON.
#pragma once

#include <string>

#include "aurora/json.h"

namespace aurora::shell {

// The tables for `data` (the "data" member of a response), each followed by a blank line.
std::string FormatTables(const Json& data);

// One cell: strings without quotes, other scalars as JSON, objects/arrays as compact JSON;
// control characters escaped, cut to `max_width` code points with "…".
std::string FormatCell(const Json& value, std::size_t max_width = 60);

// Number of code points in UTF-8 text (invalid bytes count one each).
std::size_t DisplayWidth(const std::string& text);

}  // namespace aurora::shell
