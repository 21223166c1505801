#include "handlers/handlers_table.h"

#include <utility>
#include <vector>

namespace aurora::handlers {
namespace {

// Field name → SQL value over the `_handlers` row `t`. All text except `paused`.
const std::vector<std::pair<std::string, std::string>>& Columns() {
  static const std::vector<std::pair<std::string, std::string>> columns = {
      {"name", "t.name"},         {"on", "(t.event || ':' || t.collection)"},
      {"event", "t.event"},       {"collection", "t.collection"},
      {"action", "t.action"},     {"paused", "t.paused"},
      {"source", "t.source"},     {"created_at", "t.created_at"},
  };
  return columns;
}

const char* kPausedJson = "(CASE WHEN t.paused THEN 'true' ELSE 'false' END)";

}  // namespace

std::string HandlersTableResolver::Table(std::string_view) const { return "_handlers"; }

bool HandlersTableResolver::Exists(storage::Connection&, std::string_view) const { return true; }

sqlgen::FieldSql HandlersTableResolver::Field(const plan::FieldPath& path) const {
  if (path.segments.size() == 1) {
    for (const auto& [name, sql] : Columns()) {
      if (name != path.segments[0]) continue;
      if (name == "paused") {
        std::string json = std::string("json(") + kPausedJson + ")";
        return {sql, kPausedJson, json, json};
      }
      return {sql, "'text'", "json_quote(" + sql + ")", "json_quote(" + sql + ")"};
    }
  }
  return {"NULL", "NULL", "NULL", "'null'"};  // no such field: reads as null
}

std::string HandlersTableResolver::DocumentSql() const {
  std::string sql = "json_object(";
  bool first = true;
  for (const auto& [name, column] : Columns()) {
    if (!first) sql += ", ";
    first = false;
    sql += "'" + name + "', " + (name == "paused" ? std::string("json(") + kPausedJson + ")" : column);
  }
  return sql + ")";
}

}  // namespace aurora::handlers
