// jobs/rescue.h: returning the jobs of dead processes to the queue (see jobs/owner_lock.h).
#pragma once

#include <string>
#include <string_view>

#include "jobs/clock.h"
#include "storage/sqlite.h"

namespace aurora::jobs {

// For every owner of RUNNING jobs other than `self`, looked up through the owner locks of the
// database file `conn` has open: a dead owner's jobs are rescued at once (RescueOwner); a live
// owner's are left alone, whatever their lease says (it may be busy in a long write of its
// own); the jobs of an owner whose lock cannot be seen (an in-memory database, an id of another
// form) are rescued when their lease ran out. `self`'s jobs are never rescued. Returns how many
// jobs were rescued.
int RescueOrphans(storage::Connection& conn, std::string_view self, Millis now);

}  // namespace aurora::jobs
