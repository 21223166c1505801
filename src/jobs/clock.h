// jobs/clock.h: where the job system gets the time. Production code uses SystemClock; tests
// inject a ManualClock so retry and scheduling arithmetic can be pinned without sleeping.
#pragma once

#include <atomic>
#include <cstdint>

namespace aurora::jobs {

// Milliseconds since the Unix epoch, UTC.
using Millis = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis NowMs() const override;
  static const SystemClock& Instance();
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start) : now_(start) {}
  Millis NowMs() const override { return now_.load(); }
  void Set(Millis now) { now_.store(now); }
  void Advance(Millis delta) { now_.fetch_add(delta); }

 private:
  std::atomic<Millis> now_;
};

}  // namespace aurora::jobs
