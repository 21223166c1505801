#include "engine/database_impl.h"

namespace aurora {

Database::Impl::Impl(const Config& config) : config_(config) {
  try {
    conn_ = std::make_unique<storage::Connection>(config.path);
    if (config.path != ":memory:" && !config.path.empty()) conn_->Exec("PRAGMA journal_mode=WAL");
    conn_->Exec(config.synchronous == Synchronous::Full     ? "PRAGMA synchronous=FULL"
                : config.synchronous == Synchronous::Normal ? "PRAGMA synchronous=NORMAL"
                                                            : "PRAGMA synchronous=OFF");
  } catch (const storage::SqliteError& e) {
    throw Exception(ErrorCode::Internal, e.what());
  }
}

Database::Impl::~Impl() { Close(); }

std::vector<Response> Database::Impl::ExecuteAll(std::string_view, const Json&) {
  std::lock_guard<std::mutex> lock(mu_);
  return {Response{Json(), {Error{ErrorCode::Internal, "AQL execution is not implemented yet", 0, 0}}}};
}

Workers* Database::Impl::workers() { return nullptr; }

std::string Database::Impl::EnqueueJob(std::string_view, Json, const JobOptions&) {
  throw Exception(ErrorCode::Internal, "jobs are not implemented yet");
}

void Database::Impl::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  conn_.reset();
}

}  // namespace aurora
