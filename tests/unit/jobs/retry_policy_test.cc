#include <doctest/doctest.h>

#include "jobs/retry_policy.h"

using namespace aurora;
using namespace aurora::jobs;

TEST_CASE("back-off doubles from the base and stops at the cap") {
  Backoff b{1000, 10000};
  CHECK(NominalBackoffMs(1, b) == 1000);
  CHECK(NominalBackoffMs(2, b) == 2000);
  CHECK(NominalBackoffMs(3, b) == 4000);
  CHECK(NominalBackoffMs(4, b) == 8000);
  CHECK(NominalBackoffMs(5, b) == 10000);
  CHECK(NominalBackoffMs(1000, b) == 10000);  // no overflow
}

TEST_CASE("jitter keeps the delay within [nominal/2, nominal]") {
  Backoff b{1000, 600000};
  CHECK(JitteredBackoffMs(3, b, 0.0) == 2000);
  CHECK(JitteredBackoffMs(3, b, 0.5) == 3000);
  CHECK(JitteredBackoffMs(3, b, 0.999999) <= 4000);
  CHECK(JitteredBackoffMs(3, b, 0.999999) >= 3999);
  CHECK(JitteredBackoffMs(3, b, 7.0) == 4000);  // clamped
}

TEST_CASE("failures follow the seed guide: SCHEDULED while retries < max_retries, then FAILED") {
  Backoff b{100, 100000};
  const Millis now = 1'000'000;
  FailureOutcome first = DecideFailure(0, 3, now, b, 0.0);
  CHECK(first.status == JobStatus::Scheduled);
  CHECK(first.retries == 1);
  CHECK(first.run_at == now + 50);
  FailureOutcome second = DecideFailure(1, 3, now, b, 1.0);
  CHECK(second.status == JobStatus::Scheduled);
  CHECK(second.retries == 2);
  CHECK(second.run_at == now + 200);
  FailureOutcome third = DecideFailure(2, 3, now, b, 0.5);
  CHECK(third.status == JobStatus::Failed);
  CHECK(third.retries == 3);
  CHECK(third.run_at == now);
}

TEST_CASE("max_retries 0 fails on the first error; default 3 allows three attempts") {
  Backoff b;
  CHECK(DecideFailure(0, 0, 0, b, 0.0).status == JobStatus::Failed);
  int attempts = 0;
  int retries = 0;
  for (;;) {
    ++attempts;
    FailureOutcome o = DecideFailure(retries, Job{}.max_retries, 0, b, 0.0);
    retries = o.retries;
    if (o.status == JobStatus::Failed) break;
  }
  CHECK(attempts == 3);
  CHECK(retries == 3);
}
