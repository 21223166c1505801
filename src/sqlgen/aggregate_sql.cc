// aggregate { … } and groupBy(…) { … } → SQL aggregate functions and GROUP BY.
//
// Each term reads its field once per row: sum/avg through aql_number(<field as JSON text>)
// (storage/number_function.h: numbers only, strings and booleans skipped; sums add with aql_sum,
// which gives a float instead of SQLite's "integer overflow" error), min/max through the
// field's value when its JSON type is a number or a string, count(field:) through the value.
// groupBy computes the group keys and the terms' inputs in a subquery that SQLite does not
// flatten (LIMIT -1 OFFSET 0), so each JSON lookup runs once per row, then groups that.
#include <algorithm>
#include <vector>

#include "planner/computed.h"
#include "planner/planner.h"
#include "sqlgen/query_sql.h"

namespace aurora::sqlgen {
namespace {

// The per-row input of a term (NULL rows are skipped by every aggregate function).
std::string TermInput(const plan::AggregateTerm& term, const FieldResolver& resolver) {
  FieldSql f = resolver.Field(*term.field);
  switch (term.fn) {
    case plan::AggregateFn::Count: return f.value;
    case plan::AggregateFn::Sum:
    case plan::AggregateFn::Avg: return "aql_number(" + f.json + ")";
    case plan::AggregateFn::Min:
    case plan::AggregateFn::Max: return "CASE WHEN " + f.type + " IN ('integer', 'real', 'text') THEN " + f.value + " END";
  }
  return "NULL";
}

// min/max compare the field's value; a field shown otherwise (FieldSql::shown) is shown through it.
std::string Shown(const plan::AggregateTerm& term, const std::string& aggregate, const FieldResolver& resolver) {
  std::string shown = resolver.Field(*term.field).shown;
  if (shown.empty()) return aggregate;
  for (size_t at = 0; (at = shown.find("{}", at)) != std::string::npos; at += aggregate.size()) {
    shown.replace(at, 2, aggregate);
  }
  return "(CASE WHEN " + aggregate + " IS NULL THEN NULL ELSE " + shown + " END)";
}

std::string TermOver(const plan::AggregateTerm& term, const std::string& input, const FieldResolver& resolver) {
  switch (term.fn) {
    case plan::AggregateFn::Count: return "count(" + input + ")";
    case plan::AggregateFn::Sum: return "coalesce(aql_sum(" + input + "), 0)";  // no overflow error
    case plan::AggregateFn::Avg: return "avg(" + input + ")";
    case plan::AggregateFn::Min: return Shown(term, "min(" + input + ")", resolver);
    case plan::AggregateFn::Max: return Shown(term, "max(" + input + ")", resolver);
  }
  return "NULL";
}

}  // namespace

std::string ProjectionSql(const plan::Projection& projection, const FieldResolver& resolver) {
  if (projection.all) return resolver.DocumentSql();
  // SQLite takes at most 127 arguments per function call: a longer selection is built from
  // json_array chunks whose texts are joined into one flat array.
  constexpr size_t kChunk = 100;
  std::vector<std::string> chunks;
  for (size_t i = 0; i < projection.fields.size(); ++i) {
    const auto& f = projection.fields[i];
    if (i % kChunk == 0) {
      chunks.emplace_back("json_array(");
    } else {
      chunks.back() += ", ";
    }
    if (f.computed && f.computed->is_template) {  // a template reads the whole document (planner/computed.h)
      chunks.back() += "json(" + resolver.DocumentSql() + ")";
      continue;
    }
    chunks.back() += resolver.Field(f.lookup ? f.lookup->local : planner::MakePath(f.name, f.pos)).json;
  }
  if (chunks.empty()) return "json_array()";
  for (auto& c : chunks) c += ")";
  if (chunks.size() == 1) return chunks[0];
  std::string sql = "json('['";
  for (size_t i = 0; i < chunks.size(); ++i) {
    sql += std::string(i ? " || ','" : "") + " || substr(" + chunks[i] + ", 2, length(" + chunks[i] + ") - 2)";
  }
  return sql + " || ']')";
}

std::string WhereSql(const std::optional<plan::Filter>& where, const FieldResolver& resolver, const Json& variables,
                     Params& params) {
  if (!where || (where->kind == plan::Filter::Kind::And && where->children.empty())) return "";
  return " WHERE " + FilterSql(*where, resolver, variables, params);
}

SqlStatement AggregateSql(const plan::CollectionScan& scan, const plan::Aggregate& aggregate,
                          const FieldResolver& resolver, const Json& variables) {
  Params params;
  // Inner: each distinct input once per row (sum and avg of one field share it).
  std::vector<std::string> inputs;
  std::string outer;
  for (size_t i = 0; i < aggregate.terms.size(); ++i) {
    const auto& term = aggregate.terms[i];
    outer += i ? ", " : "";
    if (!term.field) {
      outer += "count(*)";
      continue;
    }
    std::string input = TermInput(term, resolver);
    size_t n = std::find(inputs.begin(), inputs.end(), input) - inputs.begin();
    if (n == inputs.size()) inputs.push_back(input);
    outer += TermOver(term, "a" + std::to_string(n), resolver);
  }
  std::string inner = "1";
  for (size_t n = 0; n < inputs.size(); ++n) inner += ", " + inputs[n] + " AS a" + std::to_string(n);
  std::string from = resolver.From(scan.collection, params);
  std::string sql = "SELECT " + outer + " FROM (SELECT " + inner + " FROM " + from +
                    WhereSql(scan.where, resolver, variables, params) + " LIMIT -1 OFFSET 0)";
  return {std::move(sql), std::move(params.binds())};
}

SqlStatement GroupBySql(const plan::CollectionScan& scan, const plan::GroupBy& group_by, const FieldResolver& resolver,
                        const Json& variables) {
  Params params;
  // Inner: one row per document with the group keys (as JSON text: 1, "1" and true differ;
  // missing and null are both the key null), the terms' inputs and the nodes' documents.
  std::string inner, outer, keys, order;
  for (size_t i = 0; i < group_by.fields.size(); ++i) {
    std::string k = "k" + std::to_string(i);
    FieldSql f = resolver.Field(group_by.fields[i]);
    inner += (i ? ", " : "") + std::string("coalesce(") + f.json + ", 'null') AS " + k;
    outer += k + ", ";
    keys += (i ? ", " : "") + k;
    order += i ? ", " : "";
    if (!f.shown.empty()) {  // shown otherwise than compared (_jobs.priority): groups in the value's order
      inner += ", " + f.value + " AS o" + std::to_string(i);
      order += "min(o" + std::to_string(i) + "), ";
    }
    order += "json_extract(" + k + ", '$'), json_type(" + k + ", '$')";
  }
  outer += "count(*)";
  int n = 0;
  bool nodes = false;
  for (const auto& m : group_by.members) {
    if (m.kind == plan::GroupBy::Member::Kind::Aggregate) {
      for (const auto& term : m.aggregate.terms) {
        if (!term.field) {
          outer += ", count(*)";
          continue;
        }
        std::string a = "a" + std::to_string(n++);
        inner += ", " + TermInput(term, resolver) + " AS " + a;
        outer += ", " + TermOver(term, a, resolver);
      }
    }
    if (m.kind == plan::GroupBy::Member::Kind::Nodes) {
      std::string a = "a" + std::to_string(n++);
      inner += ", " + ProjectionSql(m.nodes, resolver) + " AS " + a;
      // json(): the subquery's column is text; json_group_array must embed it as JSON.
      outer += ", json_group_array(json(" + a + "))";
      nodes = true;
    }
  }
  inner += " FROM " + resolver.From(scan.collection, params);
  inner += WhereSql(scan.where, resolver, variables, params);
  if (nodes) {
    // A group's documents in the scan's order (SQLite keeps the subquery's order within a group).
    inner += " ORDER BY ";
    for (const auto& key : scan.order) {
      inner += resolver.Field(key.field).value + (key.descending ? " DESC, " : " ASC, ");
    }
    inner += resolver.TieBreakSql();
  }
  std::string sql = "SELECT " + outer + " FROM (SELECT " + inner + " LIMIT -1 OFFSET 0) GROUP BY " + keys +
                    " ORDER BY " + order;
  return {std::move(sql), std::move(params.binds())};
}

}  // namespace aurora::sqlgen
