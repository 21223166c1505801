#include "sqlgen/search_sql.h"

#include "common/aql_error.h"
#include "planner/bind.h"
#include "sqlgen/query_sql.h"
#include "storage/search_index.h"

namespace aurora::sqlgen {
namespace {

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

std::string SearchResolver::From(std::string_view collection, Params& params) const {
  const std::string fts = storage::QuoteIdentifier(storage::SearchTableName(std::string(collection)));
  return base_.Table(collection) + " AS t JOIN (SELECT rowid AS rid, -bm25(" + fts + ") AS score FROM " + fts +
         " WHERE " + fts + " MATCH " + params.Add(match_) + ") AS s ON s.rid = t.rowid";
}

FieldSql SearchResolver::Field(const plan::FieldPath& path) const {
  if (path.segments.size() == 1 && path.segments[0] == "score") return {"s.score", "'real'", "s.score", "s.score"};
  return base_.Field(path);
}

}  // namespace aurora::sqlgen
