#include "executor/schema_guard.h"

#include "common/aql_error.h"
#include "common/suggest.h"
#include "executor/log_purpose.h"
#include "storage/catalog.h"

namespace aurora::executor {
namespace {

std::string Shown(const Json& v) {
  std::string s = v.dump();
  if (s.size() > 80) s = s.substr(0, 80) + "…";
  return s;
}

}  // namespace

void CheckCollectionName(ExecContext& ctx, const std::string& collection, const ast::Pos& pos, bool warn_if_missing) {
  if (collection.empty() || collection[0] == '_') return;
  std::string found;
  {
    LogPurpose purpose(ctx, "collection");
    found = storage::CollectionIgnoringCase(ctx.conn, collection);
  }
  if (found == collection) return;
  if (!found.empty()) {
    throw internal::AqlError(ErrorCode::ValidationError, storage::CaseClashMessage(collection, found), pos.line,
                             pos.column);
  }
  if (!warn_if_missing || !ctx.handler_chain.empty()) return;
  std::vector<std::string> names;
  {
    LogPurpose purpose(ctx, "collection");
    names = storage::ListCollections(ctx.conn);
  }
  for (const auto& [name, resolver] : ctx.resolvers) names.push_back(name);
  std::string near = internal::NearestName(collection, names);
  if (near.empty()) return;
  ctx.warnings.push_back(Warning{WarningCode::UnknownCollection,
                                 "collection '" + collection + "' does not exist (did you mean '" + near + "'?)",
                                 pos.line, pos.column});
}

const storage::CollectionSchema* SchemaFor(ExecContext& ctx, const std::string& collection) {
  auto it = ctx.schemas.find(collection);
  if (it == ctx.schemas.end()) {
    LogPurpose purpose(ctx, "schema");
    it = ctx.schemas.emplace(collection, storage::LoadSchema(ctx.conn, collection)).first;
  }
  return it->second ? &*it->second : nullptr;
}

void FillDefaults(const storage::CollectionSchema& schema, Json& doc) {
  if (!doc.is_object()) return;
  for (const auto& f : schema.fields) {
    if (!f.default_value) continue;
    const Json* v = doc.find(f.name);
    if (!v || v->is_null()) doc.set(f.name, *f.default_value);
  }
}

void ValidateDocument(const storage::CollectionSchema& schema, const std::string& collection, const Json& doc) {
  for (const auto& f : schema.fields) {
    const Json* v = doc.find(f.name);
    if (!v || v->is_null()) {
      if (f.required) {
        throw internal::AqlError(ErrorCode::ConstraintViolation, "field '" + f.name + "' of '" + collection +
                                                                     "' is required (" + f.type + "), got " +
                                                                     (v ? "null" : "nothing"));
      }
      continue;
    }
    if (!storage::ValueHasType(*v, f.type)) {
      throw internal::AqlError(ErrorCode::ConstraintViolation,
                               "field '" + f.name + "' of '" + collection + "' expects " + f.type + ", got " + Shown(*v));
    }
  }
}

std::string UniqueViolationMessage(const storage::CollectionSchema* schema, const std::string& collection,
                                   const Json& doc, const storage::SqliteError& error) {
  if (!schema) return "";
  std::string_view what = error.what();
  for (const auto& f : schema->fields) {
    if (!f.unique) continue;
    if (what.find("'" + storage::FieldIndexName(collection, f.name) + "'") == std::string_view::npos) continue;
    return "field '" + f.name + "' of '" + collection + "' must be unique: " + Shown(doc[f.name]) +
           " is already used by another document";
  }
  return "";
}

}  // namespace aurora::executor
