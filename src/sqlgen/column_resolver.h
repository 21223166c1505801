// sqlgen/column_resolver.h: a FieldResolver for system tables whose fields are real columns.
//
//   auto jobs = std::make_shared<sqlgen::ColumnResolver>("_jobs", std::vector<sqlgen::Column>{
//       sqlgen::Column::Text("id"), sqlgen::Column::Text("type"), sqlgen::Column::Json("payload"),
//       sqlgen::Column::Integer("retries"),
//       // compared as its rank, shown as its word:
//       sqlgen::Column::Custom("priority", "t.priority",
//           "json_quote(CASE t.priority WHEN 3 THEN 'CRITICAL' WHEN 2 THEN 'HIGH' WHEN 1 THEN 'NORMAL' ELSE 'LOW' END)"),
//   });
//   extensions.resolvers["_jobs"] = jobs;   // then: query { _jobs(where: {status: {eq: "FAILED"}}) { id error } }
//
// Subclass and override ConvertOperand to turn operands into column values (priority words into
// ranks). "payload.path" reads inside a Json column. A field that is not a column, or a path into
// a column that does not hold JSON ("status.x"), is a VALIDATION_ERROR at the path, with
// "did you mean": a system table has a fixed set of fields, so a misspelt one must not read as
// null (a filter on it would silently match nothing).
// The table is read-only through AQL (Writable() is false); the owner writes it directly.
#pragma once

#include <string>
#include <vector>

#include "sqlgen/field_resolver.h"

namespace aurora::sqlgen {

struct Column {
  std::string field;  // the name AQL uses
  std::string value;  // SQL value for filters and sorting (t.<column>)
  std::string json;   // SQL giving the value as JSON text, for responses
  bool is_json = false;  // the column holds JSON text: dotted paths read inside it
  std::string type;      // SQL giving the JSON type name (FieldSql::type); empty: from the SQL type
  std::string shown = {};  // FieldSql::shown; empty: the value is what is shown

  static Column Text(const std::string& name);     // TEXT column (strings, ISO times)
  static Column Integer(const std::string& name);  // INTEGER or REAL column
  static Column Json(const std::string& name);     // JSON text column (payload)
  static Column Boolean(const std::string& name);  // INTEGER 0/1 column, read as false/true
  // `json_sql` is written in terms of `value_sql` (priority: CASE t.priority WHEN 3 THEN …): min/max of
  // the field compare `value_sql` and show their result through `json_sql` (FieldSql::shown).
  static Column Custom(const std::string& field, const std::string& value_sql, const std::string& json_sql);
};

class ColumnResolver : public FieldResolver {
 public:
  // REQUIRES: `table` and every column name are trusted identifiers (they are written into SQL).
  ColumnResolver(std::string table, std::vector<Column> columns);

  std::string Table(std::string_view collection) const override;
  FieldSql Field(const plan::FieldPath& path) const override;
  std::optional<JsonRoot> JsonRootOf(const plan::FieldPath& path) const override;
  std::string DocumentSql() const override;
  bool Writable() const override { return false; }

 private:
  // "'_jobs' has no field 'stauts' (did you mean 'status'?)", or the list of fields.
  std::string UnknownFieldMessage(const std::string& name) const;

  std::string table_;
  std::vector<Column> columns_;
};

}  // namespace aurora::sqlgen
