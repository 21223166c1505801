// storage/sql_functions.h: SQL functions Aurora adds to every connection.
//
//   aql_regexp(pattern, text)  1 when `text` (a string) contains a match of the ECMAScript regular
//                              expression `pattern`, 0 otherwise (also for non-strings).
//
// Limits (std::regex backtracks recursively): patterns longer than kMaxRegexPattern and texts
// longer than kMaxRegexText are errors whose message starts with "matches:", never a crash.
#pragma once

#include <cstddef>

#include "storage/sqlite.h"

namespace aurora::storage {

inline constexpr std::size_t kMaxRegexPattern = 1000;
inline constexpr std::size_t kMaxRegexText = 10000;

void RegisterSqlFunctions(Connection& conn);

}  // namespace aurora::storage
