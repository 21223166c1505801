// engine/system_tables.h: system tables the engine itself makes queryable.
//
//   _collections  { name created_at fields { name type required unique indexed search default } }
//                 the catalog of user collections (storage/catalog.h, storage/schema.h)
#pragma once

#include "engine/extensions.h"

namespace aurora::engine {

void RegisterBuiltinSystemTables(Extensions& extensions);

}  // namespace aurora::engine
