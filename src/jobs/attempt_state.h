// jobs/attempt_state.h: what a running attempt and the executor share (Job::attempt).
//
// The executor (dispatcher thread, or a cancel from any thread) asks an attempt to stop by
// setting its reason; the handler reads it through Job::stop_requested(), and aurora::sleep_for
// returns early once it is set. The first reason wins, except that ShuttingDown gives way to
// what happens next (the attempt may still time out, be cancelled or be abandoned).
#pragma once

#include <atomic>

#include "aurora/job.h"

namespace aurora::internal {

struct AttemptState {
  std::atomic<StopReason> reason{StopReason::None};

  void Request(StopReason r) {
    StopReason current = reason.load();
    while (current == StopReason::None || (current == StopReason::ShuttingDown && r != StopReason::ShuttingDown)) {
      if (reason.compare_exchange_weak(current, r)) return;
    }
  }
};

// The attempt the calling fiber runs (null outside a handler). Set by the executor around the
// handler's call; read by aurora::sleep_for.
AttemptState* CurrentAttempt();
void SetCurrentAttempt(AttemptState* attempt);

}  // namespace aurora::internal
