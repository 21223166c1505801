// aggregate { … } and groupBy(…) { … } → SQL aggregate functions and GROUP BY.
#include "planner/computed.h"
#include "planner/planner.h"
#include "sqlgen/query_sql.h"

namespace aurora::sqlgen {
namespace {

// The field's value when its JSON type is one of `types`, else NULL: sum/avg skip strings that
// look like numbers and booleans (json_extract reads true as 1), keeping JSON types apart.
std::string Typed(const FieldSql& f, const char* types) {
  return "CASE WHEN " + f.type + " IN (" + types + ") THEN " + f.value + " END";
}

std::string TermSql(const plan::AggregateTerm& term, const FieldResolver& resolver) {
  if (!term.field) return "count(*)";
  FieldSql f = resolver.Field(*term.field);
  switch (term.fn) {
    case plan::AggregateFn::Count: return "count(" + f.value + ")";
    case plan::AggregateFn::Sum: return "coalesce(sum(" + Typed(f, "'integer', 'real'") + "), 0)";
    case plan::AggregateFn::Avg: return "avg(" + Typed(f, "'integer', 'real'") + ")";
    case plan::AggregateFn::Min: return "min(" + Typed(f, "'integer', 'real', 'text'") + ")";
    case plan::AggregateFn::Max: return "max(" + Typed(f, "'integer', 'real', 'text'") + ")";
  }
  return "NULL";
}

void AppendTerms(const plan::Aggregate& aggregate, const FieldResolver& resolver, std::string& sql) {
  for (const auto& term : aggregate.terms) sql += ", " + TermSql(term, resolver);
}

}  // namespace

std::string ProjectionSql(const plan::Projection& projection, const FieldResolver& resolver) {
  if (projection.all) return resolver.DocumentSql();
  std::string sql = "json_array(";
  for (size_t i = 0; i < projection.fields.size(); ++i) {
    const auto& f = projection.fields[i];
    if (i) sql += ", ";
    if (f.computed && f.computed->is_template) {  // a template reads the whole document (planner/computed.h)
      sql += "json(" + resolver.DocumentSql() + ")";
      continue;
    }
    sql += resolver.Field(f.lookup ? f.lookup->local : planner::MakePath(f.name, f.pos)).json;
  }
  return sql + ")";
}

std::string WhereSql(const std::optional<plan::Filter>& where, const FieldResolver& resolver, const Json& variables,
                     Params& params) {
  if (!where || (where->kind == plan::Filter::Kind::And && where->children.empty())) return "";
  return " WHERE " + FilterSql(*where, resolver, variables, params);
}

SqlStatement AggregateSql(const plan::CollectionScan& scan, const plan::Aggregate& aggregate,
                          const FieldResolver& resolver, const Json& variables) {
  Params params;
  std::string sql;
  AppendTerms(aggregate, resolver, sql);
  sql = "SELECT " + sql.substr(2) + " FROM " + resolver.Table(scan.collection) + " AS t";
  sql += WhereSql(scan.where, resolver, variables, params);
  return {std::move(sql), std::move(params.binds())};
}

SqlStatement GroupBySql(const plan::CollectionScan& scan, const plan::GroupBy& group_by, const FieldResolver& resolver,
                        const Json& variables) {
  Params params;
  std::string sql = "SELECT ";
  std::string keys;
  for (size_t i = 0; i < group_by.fields.size(); ++i) {
    FieldSql f = resolver.Field(group_by.fields[i]);
    sql += f.json + ", ";
    // Group (and order) by value and JSON type: 1, "1" and true are different keys.
    keys += (i ? ", " : "") + f.value + ", " + f.type;
  }
  sql += "count(*)";
  bool nodes = false;
  for (const auto& m : group_by.members) {
    if (m.kind == plan::GroupBy::Member::Kind::Aggregate) AppendTerms(m.aggregate, resolver, sql);
    if (m.kind == plan::GroupBy::Member::Kind::Nodes) {
      // json(): a stored document is TEXT; json_group_array must embed it as JSON, not a string.
      sql += ", json_group_array(json(" + ProjectionSql(m.nodes, resolver) + "))";
      nodes = true;
    }
  }
  std::string table = resolver.Table(scan.collection);
  if (!nodes) {
    sql += " FROM " + table + " AS t" + WhereSql(scan.where, resolver, variables, params);
  } else {
    // The documents of each group in the scan's order: aggregate over an ordered subquery
    // (SQLite keeps its order within a group).
    sql += " FROM (SELECT * FROM " + table + " AS t" + WhereSql(scan.where, resolver, variables, params) + " ORDER BY ";
    for (const auto& key : scan.order) {
      sql += resolver.Field(key.field).value + (key.descending ? " DESC, " : " ASC, ");
    }
    sql += resolver.TieBreakSql() + ") AS t";
  }
  sql += " GROUP BY " + keys + " ORDER BY " + keys;
  return {std::move(sql), std::move(params.binds())};
}

}  // namespace aurora::sqlgen
