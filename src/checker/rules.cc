#include "checker/rules.h"

#include <algorithm>
#include <cctype>

#include "checker/checker.h"
#include "common/aql_error.h"
#include "common/names.h"
#include "common/suggest.h"
#include "planner/bind.h"
#include "planner/computed.h"

namespace aurora::checker {
namespace {

using internal::AqlError;
using Kind = ast::Value::Kind;

using internal::Fail;

const char* KindWord(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Int: return "an integer";
    case Kind::Float: return "a number";
    case Kind::String: return "a string";
    case Kind::Enum: return "an enum word";
    case Kind::Variable: return "a variable";
    case Kind::List: return "a list";
    case Kind::Object: return "an object";
  }
  return "a value";
}

void CheckPath(const std::string& path, const ast::Pos& pos) {
  std::string problem = internal::FieldPathProblem(path);
  if (!problem.empty()) Fail(pos, problem);
}

void CheckOperand(const std::string& op, const ast::Value& v) {
  if (v.kind == Kind::Variable) return;
  auto bad = [&](const std::string& expected) {
    Fail(v.pos, "operator '" + op + "' expects " + expected + ", got " + KindWord(v.kind));
  };
  if (op == "in" || op == "nin" || op == "containsAny" || op == "containsAll") {
    if (v.kind != Kind::List) bad("a list");
  } else if (op == "isNull" || op == "isNotNull") {
    if (v.kind != Kind::Bool) bad("true or false");
  } else if (op == "startsWith" || op == "endsWith" || op == "matches") {
    if (v.kind != Kind::String) bad("a string");
  } else if (op == "gt" || op == "gte" || op == "lt" || op == "lte") {
    if (v.kind != Kind::Int && v.kind != Kind::Float && v.kind != Kind::String && v.kind != Kind::Enum) {
      bad("a number or a string");
    }
  } else if (op == "contains") {
    if (v.kind == Kind::List || v.kind == Kind::Object || v.kind == Kind::Null) bad("a single value");
  }
}

// The first bare word `now` inside `v` (the value itself included), or null.
const ast::Value* FindNow(const ast::Value& v) {
  if (planner::IsNowWord(v)) return &v;
  for (const auto& item : v.items) {
    if (const ast::Value* found = FindNow(item)) return found;
  }
  for (const auto& f : v.fields) {
    if (const ast::Value* found = FindNow(f.value)) return found;
  }
  return nullptr;
}

// `now` (the operation's time, bound as an ISO-8601 string) is an operand of gt/gte/lt/lte only,
// and only on its own. `written` is how the comparison reads in the error ("eq: now", "at: now").
void CheckNow(const std::string& op, const ast::Value& v, const std::string& written) {
  const ast::Value* now = FindNow(v);
  if (!now) return;
  const char* use = ": use gt, gte, lt or lte with now (\"now\" in quotes is the text)";
  if (now == &v) {
    if (op == "gt" || op == "gte" || op == "lt" || op == "lte") return;
    if (op == "eq" || op == "ne") {
      Fail(now->pos, "now changes every millisecond, so '" + written + "' would almost " +
                         (op == "eq" ? "never" : "always") + " match" + use);
    }
  }
  Fail(now->pos, "operator '" + op + "' cannot use now" + use);
}

// Spellings users bring from other query languages.
std::string OperatorSynonym(const std::string& word) {
  static const std::pair<const char*, const char*> kSynonyms[] = {
      {"lessThan", "lt"}, {"lessThanOrEqual", "lte"}, {"lessThanOrEqualTo", "lte"}, {"greaterThan", "gt"},
      {"greaterThanOrEqual", "gte"}, {"greaterThanOrEqualTo", "gte"}, {"le", "lte"}, {"ge", "gte"},
      {"equals", "eq"}, {"equal", "eq"}, {"is", "eq"}, {"neq", "ne"}, {"notEquals", "ne"}, {"notEqual", "ne"},
      {"not_in", "nin"}, {"notIn", "nin"}, {"includes", "contains"}, {"has", "contains"},
      {"hasAny", "containsAny"}, {"hasAll", "containsAll"}, {"regex", "matches"}, {"like", "matches"},
      {"match", "matches"}, {"prefix", "startsWith"}, {"suffix", "endsWith"}, {"exists", "isNotNull"},
      {"isNil", "isNull"}, {"null", "isNull"}};
  for (const auto& [from, to] : kSynonyms) {
    if (word == from) return to;
  }
  return "";
}

}  // namespace

const std::vector<std::string>& FilterOperatorNames() {
  static const std::vector<std::string> kOps = {
      "eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "contains", "containsAny", "containsAll",
      "startsWith", "endsWith", "matches", "isNull", "isNotNull"};
  return kOps;
}

const std::vector<std::string>& UpdateModifierNames() {
  static const std::vector<std::string> kMods = {"increment", "decrement", "push", "pull", "addToSet"};
  return kMods;
}

