// jobs/retry_policy.h: what happens to a job after a failed attempt, as the seed guide states it.
// A failure increments `retries`; while retries < max_retries the job is SCHEDULED again after an
// exponential back-off with jitter, capped; when retries reaches max_retries it is FAILED.
// Pure functions: the caller supplies the time and the jitter, so tests pin the arithmetic.
#pragma once

#include "aurora/job.h"
#include "jobs/clock.h"

namespace aurora::jobs {

struct Backoff {
  Millis base_ms = 1000;
  Millis cap_ms = 600000;
};

// The nominal delay before attempt number `retries + 1`, after `retries` failures (>= 1):
// min(cap, base * 2^(retries-1)).
Millis NominalBackoffMs(int retries, const Backoff& backoff);

// The delay actually used: "equal jitter", nominal/2 + jitter01 * nominal/2, so it lies in
// [nominal/2, nominal]. jitter01 is in [0, 1).
Millis JitteredBackoffMs(int retries, const Backoff& backoff, double jitter01);

struct FailureOutcome {
  JobStatus status;  // Scheduled or Failed
  int retries;       // the new count
  Millis run_at;     // when Scheduled: the next attempt's time; when Failed: `now`
};

// The outcome of a failed attempt of a job that had failed `retries_before` times.
FailureOutcome DecideFailure(int retries_before, int max_retries, Millis now, const Backoff& backoff,
                             double jitter01);

}  // namespace aurora::jobs
