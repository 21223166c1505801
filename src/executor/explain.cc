// @explain (`query @explain { … }` or `field @explain { … }`): what a query field would run,
// without running it.
//
// The field runs through RunScan with ctx.explain set: every statement it would prepare
// (executor/query_exec.h PrepareQuery) is recorded instead of run, as if its table were empty, so
// the explanation lists exactly the statements of the real code path — the aggregate, group and
// page statements of a connection, one per lookup field (with its values parameter described),
// the FTS5 join of a search. Each is then given to SQLite's EXPLAIN QUERY PLAN.
#include "executor/query_exec.h"
#include "executor/steps.h"
#include "sqlgen/sqlgen.h"

namespace aurora::executor {
namespace {

struct Explained {
  Json json;
  bool exists = true;
  bool uses_index = false;
};

Explained ExplainStatement(const ExplainedStatement& s, const std::string& field_collection, ExecContext& ctx) {
  Explained out;
  Json params = Json::array();
  for (const auto& b : s.binds) params.push_back(BindToJson(b));
  SqlitePlan plan = PlanOf(ctx.conn, s.sql, s.binds);
  out.uses_index = plan.uses_index;
  out.exists = plan.exists;  // a collection not created yet: the query answers [] without touching SQLite
  Json lines = std::move(plan.lines);
  out.json = Json::object({{"for", Json(s.purpose)}});
  if (s.collection != field_collection) {
    out.json.set("collection", Json(s.collection));
    out.json.set("exists", Json(out.exists));
  }
  out.json.set("sql", Json(s.sql));
  out.json.set("params", std::move(params));
  out.json.set("plan", std::move(lines));
  out.json.set("usesIndex", Json(out.uses_index));
  return out;
}

}  // namespace

Json BindToJson(const storage::BindValue& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return Json(static_cast<long long>(*i));
  if (auto* d = std::get_if<double>(&v)) return Json(*d);
  if (auto* s = std::get_if<std::string>(&v)) return Json(*s);
  return Json();
}

SqlitePlan PlanOf(storage::Connection& conn, const std::string& sql, const std::vector<storage::BindValue>& binds) {
  SqlitePlan out;
  try {
    std::unique_ptr<storage::Statement> st = conn.PrepareUncached("EXPLAIN QUERY PLAN " + sql);
    st->BindAll(binds);
    while (st->Step()) {
      std::string detail = st->Text(3);
      if (detail.find(" USING ") != std::string::npos && detail.find("TEMP B-TREE") == std::string::npos) {
        out.uses_index = true;
      }
      out.lines.push_back(Json(std::move(detail)));
    }
  } catch (const storage::SqliteError& e) {
    if (!storage::IsMissingTable(e)) throw;
    out.exists = false;
  }
  return out;
}

Json ExplainScan(const plan::CollectionScan& scan, ExecContext& ctx) {
  std::vector<ExplainedStatement> recorded;
  std::vector<ExplainedStatement>* outer = ctx.explain;
  ctx.explain = &recorded;
  try {
    RunScan(scan, ctx);
  } catch (...) {
    ctx.explain = outer;
    throw;
  }
  ctx.explain = outer;

  bool exists = true;
  bool uses_index = false;
  Json statements = Json::array();
  for (const auto& s : recorded) {
    Explained e = ExplainStatement(s, scan.collection, ctx);
    if (s.collection == scan.collection && !e.exists) exists = false;
    uses_index = uses_index || e.uses_index;
    statements.push_back(std::move(e.json));
  }
  return Json::object({{"collection", Json(scan.collection)},
                       {"exists", Json(exists)},
                       {"usesIndex", Json(uses_index)},
                       {"statements", std::move(statements)}});
}

}  // namespace aurora::executor
