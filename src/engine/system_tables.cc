#include "engine/system_tables.h"

#include "sqlgen/column_resolver.h"

namespace aurora::engine {

void RegisterBuiltinSystemTables(Extensions& extensions) {
  extensions.resolvers["_collections"] = std::make_shared<sqlgen::ColumnResolver>(
      "_collections", std::vector<sqlgen::Column>{sqlgen::Column::Text("name"), sqlgen::Column::Text("created_at")});
}

}  // namespace aurora::engine
