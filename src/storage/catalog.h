// storage/catalog.h: user collections as SQLite tables, and the `_collections` catalog.
//
// A collection `products` is the table "products" (id TEXT PRIMARY KEY, doc TEXT): `doc` is the
// whole document as JSON text (its `id` member included), `id` a copy of doc.id for the key. The
// table is created on first insert and recorded in `_collections` (name, created_at). Names are
// validated by the checker (common/names.h) before they reach here; this layer quotes them. Two
// names that differ only in case would be one SQLite table: the second is refused.
// Callers serialize use of the Connection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite.h"

namespace aurora::storage {

// Creates the `_collections` catalog table when missing. Idempotent.
void EnsureCatalog(Connection& conn);

// Whether the collection has a table (it is in the catalog).
bool CollectionExists(Connection& conn, std::string_view name);

// Creates the collection's table and catalog row when missing. Runs inside the caller's
// transaction, so a rolled-back first insert leaves no table behind. Returns false, creating
// nothing, when an existing collection is spelled the same but for (ASCII) case: SQLite table
// names ignore case, so the two would share one table (CaseClashMessage says so).
bool EnsureCollection(Connection& conn, std::string_view name);

// The message refusing a new collection `name` that EnsureCollection refused.
std::string CaseClashMessage(Connection& conn, std::string_view name);
// The same message, for `name` and the existing collection `other` it clashes with.
std::string CaseClashMessage(std::string_view name, std::string_view other);

// The existing collection spelled like `name` up to (ASCII) case: `name` itself when it
// exists, another spelling when only that exists, "" when neither does. One statement.
std::string CollectionIgnoringCase(Connection& conn, std::string_view name);

// Every collection, by name.
std::vector<std::string> ListCollections(Connection& conn);

}  // namespace aurora::storage
