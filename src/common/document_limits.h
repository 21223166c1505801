// common/document_limits.h: what a stored JSON document may hold.
//
// Documents are stored as JSON text and read back with Json::parse and SQLite's JSON functions,
// so every write checks them first:
//   - nesting: at most Json::kMaxDepth (256) levels of objects and lists, counting the document
//     itself (Json::parse refuses deeper text, so a deeper document could never be read again);
//   - no U+0000 (NUL) in strings or field names: SQLite's json_extract cuts a string there, so
//     filters would see "x" for "x\u0000y" (PostgreSQL's jsonb refuses it too).
// AQL text cannot nest that deep (128 brackets), but variables and the C++ API can.
#pragma once

#include <string>

#include "aurora/json.h"

namespace aurora::internal {

// Why `doc` cannot be stored ("" when it can). `depth` is the level `doc` sits at inside the
// document being checked: 1 for the document itself, 2 for one of its fields, and so on.
std::string DocumentProblem(const Json& doc, int depth = 1);

}  // namespace aurora::internal
