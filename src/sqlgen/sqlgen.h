// sqlgen/sqlgen.h: the fourth stage. Plans → SQL text plus bound parameters.
//
// The only place that builds SQL for user queries and writes. Values never enter SQL text: each
// literal or variable becomes a numbered parameter (?1, ?2 …) in `binds`. Identifiers are quoted
// by the FieldResolver; JSON paths are validated before they become literals. Run per execution
// (it needs the variables' values to pick type-correct comparisons); the SQL text is stable for
// stable operand types, so storage::Connection's statement cache hits.
#pragma once

#include <string>
#include <vector>

#include "aurora/json.h"
#include "planner/plan.h"
#include "sqlgen/field_resolver.h"
#include "storage/sqlite.h"

namespace aurora::sqlgen {

struct SqlStatement {
  std::string sql;
  std::vector<storage::BindValue> binds;
};

// Accumulates parameters while SQL is built.
class Params {
 public:
  // "?N" for a new parameter holding `value`.
  std::string Add(storage::BindValue value);
  std::vector<storage::BindValue>& binds() { return binds_; }

 private:
  std::vector<storage::BindValue> binds_;
};

// SQL boolean expression for a filter. Throws AqlError VALIDATION_ERROR when an operand (after
// variables are resolved) has the wrong type for its operator.
std::string FilterSql(const plan::Filter& filter, const FieldResolver& resolver, const Json& variables,
                      Params& params);

// SELECT for a query field. One result column: the whole document as JSON text when the
// projection is `all`, else a JSON array with one element per selected top-level field, in order.
SqlStatement SelectSql(const plan::CollectionScan& scan, const FieldResolver& resolver, const Json& variables);

// SELECT t.id, <document> of the rows a write's filter matches, in insertion order.
SqlStatement MatchSql(const std::string& collection, const plan::Filter& where, const FieldResolver& resolver,
                      const Json& variables);

// INSERT INTO <table>(id, doc) VALUES (?1, ?2).
// " LIMIT ?n OFFSET ?m" for the scan's limit/offset (empty when neither is given). Each must
// resolve to an integer ≥ 0, else VALIDATION_ERROR at its position.
std::string LimitOffsetSql(const plan::CollectionScan& scan, const Json& variables, Params& params);

std::string InsertSql(const FieldResolver& resolver, const std::string& collection);
// UPDATE <table> SET doc = ?1 WHERE id = ?2.
std::string ReplaceSql(const FieldResolver& resolver, const std::string& collection);
// DELETE FROM <table> WHERE id = ?1.
std::string DeleteByIdSql(const FieldResolver& resolver, const std::string& collection);

}  // namespace aurora::sqlgen
