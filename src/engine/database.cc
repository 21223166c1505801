// aurora::Database: the public facade, forwarding to Database::Impl.
#include "aurora/database.h"

#include "engine/database_impl.h"

namespace aurora {

namespace {

[[noreturn]] void ThrowClosed() { throw Exception(ErrorCode::Closed, "the database is closed"); }

}  // namespace

Database Database::open(const Config& config) {
  auto impl = std::make_shared<Impl>(config);
  impl->StartWorkers(impl);
  return Database(std::move(impl), true);
}

std::shared_ptr<Database> Database::Handle(const std::shared_ptr<Impl>& impl) {
  return std::shared_ptr<Database>(new Database(impl, false));
}

Database::Database(std::shared_ptr<Impl> impl, bool owns) : impl_(std::move(impl)), owns_(owns) {}
Database::Database(Database&& other) noexcept : impl_(std::move(other.impl_)), owns_(other.owns_) {}
Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (impl_ && owns_) impl_->Close();
    impl_ = std::move(other.impl_);
    owns_ = other.owns_;
  }
  return *this;
}
Database::~Database() {
  if (impl_ && owns_) impl_->Close();
}

Response Database::execute(std::string_view aql, const Json& variables) {
  std::vector<Response> all = execute_all(aql, variables);
  if (all.empty()) return Response{Json::object(), {}, {}};
  for (Response& r : all) {
    if (!r.ok()) return std::move(r);
  }
  return std::move(all.back());
}

std::vector<Response> Database::execute_all(std::string_view aql, const Json& variables) {
  if (!impl_) return {Response{Json(), {Error{ErrorCode::Closed, "the database is closed", 0, 0}}, {}}};
  return impl_->ExecuteAll(aql, variables);
}

void Database::interrupt() {
  if (impl_) impl_->Interrupt();
}

Workers* Database::workers() {
  if (!impl_) ThrowClosed();
  return impl_->workers();
}

std::string Database::enqueue_job(std::string_view type, Json payload, Priority priority) {
  JobOptions options;
  options.priority = priority;
  return enqueue_job(type, std::move(payload), options);
}

std::string Database::enqueue_job(std::string_view type, Json payload, const JobOptions& options) {
  if (!impl_) ThrowClosed();
  return impl_->EnqueueJob(type, std::move(payload), options);
}

std::vector<std::string> Database::enqueue_jobs(const std::vector<JobRequest>& jobs) {
  if (!impl_) ThrowClosed();
  return impl_->EnqueueJobs(jobs);
}

bool Database::cancel_job(std::string_view id) {
  if (!impl_) ThrowClosed();
  try {
    return impl_->CancelJob(id);
  } catch (const storage::SqliteError& e) {  // BUSY, a read-only file, I/O
    throw storage::ToException(e, "cannot cancel job '" + std::string(id) + "'");
  }
}

bool Database::retry_job(std::string_view id) {
  if (!impl_) ThrowClosed();
  try {
    return impl_->RetryJob(id);
  } catch (const storage::SqliteError& e) {  // BUSY, a read-only file, I/O
    throw storage::ToException(e, "cannot retry job '" + std::string(id) + "'");
  }
}

JobQueueSummary Database::job_summary(int recent_failures) {
  if (!impl_) ThrowClosed();
  return impl_->JobSummary(recent_failures);
}

void Database::close() {
  if (!impl_) return;
  impl_->CheckProcess();  // the destructor does not check: in a forked child it leaks (Impl::Close)
  impl_->Close();
}

}  // namespace aurora
