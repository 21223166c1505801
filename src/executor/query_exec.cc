// Connection answers: aggregate { … }, groupBy(…) { … }, nodes, edges, pageInfo.
#include "executor/query_exec.h"

#include <optional>

#include "common/aql_error.h"
#include "executor/executor.h"
#include "sqlgen/query_sql.h"

namespace aurora::executor {
namespace {

Json ParseColumn(storage::Statement& st, int col, const std::string& collection) {
  if (st.IsNull(col)) return Json();
  std::string error;
  std::optional<Json> v = Json::parse(st.TextView(col), &error);
  if (!v) throw internal::AqlError(ErrorCode::Internal, "stored value in '" + collection + "' is not JSON: " + error);
  return std::move(*v);
}

Json AggregateDefaults(const plan::Aggregate& aggregate) {
  Json out = Json::object();
  for (const auto& t : aggregate.terms) {
    bool zero = t.fn == plan::AggregateFn::Count || t.fn == plan::AggregateFn::Sum;
    out.set(t.key, zero ? Json(0) : Json());
  }
  return out;
}

// Reads the terms of `aggregate` from columns col, col+1 … (advancing col).
Json ReadTerms(storage::Statement& st, const plan::Aggregate& aggregate, int& col) {
  Json out = Json::object();
  for (const auto& t : aggregate.terms) out.set(t.key, SqlValueJson(st.Value(col++)));
  return out;
}

Json RunAggregate(const plan::CollectionScan& scan, const plan::Aggregate& aggregate, ExecContext& ctx,
                  const sqlgen::FieldResolver& resolver, std::string_view member_key) {
  storage::Statement* st = PrepareQuery(ctx, sqlgen::AggregateSql(scan, aggregate, resolver, ctx.variables),
                                        Purpose("aggregate", member_key), scan.collection);
  if (!st || !st->Step()) {
    if (st) st->Reset();
    return AggregateDefaults(aggregate);
  }
  int col = 0;
  Json out = ReadTerms(*st, aggregate, col);
  st->Reset();
  return out;
}

Json RunGroupBy(const plan::CollectionScan& scan, const plan::GroupBy& group_by, ExecContext& ctx,
                const sqlgen::FieldResolver& resolver, std::string_view member_key) {
  Json out = Json::array();
  storage::Statement* st = PrepareQuery(ctx, sqlgen::GroupBySql(scan, group_by, resolver, ctx.variables),
                                        Purpose("groupBy", member_key), scan.collection);
  if (st) {  // null: no table yet, or @explain (which still goes on to record the lookups' statements)
    const int nkeys = static_cast<int>(group_by.fields.size());
    while (st->Step()) {
      Json key;
      if (group_by.key_object) {
        key = Json::object();
        for (int i = 0; i < nkeys; ++i) key.set(group_by.fields[i].text, ParseColumn(*st, i, scan.collection));
      } else {
        key = ParseColumn(*st, 0, scan.collection);
      }
      Json count = SqlValueJson(st->Value(nkeys));
      int col = nkeys + 1;
      Json group = Json::object();
      for (const auto& m : group_by.members) {
        switch (m.kind) {
          case plan::GroupBy::Member::Kind::Key: group.set(m.key, key); break;
          case plan::GroupBy::Member::Kind::Count: group.set(m.key, count); break;
          case plan::GroupBy::Member::Kind::Aggregate: group.set(m.key, ReadTerms(*st, m.aggregate, col)); break;
          case plan::GroupBy::Member::Kind::Nodes: {
            Json rows = ParseColumn(*st, col++, scan.collection);
            Json nodes = Json::array();
            if (rows.is_array()) {
              for (const Json& row : rows.as_array()) nodes.push_back(ProjectParsed(row, m.nodes));
            }
            group.set(m.key, std::move(nodes));
            break;
          }
        }
      }
      out.push_back(std::move(group));
    }
    st->Reset();
  }
  // Lookups inside nodes { … }: one query per lookup field for all groups together.
  for (const auto& m : group_by.members) {
    if (m.kind != plan::GroupBy::Member::Kind::Nodes || !HasLookups(m.nodes)) continue;
    std::vector<Json*> docs;
    for (Json& group : out.as_array()) {
      if (Json* nodes = group.find(m.key)) {
        for (Json& doc : nodes->as_array()) docs.push_back(&doc);
      }
    }
    ResolveLookups(docs, m.nodes, ctx);
  }
  return out;
}

Json EdgesJson(const PageResult& page, const plan::Projection& edge) {
  Json out = Json::array();
  for (size_t i = 0; i < page.docs.size(); ++i) {
    Json e = Json::object();
    for (const auto& f : edge.fields) {
      if (f.name == "cursor") e.set(f.key, page.cursors[i]);
      if (f.name == "node") e.set(f.key, page.docs[i]);
    }
    out.push_back(std::move(e));
  }
  return out;
}

Json PageInfoJson(const PageResult& page, const plan::Projection& selection) {
  Json start = page.cursors.empty() ? Json() : Json(page.cursors.front());
  Json end = page.cursors.empty() ? Json() : Json(page.cursors.back());
  Json all = Json::object({{"hasNextPage", page.has_next},
                           {"hasPreviousPage", page.has_previous},
                           {"startCursor", start},
                           {"endCursor", end}});
  if (selection.all) return all;
  Json out = Json::object();
  for (const auto& f : selection.fields) out.set(f.key, all[f.name]);
  return out;
}

// The node projection inside edges { node { … } } (an empty selection when node is not asked for).
plan::Projection NodeProjection(const plan::Projection& edge) {
  for (const auto& f : edge.fields) {
    if (f.name == "node") return f.sub;
  }
  plan::Projection none;
  none.all = false;
  return none;
}

}  // namespace

bool HasLookups(const plan::Projection& projection) {
  for (const auto& f : projection.fields) {
    if (f.lookup) return true;
  }
  return false;
}

bool NeedsQueryExec(const plan::CollectionScan& scan) { return scan.extras || HasLookups(scan.projection); }

std::string Purpose(std::string_view kind, std::string_view key) {
  return key == kind ? std::string(kind) : std::string(kind) + " " + std::string(key);
}

storage::Statement* PrepareQuery(ExecContext& ctx, const sqlgen::SqlStatement& sql, std::string_view purpose,
                                 std::string_view collection) {
  if (ctx.explain) {
    ctx.explain->push_back({std::string(purpose), std::string(collection), sql.sql, sql.binds});
    return nullptr;
  }
  storage::Statement* st = nullptr;
  try {
    st = &ctx.conn.Prepare(sql.sql);
  } catch (const storage::SqliteError& e) {
    if (storage::IsMissingTable(e)) return nullptr;  // a collection not created yet holds nothing
    throw;
  }
  st->BindAll(sql.binds);
  return st;
}

Json SqlValueJson(const storage::BindValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return Json(static_cast<long long>(*i));
  if (const auto* d = std::get_if<double>(&v)) return Json(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return Json(*s);
  return Json();
}

Json ProjectParsed(const Json& row, const plan::Projection& projection) {
  if (projection.all) return row;
  Json doc = Json::object();
  const auto& fields = projection.fields;
  for (size_t i = 0; i < fields.size(); ++i) {
    const Json& value = i < row.size() ? row.as_array()[i] : Json();
    doc.set(fields[i].key, fields[i].lookup ? value : ProjectField(value, fields[i]));
  }
  return doc;
}

Json ProjectRow(std::string_view text, const plan::Projection& projection, const std::string& collection) {
  std::string error;
  std::optional<Json> row = Json::parse(text, &error);
  if (!row) throw internal::AqlError(ErrorCode::Internal, "stored document in '" + collection + "' is not JSON: " + error);
  if (projection.all) return std::move(*row);
  if (!row->is_array()) return Json::object();
  return ProjectParsed(*row, projection);
}

Json RunQuery(const plan::CollectionScan& scan, ExecContext& ctx, const sqlgen::FieldResolver& resolver) {
  const plan::QueryExtras* extras = scan.extras.get();
  if (!extras || !extras->connection) {
    PageResult page = RunPage(scan, extras, scan.projection, ctx, resolver, scan.search ? "search" : "documents");
    Json out = Json::array();
    for (Json& doc : page.docs) out.push_back(std::move(doc));
    return out;
  }
  Json out = Json::object();
  std::optional<PageResult> info_page;  // for pageInfo without nodes/edges
  const PageResult* last_page = nullptr;
  std::vector<PageResult> pages;
  pages.reserve(extras->members.size());
  for (const auto& m : extras->members) {
    switch (m.kind) {
      case plan::ConnectionMember::Kind::Aggregate: out.set(m.key, RunAggregate(scan, m.aggregate, ctx, resolver, m.key)); break;
      case plan::ConnectionMember::Kind::GroupBy: out.set(m.key, RunGroupBy(scan, m.group_by, ctx, resolver, m.key)); break;
      case plan::ConnectionMember::Kind::Nodes: {
        pages.push_back(RunPage(scan, extras, m.selection, ctx, resolver, Purpose("nodes", m.key)));
        last_page = &pages.back();
        Json nodes = Json::array();
        for (const Json& doc : last_page->docs) nodes.push_back(doc);
        out.set(m.key, std::move(nodes));
        break;
      }
      case plan::ConnectionMember::Kind::Edges:
        pages.push_back(RunPage(scan, extras, NodeProjection(m.selection), ctx, resolver, Purpose("edges", m.key)));
        last_page = &pages.back();
        out.set(m.key, EdgesJson(*last_page, m.selection));
        break;
      case plan::ConnectionMember::Kind::PageInfo: out.set(m.key, Json()); break;  // below, once the page is known
    }
  }
  for (const auto& m : extras->members) {
    if (m.kind != plan::ConnectionMember::Kind::PageInfo) continue;
    if (!last_page) {
      plan::Projection none;
      none.all = false;
      info_page = RunPage(scan, extras, none, ctx, resolver, Purpose("pageInfo", m.key));
      last_page = &*info_page;
    }
    out.set(m.key, PageInfoJson(*last_page, m.selection));
  }
  if (extras->unwrap && !extras->members.empty()) return out[extras->members.front().key];
  return out;
}

}  // namespace aurora::executor
