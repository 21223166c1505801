// Keyset pages: the rows after (or before) a cursor in the order orderBy + tie-break, so the cost
// of a page does not depend on how deep it is. See docs/language.md "Cursor pagination".
#include "common/aql_error.h"
#include "sqlgen/query_sql.h"

namespace aurora::sqlgen {
namespace {

struct Key {
  std::string value;  // SQL expression
  bool descending = false;
};

bool IsNull(const storage::BindValue& v) { return std::holds_alternative<std::nullptr_t>(v); }

// SQLite sorts NULL (a missing field) before every value: first in ASC, last in DESC.
std::string StrictlyAfter(const Key& k, const storage::BindValue& c, Params& params) {
  if (!k.descending) return IsNull(c) ? k.value + " IS NOT NULL" : k.value + " > " + params.Add(c);
  return IsNull(c) ? "0" : "(" + k.value + " < " + params.Add(c) + " OR " + k.value + " IS NULL)";
}

std::string Equal(const Key& k, const storage::BindValue& c, Params& params) {
  return IsNull(c) ? k.value + " IS NULL" : k.value + " = " + params.Add(c);
}

std::string Lexicographic(const std::vector<Key>& keys, const std::vector<storage::BindValue>& c, Params& params);

// Rows strictly after the cursor `c` in the order `keys`. When the first key ascends from a
// value, `k >= c AND …` gives SQLite an index range to start from (a row-value comparison alone
// does not use an expression index).
std::string After(const std::vector<Key>& keys, const std::vector<storage::BindValue>& c, Params& params) {
  std::string sql = Lexicographic(keys, c, params);
  if (keys.size() > 1 && !keys[0].descending && !IsNull(c[0])) {
    sql = keys[0].value + " >= " + params.Add(c[0]) + " AND " + sql;
  }
  return sql;
}

// Rows strictly after the cursor `c` in the order `keys` (lexicographic).
std::string Lexicographic(const std::vector<Key>& keys, const std::vector<storage::BindValue>& c, Params& params) {
  bool simple = true;  // all ascending, no NULL in the cursor: one row-value comparison (uses indexes)
  for (size_t i = 0; i < keys.size(); ++i) simple = simple && !keys[i].descending && !IsNull(c[i]);
  if (simple) {
    if (keys.size() == 1) return keys[0].value + " > " + params.Add(c[0]);
    std::string lhs, rhs;
    for (size_t i = 0; i < keys.size(); ++i) {
      lhs += (i ? ", " : "") + keys[i].value;
      rhs += (i ? ", " : "") + params.Add(c[i]);
    }
    return "(" + lhs + ") > (" + rhs + ")";
  }
  std::string sql = StrictlyAfter(keys.back(), c.back(), params);
  for (size_t i = keys.size() - 1; i-- > 0;) {
    sql = "(" + StrictlyAfter(keys[i], c[i], params) + " OR (" + Equal(keys[i], c[i], params) + " AND " + sql + "))";
  }
  return sql;
}

std::vector<Key> Reversed(std::vector<Key> keys) {
  for (auto& k : keys) k.descending = !k.descending;
  return keys;
}

}  // namespace

SqlStatement PageSql(const plan::CollectionScan& scan, const PageRequest& page, const FieldResolver& resolver,
                     const Json& variables) {
  Params params;
  std::vector<Key> keys;
  for (const auto& o : scan.order) keys.push_back({resolver.Field(o.field).value, o.descending});
  keys.push_back({resolver.TieBreakSql(), false});

  std::string sql = "SELECT " + ProjectionSql(scan.projection, resolver);
  for (const auto& k : keys) sql += ", " + k.value;
  sql += " FROM " + resolver.From(scan.collection, params);
  std::string where = WhereSql(scan.where, resolver, variables, params);
  std::vector<std::string> conditions;
  if (!where.empty()) conditions.push_back(where.substr(7));
  if (page.after) conditions.push_back(After(keys, *page.after, params));
  if (page.before) conditions.push_back(After(Reversed(keys), *page.before, params));
  for (size_t i = 0; i < conditions.size(); ++i) {
    sql += (i ? " AND " : " WHERE ") + (conditions.size() > 1 ? "(" + conditions[i] + ")" : conditions[i]);
  }
  sql += " ORDER BY ";
  for (size_t i = 0; i < keys.size(); ++i) {
    sql += (i ? ", " : "") + keys[i].value + ((keys[i].descending != page.backward) ? " DESC" : " ASC");
  }
  if (page.limit) {
    sql += " LIMIT " + params.Add(*page.limit);
  } else if (page.offset) {
    sql += " LIMIT -1";
  }
  if (page.offset) sql += " OFFSET " + params.Add(*page.offset);
  return {std::move(sql), std::move(params.binds())};
}

}  // namespace aurora::sqlgen
