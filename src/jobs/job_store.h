// jobs/job_store.h: every read and write of the `_jobs` table (schema: jobs/job_schema.h).
//
// All functions take the connection they run on and the current time, and never wait or
// switch fibers. Functions that change rows run inside the caller's transaction when one is
// open (the AQL engine enqueues from inside a mutation) and in their own otherwise.
//
// Claims: Claim() marks jobs RUNNING under a fresh random token and an owner. Complete(),
// Fail() and HandBack() only change a row still RUNNING under that token, so a stale worker
// (whose job was rescued, cancelled or handed back meanwhile) can never overwrite it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aurora/job.h"
#include "jobs/clock.h"
#include "jobs/retry_policy.h"
#include "storage/sqlite.h"

namespace aurora::internal {
struct AttemptState;
}

namespace aurora::jobs {

// A job to insert. `payload_json` is JSON text (an object, usually).
struct NewJob {
  std::string type;
  std::string payload_json = "{}";
  Priority priority = Priority::Normal;
  int max_retries = 3;
  std::optional<Millis> run_at;      // absolute time; none or past: ready now
  std::optional<Millis> timeout_ms;  // per attempt
};

// What enqueueing gives back (the AQL result {jobId status type priority}).
struct EnqueuedJob {
  std::string id;
  JobStatus status;
  std::string type;
  Priority priority;
  Millis run_at;
  std::int64_t claim_token = 0;  // not 0: inserted RUNNING under this claim (see Enqueue)
};

// The largest max_retries (a job retried a million times with back-off is retried "forever").
constexpr int kMaxRetries = 1'000'000;
// The longest timeout: 100 years of 365.25 days. Longer ones are refused rather than stored:
// now + timeout must fit in Millis, and "no timeout" is said by leaving it unset.
constexpr Millis kMaxTimeoutMs = 3'155'760'000'000;

// Why `type` cannot be a job type ("" when it can): empty, not UTF-8, or holding U+0000 or
// another control character (U+0001-U+001F, U+007F), which `aql jobs` and logs could not show.
std::string JobTypeProblem(std::string_view type);

// Builds a NewJob from the public API's arguments. Throws aurora::Exception (VALIDATION_ERROR)
// for a bad type (JobTypeProblem), a payload that cannot be stored as given (document limits,
// text that is not UTF-8, NaN or Infinity; the message names the place, e.g. "payload.name:
// invalid UTF-8 at byte 3"), max_retries outside 0..kMaxRetries, a negative delay, a run time
// past 9999-12-31, or a timeout outside 1 ms..kMaxTimeoutMs. The AQL arguments obey the same
// rules (jobs/aql_jobs.cc).
NewJob MakeNewJob(std::string_view type, const Json& payload, const JobOptions& options, Millis now);

// Throws aurora::Exception (VALIDATION_ERROR) when the job's type, max_retries, run_at or
// timeout is not valid (see MakeNewJob; the payload text is not checked here).
void ValidateNewJob(const NewJob& job);

struct ClaimRequest;

// Inserts one job. With `claim` (an in-transaction claim: this process has a handler for the
// type and a free slot, see Executor::Reserve) a job that is ready now is inserted already
// RUNNING under claim->token / owner / lease, unless a PENDING job of claim->types with the same
// or a higher priority is waiting (it goes first: priority and FIFO order hold); then the job is
// inserted PENDING as usual. `claim_token` of the result tells which happened.
EnqueuedJob Enqueue(storage::Connection& conn, const NewJob& job, Millis now, const ClaimRequest* claim = nullptr);
// Where EnqueueMany writes: `_jobs`, or the inbox below (handler actions).
enum class JobTable { kQueue, kInbox };
// All or none, in one transaction (the caller's if open).
std::vector<EnqueuedJob> EnqueueMany(storage::Connection& conn, const std::vector<NewJob>& jobs, Millis now,
                                     JobTable table = JobTable::kQueue);

// The inbox (handler actions' enqueues). A job enqueued by a handler's action is appended to
// `_jobs_inbox`, an index-free rowid table, inside the firing write's transaction: the whole
// row, id included, so the job is as durable as the write. FlushInbox moves every inbox row
// into `_jobs` (INSERT … SELECT, then DELETE, in one transaction: the caller's if open, else its
// own) and returns how many; it is called by every function of this file that reads or changes
// `_jobs` rows a new job could be among (Get, Summarize, Cancel, Retry, Claim, PromoteDue,
// NextScheduledAt, an enqueue that claims), by AQL reads of `_jobs` (its resolver's BeforeRead)
// and on open, so no reader ever sees the inbox: the job looks exactly as if it had been
// inserted into `_jobs` by its write. With an empty inbox it costs one read of one page.
EnqueuedJob EnqueueToInbox(storage::Connection& conn, const NewJob& job, Millis now);
int FlushInbox(storage::Connection& conn);

enum class ChangeResult { kDone, kNotFound, kWrongState };
struct ChangeOutcome {
  ChangeResult result;
  std::optional<JobStatus> status;  // the status after the call (none when not found)
};
// PENDING, SCHEDULED or RUNNING → CANCELLED (a running attempt's result is then discarded;
// the job keeps that attempt's claim until it returns, so a Retry takes effect only then).
ChangeOutcome Cancel(storage::Connection& conn, std::string_view id, Millis now);
// FAILED or CANCELLED → PENDING, retries reset to 0, ready at once.
ChangeOutcome Retry(storage::Connection& conn, std::string_view id, Millis now);

// A full row, for tests, the C++ API and the shell.
struct JobRow {
  std::string id, type, payload_json;
  JobStatus status = JobStatus::Pending;
  Priority priority = Priority::Normal;
  int retries = 0, max_retries = 0;
  std::optional<std::string> error, last_retry, started_at, completed_at;
  std::string run_at, created_at;
  std::optional<Millis> timeout_ms;
  std::optional<std::int64_t> claim_token;
  std::optional<std::string> owner;
  std::optional<Millis> lease_until;
};
std::optional<JobRow> Get(storage::Connection& conn, std::string_view id);
std::map<JobStatus, std::int64_t> CountByStatus(storage::Connection& conn);
// The queue summary of Database::job_summary.
JobQueueSummary Summarize(storage::Connection& conn, Millis now, int recent_failures);

// --- The executor's side -------------------------------------------------------------------

struct ClaimedJob {
  std::string id, type, payload_json, run_at;
  Priority priority = Priority::Normal;
  int retries = 0, max_retries = 0;
  std::optional<Millis> timeout_ms;
  std::int64_t token = 0;
  bool isolated = false;  // a suspect claimed to run alone (ClaimSuspect)
  std::shared_ptr<internal::AttemptState> attempt;  // set by the executor (jobs/attempt_state.h)
};

// The attempt an enqueue claimed in its own INSERT (EnqueuedJob::claim_token set), to hand to
// the executor (jobs/executor.h Adopt) once the insert committed.
ClaimedJob ToClaimedJob(NewJob job, const EnqueuedJob& done);

struct ClaimRequest {
  const std::vector<std::string>* types = nullptr;  // only these job types (none: claims nothing)
  int limit = 0;
  Priority min_priority = Priority::Low;  // Critical: only CRITICAL jobs
  std::int64_t token = 0;                 // NewToken()
  std::string_view owner;
  Millis lease_ms = 30000;
};

// A random claim token, never 0.
std::int64_t NewToken();

// Claims up to `limit` PENDING jobs, highest priority first, then oldest run_at, then id; the
// result is in that order. REQUIRES: a write transaction is open.
std::vector<ClaimedJob> Claim(storage::Connection& conn, const ClaimRequest& request, Millis now);

// Suspects are jobs whose attempt was interrupted by their owner's death while other jobs ran
// beside them (RescueOwner): any of them may have caused it. Claim() never takes a suspect;
// ClaimSuspect takes the first PENDING suspect of request.types, to run alone among suspects
// (the executor runs at most one at a time, beside ordinary jobs). If its process dies while
// it runs, it is charged for that attempt; when it completes or fails on its own, it is an
// ordinary job again. REQUIRES: a write transaction is open.
std::optional<ClaimedJob> ClaimSuspect(storage::Connection& conn, const ClaimRequest& request, Millis now);

// SCHEDULED jobs whose run_at has come → PENDING. Returns how many.
int PromoteDue(storage::Connection& conn, Millis now);
// The earliest run_at of a SCHEDULED job.
std::optional<Millis> NextScheduledAt(storage::Connection& conn);

// Completions per job type not yet added to `_jobs_completed` (see Complete).
using CompletedTally = std::map<std::string, std::int64_t, std::less<>>;

// RUNNING under `token` → COMPLETED. False when the claim is no longer ours. `_jobs_completed`
// keeps the number of COMPLETED jobs per type (so counting them stays fast with millions of
// rows): without `tally` it is updated at once; with one, the type is counted there and the
// caller must call AddCompleted(tally) in the same transaction (one write per batch).
// `type` (optional) is the job's type when the caller knows it (saves reading it back).
bool Complete(storage::Connection& conn, std::string_view id, std::int64_t token, Millis now,
              CompletedTally* tally = nullptr, std::string_view type = {});
void AddCompleted(storage::Connection& conn, CompletedTally& tally);
// A failed attempt (retry rules: jobs/retry_policy.h). `retries_before` is the count the claim
// returned. Returns the outcome, or nullopt when the claim is no longer ours.
std::optional<FailureOutcome> Fail(storage::Connection& conn, std::string_view id, std::int64_t token,
                                   int retries_before, int max_retries, std::string_view error, Millis now,
                                   const Backoff& backoff, double jitter01);
// RUNNING under `token` → PENDING without counting a failure (graceful shutdown).
bool HandBack(storage::Connection& conn, std::string_view id, std::int64_t token);

// Extends the lease of every job `owner` runs. Returns how many.
int RenewLeases(storage::Connection& conn, std::string_view owner, Millis lease_until);
// Lets go of the claim `token` on job `id` whatever its status: the end of an attempt whose job
// was cancelled (and maybe retried) while it ran. Until then such a job is claimed by nobody
// else. True when the claim was still there.
bool ReleaseClaim(storage::Connection& conn, std::string_view id, std::int64_t token);
// Whether the claim `token` still holds job `id` RUNNING (false once it was cancelled, rescued,
// or changed by another process).
bool StillRunning(storage::Connection& conn, std::string_view id, std::int64_t token);
// Owners of RUNNING jobs.
std::vector<std::string> RunningOwners(storage::Connection& conn);
// Returns the RUNNING jobs of a dead owner to the queue at once. The interrupted attempt counts
// as a failure (FAILED when that exhausts max_retries) only for a suspect that ran alone; every
// other job becomes a suspect, not charged (see ClaimSuspect). Returns how many.
int RescueOwner(storage::Connection& conn, std::string_view owner, Millis now);
// The same for `owner`'s RUNNING jobs whose lease ran out (an owner whose lock cannot be seen).
int RescueExpired(storage::Connection& conn, std::string_view owner, Millis now);

}  // namespace aurora::jobs
