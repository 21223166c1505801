// common/names.h: the rules for collection and field names, shared by every stage.
//
// Names reach SQL text (table names, JSON path literals), so they are validated against strict
// patterns before anything quotes them; a name that fails never gets near SQL.
#pragma once

#include <string>
#include <string_view>

namespace aurora::internal {

// [A-Za-z_][A-Za-z0-9_]*, at most 128 characters: one field name or one segment of a dotted path.
bool IsIdentifier(std::string_view name);

// Why `name` cannot be a user collection ("" when it can): it must be an identifier that starts
// with a letter (names starting with '_' are reserved for system tables such as _jobs), at most
// 64 characters, and not start with "sqlite_".
std::string CollectionNameProblem(std::string_view name);

// Why `path` cannot be a field path ("" when it can): dot-separated identifiers; a segment of
// digits only indexes an array (tags.0).
std::string FieldPathProblem(std::string_view path);

}  // namespace aurora::internal
