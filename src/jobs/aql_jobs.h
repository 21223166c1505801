// jobs/aql_jobs.h: the job queue in AQL.
//
//   query    { _jobs(where: {status: {eq: FAILED}}, orderBy: {field: "priority", direction: DESC}) { id type error } }
//   mutation { enqueueJob(type: "email", payload: {to: "a@b.c"}, priority: HIGH, retries: 5) { jobId status } }
//   mutation { enqueueJobs(jobs: [{type: "a"}, {type: "b", delay: 1000}]) { jobId } }
//   mutation { cancelJob(id: "…") { jobId status changed }  retryJob(id: "…") { status } }
//
// `_jobs` columns (jobs/job_schema.h) are queryable with the whole query surface; `priority`
// reads as its word and filters/sorts by rank, so `priority: {gte: HIGH}` works. Enqueued jobs
// commit with the mutation that enqueued them; the executor is woken after the commit.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "aurora/job.h"
#include "engine/extensions.h"
#include "jobs/clock.h"
#include "jobs/executor.h"
#include "jobs/job_store.h"

namespace aurora::jobs {

// Called after a mutation that enqueued or retried jobs committed, with the earliest run_at and
// the highest priority among them.
using EnqueueNotifier = std::function<void(Millis earliest_run_at, Priority highest)>;

// How enqueueJob claims its own job for this process, like Database::enqueue_job does
// (jobs/executor.h Reserve / Adopt / Release): `reserve` answers a slot or nullopt; after the
// mutation commits the claimed row, `adopt` starts it; if the row was not claimed or the
// mutation rolls back, `release` gives the slot back. Unset functions: never claims.
struct EnqueueClaimer {
  std::function<std::optional<Executor::Reservation>(const std::string& type, Priority priority)> reserve;
  std::function<void(ClaimedJob job, Millis now)> adopt;
  std::function<void()> release;
};

// Registers the `_jobs` resolver and the enqueueJob, enqueueJobs, cancelJob and retryJob
// mutation fields.
void RegisterAql(engine::Extensions& extensions, EnqueueNotifier notify, EnqueueClaimer claimer = {});

}  // namespace aurora::jobs
