// sqlgen/search_sql.h: full-text search (planner/search.h) as the relation a query reads.
//
// A SearchResolver wraps the collection's resolver: every statement built through it (the
// document list of SelectSql, a keyset page of PageSql, AggregateSql, GroupBySql) reads
//
//   FROM "products" AS t
//   JOIN (SELECT rowid AS rid, -bm25("afts$products") AS score FROM "afts$products"
//         WHERE "afts$products" MATCH ?n) AS s ON s.rid = t.rowid
//
// so search combines with where, orderBy, limit/offset, cursors, aggregate and groupBy. The field
// `score` (selected, filtered, sorted, aggregated) is s.score. The MATCH text is bound. The planner
// orders a search without orderBy by score, descending.
#pragma once

#include <string>
#include <vector>

#include "sqlgen/sqlgen.h"

namespace aurora::sqlgen {

// The FTS5 query for user text: every word (letters, digits, '_', non-ASCII) quoted, all
// required; restricted to `columns` when given. Empty when the text has no words.
std::string FtsMatchQuery(const std::string& text, const std::vector<std::string>& columns);

// REQUIRES: the collection has a search table (storage/search_index.h); `base` outlives this.
class SearchResolver final : public FieldResolver {
 public:
  SearchResolver(const FieldResolver& base, std::string match) : base_(base), match_(std::move(match)) {}
  std::string Table(std::string_view collection) const override { return base_.Table(collection); }
  std::string From(std::string_view collection, Params& params) const override;
  FieldSql Field(const plan::FieldPath& path) const override;
  std::optional<JsonRoot> JsonRootOf(const plan::FieldPath& path) const override {
    if (path.segments.size() == 1 && path.segments[0] == "score") return std::nullopt;
    return base_.JsonRootOf(path);
  }
  std::string DocumentSql() const override { return base_.DocumentSql(); }
  Json ConvertOperand(const plan::FieldPath& path, const Json& value) const override {
    return base_.ConvertOperand(path, value);
  }
  std::string TieBreakSql() const override { return base_.TieBreakSql(); }
  bool Writable() const override { return false; }

 private:
  const FieldResolver& base_;
  std::string match_;
};

}  // namespace aurora::sqlgen
