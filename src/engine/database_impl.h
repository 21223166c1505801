// engine/database_impl.h: the implementation behind aurora::Database. It owns the SQLite
// connection and wires the pipeline stages together (see docs/architecture.md).
#pragma once

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "aurora/database.h"
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

 private:
  Config config_;
  std::mutex mu_;  // serializes use of conn_
  std::unique_ptr<storage::Connection> conn_;
};

}  // namespace aurora