void CheckFilter(const ast::Value& where) {
  if (where.kind != Kind::Object) Fail(where.pos, "where expects an object, got " + std::string(KindWord(where.kind)));
  const auto& ops = FilterOperatorNames();
  for (const auto& f : where.fields) {
    if (f.name == "and" || f.name == "or") {
      if (f.value.kind != Kind::List) Fail(f.value.pos, "'" + f.name + "' expects a list of filters");
      for (const auto& item : f.value.items) {
        if (item.kind == Kind::Variable) Fail(item.pos, "a filter inside '" + f.name + "' must be written as an object");
        CheckFilter(item);
      }
      continue;
    }
    if (f.name == "not") {
      if (f.value.kind == Kind::Variable) Fail(f.value.pos, "a filter inside 'not' must be written as an object");
      CheckFilter(f.value);
      continue;
    }
    if (std::find(ops.begin(), ops.end(), f.name) != ops.end()) {
      Fail(f.pos, "operator '" + f.name + "' needs a field: write { field: { " + f.name + ": … } }");
    }
    CheckPath(f.name, f.pos);
    if (f.value.kind != Kind::Object) {  // shorthand for eq
      CheckNow("eq", f.value, f.name + ": now");
      continue;
    }
    if (f.value.fields.empty()) Fail(f.value.pos, "empty filter for field '" + f.name + "'");
    for (const auto& o : f.value.fields) {
      if (std::find(ops.begin(), ops.end(), o.name) == ops.end()) {
        std::string near = OperatorSynonym(o.name);
        if (near.empty()) near = internal::NearestName(o.name, ops);
        if (!near.empty()) Fail(o.pos, "unknown filter operator '" + o.name + "' (did you mean '" + near + "'?)");
        std::string all;
        for (const auto& op : ops) all += (all.empty() ? "" : " ") + op;
        Fail(o.pos, "unknown filter operator '" + o.name + "' for field '" + f.name + "' (operators: " + all +
                        "; a nested field is written as a dotted path: \"" + f.name + "." + o.name + "\")");
      }
      CheckNow(o.name, o.value, o.name + ": now");
      CheckOperand(o.name, o.value);
    }
  }
}

void CheckOrderBy(const ast::Value& order) {
  if (order.kind == Kind::List) {
    if (order.items.empty()) Fail(order.pos, "orderBy list is empty");
    for (const auto& item : order.items) {
      if (item.kind == Kind::List) Fail(item.pos, "orderBy expects {field, direction} objects");
      CheckOrderBy(item);
    }
    return;
  }
  if (order.kind != Kind::Object) {
    Fail(order.pos, "orderBy expects {field: \"name\", direction: ASC|DESC} or a list of them");
  }
  auto check_direction = [](const ast::Value& v) {
    std::string word = v.text;
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if ((v.kind != Kind::Enum && v.kind != Kind::String) || (word != "ASC" && word != "DESC")) {
      Fail(v.pos, "direction must be ASC or DESC");
    }
  };
  bool has_field = false;
  for (const auto& f : order.fields) has_field = has_field || f.name == "field";
  if (!has_field) {
    // {price: DESC, name: ASC}
    if (order.fields.empty()) Fail(order.pos, "orderBy needs a field");
    for (const auto& f : order.fields) {
      if (f.name == "direction") Fail(f.pos, "orderBy needs field: \"name\" besides direction");
      CheckPath(f.name, f.pos);
      check_direction(f.value);
    }
    return;
  }
  for (const auto& f : order.fields) {
    if (f.name == "field") {
      if (f.value.kind != Kind::String) Fail(f.value.pos, "orderBy field expects the field name as a string");
      CheckPath(f.value.text, f.value.pos);
    } else if (f.name == "direction") {
      check_direction(f.value);
    } else {
      Fail(f.pos, "unknown orderBy key '" + f.name + "'" + internal::DidYouMean(f.name, {"field", "direction"}));
    }
  }
}

void CheckCount(const ast::Argument& arg) {
  const ast::Value& v = arg.value;
  if (v.kind == Kind::Variable) return;
  if (v.kind != Kind::Int) Fail(v.pos, "'" + arg.name + "' expects an integer, got " + KindWord(v.kind));
  if (v.integer < 0) Fail(v.pos, "'" + arg.name + "' must not be negative");
}

void CheckData(const ast::Value& data, bool update) {
  if (data.kind == Kind::Variable) return;
  if (data.kind != Kind::Object) Fail(data.pos, "data expects an object, got " + std::string(KindWord(data.kind)));
  const auto& mods = UpdateModifierNames();
  for (const auto& f : data.fields) {
    CheckPath(f.name, f.pos);
    if (f.name == "id") {
      if (update) Fail(f.pos, "a document's id cannot be changed");
      if (f.value.kind != Kind::String && f.value.kind != Kind::Variable) Fail(f.value.pos, "id must be a string");
    }
    if (update && f.value.kind == Kind::Object && f.value.fields.size() == 1) {
      const std::string& key = f.value.fields[0].name;
      if (std::find(mods.begin(), mods.end(), key) == mods.end()) {
        std::string near = internal::NearestName(key, mods);
        if (!near.empty()) {
          Fail(f.value.fields[0].pos, "unknown update modifier '" + key + "' (did you mean '" + near + "'?)");
        }
      } else if ((key == "increment" || key == "decrement")) {
        Kind k = f.value.fields[0].value.kind;
        if (k != Kind::Int && k != Kind::Float && k != Kind::Variable) {
          Fail(f.value.fields[0].value.pos, "'" + key + "' expects a number");
        }
      }
    }
  }
}

void CheckVariableUsage(const ast::Operation& op,
                        const std::map<std::string, const ast::VariableDefinition*>& declared) {
  for (const auto& s : op.selections) {
    for (const auto& a : s.args) {
      if ((a.name == "limit" || a.name == "offset") && a.value.kind == Kind::Variable) {
        auto it = declared.find(a.value.text);
        if (it != declared.end() && (it->second->type.is_list() || it->second->type.name != "Int")) {
          Fail(a.value.pos, "'" + a.name + "' expects Int but '$" + a.value.text + "' is declared " +
                                planner::TypeToString(it->second->type));
        }
      }
    }
  }
}

}  // namespace aurora::checker
