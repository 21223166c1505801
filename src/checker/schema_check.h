// checker/schema_check.h: static checks of a `schema { … }` operation.
//
// Collection and field names, field types (String Int Float Boolean ID DateTime JSON Object Any,
// lists [T], `!`), directives (@unique @indexed @search) and default values (literals of the
// field's type). What depends on the database (does the collection exist, does a field exist)
// is checked when the statement runs (executor/schema_exec.h). Throws AqlError
// VALIDATION_ERROR at the offending token.
#pragma once

#include "ast/ast.h"
#include "aurora/json.h"
#include "storage/schema.h"

namespace aurora::checker {

void CheckSchemaOperation(const ast::Operation& op);

// The stored form of a checked field definition.
storage::FieldSchema ToFieldSchema(const ast::FieldDefinition& def);

// Schema directive names, for suggestions.
const std::vector<std::string>& SchemaDirectiveNames();

}  // namespace aurora::checker
