#include "checker/checker.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "checker/query_rules.h"
#include "checker/rules.h"
#include "common/aql_error.h"
#include "common/names.h"
#include "common/suggest.h"
#include "planner/bind.h"
#include "planner/computed.h"
#include "planner/search.h"

namespace aurora::checker {
namespace {

using internal::AqlError;

using internal::Fail;

const char* KindName(ast::Operation::Kind kind) {
  switch (kind) {
    case ast::Operation::Kind::Query: return "query";
    case ast::Operation::Kind::Mutation: return "mutation";
    case ast::Operation::Kind::Schema: return "schema";
    case ast::Operation::Kind::DefineHandler: return "define handler";
    case ast::Operation::Kind::DropHandler: return "drop handler";
    case ast::Operation::Kind::PauseHandler: return "pause handler";
    case ast::Operation::Kind::ResumeHandler: return "resume handler";
  }
  return "operation";
}

// ---- fragments ------------------------------------------------------------------------------

// Limits on an operation once its fragments are inlined. A fragment used twice in a fragment used
// twice … doubles at each level: without a limit, a short document could ask for 2^40 fields
// (fragment uses count too: a fragment may be empty). Fragments inside fragments also nest the
// selection deeper than the parser's 128 levels of brackets allow a document to write.
constexpr size_t kMaxExpandedSelections = 100'000;
constexpr size_t kMaxSelectionDepth = 128;

struct Expansion {
  // Fragments by name (a document's last definition of a name wins, as before).
  std::unordered_map<std::string_view, const ast::Fragment*> fragments;
  std::vector<std::string> active;  // fragments being inlined, outermost first (≤ the depth limit)
  size_t selections = 0;
  size_t depth = 0;
};

void Expand(const std::vector<ast::Selection>& in, std::vector<ast::Selection>& out, const CheckEnv& env,
            Expansion& expansion) {
  std::vector<std::string>& active = expansion.active;
  if (!in.empty() && ++expansion.depth > kMaxSelectionDepth) {
    Fail(in[0].pos, "fragments nest the selection deeper than " + std::to_string(kMaxSelectionDepth) + " levels");
  }
  for (const ast::Selection& sel : in) {
    if (++expansion.selections > kMaxExpandedSelections) {
      Fail(sel.pos, "the operation selects more than " + std::to_string(kMaxExpandedSelections) +
                        " fields once its fragments are inlined" +
                        (active.empty() ? std::string() : " (fragment '" + active.front() + "' multiplies them)"));
    }
    switch (sel.kind) {
      case ast::Selection::Kind::Field: {
        ast::Selection copy = sel;
        copy.selections.clear();
        Expand(sel.selections, copy.selections, env, expansion);
        out.push_back(std::move(copy));
        break;
      }
      case ast::Selection::Kind::InlineFragment: {
        std::vector<ast::Selection> inner;
        Expand(sel.selections, inner, env, expansion);
        for (auto& s : inner) {
          s.directives.insert(s.directives.end(), sel.directives.begin(), sel.directives.end());
          out.push_back(std::move(s));
        }
        break;
      }
      case ast::Selection::Kind::FragmentSpread: {
        auto it = expansion.fragments.find(sel.name);
        if (it == expansion.fragments.end()) {
          std::vector<std::string> names;
          if (env.fragments) {
            for (const auto& f : *env.fragments) names.push_back(f.name);
          }
          Fail(sel.pos, "unknown fragment '" + sel.name + "'" + internal::DidYouMean(sel.name, names));
        }
        const ast::Fragment* found = it->second;
        if (std::find(active.begin(), active.end(), sel.name) != active.end()) {
          Fail(sel.pos, "fragment '" + sel.name + "' includes itself");
        }
        active.push_back(sel.name);
        std::vector<ast::Selection> inner;
        Expand(found->selections, inner, env, expansion);
        active.pop_back();
        for (auto& s : inner) {
          s.directives.insert(s.directives.end(), sel.directives.begin(), sel.directives.end());
          s.directives.insert(s.directives.end(), found->directives.begin(), found->directives.end());
          out.push_back(std::move(s));
        }
        break;
      }
    }
  }
  if (!in.empty()) --expansion.depth;
}

// ---- variables ------------------------------------------------------------------------------

void CheckTypeRef(const ast::TypeRef& type) {
  if (type.is_list()) {
    CheckTypeRef(type.element[0]);
    return;
  }
  const auto& known = planner::KnownVariableTypes();
  if (std::find(known.begin(), known.end(), type.name) == known.end()) {
    Fail(type.pos, "unknown type '" + type.name + "'" + internal::DidYouMean(type.name, known));
  }
}

void CollectVariableUses(const ast::Value& v, std::vector<const ast::Value*>& uses) {
  if (v.kind == ast::Value::Kind::Variable) uses.push_back(&v);
  for (const auto& item : v.items) CollectVariableUses(item, uses);
  for (const auto& f : v.fields) CollectVariableUses(f.value, uses);
}

void CollectVariableUses(const std::vector<ast::Selection>& sels, std::vector<const ast::Value*>& uses) {
  for (const auto& s : sels) {
    for (const auto& a : s.args) CollectVariableUses(a.value, uses);
    for (const auto& d : s.directives) {
      for (const auto& a : d.args) CollectVariableUses(a.value, uses);
    }
    CollectVariableUses(s.selections, uses);
  }
}

// ---- selections -----------------------------------------------------------------------------

// `allow_explain`: a query field may be explained on its own (`products(…) @explain { … }`).
void CheckDirectives(const std::vector<ast::Directive>& directives, bool allow_explain = false) {
  for (const auto& d : directives) {
    if (d.name == "explain" && allow_explain) {
      if (!d.args.empty()) Fail(d.args[0].pos, "@explain takes no arguments");
      continue;
    }
    if (d.name == "include" || d.name == "skip") {
      if (d.args.size() != 1 || d.args[0].name != "if") {
        Fail(d.pos, "@" + d.name + " takes one argument, if: Boolean");
      }
      const ast::Value& v = d.args[0].value;
      if (v.kind != ast::Value::Kind::Bool && v.kind != ast::Value::Kind::Variable) {
        Fail(v.pos, "@" + d.name + "(if:) expects true, false or a Boolean variable");
      }
      continue;
    }
    if (d.name == "explain") {
      Fail(d.pos, "@explain goes on a query's top-level field (products(…) @explain { … }) or on the operation "
                  "(query @explain { … }, mutation @explain { … })");
    }
    Fail(d.pos, "unknown directive '@" + d.name + "'" + internal::DidYouMean(d.name, {"include", "skip", "explain"}));
  }
}

// @include/@skip work on the fields of an operation; inside a selection they are refused rather
// than silently ignored.
void CheckNestedDirectives(const std::vector<ast::Directive>& directives) {
  CheckDirectives(directives);
  if (!directives.empty()) {
    Fail(directives[0].pos, "@" + directives[0].name + " is only supported on the top-level fields of an operation");
  }
}

// Sub-selections pick document fields: plain names, nested selections. `query_env` is set for the
// document level of a query's answer, where lookup(…) fields are allowed.
void CheckDocumentSelection(const std::vector<ast::Selection>& sels, const CheckEnv* query_env = nullptr) {
  for (const auto& s : sels) {
    if (s.computed || !s.pipes.empty()) {  // computed fields and pipes: planner/computed.h
      planner::CheckComputed(s);
      if (s.computed) {
        CheckNestedDirectives(s.directives);
        continue;
      }
    }
    if (s.name == "lookup" && query_env && s.kind == ast::Selection::Kind::Field) {
      CheckNestedDirectives(s.directives);
      CheckLookup(s, *query_env, [query_env](const std::vector<ast::Selection>& inner) {
        CheckDocumentSelection(inner, query_env);
      });
      continue;
    }
    if (s.name == "lookup") Fail(s.pos, "lookup is only allowed among the fields of a query's documents");
    if ((s.name == "aggregate" && s.has_selection_set) || s.name == "groupBy" || s.name == "pageInfo" ||
        (s.name == "edges" && s.has_selection_set)) {
      Fail(s.pos, s.name + " is only allowed directly in the selection of a query field, e.g. orders { " + s.name +
                      " … }");
    }
    if (!s.args.empty()) Fail(s.args[0].pos, "field '" + s.name + "' takes no arguments");
    CheckNestedDirectives(s.directives);
    CheckDocumentSelection(s.selections);
  }
}

void CheckResultSelection(const ast::Selection& field) {
  for (const auto& s : field.selections) {
    if (s.computed) Fail(s.pos, "computed field '" + s.alias + "' is not supported yet");
    if (!s.pipes.empty()) Fail(s.pipes[0].pos, "pipe '| " + s.pipes[0].name + "' is not supported yet");
    if (s.name != "affected" && s.name != "documents") {
      Fail(s.pos, "'" + field.name + "' gives {affected, documents}; unknown field '" + s.name + "'" +
                      internal::DidYouMean(s.name, {"affected", "documents"}));
    }
    if (!s.args.empty()) Fail(s.args[0].pos, "field '" + s.name + "' takes no arguments");
    if (s.name == "affected" && s.has_selection_set) Fail(s.pos, "'affected' is a number and has no fields");
    CheckNestedDirectives(s.directives);
    CheckDocumentSelection(s.selections);
  }
}

void CheckUniqueKeys(const std::vector<ast::Selection>& sels) {
  std::set<std::string> keys;
  for (const auto& s : sels) {
    std::string key = s.alias.empty() ? s.name : s.alias;
    if (!keys.insert(key).second) {
      Fail(s.pos, "two fields answer as '" + key + "': give one of them an alias (other: " + s.name + "(…))");
    }
  }
}

void CheckCollection(const ast::Selection& field, const ast::Value& v, const CheckEnv& env, bool writable) {
  if (v.kind != ast::Value::Kind::String) {
    Fail(v.pos, "'" + field.name + "' expects the collection name as a string literal");
  }
  if (!v.text.empty() && v.text[0] == '_' && env.is_system_collection && env.is_system_collection(v.text)) {
    if (writable) {
      Fail(v.pos, "system table '" + v.text + "' cannot be changed with " + field.name);
    }
    return;
  }
  std::string problem = internal::CollectionNameProblem(v.text);
  if (!problem.empty()) Fail(v.pos, problem);
}

void CheckQueryField(const ast::Selection& s, const CheckEnv& env) {
  if (s.computed) Fail(s.pos, "computed field '" + s.alias + "' is not supported yet");
  if (!s.pipes.empty()) Fail(s.pipes[0].pos, "pipe '| " + s.pipes[0].name + "' is not supported yet");
  if (IsTopLevelAggregate(s)) {
    CheckDirectives(s.directives, true);
    CheckTopLevelAggregate(s, env, [&env](const std::vector<ast::Selection>& sels) { CheckDocumentSelection(sels, &env); });
    return;
  }
  if (s.name == "aggregate" || s.name == "groupBy") {
    Fail(s.pos, s.name + " needs collection: \"name\" here, or goes inside a collection's selection: orders { " +
                    s.name + (s.name == "groupBy" ? "(field: \"category\") { key count } }" : " { count } }"));
  }
  if (s.name == "lookup") {
    Fail(s.pos, "lookup is a field inside a collection's selection: orders { user: lookup(collection: \"users\", "
                "localField: \"user_id\", foreignField: \"id\") { name } }");
  }
  if (s.name == "search") {
    Fail(s.pos, "search is an argument of a query field: products(search: { query: \"mouse\" }) { name score }");
  }
  if (s.name == "transaction") Fail(s.pos, "transaction is only allowed inside a mutation");
  for (const auto& name : BuiltinMutationNames()) {
    if (s.name == name) Fail(s.pos, "'" + s.name + "' is a mutation: write it inside mutation { … }");
  }
  ast::Value name_value;
  name_value.kind = ast::Value::Kind::String;
  name_value.text = s.name;
  name_value.pos = s.pos;
  if (!s.name.empty() && s.name[0] == '_' && !(env.is_system_collection && env.is_system_collection(s.name))) {
    Fail(s.pos, "unknown system table '" + s.name + "' (names starting with '_' are reserved)");
  }
  CheckCollection(s, name_value, env, false);
  CheckDirectives(s.directives, true);
  for (const auto& a : s.args) {
    if (a.name == "where") {
      if (a.value.kind != ast::Value::Kind::Variable) CheckFilter(a.value);
    } else if (a.name == "orderBy") {
      CheckOrderBy(a.value);
    } else if (a.name == "limit" || a.name == "offset") {
      CheckCount(a);
    } else if (a.name == "groupBy" || a.name == "aggregate" || a.name == "lookup") {
      Fail(a.pos, "'" + a.name + "' is not an argument: select it, e.g. " + s.name + " { " +
                      (a.name == "groupBy" ? "groupBy(field: \"category\") { key count }"
                       : a.name == "aggregate" ? "aggregate { count }"
                                               : "user: lookup(collection: \"users\", localField: \"user_id\", "
                                                 "foreignField: \"id\") { name }") +
                      " }");
    } else if (a.name == "search") {
      planner::CheckSearchArgument(a);  // planner/search.h
    } else if (IsPageArgument(a.name)) {
      // CheckPageArguments below
    } else {
      Fail(a.pos, "unknown argument '" + a.name + "' for query field '" + s.name + "'" +
                      internal::DidYouMean(a.name, {"where", "orderBy", "limit", "offset", "first", "after", "last",
                                                    "before", "search"}));
    }
  }
  std::set<std::string> seen;
  for (const auto& a : s.args) {
    if (!seen.insert(a.name).second) Fail(a.pos, "argument '" + a.name + "' is given twice");
  }
  CheckPageArguments(s);
  CheckQuerySelection(s, [&env](const std::vector<ast::Selection>& sels) { CheckDocumentSelection(sels, &env); });
}

struct ArgSpec {
  std::vector<std::string> names;  // first is the canonical spelling
  bool required;
  enum Kind { Collection, Filter, Data, DataList } kind;
};

void CheckArgs(const ast::Selection& s, const std::vector<ArgSpec>& specs, const CheckEnv& env, bool update) {
  std::vector<std::string> all;
  for (const auto& spec : specs) all.insert(all.end(), spec.names.begin(), spec.names.end());
  std::set<const ArgSpec*> seen;
  for (const auto& a : s.args) {
    const ArgSpec* spec = nullptr;
    for (const auto& sp : specs) {
      if (std::find(sp.names.begin(), sp.names.end(), a.name) != sp.names.end()) spec = &sp;
    }
    if (!spec) {
      Fail(a.pos, "unknown argument '" + a.name + "' for '" + s.name + "'" + internal::DidYouMean(a.name, all));
    }
    if (!seen.insert(spec).second) Fail(a.pos, "argument '" + spec->names[0] + "' is given twice");
    switch (spec->kind) {
      case ArgSpec::Collection: CheckCollection(s, a.value, env, true); break;
      case ArgSpec::Filter:
        if (a.value.kind != ast::Value::Kind::Variable) CheckFilter(a.value);
        break;
      case ArgSpec::Data: CheckData(a.value, update); break;
      case ArgSpec::DataList:
        if (a.value.kind == ast::Value::Kind::Variable) break;
        if (a.value.kind != ast::Value::Kind::List) Fail(a.value.pos, "'" + a.name + "' expects a list of objects");
        for (const auto& item : a.value.items) CheckData(item, false);
        break;
    }
  }
  for (const auto& spec : specs) {
    if (spec.required && !seen.count(&spec)) {
      std::string hint = spec.kind == ArgSpec::Filter ? " (use where: {} to match every document)" : "";
      Fail(s.pos, "'" + s.name + "' needs the argument '" + spec.names[0] + "'" + hint);
    }
  }
}

void CheckMutationField(const ast::Selection& s, const CheckEnv& env) {
  if (s.computed) Fail(s.pos, "computed field '" + s.alias + "' is not supported yet");
  if (!s.pipes.empty()) Fail(s.pipes[0].pos, "pipe '| " + s.pipes[0].name + "' is not supported yet");
  CheckDirectives(s.directives);
  const std::string& n = s.name;
  if (n == "transaction") {
    if (!s.args.empty()) Fail(s.args[0].pos, "transaction takes no arguments");
    if (s.selections.empty()) Fail(s.pos, "transaction { … } needs at least one mutation field");
    CheckUniqueKeys(s.selections);
    for (const auto& inner : s.selections) CheckMutationField(inner, env);
    return;
  }
  ArgSpec collection{{"collection", "into", "from"}, true, ArgSpec::Collection};
  if (n == "insertInto" || n == "insert") {
    CheckArgs(s, {collection, {{"data", "document"}, true, ArgSpec::Data}}, env, false);
    CheckDocumentSelection(s.selections);
  } else if (n == "insertMany") {
    CheckArgs(s, {collection, {{"data", "documents"}, true, ArgSpec::DataList}}, env, false);
    CheckResultSelection(s);
  } else if (n == "update" || n == "upsert") {
    CheckArgs(s, {collection, {{"where"}, true, ArgSpec::Filter}, {{"data", "set"}, true, ArgSpec::Data}}, env, true);
    CheckResultSelection(s);
  } else if (n == "deleteFrom" || n == "delete") {
    CheckArgs(s, {collection, {{"where"}, true, ArgSpec::Filter}}, env, false);
    CheckResultSelection(s);
  } else if (env.mutations && env.mutations->count(n)) {
    // validated by the extension's Compile()
  } else {
    std::vector<std::string> names = BuiltinMutationNames();
    names.push_back("transaction");
    if (env.mutations) {
      for (const auto& [name, ext] : *env.mutations) names.push_back(name);
    }
    for (const char* later : {"enqueueJob", "enqueueJobs", "cancelJob", "retryJob"}) {
      if (n == later) Fail(s.pos, n + " is not supported yet");
    }
    Fail(s.pos, "unknown mutation '" + n + "'" + internal::DidYouMean(n, names));
  }
}

}  // namespace

void CheckFilterValue(const ast::Value& where) { CheckFilter(where); }

const std::vector<std::string>& BuiltinMutationNames() {
  static const std::vector<std::string> kNames = {"insertInto", "insert", "insertMany", "update",
                                                  "upsert",     "deleteFrom", "delete"};
  return kNames;
}

const ast::Argument* FindArg(const ast::Selection& field, std::initializer_list<std::string_view> names) {
  for (const auto& a : field.args) {
    for (std::string_view n : names) {
      if (a.name == n) return &a;
    }
  }
  return nullptr;
}

CheckedOperation Check(const ast::Operation& op, const CheckEnv& env) {
  if (op.kind != ast::Operation::Kind::Query && op.kind != ast::Operation::Kind::Mutation) {
    Fail(op.pos, std::string(KindName(op.kind)) + " is not supported yet");
  }
  for (const auto& d : op.directives) {
    if (d.name == "explain") {
      if (!d.args.empty()) Fail(d.args[0].pos, "@explain takes no arguments");
      continue;
    }
    Fail(d.pos, "unknown directive '@" + d.name + "' on an operation" + internal::DidYouMean(d.name, {"explain"}));
  }
  CheckedOperation out;
  out.op = op;
  out.op.selections.clear();
  Expansion expansion;
  if (env.fragments) {
    for (const auto& f : *env.fragments) expansion.fragments[f.name] = &f;
  }
  Expand(op.selections, out.op.selections, env, expansion);

  // Variables: declared once, known types, every use declared.
  std::map<std::string, const ast::VariableDefinition*> declared;
  for (const auto& def : op.variables) {
    if (!declared.emplace(def.name, &def).second) Fail(def.pos, "variable '$" + def.name + "' is declared twice");
    CheckTypeRef(def.type);
    if (def.default_value) {
      std::vector<const ast::Value*> inner;
      CollectVariableUses(*def.default_value, inner);
      if (!inner.empty()) Fail(inner[0]->pos, "a default value cannot use variables");
    }
  }
  std::vector<const ast::Value*> uses;
  CollectVariableUses(out.op.selections, uses);
  std::vector<std::string> names;
  for (const auto& [name, def] : declared) names.push_back(name);
  for (const ast::Value* use : uses) {
    if (!declared.count(use->text)) {
      Fail(use->pos, "undeclared variable '$" + use->text + "'" + internal::DidYouMean(use->text, names) +
                         ": declare it, e.g. query ($" + use->text + ": String) { … }");
    }
  }
  if (out.op.selections.empty()) Fail(op.pos, std::string(KindName(op.kind)) + " selects nothing");
  CheckUniqueKeys(out.op.selections);
  for (const auto& s : out.op.selections) {
    if (op.kind == ast::Operation::Kind::Query) {
      CheckQueryField(s, env);
    } else {
      CheckMutationField(s, env);
    }
  }
  CheckVariableUsage(out.op, declared);
  return out;
}

}  // namespace aurora::checker
