#include "checker/schema_check.h"

#include <algorithm>
#include <set>

#include "common/aql_error.h"
#include "common/names.h"
#include "common/suggest.h"
#include "planner/bind.h"
#include "storage/search_index.h"

namespace aurora::checker {
namespace {

using internal::Fail;

void CheckFieldName(const std::string& name, const ast::Pos& pos) {
  if (!internal::IsIdentifier(name)) Fail(pos, "invalid field name '" + name + "'");
  if (name == "id") Fail(pos, "field 'id' is built in (every document has a string id): do not declare, rename or drop it");
}

void CheckType(const ast::TypeRef& type) {
  if (type.is_list()) {
    CheckType(type.element[0]);
    return;
  }
  const auto& known = storage::SchemaTypeNames();
  if (std::find(known.begin(), known.end(), type.name) == known.end()) {
    Fail(type.pos, "unknown field type '" + type.name + "'" + internal::DidYouMean(type.name, known) +
                       " (types: String Int Float Boolean ID DateTime JSON Object Any, lists [T], ! for required)");
  }
}

bool IsStringType(const ast::TypeRef& type) {
  if (type.is_list()) return IsStringType(type.element[0]);
  return type.name == "String";
}

void CheckFieldDefinition(const ast::FieldDefinition& def) {
  CheckFieldName(def.name, def.pos);
  CheckType(def.type);
  std::set<std::string> seen;
  for (const auto& d : def.directives) {
    const auto& names = SchemaDirectiveNames();
    if (std::find(names.begin(), names.end(), d.name) == names.end()) {
      Fail(d.pos, "unknown field directive '@" + d.name + "'" +
                      internal::DidYouMean("@" + d.name, {"@unique", "@indexed", "@search"}) +
                      " (field directives: @unique @indexed @search)");
    }
    if (!d.args.empty()) Fail(d.args[0].pos, "@" + d.name + " takes no arguments");
    if (!seen.insert(d.name).second) Fail(d.pos, "@" + d.name + " is given twice");
    if (d.name == "search" && !IsStringType(def.type)) {
      Fail(d.pos, "@search needs a String field; '" + def.name + "' is " + planner::TypeToString(def.type));
    }
    if (d.name == "search" && storage::IsReservedSearchColumn(def.name)) {
      Fail(d.pos, "a field called '" + def.name + "' cannot be @search (the full-text index reserves the name)");
    }
  }
  if (def.default_value) {
    if (ast::HasVariable(*def.default_value)) Fail(def.default_value->pos, "a default value cannot use variables");
    Json v = planner::ResolveValue(*def.default_value, Json::object());
    std::string type = planner::TypeToString(def.type);
    if (v.is_null() ? def.type.non_null : !storage::ValueHasType(v, type)) {
      Fail(def.default_value->pos, "default value " + v.dump() + " of '" + def.name + "' does not fit its type " + type);
    }
  }
}

void CheckStatement(const ast::SchemaStatement& st) {
  std::string problem = internal::CollectionNameProblem(st.collection);
  if (!problem.empty()) Fail(st.pos, problem);
  switch (st.kind) {
    case ast::SchemaStatement::Kind::DefineCollection: {
      std::set<std::string> names;
      for (const auto& f : st.fields) {
        CheckFieldDefinition(f);
        if (!names.insert(f.name).second) Fail(f.pos, "field '" + f.name + "' is declared twice");
      }
      break;
    }
    case ast::SchemaStatement::Kind::AlterCollection:
      if (st.actions.empty()) Fail(st.pos, "alter collection " + st.collection + " { … } has no changes (add, drop, rename, modify)");
      for (const auto& a : st.actions) {
        switch (a.kind) {
          case ast::AlterAction::Kind::Add:
          case ast::AlterAction::Kind::Modify: CheckFieldDefinition(a.field); break;
          case ast::AlterAction::Kind::Drop: CheckFieldName(a.name, a.pos); break;
          case ast::AlterAction::Kind::Rename:
            CheckFieldName(a.name, a.pos);
            CheckFieldName(a.new_name, a.pos);
            break;
        }
      }
      break;
    case ast::SchemaStatement::Kind::DropCollection: break;
  }
}

}  // namespace

const std::vector<std::string>& SchemaDirectiveNames() {
  static const std::vector<std::string> kNames = {"unique", "indexed", "search"};
  return kNames;
}

void CheckSchemaOperation(const ast::Operation& op) {
  for (const auto& d : op.directives) Fail(d.pos, "unknown directive '@" + d.name + "' on a schema operation");
  if (op.schema.empty()) Fail(op.pos, "schema { } has no statements (define collection, alter collection, drop collection)");
  for (const auto& st : op.schema) CheckStatement(st);
}

storage::FieldSchema ToFieldSchema(const ast::FieldDefinition& def) {
  storage::FieldSchema f;
  f.name = def.name;
  f.type = planner::TypeToString(def.type);
  f.required = def.type.non_null;
  for (const auto& d : def.directives) {
    if (d.name == "unique") f.unique = f.indexed = true;
    if (d.name == "indexed") f.indexed = true;
    if (d.name == "search") f.search = true;
  }
  if (def.default_value) f.default_value = planner::ResolveValue(*def.default_value, Json::object());
  return f;
}

}  // namespace aurora::checker
