#include "planner/bind.h"

#include <cmath>
#include <vector>

#include "common/aql_error.h"
#include "common/foreign_values.h"

namespace aurora::planner {
namespace {

using internal::AqlError;

// Whether `d` is a whole number an int64 holds: 2^63 and beyond (and ±Infinity, NaN) are not,
// and must be refused before the cast (casting them is undefined and gave -2^63).
bool IsWholeInt64(double d) {
  constexpr double kTwo63 = 9223372036854775808.0;
  return d >= -kTwo63 && d < kTwo63 && std::trunc(d) == d;
}

// The element type of a list type, all the way down ("[[Int]]" → "Int").
const std::string& BaseName(const ast::TypeRef& type) {
  return type.is_list() ? BaseName(type.element[0]) : type.name;
}

bool Matches(const ast::TypeRef& type, const Json& v, bool top) {
  (void)top;
  if (v.is_null()) return !type.non_null;
  if (type.is_list()) {
    if (!v.is_array()) return false;
    for (const Json& item : v.as_array()) {
      if (!Matches(type.element[0], item, false)) return false;
    }
    return true;
  }
  const std::string& n = type.name;
  if (n == "Int") return v.is_int() || (v.is_double() && IsWholeInt64(v.as_double()));
  if (n == "Float") return v.is_number();
  if (n == "String") return v.is_string();
  if (n == "ID") return v.is_string() || v.is_int();
  if (n == "Boolean") return v.is_bool();
  if (n == "Object") return v.is_object();
  if (n == "Priority") {
    return v.is_string() && (v.as_string() == "LOW" || v.as_string() == "NORMAL" || v.as_string() == "HIGH" ||
                             v.as_string() == "CRITICAL");
  }
  if (n == "Direction") return v.is_string() && (v.as_string() == "ASC" || v.as_string() == "DESC");
  if (n == "JobStatus") return v.is_string();
  return true;  // JSON, Any
}

Json Normalize(const ast::TypeRef& type, Json v) {
  if (v.is_null()) return v;
  if (type.is_list()) {
    for (Json& item : v.as_array()) item = Normalize(type.element[0], std::move(item));
    return v;
  }
  if (type.name == "Int" && v.is_double()) return Json(static_cast<long long>(v.as_double()));
  if (type.name == "ID" && v.is_int()) return Json(std::to_string(v.as_int()));  // ids are strings
  return v;
}

}  // namespace

const std::vector<std::string>& KnownVariableTypes() {
  static const std::vector<std::string> kTypes = {"Int", "Float", "String", "ID", "Boolean", "JSON",
                                                  "Object", "Any", "Priority", "Direction", "JobStatus"};
  return kTypes;
}

std::string TypeToString(const ast::TypeRef& type) {
  std::string s = type.is_list() ? "[" + TypeToString(type.element[0]) + "]" : type.name;
  if (type.non_null) s += "!";
  return s;
}

Json BindVariables(const std::vector<ast::VariableDefinition>& defs, const Json& provided) {
  Json out = Json::object();
  for (const auto& def : defs) {
    const Json* given = provided.find(def.name);
    Json value;
    // Text that is not UTF-8 and NaN/Infinity cannot come from AQL text, only from the caller
    // (the C++ API); neither could be stored or answered as given.
    if (given) {
      if (std::string problem = internal::ForeignValueProblem(*given, "$" + def.name); !problem.empty()) {
        throw AqlError(ErrorCode::ValidationError, "variable '$" + def.name + "' cannot be used as given: " + problem,
                       def.pos.line, def.pos.column);
      }
    }
    if (given && !given->is_null()) {
      value = *given;
    } else if (given == nullptr && def.default_value) {
      value = ResolveValue(*def.default_value, Json::object());
    }
    if (!Matches(def.type, value, true)) {
      if (value.is_null()) {
        throw AqlError(ErrorCode::ValidationError,
                       "variable '$" + def.name + "' of type " + TypeToString(def.type) + " was not provided",
                       def.pos.line, def.pos.column);
      }
      // A JSON number past the int64 range arrives as a double that looks like an integer.
      std::string hint = BaseName(def.type) == "Int" && (value.is_double() || value.is_array())
                             ? " (an Int is a whole number from -9223372036854775808 to 9223372036854775807)"
                             : "";
      throw AqlError(ErrorCode::ValidationError,
                     "variable '$" + def.name + "' expects " + TypeToString(def.type) + " but got " + value.dump() + hint,
                     def.pos.line, def.pos.column);
    }
    out.set(def.name, Normalize(def.type, std::move(value)));
  }
  return out;
}

ast::Value ToAst(const Json& value, const ast::Pos& pos) {
  ast::Value v;
  v.pos = pos;
  switch (value.type()) {
    case Json::Type::Null: v.kind = ast::Value::Kind::Null; break;
    case Json::Type::Bool: v.kind = ast::Value::Kind::Bool; v.boolean = value.as_bool(); break;
    case Json::Type::Int: v.kind = ast::Value::Kind::Int; v.integer = value.as_int(); break;
    case Json::Type::Double: v.kind = ast::Value::Kind::Float; v.number = value.as_double(); break;
    case Json::Type::String: v.kind = ast::Value::Kind::String; v.text = value.as_string(); break;
    case Json::Type::Array:
      v.kind = ast::Value::Kind::List;
      for (const Json& item : value.as_array()) v.items.push_back(ToAst(item, pos));
      break;
    case Json::Type::Object:
      v.kind = ast::Value::Kind::Object;
      for (const auto& [key, member] : value.as_object()) v.fields.push_back({key, pos, ToAst(member, pos)});
      break;
  }
  return v;
}

Json ResolveValue(const ast::Value& value, const Json& variables) {
  switch (value.kind) {
    case ast::Value::Kind::Null: return Json();
    case ast::Value::Kind::Bool: return Json(value.boolean);
    case ast::Value::Kind::Int: return Json(static_cast<long long>(value.integer));
    case ast::Value::Kind::Float: return Json(value.number);
    case ast::Value::Kind::String:
    case ast::Value::Kind::Enum: return Json(value.text);
    case ast::Value::Kind::Variable: return variables[value.text];
    case ast::Value::Kind::List: {
      Json out = Json::array();
      for (const auto& item : value.items) out.push_back(ResolveValue(item, variables));
      return out;
    }
    case ast::Value::Kind::Object: {
      Json out = Json::object();
      for (const auto& f : value.fields) out.set(f.name, ResolveValue(f.value, variables));
      return out;
    }
  }
  return Json();
}

}  // namespace aurora::planner
