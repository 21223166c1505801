#include "checker/query_rules.h"

#include <algorithm>
#include <set>

#include "checker/rules.h"
#include "common/aql_error.h"
#include "common/names.h"
#include "common/suggest.h"

namespace aurora::checker {
namespace {

using internal::AqlError;
using Kind = ast::Value::Kind;

using internal::Fail;

std::string KeyOf(const ast::Selection& s) { return s.alias.empty() ? s.name : s.alias; }

void CheckUnique(const std::vector<ast::Selection>& sels) {
  std::set<std::string> keys;
  for (const auto& s : sels) {
    if (!keys.insert(KeyOf(s)).second) {
      Fail(s.pos, "two fields answer as '" + KeyOf(s) + "': give one of them an alias");
    }
  }
}

// Constructs our members do not take.
void CheckPlain(const ast::Selection& s, const std::string& what) {
  if (s.computed) Fail(s.pos, "computed field '" + s.alias + "' is not allowed in " + what);
  if (!s.pipes.empty()) Fail(s.pipes[0].pos, "pipes are not allowed in " + what);
  if (!s.directives.empty()) {
    Fail(s.directives[0].pos, "@" + s.directives[0].name + " is only supported on the top-level fields of an operation");
  }
  if (s.kind != ast::Selection::Kind::Field) Fail(s.pos, "fragments are not allowed in " + what);
}

void NoArgs(const ast::Selection& s) {
  if (!s.args.empty()) Fail(s.args[0].pos, "'" + s.name + "' takes no arguments");
}

void NoSelection(const ast::Selection& s) {
  if (s.has_selection_set) Fail(s.pos, "'" + s.name + "' is a value and has no fields");
}

void CheckPathValue(const ast::Value& v, const std::string& what) {
  if (v.kind != Kind::String) Fail(v.pos, what + " expects a field name as a string");
  std::string problem = internal::FieldPathProblem(v.text);
  if (!problem.empty()) Fail(v.pos, problem);
}

void CheckArgNames(const ast::Selection& s, const std::vector<std::string>& allowed) {
  std::set<std::string> seen;
  for (const auto& a : s.args) {
    if (std::find(allowed.begin(), allowed.end(), a.name) == allowed.end()) {
      Fail(a.pos, "unknown argument '" + a.name + "' for '" + s.name + "'" + internal::DidYouMean(a.name, allowed));
    }
    if (!seen.insert(a.name).second) Fail(a.pos, "argument '" + a.name + "' is given twice");
  }
}

const ast::Argument* Arg(const ast::Selection& s, const std::string& name) {
  for (const auto& a : s.args) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// `aggregate { count total: sum(field: "amount") … }`
void CheckAggregate(const ast::Selection& agg) {
  NoArgs(agg);
  if (!agg.has_selection_set || agg.selections.empty()) {
    Fail(agg.pos, "aggregate needs a selection of functions, e.g. aggregate { count sum(field: \"amount\") }");
  }
  static const std::vector<std::string> kFns = {"count", "sum", "avg", "min", "max"};
  for (const auto& t : agg.selections) {
    CheckPlain(t, "aggregate");
    if (std::find(kFns.begin(), kFns.end(), t.name) == kFns.end()) {
      static const std::pair<const char*, const char*> kSynonyms[] = {
          {"average", "avg"}, {"mean", "avg"}, {"total", "sum"}, {"minimum", "min"}, {"maximum", "max"},
          {"length", "count"}, {"size", "count"}};
      std::string near = internal::NearestName(t.name, kFns);
      for (const auto& [from, to] : kSynonyms) {
        if (t.name == from) near = to;
      }
      Fail(t.name_pos.line ? t.name_pos : t.pos, "unknown aggregate function '" + t.name + "'" +
                                                    (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                                                    "; functions: count sum avg min max");
    }
    NoSelection(t);
    CheckArgNames(t, {"field"});
    const ast::Argument* field = Arg(t, "field");
    if (!field && t.name != "count") {
      Fail(t.pos, "'" + t.name + "' needs the argument field: \"name\", e.g. " + t.name + "(field: \"amount\")");
    }
    if (field) CheckPathValue(field->value, "'" + t.name + "(field:)'");
  }
  CheckUnique(agg.selections);
}

void CheckGroupByArgs(const ast::Selection& g, std::vector<std::string> allowed) {
  allowed.push_back("field");
  allowed.push_back("fields");
  CheckArgNames(g, allowed);
  const ast::Argument* field = Arg(g, "field");
  const ast::Argument* fields = Arg(g, "fields");
  if (field && fields) Fail(fields->pos, "groupBy takes field: or fields:, not both");
  if (!field && !fields) Fail(g.pos, "groupBy needs field: \"name\" or fields: [\"a\", \"b\"]");
  if (field) CheckPathValue(field->value, "groupBy(field:)");
  if (fields) {
    if (fields->value.kind != Kind::List || fields->value.items.empty()) {
      Fail(fields->value.pos, "groupBy(fields:) expects a non-empty list of field names");
    }
    std::set<std::string> seen;
    for (const auto& item : fields->value.items) {
      CheckPathValue(item, "groupBy(fields:)");
      if (!seen.insert(item.text).second) Fail(item.pos, "field '" + item.text + "' is listed twice");
    }
  }
}

void CheckGroupBySelection(const ast::Selection& g, const DocumentCheck& documents) {
  if (!g.has_selection_set || g.selections.empty()) {
    Fail(g.pos, "groupBy needs a selection, e.g. groupBy(field: \"category\") { key count }");
  }
  static const std::vector<std::string> kMembers = {"key", "count", "aggregate", "nodes"};
  for (const auto& m : g.selections) {
    CheckPlain(m, "groupBy");
    if (m.name == "key" || m.name == "count") {
      NoArgs(m);
      NoSelection(m);
    } else if (m.name == "aggregate") {
      CheckAggregate(m);
    } else if (m.name == "nodes") {
      NoArgs(m);
      documents(m.selections);
    } else {
      Fail(m.pos, "unknown groupBy field '" + m.name + "'" + internal::DidYouMean(m.name, kMembers) +
                      " (a group has key, count, aggregate { … } and nodes { … })");
    }
  }
  CheckUnique(g.selections);
}

void CheckEdges(const ast::Selection& e, const DocumentCheck& documents) {
  NoArgs(e);
  static const std::vector<std::string> kMembers = {"cursor", "node"};
  for (const auto& m : e.selections) {
    CheckPlain(m, "edges");
    NoArgs(m);
    if (m.name == "cursor") {
      NoSelection(m);
    } else if (m.name == "node") {
      documents(m.selections);
    } else {
      Fail(m.pos, "unknown edge field '" + m.name + "'" + internal::DidYouMean(m.name, kMembers) +
                      " (an edge has cursor and node { … })");
    }
  }
  CheckUnique(e.selections);
}

void CheckPageInfo(const ast::Selection& p) {
  NoArgs(p);
  static const std::vector<std::string> kMembers = {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"};
  for (const auto& m : p.selections) {
    CheckPlain(m, "pageInfo");
    NoArgs(m);
    NoSelection(m);
    if (std::find(kMembers.begin(), kMembers.end(), m.name) == kMembers.end()) {
      Fail(m.pos, "unknown pageInfo field '" + m.name + "'" + internal::DidYouMean(m.name, kMembers) +
                      " (pageInfo has hasNextPage hasPreviousPage startCursor endCursor)");
    }
  }
  CheckUnique(p.selections);
}

bool IsMember(const ast::Selection& s) {
  if (s.kind != ast::Selection::Kind::Field || s.computed) return false;
  return (s.name == "aggregate" && s.has_selection_set) || s.name == "groupBy" ||
         (s.name == "edges" && s.has_selection_set) || s.name == "pageInfo";
}

void CheckCollectionName(const ast::Value& v, const CheckEnv& env, const std::string& what) {
  if (v.kind != Kind::String) Fail(v.pos, what + " expects the collection name as a string literal");
  if (!v.text.empty() && v.text[0] == '_') {
    if (env.is_system_collection && env.is_system_collection(v.text)) return;
    Fail(v.pos, "unknown system table '" + v.text + "' (names starting with '_' are reserved)");
  }
  std::string problem = internal::CollectionNameProblem(v.text);
  if (!problem.empty()) Fail(v.pos, problem);
}

}  // namespace

bool IsConnectionSelection(const ast::Selection& field) {
  if (std::any_of(field.selections.begin(), field.selections.end(), IsMember)) return true;
  // With cursor arguments, `nodes { … }` is the page's documents (otherwise a document field).
  bool paged = std::any_of(field.args.begin(), field.args.end(), [](const ast::Argument& a) { return IsPageArgument(a.name); });
  return paged && std::any_of(field.selections.begin(), field.selections.end(), [](const ast::Selection& s) {
           return s.kind == ast::Selection::Kind::Field && s.name == "nodes" && s.has_selection_set;
         });
}

bool IsTopLevelAggregate(const ast::Selection& field) {
  return (field.name == "aggregate" || field.name == "groupBy") && Arg(field, "collection") != nullptr;
}

void CheckQuerySelection(const ast::Selection& field, const DocumentCheck& documents) {
  if (!IsConnectionSelection(field)) {
    documents(field.selections);
    return;
  }
  for (const auto& s : field.selections) {
    if (s.name == "aggregate") {
      CheckPlain(s, "a collection selection");
      CheckAggregate(s);
    } else if (s.name == "groupBy") {
      CheckPlain(s, "a collection selection");
      CheckGroupByArgs(s, {});
      CheckGroupBySelection(s, documents);
    } else if (s.name == "nodes") {
      CheckPlain(s, "a collection selection");
      NoArgs(s);
      documents(s.selections);
    } else if (s.name == "edges") {
      CheckPlain(s, "a collection selection");
      CheckEdges(s, documents);
    } else if (s.name == "pageInfo") {
      CheckPlain(s, "a collection selection");
      CheckPageInfo(s);
    } else {
      Fail(s.pos, "'" + field.name + "' answers an object here (it selects aggregate, groupBy, nodes, edges or pageInfo): " +
                      "select documents inside nodes { " + s.name + " … } (fields: aggregate groupBy nodes edges pageInfo)");
    }
  }
  CheckUnique(field.selections);
}

bool IsPageArgument(const std::string& name) {
  return name == "first" || name == "last" || name == "after" || name == "before";
}

void CheckPageArguments(const ast::Selection& field) {
  const ast::Argument* first = Arg(field, "first");
  const ast::Argument* last = Arg(field, "last");
  for (const ast::Argument* a : {first, last}) {
    if (!a) continue;
    if (a->value.kind == Kind::Variable) continue;
    if (a->value.kind != Kind::Int) Fail(a->value.pos, "'" + a->name + "' expects an integer");
    if (a->value.integer < 0) Fail(a->value.pos, "'" + a->name + "' must not be negative");
  }
  if (first && last) Fail(last->pos, "give first (with after) or last (with before), not both");
  for (const char* name : {"after", "before"}) {
    const ast::Argument* a = Arg(field, name);
    if (!a) continue;
    Kind k = a->value.kind;
    if (k != Kind::String && k != Kind::Variable && k != Kind::Null) {
      Fail(a->value.pos, std::string("'") + name + "' expects a cursor string (from edges { cursor } or pageInfo)");
    }
  }
  bool paged = first || last || Arg(field, "after") || Arg(field, "before");
  if (!paged) return;
  for (const char* name : {"limit", "offset"}) {
    if (const ast::Argument* a = Arg(field, name)) {
      Fail(a->pos, std::string("'") + name + "' cannot be combined with cursor pagination (first/last/after/before)");
    }
  }
}

void CheckLookup(const ast::Selection& s, const CheckEnv& env, const DocumentCheck& documents) {
  if (s.alias.empty()) {
    Fail(s.pos, "a lookup needs an alias that names it in the response, e.g. user: lookup(collection: \"users\", …)");
  }
  CheckArgNames(s, {"collection", "localField", "foreignField", "where", "many"});
  for (const char* required : {"collection", "localField", "foreignField"}) {
    if (!Arg(s, required)) {
      Fail(s.pos, std::string("lookup needs the argument '") + required +
                      "': lookup(collection: \"users\", localField: \"user_id\", foreignField: \"id\")");
    }
  }
  CheckCollectionName(Arg(s, "collection")->value, env, "lookup(collection:)");
  CheckPathValue(Arg(s, "localField")->value, "lookup(localField:)");
  CheckPathValue(Arg(s, "foreignField")->value, "lookup(foreignField:)");
  // A `where: $variable` is checked once its value is known (sqlgen, like a query field's).
  if (const ast::Argument* where = Arg(s, "where"); where && where->value.kind != Kind::Variable) {
    CheckFilter(where->value);
  }
  if (const ast::Argument* many = Arg(s, "many")) {
    if (many->value.kind != Kind::Bool) Fail(many->value.pos, "lookup(many:) expects true or false");
  }
  documents(s.selections);
}

void CheckTopLevelAggregate(const ast::Selection& s, const CheckEnv& env, const DocumentCheck& documents) {
  CheckCollectionName(Arg(s, "collection")->value, env, "'" + s.name + "(collection:)'");
  if (s.name == "aggregate") {
    CheckArgNames(s, {"collection", "where"});
    ast::Selection bare = s;
    bare.args.clear();
    CheckAggregate(bare);
  } else {
    CheckGroupByArgs(s, {"collection", "where"});
    CheckGroupBySelection(s, documents);
  }
  if (const ast::Argument* where = Arg(s, "where"); where && where->value.kind != Kind::Variable) {
    CheckFilter(where->value);
  }
}

}  // namespace aurora::checker
