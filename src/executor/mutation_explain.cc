// mutation @explain: a dry run (docs/language.md "Explain").
//
// executor::Execute runs an explained mutation like any other, in one transaction, with a
// statement log attached to the connection (storage::Connection::SetLog), and then rolls the
// transaction back instead of committing it (dropping the after-commit callbacks and running the
// after-rollback ones, which give back job slots), so nothing is
// written and no worker is woken. Each top-level field goes through ExplainWrite: the statements
// it ran — its reads, its writes, the catalog and schema reads, and those of the handler actions
// its writes fired — are what the log holds from its start to its end. Each gets SQLite's query
// plan while the transaction is still open (tables the mutation created still exist).
#include "executor/steps.h"

#include "executor/log_purpose.h"

namespace aurora::executor {
namespace {

// The collection a built-in write names (custom steps, such as enqueueJob, have none).
const std::string* CollectionOf(const plan::Step& step) {
  if (auto* ins = std::get_if<plan::Insert>(&step.node)) return &ins->collection;
  if (auto* up = std::get_if<plan::Update>(&step.node)) return &up->collection;
  if (auto* del = std::get_if<plan::Delete>(&step.node)) return &del->collection;
  return nullptr;
}

}  // namespace

Json ExplainWrite(const plan::Step& step, ExecContext& ctx, const std::function<Json()>& run) {
  storage::StatementLog* log = ctx.conn.Log();
  const size_t start = log ? log->size() : 0;
  Json result = run();
  Json statements = Json::array();
  bool match_uses_index = false;
  if (log) {
    LogSwap pause(ctx.conn, nullptr);  // the plans below are not statements of the mutation
    for (size_t i = start; i < log->size();) {
      const storage::LoggedStatement& s = (*log)[i];
      // The same statement run again and again (one per document) is shown once, with the
      // values of its first run and how many times it ran.
      size_t j = i + 1;
      while (j < log->size() && (*log)[j].sql == s.sql && (*log)[j].purpose == s.purpose) ++j;
      Json params = Json::array();
      for (const auto& b : s.binds) params.push_back(BindToJson(b));
      SqlitePlan plan;
      try {
        plan = PlanOf(ctx.conn, s.sql, s.binds);
      } catch (const storage::SqliteError&) {
        plan = SqlitePlan{};  // a statement SQLite cannot plan on its own (none known): no plan lines
      }
      if (s.purpose == "match" && plan.uses_index) match_uses_index = true;
      statements.push_back(Json::object({{"for", Json(s.purpose)},
                                         {"sql", Json(s.sql)},
                                         {"params", std::move(params)},
                                         {"plan", std::move(plan.lines)},
                                         {"usesIndex", Json(plan.uses_index)},
                                         {"runs", Json(static_cast<long long>(j - i))}}));
      i = j;
    }
  }
  Json out = Json::object();
  if (const std::string* collection = CollectionOf(step)) out.set("collection", Json(*collection));
  out.set("usesIndex", Json(match_uses_index));
  out.set("statements", std::move(statements));
  out.set("result", std::move(result));
  return out;
}

}  // namespace aurora::executor
