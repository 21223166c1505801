#include "executor/schema_exec.h"

#include "checker/schema_check.h"
#include "common/aql_error.h"
#include "common/suggest.h"
#include "executor/exec_context.h"
#include "executor/schema_guard.h"
#include "storage/search_index.h"
#include "storage/catalog.h"
#include "storage/schema.h"

namespace aurora::executor {
namespace {

using internal::AqlError;
using storage::CollectionSchema;
using storage::FieldSchema;

using internal::Fail;

std::string PathLiteral(const std::string& field) { return "'$." + field + "'"; }

// Every document of the collection must fit the schema.
void CheckAllDocuments(storage::Connection& conn, const std::string& collection, const CollectionSchema& schema,
                       const ast::Pos& pos) {
  auto st = conn.PrepareUncached("SELECT id, doc FROM " + storage::QuoteIdentifier(collection));
  while (st->Step()) {
    std::optional<Json> doc = Json::parse(st->TextView(1));
    if (!doc) continue;
    try {
      ValidateDocument(schema, collection, *doc);
    } catch (const AqlError& e) {
      Fail(ErrorCode::ConstraintViolation, pos, "document '" + st->Text(0) + "' does not fit: " + e.error().message);
    }
  }
}

// Documents missing `field` (or holding null) get its default.
void FillDefault(storage::Connection& conn, const std::string& collection, const FieldSchema& field) {
  if (!field.default_value) return;
  std::string path = PathLiteral(field.name);
  storage::Statement& st = conn.Prepare("UPDATE " + storage::QuoteIdentifier(collection) + " SET doc = json_set(doc, " +
                                        path + ", json(?1)) WHERE coalesce(json_type(doc, " + path + "), 'null') = 'null'");
  st.Bind(1, field.default_value->dump());
  st.Step();
  st.Reset();
}

void CreateIndex(storage::Connection& conn, const std::string& collection, const FieldSchema& field,
                 const ast::Pos& pos) {
  try {
    storage::CreateFieldIndex(conn, collection, field);
  } catch (const storage::SqliteError& e) {
    if (!storage::IsConstraintViolation(e)) throw;
    Fail(ErrorCode::ConstraintViolation, pos,
         "cannot make '" + field.name + "' of '" + collection + "' @unique: documents share a value");
  }
}

bool InSomeDocument(storage::Connection& conn, const std::string& collection, const std::string& field) {
  auto st = conn.PrepareUncached("SELECT 1 FROM " + storage::QuoteIdentifier(collection) + " WHERE json_type(doc, " +
                                 PathLiteral(field) + ") IS NOT NULL LIMIT 1");
  return st->Step();
}

// A field drop or rename names: declared in the schema, or (`undeclared_ok`) at least present in
// some document.
const FieldSchema* Existing(storage::Connection& conn, const CollectionSchema& schema, const std::string& collection,
                            const std::string& name, const ast::Pos& pos, bool undeclared_ok) {
  const FieldSchema* f = schema.Find(name);
  if (!f && !(undeclared_ok && InSomeDocument(conn, collection, name))) {
    std::vector<std::string> names;
    for (const auto& x : schema.fields) names.push_back(x.name);
    Fail(ErrorCode::ValidationError, pos,
         "collection '" + collection + "' has no field '" + name + "'" + (undeclared_ok ? "" : " in its schema") +
             internal::DidYouMean(name, names));
  }
  return f;
}

bool Define(ExecContext& ctx, const ast::SchemaStatement& st) {
  storage::Connection& conn = ctx.conn;
  std::optional<CollectionSchema> existing = storage::LoadSchema(conn, st.collection);
  if (existing) {
    if (st.if_not_exists) return false;
    Fail(ErrorCode::ValidationError, st.pos,
         "collection '" + st.collection + "' is already defined (write 'define collection " + st.collection +
             " if not exists', or change it with 'alter collection')");
  }
  CollectionSchema schema;
  for (const auto& f : st.fields) schema.fields.push_back(checker::ToFieldSchema(f));
  if (!storage::EnsureCollection(conn, st.collection)) Fail(st.pos, storage::CaseClashMessage(conn, st.collection));
  for (const auto& f : schema.fields) FillDefault(conn, st.collection, f);
  CheckAllDocuments(conn, st.collection, schema, st.pos);
  for (std::size_t i = 0; i < schema.fields.size(); ++i) CreateIndex(conn, st.collection, schema.fields[i], st.fields[i].pos);
  storage::SaveSchema(conn, st.collection, &schema);
  storage::SyncSearchIndex(conn, st.collection, nullptr, &schema);
  return true;
}

bool Alter(ExecContext& ctx, const ast::SchemaStatement& st) {
  storage::Connection& conn = ctx.conn;
  if (!storage::CollectionExists(conn, st.collection)) {
    Fail(ErrorCode::NotFound, st.pos, "no collection '" + st.collection + "' to alter (define it first)");
  }
  const CollectionSchema before = storage::LoadSchema(conn, st.collection).value_or(CollectionSchema{});
  CollectionSchema schema = before;
  const std::string table = storage::QuoteIdentifier(st.collection);
  for (const auto& a : st.actions) {
    switch (a.kind) {
      case ast::AlterAction::Kind::Add: {
        if (schema.Find(a.field.name)) {
          Fail(ErrorCode::ValidationError, a.field.pos,
               "field '" + a.field.name + "' is already in the schema of '" + st.collection + "' (use modify field)");
        }
        FieldSchema f = checker::ToFieldSchema(a.field);
        FillDefault(conn, st.collection, f);
        schema.fields.push_back(f);
        CheckAllDocuments(conn, st.collection, schema, a.field.pos);
        CreateIndex(conn, st.collection, f, a.field.pos);
        break;
      }
      case ast::AlterAction::Kind::Drop: {
        Existing(conn, schema, st.collection, a.name, a.pos, true);
        storage::DropFieldIndex(conn, st.collection, a.name);
        conn.Exec("UPDATE " + table + " SET doc = json_remove(doc, " + PathLiteral(a.name) + ") WHERE json_type(doc, " +
                  PathLiteral(a.name) + ") IS NOT NULL");
        std::erase_if(schema.fields, [&](const FieldSchema& f) { return f.name == a.name; });
        break;
      }
      case ast::AlterAction::Kind::Rename: {
        const FieldSchema* declared = Existing(conn, schema, st.collection, a.name, a.pos, true);
        if (schema.Find(a.new_name)) {
          Fail(ErrorCode::ValidationError, a.pos,
               "cannot rename '" + a.name + "' to '" + a.new_name + "': '" + st.collection + "' already has that field");
        }
        storage::DropFieldIndex(conn, st.collection, a.name);
        std::string from = PathLiteral(a.name);
        conn.Exec("UPDATE " + table + " SET doc = json_remove(json_set(doc, " + PathLiteral(a.new_name) + ", json(doc -> " +
                  from + ")), " + from + ") WHERE json_type(doc, " + from + ") IS NOT NULL");
        if (declared) {
          FieldSchema* f = schema.Find(a.name);
          f->name = a.new_name;
          CreateIndex(conn, st.collection, *f, a.pos);
        }
        break;
      }
      case ast::AlterAction::Kind::Modify: {
        Existing(conn, schema, st.collection, a.field.name, a.field.pos, false);
        FieldSchema* f = schema.Find(a.field.name);
        storage::DropFieldIndex(conn, st.collection, f->name);
        *f = checker::ToFieldSchema(a.field);
        FillDefault(conn, st.collection, *f);
        CheckAllDocuments(conn, st.collection, schema, a.field.pos);
        CreateIndex(conn, st.collection, *f, a.field.pos);
        break;
      }
    }
  }
  storage::SaveSchema(conn, st.collection, &schema);
  storage::SyncSearchIndex(conn, st.collection, &before, &schema);
  return true;
}

bool Drop(ExecContext& ctx, const ast::SchemaStatement& st) {
  storage::Connection& conn = ctx.conn;
  if (!storage::CollectionExists(conn, st.collection)) {
    if (st.if_exists) return false;
    Fail(ErrorCode::NotFound, st.pos,
         "no collection '" + st.collection + "' to drop (write 'drop collection " + st.collection + " if exists')");
  }
  std::optional<CollectionSchema> before = storage::LoadSchema(conn, st.collection);
  storage::SyncSearchIndex(conn, st.collection, before ? &*before : nullptr, nullptr);
  conn.ClearStatementCache();
  conn.Exec("DROP TABLE IF EXISTS " + storage::QuoteIdentifier(st.collection));
  storage::Statement& del = conn.Prepare("DELETE FROM _collections WHERE name = ?1");
  del.Bind(1, st.collection);
  del.Step();
  del.Reset();
  return true;
}

class SchemaStep : public plan::CustomStep {
 public:
  explicit SchemaStep(std::vector<ast::SchemaStatement> statements) : statements_(std::move(statements)) {}

  Json Run(ExecContext& ctx) const override {
    Json out = Json::array();
    for (const auto& st : statements_) {
      bool applied = false;
      const char* action = "define";
      switch (st.kind) {
        case ast::SchemaStatement::Kind::DefineCollection: applied = Define(ctx, st); break;
        case ast::SchemaStatement::Kind::AlterCollection: action = "alter"; applied = Alter(ctx, st); break;
        case ast::SchemaStatement::Kind::DropCollection: action = "drop"; applied = Drop(ctx, st); break;
      }
      ctx.schemas.clear();
      out.push_back(Json::object({{"collection", st.collection}, {"action", action}, {"applied", applied}}));
    }
    return out;
  }

 private:
  std::vector<ast::SchemaStatement> statements_;
};

}  // namespace

plan::Plan BuildSchemaPlan(const ast::Operation& op) {
  plan::Plan plan;
  plan.kind = plan::Plan::Kind::Mutation;
  plan::Step step;
  step.key = step.name = "schema";
  step.pos = op.pos;
  step.node = std::make_shared<const SchemaStep>(op.schema);
  plan.steps.push_back(std::move(step));
  return plan;
}

}  // namespace aurora::executor
