// sqlgen/search_sql.h: the SELECT of a full-text search (planner/search.h).
//
//   SELECT <projection> FROM "products" AS t
//   JOIN (SELECT rowid AS rid, -bm25("afts$products") AS score FROM "afts$products"
//         WHERE "afts$products" MATCH ?1) AS s ON s.rid = t.rowid
//   [WHERE <filter>] ORDER BY <orderBy, or s.score DESC>, t.rowid [LIMIT … OFFSET …]
//
// The field `score` (selected, filtered or sorted on) is s.score. The MATCH text is bound.
#pragma once

#include <string>
#include <vector>

#include "sqlgen/sqlgen.h"

namespace aurora::sqlgen {

// The FTS5 query for user text: every word (letters, digits, '_', non-ASCII) quoted, all
// required; restricted to `columns` when given. Empty when the text has no words.
std::string FtsMatchQuery(const std::string& text, const std::vector<std::string>& columns);

// REQUIRES: the collection has a search table (storage/search_index.h).
SqlStatement SearchSql(const plan::CollectionScan& scan, const FieldResolver& resolver, const std::string& match,
                       const Json& variables);

}  // namespace aurora::sqlgen
