// Filters → SQL boolean expressions. See docs/language.md "Filters" for the semantics: missing
// fields read as null; values of different JSON types are never equal (1 ≠ "1", true ≠ 1);
// range operators only compare numbers with numbers and strings with strings.
#include <functional>
#include <optional>

#include "checker/checker.h"
#include "common/aql_error.h"
#include "planner/bind.h"
#include "planner/computed.h"
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

// The condition `op` with operand `v` (resolved, not yet converted) on the field `f`. `c` is the
// filter as written, for conversions and error messages.
std::string Condition(const plan::Filter& c, FilterOp op, const FieldSql& f, Json v, const FieldResolver& resolver,
                      Params& params) {
  auto convert = [&](const Json& x) { return resolver.ConvertOperand(c.field, x); };
  auto convert_list = [&](const Json& list) {
    Json out = Json::array();
    for (const Json& item : list.as_array()) out.push_back(convert(item));
    return out;
  };
  switch (op) {
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
      const char* sql_op = op == FilterOp::Gt ? " > " : op == FilterOp::Gte ? " >= " : op == FilterOp::Lt ? " < " : " <= ";
      if (v.is_number()) {
        // Numbers sort before all text in SQLite: `< ''` keeps numbers only. The guard is written
        // `+x` so SQLite never takes it as an index bound: an index on the field (schema
        // @indexed) then uses the real bounds of a range (gte … lt …).
        return "(" + f.value + sql_op + params.Add(Scalar(v)) + " AND +" + f.value + " < '')";
      }
      if (v.is_string()) {
        if (op == FilterOp::Gt || op == FilterOp::Gte) return f.value + sql_op + params.Add(Scalar(v));
        return "(" + f.value + sql_op + params.Add(Scalar(v)) + " AND +" + f.value + " >= '')";
      }
      Bad(c, "a number or a string", v);
    }
    case FilterOp::In:
    case FilterOp::Nin: {
      if (!v.is_array()) Bad(c, "a list", v);
      std::string p = params.Add(convert_list(v).dump());
      if (op == FilterOp::In) return f.value + " IN (SELECT l.value FROM json_each(" + p + ") AS l)";
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
      if (op == FilterOp::ContainsAny) {
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
      if (op == FilterOp::StartsWith) {
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
      bool want_null = (op == FilterOp::IsNull) == v.as_bool();
      return f.value + (want_null ? " IS NULL" : " IS NOT NULL");
    }
  }
  return "0";
}

// Lists met along a dotted path are walked (MongoDB style): "items.sku" reads the `sku` of every
// element when `items` is a list. A name after a list, at any depth, is such a step; a position
// ("tags.0") is not. The filter then holds when SOME value the path reaches satisfies it (see
// docs/language.md "Filters on lists").

// At most this many list steps in one filtered path (each is a json_each in one join).
constexpr size_t kMaxListSteps = 32;

// Indexes i ≥ 1 of the segments that are names: where a list reached by segments[0, i) is walked.
std::vector<size_t> ListSteps(const std::vector<std::string>& segments) {
  std::vector<size_t> out;
  for (size_t i = 1; i < segments.size(); ++i) {
    if (!IsListPosition(segments[i])) out.push_back(i);
  }
  return out;
}

// JSON path literal of segments[from, to).
std::string SubPath(const plan::FieldPath& path, const std::vector<std::string>& segments, size_t from, size_t to) {
  plan::FieldPath sub;
  sub.text = path.text;
  sub.pos = path.pos;
  sub.segments.assign(segments.begin() + static_cast<std::ptrdiff_t>(from), segments.begin() + static_cast<std::ptrdiff_t>(to));
  return JsonPathLiteral(sub);
}

FieldSql InJson(const std::string& json, const std::string& p) {
  return {"json_extract(" + json + ", " + p + ")", "json_type(" + json + ", " + p + ")", "(" + json + " -> " + p + ")",
          json + ", " + p};
}

// json_each(…) AS alias over the values `p` reaches in the JSON text `json`: each element of a
// non-empty list, else the value itself (an empty list reads as missing: one null).
std::string Reached(const std::string& json, const std::string& p, const std::string& alias) {
  std::string value = json + " -> " + p;
  return "json_each(CASE WHEN json_array_length(" + json + ", " + p + ") > 0 THEN " + value + " ELSE '[' || coalesce(" +
         value + ", 'null') || ']' END) AS " + alias;
}

// An element `alias` as JSON text to read fields from: objects as they are; anything else has no
// fields, so NULL (every field of it reads missing).
std::string ElementObject(const std::string& alias) {
  return "(CASE " + alias + ".type WHEN 'object' THEN " + alias + ".value END)";
}

using Predicate = std::function<std::string(const FieldSql&)>;

// EXISTS over the values the path reaches in root.json: one json_each per list step, each reading
// the element before it (a flat join, so SQLite's parser depth does not grow with the path).
std::string Walk(const plan::FieldPath& path, const JsonRoot& root, const std::vector<size_t>& steps,
                 const Predicate& predicate) {
  std::string from;
  std::string json = root.json;
  size_t start = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    std::string alias = "r" + std::to_string(i + 1);
    from += (i ? ", " : "") + Reached(json, SubPath(path, root.segments, start, steps[i]), alias);
    json = ElementObject(alias);
    start = steps[i];
  }
  return "EXISTS (SELECT 1 FROM " + from + " WHERE " +
         predicate(InJson(json, SubPath(path, root.segments, start, root.segments.size()))) + ")";
}

