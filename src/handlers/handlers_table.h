// handlers/handlers_table.h: `_handlers` as AQL sees it.
//
//   query { _handlers(where: { on: { startsWith: "insert:" } }) { name on action paused source created_at } }
//
// A read-only system collection over the `_handlers` table (handler_store.h): `on` reads as
// "<event>:<collection>", `action` is the action call as written, `source` the whole definition.
#pragma once

#include "sqlgen/field_resolver.h"

namespace aurora::handlers {

class HandlersTableResolver : public sqlgen::FieldResolver {
 public:
  std::string Table(std::string_view collection) const override;
  bool Exists(storage::Connection& conn, std::string_view collection) const override;
  sqlgen::FieldSql Field(const plan::FieldPath& path) const override;
  std::string DocumentSql() const override;
  bool Writable() const override { return false; }
};

}  // namespace aurora::handlers
