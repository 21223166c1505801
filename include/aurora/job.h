// aurora/job.h: jobs, their handlers, and the worker system.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aurora/json.h"

namespace aurora {

class Database;

// Higher runs first. The words are how AQL spells them.
enum class Priority { Low = 0, Normal = 1, High = 2, Critical = 3 };
const char* to_string(Priority p);
// "LOW", "NORMAL", "HIGH", "CRITICAL" (any case); nullopt for anything else.
std::optional<Priority> parse_priority(std::string_view word);

// PENDING: ready to run. SCHEDULED: waiting for run_at (delayed or backing off).
// RUNNING: claimed by a worker. COMPLETED / FAILED (retries exhausted) / CANCELLED: final.
enum class JobStatus { Pending, Scheduled, Running, Completed, Failed, Cancelled };
const char* to_string(JobStatus s);
// "PENDING", "SCHEDULED", … (any case); nullopt for anything else.
std::optional<JobStatus> parse_job_status(std::string_view word);

// Why a running attempt is asked to stop (Job::stop_reason).
enum class StopReason {
  None,          // keep going
  Cancelled,     // cancel_job / cancelJob: the job is CANCELLED; the result will be ignored
  TimedOut,      // the attempt ran past its timeout: it already counts as failed
  Abandoned,     // shutdown_timeout passed during close(): the job was handed back to the queue
  ShuttingDown,  // close() began: finish soon (results still count until shutdown_timeout)
};
const char* to_string(StopReason r);  // "none", "cancelled", "timed out", "abandoned", "shutting down"

namespace internal {
struct AttemptState;  // shared by a running attempt and the executor
}

// A job as its handler sees it.
struct Job {
  std::string id;
  std::string type;
  Json payload;
  Priority priority = Priority::Normal;
  int retries = 0;      // failed attempts so far (this attempt not counted)
  int max_retries = 3;  // when `retries` reaches this, the job is FAILED
  std::optional<std::chrono::milliseconds> timeout;

  // The database the job belongs to, for the handler's own reads, writes and enqueues. It
  // shares ownership of the engine, so it stays valid until the handler returns, even when the
  // application closes its Database meanwhile: after close() every call through it throws
  // aurora::Exception (CLOSED), and execute() answers a Response with that code. Throws CLOSED
  // for a Job not given to a handler by the executor.
  Database& database() const;

  // True once the attempt should stop (see StopReason). Cheap; poll it in long loops.
  // aurora::sleep_for returns early when it becomes true.
  bool stop_requested() const { return stop_reason() != StopReason::None; }
  StopReason stop_reason() const;

  // Set by the executor.
  std::shared_ptr<Database> database_handle;
  std::shared_ptr<internal::AttemptState> attempt;
};

// What a handler returns: ok, or an error message (which counts as a failed attempt).
class JobResult {
 public:
  static JobResult ok() { return JobResult(); }
  static JobResult error(std::string message) { return JobResult(std::move(message)); }
  bool is_ok() const { return !error_.has_value(); }
  const std::string& error_message() const { return *error_; }

 private:
  JobResult() = default;
  explicit JobResult(std::string message) : error_(std::move(message)) {}
  std::optional<std::string> error_;
};

// Implement one per job type. handle() runs on a fiber: use aurora::sleep_for and
// aurora::run_blocking (aurora/fiber.h) instead of blocking the thread. Throwing counts as a
// failed attempt with the exception's message as the error. Must be safe to call from several
// threads at once.
class JobHandler {
 public:
  virtual ~JobHandler() = default;
  virtual JobResult handle(const Job& job) = 0;
};

// Options of Database::enqueue_job beyond type and payload. Values out of range are refused
// (VALIDATION_ERROR), never clamped.
struct JobOptions {
  Priority priority = Priority::Normal;
  int max_retries = 3;                                          // failed attempts before FAILED, 0..1'000'000
  std::optional<std::chrono::milliseconds> delay;               // run no earlier than now + delay (≥ 0)
  std::optional<std::chrono::system_clock::time_point> run_at;  // or at this time (wins over delay)
  // An attempt running longer fails. 1 ms to 100 years; unset (not milliseconds::max()) for none.
  std::optional<std::chrono::milliseconds> timeout;
};

// One job of Database::enqueue_jobs.
struct JobRequest {
  std::string type;
  Json payload;
  JobOptions options;
};

// A snapshot of the queue (Database::job_summary; `aql jobs DB` prints it).
struct JobQueueSummary {
  // Jobs per status word, every status present (0 when none).
  std::vector<std::pair<std::string, std::int64_t>> by_status;
  struct TypeRow {
    std::string type;
    std::vector<std::pair<std::string, std::int64_t>> by_status;  // same order as above
    std::int64_t total = 0;
  };
  std::vector<TypeRow> by_type;  // by type name
  // The PENDING job waiting longest (by created_at), and for how long.
  std::optional<std::string> oldest_pending_id;
  std::optional<std::string> oldest_pending_type;
  std::optional<std::chrono::milliseconds> oldest_pending_age;
  struct Failure {
    std::string id, type, error, last_retry;
    int retries = 0;
    int max_retries = 0;
  };
  std::vector<Failure> recent_failures;  // FAILED jobs, most recent first
};

// The worker system of a Database opened with workers_enabled. Thread-safe.
class Workers {
 public:
  virtual ~Workers() = default;
  // Registers the handler for `type`; jobs of that type start being claimed at once.
  virtual void register_handler(const std::string& type, std::unique_ptr<JobHandler> handler) = 0;
};

}  // namespace aurora
