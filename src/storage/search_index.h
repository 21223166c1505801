// storage/search_index.h: the full-text index of a collection's @search fields (SQLite FTS5).
//
// A collection whose schema marks String fields `@search` has an FTS5 table "afts$<collection>"
// with one column per such field and rowid = the collection row's rowid. Triggers on the
// collection's table keep it in step with every insert, update and delete, whatever path wrote
// the row. Names contain '$', which collection names cannot, so they never collide.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/schema.h"
#include "storage/sqlite.h"

namespace aurora::storage {

// "afts$<collection>", unquoted.
std::string SearchTableName(std::string_view collection);

// Brings the full-text index from what `before` declared to what `after` declares (either may
// be null: no schema). Rebuilds the table and triggers when the set of @search fields changed
// and fills it from the stored documents.
void SyncSearchIndex(Connection& conn, std::string_view collection, const CollectionSchema* before,
                     const CollectionSchema* after);

// FTS5 column names that @search fields cannot take.
bool IsReservedSearchColumn(std::string_view name);

}  // namespace aurora::storage
