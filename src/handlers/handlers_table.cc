#include "handlers/handlers_table.h"

#include "sqlgen/column_resolver.h"

namespace aurora::handlers {

std::shared_ptr<const sqlgen::FieldResolver> HandlersTable() {
  using sqlgen::Column;
  const std::string on = "(t.event || ':' || t.collection)";
  return std::make_shared<sqlgen::ColumnResolver>(
      "_handlers", std::vector<Column>{Column::Text("name"), Column::Custom("on", on, "json_quote(" + on + ")"),
                                       Column::Text("event"), Column::Text("collection"), Column::Text("action"),
                                       Column::Boolean("paused"), Column::Text("source"), Column::Text("created_at")});
}

}  // namespace aurora::handlers
