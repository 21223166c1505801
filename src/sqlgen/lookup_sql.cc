// lookup(…) → one SELECT over the foreign collection for all the local values of a result.
#include "sqlgen/query_sql.h"

namespace aurora::sqlgen {

SqlStatement LookupSql(const plan::Lookup& lookup, const FieldResolver& resolver, const Json& variables,
                       std::string values_json) {
  Params params;
  FieldSql foreign = resolver.Field(lookup.foreign);
  std::string sql = "SELECT " + foreign.json + ", " + ProjectionSql(lookup.projection, resolver) + " FROM " +
                    resolver.Table(lookup.collection) + " AS t WHERE " + foreign.value +
                    " IN (SELECT lookup_values.value FROM json_each(" + params.Add(std::move(values_json)) + ") AS lookup_values)";
  std::string where = WhereSql(lookup.where, resolver, variables, params);
  if (!where.empty()) sql += " AND (" + where.substr(7) + ")";
  sql += " ORDER BY " + resolver.TieBreakSql();
  return {std::move(sql), std::move(params.binds())};
}

}  // namespace aurora::sqlgen
