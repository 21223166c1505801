// storage/sql_functions.h: SQL functions Aurora adds to every connection.
//
//   aql_regexp(pattern, text)  1 when `text` (a string) contains a match of the regular
//                              expression `pattern` (RE2 syntax), 0 otherwise (also for
//                              non-strings). Behind the AQL `matches` operator.
//
// RE2 matches in time linear in the text and never recurses, so no pattern or text can hang or
// overflow the stack (handlers may run queries on small fiber stacks). Limits: patterns longer
// than kMaxRegexPattern are refused; texts longer than kMaxRegexText are an error whose message
// starts with "matches:".
#pragma once

#include <cstddef>
#include <string>

#include "storage/sqlite.h"

namespace aurora::storage {

inline constexpr std::size_t kMaxRegexPattern = 1000;
inline constexpr std::size_t kMaxRegexText = 1000000;

void RegisterSqlFunctions(Connection& conn);

// Why `pattern` cannot be used by aql_regexp ("" when it can).
std::string RegexProblem(const std::string& pattern);

}  // namespace aurora::storage
