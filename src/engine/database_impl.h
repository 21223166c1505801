// engine/database_impl.h: the implementation behind aurora::Database. It owns the SQLite
// connection and wires the pipeline stages together (see docs/architecture.md).
#pragma once

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "aurora/database.h"
#include "engine/extensions.h"
#include "engine/plan_cache.h"
#include "handlers/handler_runtime.h"
#include "storage/sqlite.h"

namespace aurora {

class Database::Impl {
 public:
  explicit Impl(const Config& config);
  ~Impl();

  std::vector<Response> ExecuteAll(std::string_view aql, const Json& variables);
  Workers* workers();
  std::string EnqueueJob(std::string_view type, Json payload, const JobOptions& options);
  void Close();

  // What other subsystems add to AQL (mutation fields, system tables, write hooks). Register
  // before the first ExecuteAll.
  engine::Extensions& extensions() { return extensions_; }
  // For tests: hits and misses of the plan cache.
  const engine::PlanCache& TEST_plan_cache() const { return plan_cache_; }

 private:
  // Runs one compiled operation. REQUIRES: mu_ held.
  Response RunPlan(const plan::Plan& plan, const Json& variables);
  // Checks and plans one operation (handler statements included). Throws AqlError.
  plan::Plan Compile(const ast::Operation& op, const std::vector<ast::Fragment>& fragments);

  Config config_;
  std::mutex mu_;  // serializes use of conn_ and plan_cache_
  std::unique_ptr<storage::Connection> conn_;
  engine::Extensions extensions_;
  engine::PlanCache plan_cache_;
  std::unique_ptr<handlers::HandlerRuntime> handlers_;
};

}  // namespace aurora
