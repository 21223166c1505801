// query @explain { … }: what each field would run, without running it.
#include "executor/steps.h"
#include "sqlgen/sqlgen.h"

namespace aurora::executor {
namespace {

Json BindToJson(const storage::BindValue& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return Json(static_cast<long long>(*i));
  if (auto* d = std::get_if<double>(&v)) return Json(*d);
  if (auto* s = std::get_if<std::string>(&v)) return Json(*s);
  return Json();
}

}  // namespace

Json ExplainScan(const plan::CollectionScan& scan, ExecContext& ctx) {
  const sqlgen::FieldResolver& resolver = sqlgen::ResolverFor(ctx.resolvers, scan.collection);
  // A full-text search explains the SQL RunSearch runs (executor/search_exec.cc).
  sqlgen::SqlStatement sql = scan.search ? SearchStatement(scan, ctx) : sqlgen::SelectSql(scan, resolver, ctx.variables);
  Json params = Json::array();
  for (const auto& b : sql.binds) params.push_back(BindToJson(b));
  Json lines = Json::array();
  bool uses_index = false;
  bool exists = true;
  try {
    std::unique_ptr<storage::Statement> st = ctx.conn.PrepareUncached("EXPLAIN QUERY PLAN " + sql.sql);
    st->BindAll(sql.binds);
    while (st->Step()) {
      std::string detail = st->Text(3);
      if (detail.find(" USING ") != std::string::npos && detail.find("TEMP B-TREE") == std::string::npos) {
        uses_index = true;
      }
      lines.push_back(Json(std::move(detail)));
    }
  } catch (const storage::SqliteError& e) {
    if (!storage::IsMissingTable(e)) throw;
    exists = false;  // a collection not created yet: the query answers [] without touching SQLite
  }
  Json out = Json::object({{"collection", Json(scan.collection)}, {"exists", Json(exists)}, {"sql", Json(sql.sql)},
                           {"params", std::move(params)}, {"plan", std::move(lines)}, {"usesIndex", Json(uses_index)}});
  return out;
}

}  // namespace aurora::executor