// SQL true when some value `path` reaches satisfies `predicate`. Documents with no list on the path
// take the plain branch (one json_extract, as for a path without lists).
std::string AnyReached(const plan::FieldPath& path, const FieldResolver& resolver, const JsonRoot& root,
                       const std::vector<size_t>& steps, const Predicate& predicate) {
  std::string no_list;
  for (size_t to : steps) {
    no_list += (no_list.empty() ? "" : " AND ") + std::string("json_type(") + root.json + ", " +
               SubPath(path, root.segments, 0, to) + ") IS NOT 'array'";
  }
  std::string plain = predicate(resolver.Field(path));  // before the walk: parameters number in text order
  std::string walk = Walk(path, root, steps, predicate);
  return "(CASE WHEN " + no_list + " THEN " + plain + " ELSE " + walk + " END)";
}

std::string Compare(const plan::Filter& c, const FieldResolver& resolver, const Json& variables, Params& params) {
  // `now`: the operation's time as an ISO-8601 string, bound like any value (checker: gt/gte/lt/lte).
  Json v = planner::IsNowWord(c.operand) ? planner::NowValue() : planner::ResolveValue(c.operand, variables);
  std::optional<JsonRoot> root = resolver.JsonRootOf(c.field);
  std::vector<size_t> steps = root ? ListSteps(root->segments) : std::vector<size_t>();
  if (steps.empty()) return Condition(c, c.op, resolver.Field(c.field), v, resolver, params);
  if (steps.size() > kMaxListSteps) {
    throw AqlError(ErrorCode::ValidationError,
                   "field path '" + c.field.text.substr(0, 60) + (c.field.text.size() > 60 ? "…" : "") +
                       "' is too deep to filter on (at most " + std::to_string(kMaxListSteps + 1) + " nested names)",
                   c.pos.line, c.pos.column);
  }
  auto some = [&](FilterOp op, const Json& operand) {
    return AnyReached(c.field, resolver, *root, steps,
                      [&](const FieldSql& f) { return Condition(c, op, f, operand, resolver, params); });
  };
  auto none = [&](FilterOp op, const Json& operand) { return "NOT coalesce(" + some(op, operand) + ", 0)"; };
  switch (c.op) {
    case FilterOp::Ne: return none(FilterOp::Eq, v);    // no reached value equals
    case FilterOp::Nin: return none(FilterOp::In, v);   // no reached value is in the list
    case FilterOp::IsNull:
    case FilterOp::IsNotNull: {
      if (!v.is_bool()) Bad(c, "true or false", v);
      // isNull: some reached value is null or missing; isNotNull: none is.
      bool want_null = (c.op == FilterOp::IsNull) == v.as_bool();
      return want_null ? some(FilterOp::IsNull, Json(true)) : none(FilterOp::IsNull, Json(true));
    }
    default: return some(c.op, v);
  }
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
