// aurora::Database: the public facade, forwarding to Database::Impl.
#include "aurora/database.h"

#include "engine/database_impl.h"

namespace aurora {

Database Database::open(const Config& config) { return Database(std::make_unique<Impl>(config)); }

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() {
  if (impl_) impl_->Close();
}

Response Database::execute(std::string_view aql, const Json& variables) {
  std::vector<Response> all = execute_all(aql, variables);
  if (all.empty()) return Response{Json::object(), {}};
  for (Response& r : all) {
    if (!r.ok()) return std::move(r);
  }
  return std::move(all.back());
}

std::vector<Response> Database::execute_all(std::string_view aql, const Json& variables) {
  if (!impl_) return {Response{Json(), {Error{ErrorCode::Internal, "database is closed", 0, 0}}}};
  return impl_->ExecuteAll(aql, variables);
}

void Database::interrupt() {
  if (impl_) impl_->Interrupt();
}

Workers* Database::workers() { return impl_ ? impl_->workers() : nullptr; }

std::string Database::enqueue_job(std::string_view type, Json payload, Priority priority) {
  JobOptions options;
  options.priority = priority;
  return enqueue_job(type, std::move(payload), options);
}

std::string Database::enqueue_job(std::string_view type, Json payload, const JobOptions& options) {
  if (!impl_) throw Exception(ErrorCode::Internal, "database is closed");
  return impl_->EnqueueJob(type, std::move(payload), options);
}

std::vector<std::string> Database::enqueue_jobs(const std::vector<JobRequest>& jobs) {
  if (!impl_) throw Exception(ErrorCode::Internal, "database is closed");
  return impl_->EnqueueJobs(jobs);
}

bool Database::cancel_job(std::string_view id) {
  if (!impl_) throw Exception(ErrorCode::Internal, "database is closed");
  try {
    return impl_->CancelJob(id);
  } catch (const storage::SqliteError& e) {  // BUSY, a read-only file, I/O
    throw storage::ToException(e, "cannot cancel job '" + std::string(id) + "'");
  }
}

bool Database::retry_job(std::string_view id) {
  if (!impl_) throw Exception(ErrorCode::Internal, "database is closed");
  try {
    return impl_->RetryJob(id);
  } catch (const storage::SqliteError& e) {  // BUSY, a read-only file, I/O
    throw storage::ToException(e, "cannot retry job '" + std::string(id) + "'");
  }
}

JobQueueSummary Database::job_summary(int recent_failures) {
  if (!impl_) throw Exception(ErrorCode::Internal, "database is closed");
  return impl_->JobSummary(recent_failures);
}

void Database::close() {
  if (impl_) impl_->Close();
}

}  // namespace aurora
