#include "sqlgen/column_resolver.h"

#include "common/aql_error.h"
#include "common/suggest.h"

namespace aurora::sqlgen {
namespace {

std::string TypeOf(const std::string& value) {
  return "(CASE typeof(" + value + ") WHEN 'null' THEN NULL WHEN 'integer' THEN 'integer' WHEN 'real' THEN 'real' "
         "ELSE 'text' END)";
}

}  // namespace

Column Column::Text(const std::string& name) { return {name, "t." + name, "json_quote(t." + name + ")", false, ""}; }
Column Column::Integer(const std::string& name) { return {name, "t." + name, "json_quote(t." + name + ")", false, ""}; }
Column Column::Json(const std::string& name) { return {name, "t." + name, "json(t." + name + ")", true, ""}; }
Column Column::Boolean(const std::string& name) {
  std::string word = "(CASE WHEN t." + name + " THEN 'true' ELSE 'false' END)";
  return {name, "t." + name, "json" + word, false, word};
}
Column Column::Custom(const std::string& field, const std::string& value_sql, const std::string& json_sql) {
  std::string shown;
  if (json_sql != value_sql) {
    // json_sql with {} in place of value_sql, read back from JSON text into an SQL value.
    std::string with_placeholder = json_sql;
    for (size_t at = 0; (at = with_placeholder.find(value_sql, at)) != std::string::npos; at += 2) {
      with_placeholder.replace(at, value_sql.size(), "{}");
    }
    if (with_placeholder != json_sql) shown = "json_extract(" + with_placeholder + ", '$')";
  }
  return {field, value_sql, json_sql, false, "", shown};
}

ColumnResolver::ColumnResolver(std::string table, std::vector<Column> columns)
    : table_(std::move(table)), columns_(std::move(columns)) {}

std::string ColumnResolver::Table(std::string_view) const { return storage::QuoteIdentifier(table_); }

FieldSql ColumnResolver::Field(const plan::FieldPath& path) const {
  for (const Column& c : columns_) {
    if (c.field != path.segments[0]) continue;
    if (c.is_json) {
      plan::FieldPath rest = path;
      rest.segments.erase(rest.segments.begin());
      std::string p = JsonPathLiteral(rest);
      return {"json_extract(" + c.value + ", " + p + ")", "json_type(" + c.value + ", " + p + ")",
              "(" + c.value + " -> " + p + ")", c.value + ", " + p};
    }
    if (path.segments.size() > 1) {
      throw internal::AqlError(ErrorCode::ValidationError,
                               "'" + table_ + "' has no field '" + path.text + "' ('" + c.field +
                                   "' has no nested fields)",
                               path.pos.line, path.pos.column);
    }
    return {c.value, c.type.empty() ? TypeOf(c.value) : c.type, c.json, c.json, c.shown};
  }
  throw internal::AqlError(ErrorCode::ValidationError, UnknownFieldMessage(path.segments[0]), path.pos.line,
                           path.pos.column);
}

std::string ColumnResolver::UnknownFieldMessage(const std::string& name) const {
  std::vector<std::string> names;
  for (const Column& c : columns_) names.push_back(c.field);
  std::string near = internal::NearestName(name, names);
  if (!near.empty()) return "'" + table_ + "' has no field '" + name + "' (did you mean '" + near + "'?)";
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return "'" + table_ + "' has no field '" + name + "' (its fields: " + list + ")";
}

std::optional<JsonRoot> ColumnResolver::JsonRootOf(const plan::FieldPath& path) const {
  for (const Column& c : columns_) {
    if (c.field != path.segments[0]) continue;
    if (!c.is_json || path.segments.size() < 2) return std::nullopt;
    return JsonRoot{c.value, std::vector<std::string>(path.segments.begin() + 1, path.segments.end())};
  }
  return std::nullopt;
}

std::string ColumnResolver::DocumentSql() const {
  std::string out = "json_object(";
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i) out += ", ";
    out += "'" + columns_[i].field + "', " + columns_[i].json;
  }
  return out + ")";
}

}  // namespace aurora::sqlgen
