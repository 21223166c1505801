// jobs/rescue.h: returning the jobs of dead processes to the queue (see jobs/owner_lock.h).
#pragma once

#include <string>
#include <string_view>

#include "jobs/clock.h"
#include "storage/sqlite.h"

namespace aurora::jobs {

// For every owner of RUNNING jobs other than `self` that is provably dead (its lock in
// `lock_path` is free), rescues its jobs (RescueOwner); then rescues jobs whose lease ran out.
// Returns how many jobs were rescued. `lock_path` empty (in-memory database): leases only.
int RescueOrphans(storage::Connection& conn, const std::string& lock_path, std::string_view self, Millis now);

}  // namespace aurora::jobs
