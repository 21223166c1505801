#include "engine/system_tables.h"

#include "sqlgen/column_resolver.h"

namespace aurora::engine {

void RegisterBuiltinSystemTables(Extensions& extensions) {
  extensions.resolvers["_collections"] = std::make_shared<sqlgen::ColumnResolver>(
      "_collections", std::vector<sqlgen::Column>{
          sqlgen::Column::Text("name"), sqlgen::Column::Text("created_at"),
          // The schema's fields ([{name type required unique indexed search default}]); null when schemaless.
          sqlgen::Column::Custom("fields", "(t.schema -> '$.fields')", "(t.schema -> '$.fields')")});
}

}  // namespace aurora::engine
