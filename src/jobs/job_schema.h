// jobs/job_schema.h: the `_jobs` system table.
//
// Columns users see through AQL (DESIGN §6):
//   id TEXT            time-ordered id (common/ids.h)
//   type TEXT          the handler's job type
//   payload TEXT       JSON text
//   status TEXT        PENDING SCHEDULED RUNNING COMPLETED FAILED CANCELLED
//   priority INTEGER   rank: 0 LOW, 1 NORMAL, 2 HIGH, 3 CRITICAL (AQL shows the word)
//   retries, max_retries INTEGER
//   error TEXT         message of the last failed attempt
//   last_retry, run_at, created_at, started_at, completed_at TEXT  ISO-8601 UTC with ms
//   timeout INTEGER    ms per attempt, or NULL
// Internal columns (the claim of a RUNNING job):
//   claim_token INTEGER  random per claim; only the claimer may complete/fail/hand back
//   owner TEXT           the claiming process (jobs/owner_lock.h)
//   lease_until INTEGER  ms since epoch; the owner renews it while the job runs
// `_jobs_completed (type, n)` counts COMPLETED jobs per type (kept by jobs::Complete), so
// summaries stay fast with millions of finished jobs.
#pragma once

#include <string_view>

#include "storage/sqlite.h"

namespace aurora::jobs {

inline constexpr std::string_view kJobsTable = "_jobs";

// Creates the table and its indexes if missing. Idempotent; runs in its own transaction
// unless one is open.
void EnsureSchema(storage::Connection& conn);

// `_jobs.suspect` (system schema version 2): 0 an ordinary job; 1 its last attempt was
// interrupted by its worker's death while other jobs ran beside it; 2 it runs alone as such a
// suspect (jobs/job_store.h ClaimSuspect). Adds the column to a table without it, and the
// index _jobs_claimed of claims on jobs no longer RUNNING (jobs/job_store.h ReleaseClaim).
void EnsureSuspectColumn(storage::Connection& conn);

}  // namespace aurora::jobs
