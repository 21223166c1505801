#include "jobs/rescue.h"

#include "jobs/job_store.h"
#include "jobs/owner_lock.h"

namespace aurora::jobs {

int RescueOrphans(storage::Connection& conn, const std::string& lock_path, std::string_view self, Millis now) {
  int rescued = 0;
  if (!lock_path.empty()) {
    for (const std::string& owner : RunningOwners(conn)) {
      if (owner != self && OwnerIsDead(lock_path, owner)) rescued += RescueOwner(conn, owner, now);
    }
  }
  return rescued + RescueExpired(conn, now);
}

}  // namespace aurora::jobs
