// handlers/handlers_table.h: `_handlers` as AQL sees it.
//
//   query { _handlers(where: { on: { startsWith: "insert:" } }) { name on action paused source created_at } }
//
// A read-only system collection over the `_handlers` table (handler_store.h): `on` reads as
// "<event>:<collection>", `action` is the action call as written, `source` the whole definition.
// `event` operands must be insert, update or delete (any case): another is a VALIDATION_ERROR.
#pragma once

#include <memory>

#include "sqlgen/field_resolver.h"

namespace aurora::handlers {

std::shared_ptr<const sqlgen::FieldResolver> HandlersTable();

}  // namespace aurora::handlers
