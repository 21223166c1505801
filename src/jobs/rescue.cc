#include "jobs/rescue.h"

#include "jobs/job_store.h"
#include "jobs/owner_lock.h"

namespace aurora::jobs {

int RescueOrphans(storage::Connection& conn, std::string_view self, Millis now) {
  int rescued = 0;
  for (const std::string& owner : RunningOwners(conn)) {
    if (owner == self) continue;
    switch (CheckOwner(conn.file(), owner)) {
      case Liveness::kDead: rescued += RescueOwner(conn, owner, now); break;
      case Liveness::kAlive: break;
      case Liveness::kUnknown: rescued += RescueExpired(conn, owner, now); break;
    }
  }
  return rescued;
}

}  // namespace aurora::jobs
