// The parts of aurora::Job (include/aurora/job.h) that are not plain data.
#include "aurora/database.h"
#include "aurora/job.h"
#include "jobs/attempt_state.h"

namespace aurora {

const char* to_string(StopReason r) {
  switch (r) {
    case StopReason::None: return "none";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::TimedOut: return "timed out";
    case StopReason::Abandoned: return "abandoned";
    case StopReason::ShuttingDown: return "shutting down";
  }
  return "none";
}

Database& Job::database() const {
  if (!database_handle) throw Exception(ErrorCode::Closed, "this job has no database (it was not given to a handler)");
  return *database_handle;
}

StopReason Job::stop_reason() const { return attempt ? attempt->reason.load() : StopReason::None; }

}  // namespace aurora
