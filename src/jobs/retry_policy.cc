#include "jobs/retry_policy.h"

#include <algorithm>

namespace aurora::jobs {

Millis NominalBackoffMs(int retries, const Backoff& backoff) {
  Millis base = std::max<Millis>(backoff.base_ms, 0);
  Millis cap = std::max<Millis>(backoff.cap_ms, 0);
  Millis delay = base;
  for (int i = 1; i < retries && delay < cap; ++i) delay *= 2;  // no overflow: stops at the cap
  return std::min(delay, cap);
}

Millis JitteredBackoffMs(int retries, const Backoff& backoff, double jitter01) {
  Millis nominal = NominalBackoffMs(retries, backoff);
  jitter01 = std::clamp(jitter01, 0.0, 1.0);
  Millis half = nominal / 2;
  Millis extra = static_cast<Millis>(static_cast<double>(nominal - half) * jitter01);
  return std::min(nominal, half + extra);
}

FailureOutcome DecideFailure(int retries_before, int max_retries, Millis now, const Backoff& backoff,
                             double jitter01) {
  int retries = retries_before + 1;
  if (retries >= max_retries) return {JobStatus::Failed, retries, now};
  return {JobStatus::Scheduled, retries, now + JitteredBackoffMs(retries, backoff, jitter01)};
}

}  // namespace aurora::jobs
