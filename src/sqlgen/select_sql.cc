#include "common/aql_error.h"
#include "planner/bind.h"
#include "planner/planner.h"
#include "sqlgen/query_sql.h"
#include "sqlgen/sqlgen.h"

namespace aurora::sqlgen {
namespace {

std::int64_t Count(const ast::Value& v, const char* what, const Json& variables) {
  Json j = planner::ResolveValue(v, variables);
  if (!j.is_int() || j.as_int() < 0) {
    throw internal::AqlError(ErrorCode::ValidationError,
                             std::string("'") + what + "' expects an integer ≥ 0, got " + j.dump(), v.pos.line,
                             v.pos.column);
  }
  return j.as_int();
}

}  // namespace

std::string LimitOffsetSql(const plan::CollectionScan& scan, const Json& variables, Params& params) {
  std::string sql;
  if (scan.limit) {
    sql += " LIMIT " + params.Add(Count(*scan.limit, "limit", variables));
  } else if (scan.offset) {
    sql += " LIMIT -1";
  }
  if (scan.offset) sql += " OFFSET " + params.Add(Count(*scan.offset, "offset", variables));
  return sql;
}

SqlStatement SelectSql(const plan::CollectionScan& scan, const FieldResolver& resolver, const Json& variables) {
  Params params;
  std::string sql = "SELECT " + ProjectionSql(scan.projection, resolver);
  sql += " FROM " + resolver.From(scan.collection, params);
  if (scan.where && !scan.where->MatchesAll()) {
    sql += " WHERE " + FilterSql(*scan.where, resolver, variables, params);
  }
  if (!scan.order.empty()) {
    sql += " ORDER BY ";
    for (const auto& key : scan.order) {
      sql += resolver.Field(key.field).value + (key.descending ? " DESC, " : " ASC, ");
    }
    sql += resolver.TieBreakSql();
  }
  sql += LimitOffsetSql(scan, variables, params);
  return {std::move(sql), std::move(params.binds())};
}

SqlStatement MatchSql(const std::string& collection, const plan::Filter& where, const FieldResolver& resolver,
                      const Json& variables) {
  Params params;
  std::string sql = "SELECT t.id, " + resolver.DocumentSql() + " FROM " + resolver.Table(collection) + " AS t";
  if (!where.MatchesAll()) {
    sql += " WHERE " + FilterSql(where, resolver, variables, params);
  }
  return {std::move(sql), std::move(params.binds())};
}

std::string InsertSql(const FieldResolver& resolver, const std::string& collection) {
  return "INSERT INTO " + resolver.Table(collection) + " (id, doc) VALUES (?1, ?2)";
}

std::string ReplaceSql(const FieldResolver& resolver, const std::string& collection) {
  return "UPDATE " + resolver.Table(collection) + " SET doc = ?1 WHERE id = ?2";
}

std::string DeleteByIdSql(const FieldResolver& resolver, const std::string& collection) {
  return "DELETE FROM " + resolver.Table(collection) + " WHERE id = ?1";
}

}  // namespace aurora::sqlgen
