#include "jobs/inbox_read.h"

#include "jobs/job_store.h"
#include "storage/write_lock.h"

namespace aurora::jobs {

const char* const kJobsWithInbox =
    "(SELECT id, type, payload, status, priority, retries, max_retries, error, last_retry, run_at, created_at, "
    "started_at, completed_at, timeout, claim_token, owner, lease_until FROM _jobs "
    "UNION ALL "
    "SELECT id, type, payload, status, priority, 0, max_retries, NULL, NULL, run_at, created_at, "
    "NULL, NULL, timeout, NULL, NULL, NULL FROM _jobs_inbox)";

bool TryFlushInbox(storage::Connection& conn) {
  {
    storage::Statement& any = conn.Prepare("SELECT 1 FROM _jobs_inbox LIMIT 1");
    bool found = any.Step();
    any.Reset();
    if (!found) return true;
  }
  if (conn.ReadOnly()) return false;
  if (conn.InTransaction()) {  // the engine opens only write transactions (BEGIN IMMEDIATE)
    FlushInbox(conn);
    return true;
  }
  storage::TryWriteTransaction tx(conn);
  if (!tx.acquired()) return false;
  FlushInbox(conn);
  tx.Commit();
  return true;
}

}  // namespace aurora::jobs
