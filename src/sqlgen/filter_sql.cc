// Filters → SQL boolean expressions. See docs/language.md "Filters" for the semantics: missing
// fields read as null; values of different JSON types are never equal (1 ≠ "1", true ≠ 1);
// range operators only compare numbers with numbers and strings with strings.
#include "checker/checker.h"
#include "common/aql_error.h"
#include "planner/bind.h"
#include "planner/planner.h"
#include "sqlgen/sqlgen.h"
#include "storage/sql_functions.h"

namespace aurora::sqlgen {
namespace {

using internal::AqlError;
using plan::FilterOp;

const char* OpName(FilterOp op) {
  switch (op) {
    case FilterOp::Eq: return "eq";
    case FilterOp::Ne: return "ne";
    case FilterOp::Gt: return "gt";
    case FilterOp::Gte: return "gte";
    case FilterOp::Lt: return "lt";
    case FilterOp::Lte: return "lte";
    case FilterOp::In: return "in";
    case FilterOp::Nin: return "nin";
    case FilterOp::Contains: return "contains";
    case FilterOp::ContainsAny: return "containsAny";
    case FilterOp::ContainsAll: return "containsAll";
    case FilterOp::StartsWith: return "startsWith";
    case FilterOp::EndsWith: return "endsWith";
    case FilterOp::Matches: return "matches";
    case FilterOp::IsNull: return "isNull";
    case FilterOp::IsNotNull: return "isNotNull";
  }
  return "?";
}

[[noreturn]] void Bad(const plan::Filter& f, const std::string& expected, const Json& got) {
  std::string shown = got.dump();
  if (shown.size() > 60) shown = shown.substr(0, 60) + "…";
  throw AqlError(ErrorCode::ValidationError,
                 std::string("operator '") + OpName(f.op) + "' on '" + f.field.text + "' expects " + expected +
                     ", got " + shown,
                 f.pos.line, f.pos.column);
}

storage::BindValue Scalar(const Json& v) {
  switch (v.type()) {
    case Json::Type::Null: return nullptr;
    case Json::Type::Bool: return static_cast<std::int64_t>(v.as_bool() ? 1 : 0);
    case Json::Type::Int: return v.as_int();
    case Json::Type::Double: return v.as_double();
    case Json::Type::String: return v.as_string();
    default: return v.dump();
  }
}

// Element of an array equal to v (for contains).
std::string ElementEquals(const Json& v, Params& params) {
  if (v.is_bool()) return std::string("e.type = '") + (v.as_bool() ? "true" : "false") + "'";
  return "e.value = " + params.Add(Scalar(v));
}

std::string Equals(const FieldSql& f, const Json& v, Params& params) {
  if (v.is_null()) return f.value + " IS NULL";
  if (v.is_bool()) return f.type + (v.as_bool() ? " = 'true'" : " = 'false'");
  if (v.is_array() || v.is_object()) {
    return "(" + f.type + " IN ('array', 'object') AND " + f.value + " = json(" + params.Add(v.dump()) + "))";
  }
  return f.value + " = " + params.Add(Scalar(v));
}

std::string Compare(const plan::Filter& c, const FieldResolver& resolver, const Json& variables, Params& params) {
  FieldSql f = resolver.Field(c.field);
  Json v = planner::ResolveValue(c.operand, variables);
  auto convert = [&](const Json& x) { return resolver.ConvertOperand(c.field, x); };
  auto convert_list = [&](const Json& list) {
    Json out = Json::array();
    for (const Json& item : list.as_array()) out.push_back(convert(item));
    return out;
  };
  switch (c.op) {
    case FilterOp::Eq: return Equals(f, convert(v), params);
    case FilterOp::Ne: {
      v = convert(v);
      if (v.is_null()) return f.value + " IS NOT NULL";
      if (v.is_bool()) return f.type + (v.as_bool() ? " IS NOT 'true'" : " IS NOT 'false'");
      if (v.is_array() || v.is_object()) return "NOT coalesce(" + Equals(f, v, params) + ", 0)";
      return f.value + " IS NOT " + params.Add(Scalar(v));
    }
    case FilterOp::Gt:
    case FilterOp::Gte:
    case FilterOp::Lt:
    case FilterOp::Lte: {
      v = convert(v);
      const char* op = c.op == FilterOp::Gt ? " > " : c.op == FilterOp::Gte ? " >= " : c.op == FilterOp::Lt ? " < " : " <= ";
      if (v.is_number()) {
        // Numbers sort before all text in SQLite: `< ''` keeps numbers only. The guard is written
        // `+x` so SQLite never takes it as an index bound: an index on the field (schema
        // @indexed) then uses the real bounds of a range (gte … lt …).
        return "(" + f.value + op + params.Add(Scalar(v)) + " AND +" + f.value + " < '')";
      }
      if (v.is_string()) {
        if (c.op == FilterOp::Gt || c.op == FilterOp::Gte) return f.value + op + params.Add(Scalar(v));
        return "(" + f.value + op + params.Add(Scalar(v)) + " AND +" + f.value + " >= '')";
      }
      Bad(c, "a number or a string", v);
    }
    case FilterOp::In:
    case FilterOp::Nin: {
      if (!v.is_array()) Bad(c, "a list", v);
      std::string p = params.Add(convert_list(v).dump());
      if (c.op == FilterOp::In) return f.value + " IN (SELECT l.value FROM json_each(" + p + ") AS l)";
      return "(" + f.value + " IS NULL OR " + f.value + " NOT IN (SELECT l.value FROM json_each(" + p + ") AS l))";
    }
    case FilterOp::Contains: {
      v = convert(v);
      if (v.is_array() || v.is_object() || v.is_null()) Bad(c, "a single value", v);
      std::string in_array = "EXISTS (SELECT 1 FROM json_each(" + f.each_args + ") AS e WHERE " + ElementEquals(v, params) + ")";
      if (v.is_string()) {
        std::string p = params.Add(v.as_string());
        return "(CASE " + f.type + " WHEN 'array' THEN " + in_array + " WHEN 'text' THEN instr(" + f.value + ", " + p +
               ") > 0 ELSE 0 END)";
      }
      return "(" + f.type + " = 'array' AND " + in_array + ")";
    }
    case FilterOp::ContainsAny:
    case FilterOp::ContainsAll: {
      if (!v.is_array()) Bad(c, "a list", v);
      std::string p = params.Add(convert_list(v).dump());
      if (c.op == FilterOp::ContainsAny) {
        return "(" + f.type + " = 'array' AND EXISTS (SELECT 1 FROM json_each(" + f.each_args +
               ") AS e WHERE e.value IN (SELECT l.value FROM json_each(" + p + ") AS l)))";
      }
      return "(" + f.type + " = 'array' AND NOT EXISTS (SELECT 1 FROM json_each(" + p +
             ") AS w WHERE w.value NOT IN (SELECT e.value FROM json_each(" + f.each_args + ") AS e)))";
    }
    case FilterOp::StartsWith:
    case FilterOp::EndsWith: {
      if (!v.is_string()) Bad(c, "a string", v);
      if (v.as_string().empty()) return "(" + f.type + " = 'text')";
      std::string p = params.Add(v.as_string());
      if (c.op == FilterOp::StartsWith) {
        return "(" + f.type + " = 'text' AND substr(" + f.value + ", 1, length(" + p + ")) = " + p + ")";
      }
      return "(" + f.type + " = 'text' AND substr(" + f.value + ", -length(" + p + ")) = " + p + ")";
    }
    case FilterOp::Matches: {
      if (!v.is_string()) Bad(c, "a string", v);
      std::string problem = storage::RegexProblem(v.as_string());
      if (!problem.empty()) throw AqlError(ErrorCode::ValidationError, problem, c.pos.line, c.pos.column);
      return "(" + f.type + " = 'text' AND aql_regexp(" + params.Add(v.as_string()) + ", " + f.value + "))";
    }
    case FilterOp::IsNull:
    case FilterOp::IsNotNull: {
      if (!v.is_bool()) Bad(c, "true or false", v);
      bool want_null = (c.op == FilterOp::IsNull) == v.as_bool();
      return f.value + (want_null ? " IS NULL" : " IS NOT NULL");
    }
  }
  return "0";
}

// parts[lo, hi) joined as a balanced tree, so SQLite's expression depth grows with log(n), not n.
std::string Join(const std::vector<std::string>& parts, size_t lo, size_t hi, const char* op) {
  if (hi - lo == 1) return parts[lo];
  size_t mid = lo + (hi - lo) / 2;
  return "(" + Join(parts, lo, mid, op) + op + Join(parts, mid, hi, op) + ")";
}

}  // namespace

std::string Params::Add(storage::BindValue value) {
  binds_.push_back(std::move(value));
  return "?" + std::to_string(binds_.size());
}

std::string FilterSql(const plan::Filter& filter, const FieldResolver& resolver, const Json& variables,
                      Params& params) {
  switch (filter.kind) {
    case plan::Filter::Kind::Compare: return Compare(filter, resolver, variables, params);
    case plan::Filter::Kind::Dynamic: {
      // where: $w — check and plan the filter object now that its value is known.
      ast::Value where = planner::ToAst(planner::ResolveValue(filter.operand, variables), filter.pos);
      checker::CheckFilterValue(where);
      return FilterSql(planner::BuildFilter(where), resolver, variables, params);
    }
    case plan::Filter::Kind::Not:
      return "NOT coalesce(" + FilterSql(filter.children[0], resolver, variables, params) + ", 0)";
    case plan::Filter::Kind::And:
    case plan::Filter::Kind::Or: {
      bool is_and = filter.kind == plan::Filter::Kind::And;
      if (filter.children.empty()) return is_and ? "1" : "0";
      if (filter.children.size() == 1) return FilterSql(filter.children[0], resolver, variables, params);
      std::vector<std::string> parts;
      parts.reserve(filter.children.size());
      for (const auto& child : filter.children) parts.push_back(FilterSql(child, resolver, variables, params));
      return Join(parts, 0, parts.size(), is_and ? " AND " : " OR ");
    }
  }
  return "1";
}

}  // namespace aurora::sqlgen
