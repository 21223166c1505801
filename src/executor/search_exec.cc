// search: { query, fields } on a query field: FTS5 over the collection's @search fields. RunScan
// reads the collection through a sqlgen::SearchResolver built from SearchMatch, so a search
// combines with everything a query field does (aggregate, groupBy, cursors, lookups).
#include "common/aql_error.h"
#include "common/suggest.h"
#include "executor/executor.h"
#include "executor/query_exec.h"
#include "executor/schema_guard.h"
#include "executor/steps.h"
#include "planner/bind.h"
#include "planner/search.h"
#include "sqlgen/search_sql.h"

namespace aurora::executor {
namespace {

using internal::Fail;

}  // namespace

std::string SearchMatch(const plan::CollectionScan& scan, ExecContext& ctx) {
  const plan::Search& search = *scan.search;
  const storage::CollectionSchema* schema =
      scan.collection.empty() || scan.collection[0] == '_' ? nullptr : SchemaFor(ctx, scan.collection);
  std::vector<std::string> searchable = schema ? schema->SearchFields() : std::vector<std::string>{};
  if (searchable.empty()) {
    Fail(search.pos, "collection '" + scan.collection +
                         "' has no full-text index: mark its text fields @search in its schema, e.g. schema { "
                         "alter collection " + scan.collection + " { modify field description: String @search } }");
  }
  for (size_t i = 0; i < search.fields.size(); ++i) {
    const std::string& f = search.fields[i];
    if (std::find(searchable.begin(), searchable.end(), f) == searchable.end()) {
      Fail(search.field_pos[i], "'" + f + "' is not a @search field of '" + scan.collection + "'" +
                                    internal::DidYouMean(f, searchable) + " (searchable: " + [&] {
                                      std::string all;
                                      for (const auto& s : searchable) all += (all.empty() ? "" : ", ") + s;
                                      return all;
                                    }() + ")");
    }
  }
  Json text = planner::ResolveValue(search.query, ctx.variables);
  if (!text.is_string()) Fail(search.query.pos, "search query expects a string, got " + text.dump());
  std::string match = sqlgen::FtsMatchQuery(text.as_string(), search.fields);
  if (match.empty()) Fail(search.query.pos, "search query has no words to look for");

  return match;
}

}  // namespace aurora::executor
