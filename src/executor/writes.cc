// insert / insertMany / update / upsert / delete. Rows are chosen by SQL (sqlgen::MatchSql);
// documents are changed in memory (executor/update_apply.h) and written back by id.
#include "common/aql_error.h"
#include "common/document_limits.h"
#include "common/ids.h"
#include "common/names.h"
#include "executor/executor.h"
#include "executor/log_purpose.h"
#include "executor/schema_guard.h"
#include "executor/steps.h"
#include "executor/update_apply.h"
#include "planner/bind.h"
#include "planner/planner.h"
#include "sqlgen/sqlgen.h"
#include "storage/catalog.h"

namespace aurora::executor {
namespace {

using internal::AqlError;

using internal::Fail;

const sqlgen::FieldResolver& WritableResolver(const std::string& collection, const ExecContext& ctx,
                                              const ast::Pos& pos) {
  const sqlgen::FieldResolver& r = sqlgen::ResolverFor(ctx.resolvers, collection);
  if (!r.Writable()) Fail(pos, "system table '" + collection + "' cannot be changed this way");
  return r;
}

void Notify(ExecContext& ctx, WriteEvent::Kind kind, const std::string& collection, const Json& doc,
            const Json* old_doc) {
  if (ctx.on_write && *ctx.on_write) (*ctx.on_write)(ctx, WriteEvent{kind, collection, doc, old_doc});
}

// A new document from insert data: id first (given or generated), then the fields.
Json NewDocument(const Json& data, const ast::Value& source, const std::string& collection) {
  if (!data.is_object()) Fail(source.pos, "a document must be an object, got " + data.dump());
  Json doc = Json::object();
  const Json* id = data.find("id");
  if (id) {
    if (!id->is_string() || id->as_string().empty()) Fail(source.pos, "id must be a non-empty string, got " + id->dump());
    doc.set("id", *id);
  } else {
    doc.set("id", internal::NewId());
  }
  for (const auto& [key, value] : data.as_object()) {
    if (key == "id") continue;
    std::string problem = internal::FieldPathProblem(key);
    if (!problem.empty()) Fail(source.pos, problem + " (in a document for '" + collection + "')");
    SetPath(doc, planner::MakePath(key, source.pos).segments, value);
  }
  return doc;
}

// Refuses a document that could not be read back (internal/document_limits.h), at `pos`.
void CheckStorable(const Json& doc, const ast::Pos& pos) {
  std::string problem = internal::DocumentProblem(doc);
  if (!problem.empty()) Fail(pos, problem);
}

void WriteNew(ExecContext& ctx, const sqlgen::FieldResolver& resolver, const std::string& collection,
              Json& doc, const ast::Pos& pos) {
  CheckStorable(doc, pos);
  if (const storage::CollectionSchema* schema = SchemaFor(ctx, collection)) {
    FillDefaults(*schema, doc);
    ValidateDocument(*schema, collection, doc);
  }
  LogPurpose purpose(ctx, "insert");
  storage::Statement& st = ctx.conn.Prepare(sqlgen::InsertSql(resolver, collection));
  st.Bind(1, doc["id"].as_string());
  st.Bind(2, doc.dump());
  try {
    st.Step();
  } catch (const storage::SqliteError& e) {
    st.Reset();
    if (storage::IsConstraintViolation(e)) {
      std::string unique = UniqueViolationMessage(SchemaFor(ctx, collection), collection, doc, e);
      if (!unique.empty()) throw AqlError(ErrorCode::ConstraintViolation, unique);
      throw AqlError(ErrorCode::ConstraintViolation,
                     "a document with id '" + doc["id"].as_string() + "' already exists in '" + collection + "'");
    }
    throw;
  }
  st.Reset();
  Notify(ctx, WriteEvent::Kind::Insert, collection, doc, nullptr);
}

struct Row {
  std::string id;
  Json doc;
};

std::vector<Row> Match(const std::string& collection, const plan::Filter& where, const sqlgen::FieldResolver& resolver,
                       ExecContext& ctx) {
  sqlgen::SqlStatement sql = sqlgen::MatchSql(collection, where, resolver, ctx.variables);
  LogPurpose purpose(ctx, "match");
  std::vector<Row> rows;
  storage::Statement* prepared = nullptr;
  try {
    prepared = &ctx.conn.Prepare(sql.sql);
  } catch (const storage::SqliteError& e) {
    if (storage::IsMissingTable(e)) return rows;  // nothing to change in a collection not created yet
    throw;
  }
  storage::Statement& st = *prepared;
  st.BindAll(sql.binds);
  while (st.Step()) {
    std::optional<Json> doc = Json::parse(st.TextView(1));
    if (!doc) {
      st.Reset();
      throw AqlError(ErrorCode::Internal, "stored document in '" + collection + "' is not JSON");
    }
    rows.push_back({st.Text(0), std::move(*doc)});
  }
  st.Reset();
  return rows;
}

Json Result(std::int64_t affected, Json documents, const plan::Projection& projection) {
  return Project(Json::object({{"affected", Json(static_cast<long long>(affected))}, {"documents", std::move(documents)}}),
                 projection);
}

// Fields an upsert copies from its filter into a new document: `field: v` / `field: {eq: v}`.
void SeedFromFilter(const plan::Filter& where, const Json& variables, Json& doc) {
  if (where.kind == plan::Filter::Kind::And) {
    for (const auto& c : where.children) SeedFromFilter(c, variables, doc);
  } else if (where.kind == plan::Filter::Kind::Compare && where.op == plan::FilterOp::Eq) {
    Json v = planner::ResolveValue(where.operand, variables);
    if (!v.is_null()) SetPath(doc, where.field.segments, std::move(v));
  } else if (where.kind == plan::Filter::Kind::Dynamic) {  // checked when the rows were matched
    ast::Value w = planner::ToAst(planner::ResolveValue(where.operand, variables), where.pos);
    SeedFromFilter(planner::BuildFilter(w), variables, doc);
  }
}

void EnsureCollection(ExecContext& ctx, const std::string& collection, const ast::Pos& pos) {
  LogPurpose purpose(ctx, "collection");
  if (!storage::EnsureCollection(ctx.conn, collection)) Fail(pos, storage::CaseClashMessage(ctx.conn, collection));
}

}  // namespace

Json RunInsert(const plan::Insert& ins, ExecContext& ctx) {
  const sqlgen::FieldResolver& resolver = WritableResolver(ins.collection, ctx, ins.data.pos);
  Json data = planner::ResolveValue(ins.data, ctx.variables);
  if (ins.many && !data.is_array()) Fail(ins.data.pos, "insertMany expects a list of documents, got " + data.dump());
  EnsureCollection(ctx, ins.collection, ins.data.pos);
  if (!ins.many) {
    Json doc = NewDocument(data, ins.data, ins.collection);
    WriteNew(ctx, resolver, ins.collection, doc, ins.data.pos);
    return Project(doc, ins.projection);
  }
  Json docs = Json::array();
  for (size_t i = 0; i < data.as_array().size(); ++i) {
    const ast::Value& source =
        ins.data.kind == ast::Value::Kind::List && i < ins.data.items.size() ? ins.data.items[i] : ins.data;
    Json doc = NewDocument(data.as_array()[i], source, ins.collection);
    WriteNew(ctx, resolver, ins.collection, doc, source.pos);
    docs.push_back(std::move(doc));
  }
  std::int64_t n = static_cast<std::int64_t>(docs.size());
  return Result(n, std::move(docs), ins.projection);
}

Json RunUpdate(const plan::Update& up, ExecContext& ctx) {
  const sqlgen::FieldResolver& resolver = WritableResolver(up.collection, ctx, up.data.pos);
  Json data = planner::ResolveValue(up.data, ctx.variables);
  if (!data.is_object()) Fail(up.data.pos, "data expects an object, got " + data.dump());
  std::vector<Row> rows = Match(up.collection, up.where, resolver, ctx);
  Json docs = Json::array();
  if (rows.empty() && up.upsert) {
    Json seed = Json::object();
    SeedFromFilter(up.where, ctx.variables, seed);
    ApplyUpdate(seed, data, up.data);
    Json doc = NewDocument(seed, up.data, up.collection);
    EnsureCollection(ctx, up.collection, up.data.pos);
    WriteNew(ctx, resolver, up.collection, doc, up.data.pos);
    docs.push_back(std::move(doc));
    return Result(1, std::move(docs), up.projection);
  }
  const std::string sql = sqlgen::ReplaceSql(resolver, up.collection);
  for (Row& row : rows) {
    Json old = row.doc;
    ApplyUpdate(row.doc, data, up.data);
    CheckStorable(row.doc, up.data.pos);
    const storage::CollectionSchema* schema = SchemaFor(ctx, up.collection);
    if (schema) ValidateDocument(*schema, up.collection, row.doc);
    LogPurpose purpose(ctx, "update");
    storage::Statement& st = ctx.conn.Prepare(sql);
    st.Bind(1, row.doc.dump());
    st.Bind(2, row.id);
    try {
      st.Step();
    } catch (const storage::SqliteError& e) {
      st.Reset();
      std::string unique = storage::IsConstraintViolation(e) ? UniqueViolationMessage(schema, up.collection, row.doc, e) : "";
      if (!unique.empty()) throw AqlError(ErrorCode::ConstraintViolation, unique);
      throw;
    }
    st.Reset();
    Notify(ctx, WriteEvent::Kind::Update, up.collection, row.doc, &old);
    docs.push_back(std::move(row.doc));
  }
  std::int64_t n = static_cast<std::int64_t>(docs.size());
  return Result(n, std::move(docs), up.projection);
}

Json RunDelete(const plan::Delete& del, ExecContext& ctx) {
  const sqlgen::FieldResolver& resolver = WritableResolver(del.collection, ctx, del.where.pos);
  std::vector<Row> rows = Match(del.collection, del.where, resolver, ctx);
  const std::string sql = sqlgen::DeleteByIdSql(resolver, del.collection);
  Json docs = Json::array();
  for (Row& row : rows) {
    LogPurpose purpose(ctx, "delete");
    storage::Statement& st = ctx.conn.Prepare(sql);
    st.Bind(1, row.id);
    st.Step();
    st.Reset();
    Notify(ctx, WriteEvent::Kind::Delete, del.collection, row.doc, nullptr);
    docs.push_back(std::move(row.doc));
  }
  std::int64_t n = static_cast<std::int64_t>(docs.size());
  return Result(n, std::move(docs), del.projection);
}

}  // namespace aurora::executor
