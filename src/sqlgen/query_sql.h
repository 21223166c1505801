// sqlgen/query_sql.h: SQL for the query-side constructs of planner/query_plan.h — aggregates and
// groups (aggregate_sql.cc), lookups (lookup_sql.cc) and keyset pages (page_sql.cc).
//
// Aggregates are computed by SQLite (count/sum/avg/min/max, GROUP BY); nothing is summed in C++.
// Every field goes through the collection's FieldResolver, so system tables (`_jobs`) work too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/query_plan.h"
#include "sqlgen/sqlgen.h"

namespace aurora::sqlgen {

// The one result column of a document selection: the whole document as JSON text (projection
// `all`), else a JSON array with one element per selected field, in order; a lookup field reads
// its local field's value (the executor replaces it with the looked-up documents).
std::string ProjectionSql(const plan::Projection& projection, const FieldResolver& resolver);

// " WHERE …" for a scan's filter, or "" when it matches everything.
std::string WhereSql(const std::optional<plan::Filter>& where, const FieldResolver& resolver, const Json& variables,
                     Params& params);

// One row, one column per term, as SQL values (integer, real, text or NULL):
//   SELECT count(*), coalesce(sum(<number>), 0), … FROM <table> AS t WHERE <where>
// sum/avg read numbers only; min/max read numbers and strings; count(field:) counts non-null values.
SqlStatement AggregateSql(const plan::CollectionScan& scan, const plan::Aggregate& aggregate,
                          const FieldResolver& resolver, const Json& variables);

// One row per group, ordered by key. Columns: the key of each group field as JSON text, the
// group's count, then per member in order: an Aggregate's terms (as AggregateSql), a Nodes
// member's documents as one JSON array of ProjectionSql rows (in the scan's order).
SqlStatement GroupBySql(const plan::CollectionScan& scan, const plan::GroupBy& group_by, const FieldResolver& resolver,
                        const Json& variables);

// Documents of `lookup.collection` whose foreign field is one of the JSON array `values_json`
// (bound, never in the SQL text), in insertion order. Columns: foreign field as JSON text,
// ProjectionSql of the lookup's projection.
SqlStatement LookupSql(const plan::Lookup& lookup, const FieldResolver& resolver, const Json& variables,
                       std::string values_json);

// A keyset page. The order is the scan's orderBy then the resolver's tie-break (ascending);
// `after`/`before` hold a cursor's sort-key values then its tie-break value.
struct PageRequest {
  std::optional<std::vector<storage::BindValue>> after;
  std::optional<std::vector<storage::BindValue>> before;
  std::optional<std::int64_t> limit;   // rows to fetch (callers ask one more than they show)
  std::optional<std::int64_t> offset;  // plain limit/offset paging
  bool backward = false;               // `last`: read the order backwards (the caller reverses)
};

// Columns: ProjectionSql, then each sort key's SQL value, then the tie-break value.
SqlStatement PageSql(const plan::CollectionScan& scan, const PageRequest& page, const FieldResolver& resolver,
                     const Json& variables);

}  // namespace aurora::sqlgen
