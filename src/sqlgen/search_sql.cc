#include "sqlgen/search_sql.h"

#include "common/aql_error.h"
#include "planner/bind.h"
#include "sqlgen/query_sql.h"
#include "storage/search_index.h"

namespace aurora::sqlgen {
namespace {

// The collection's resolver, plus `score` from the search subquery.
class SearchResolver : public FieldResolver {
 public:
  explicit SearchResolver(const FieldResolver& base) : base_(base) {}
  std::string Table(std::string_view collection) const override { return base_.Table(collection); }
  FieldSql Field(const plan::FieldPath& path) const override {
    if (path.segments.size() == 1 && path.segments[0] == "score") return {"s.score", "'real'", "s.score", "s.score"};
    return base_.Field(path);
  }
  std::optional<JsonRoot> JsonRootOf(const plan::FieldPath& path) const override {
    if (path.segments.size() == 1 && path.segments[0] == "score") return std::nullopt;
    return base_.JsonRootOf(path);
  }
  std::string DocumentSql() const override { return base_.DocumentSql(); }
  Json ConvertOperand(const plan::FieldPath& path, const Json& value) const override {
    return base_.ConvertOperand(path, value);
  }
  std::string TieBreakSql() const override { return base_.TieBreakSql(); }

 private:
  const FieldResolver& base_;
};

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

}  // namespace

std::string FtsMatchQuery(const std::string& text, const std::vector<std::string>& columns) {
  std::string words;
  for (size_t i = 0; i < text.size();) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordByte(static_cast<unsigned char>(text[j]))) ++j;
    words += (words.empty() ? "\"" : " \"") + text.substr(i, j - i) + "\"";
    i = j;
  }
  if (words.empty() || columns.empty()) return words;
  std::string cols;
  for (const auto& c : columns) cols += (cols.empty() ? "" : " ") + c;
  return "{" + cols + "} : (" + words + ")";
}

SqlStatement SearchSql(const plan::CollectionScan& scan, const FieldResolver& base, const std::string& match,
                       const Json& variables) {
  SearchResolver resolver(base);
  Params params;
  const std::string fts = storage::QuoteIdentifier(storage::SearchTableName(scan.collection));
  std::string sql = "SELECT " + ProjectionSql(scan.projection, resolver);
  sql += " FROM " + resolver.Table(scan.collection) + " AS t JOIN (SELECT rowid AS rid, -bm25(" + fts +
         ") AS score FROM " + fts + " WHERE " + fts + " MATCH " + params.Add(match) + ") AS s ON s.rid = t.rowid";
  if (scan.where && !scan.where->MatchesAll()) {
    sql += " WHERE " + FilterSql(*scan.where, resolver, variables, params);
  }
  sql += " ORDER BY ";
  if (scan.order.empty()) {
    sql += "s.score DESC, ";
  } else {
    for (const auto& key : scan.order) sql += resolver.Field(key.field).value + (key.descending ? " DESC, " : " ASC, ");
  }
  sql += resolver.TieBreakSql();
  sql += LimitOffsetSql(scan, variables, params);
  return {std::move(sql), std::move(params.binds())};
}

}  // namespace aurora::sqlgen
