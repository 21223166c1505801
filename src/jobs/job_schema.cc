#include "jobs/job_schema.h"

namespace aurora::jobs {

void EnsureSchema(storage::Connection& conn) {
  // _jobs_ready serves the claim query (ORDER BY priority DESC, run_at, id over PENDING jobs,
  // type read from the index); _jobs_scheduled finds due SCHEDULED jobs and the next timer;
  // _jobs_running finds a process's claims; _jobs_status counts by status and type.
  conn.Exec(R"sql(
    CREATE TABLE IF NOT EXISTS _jobs (
      id TEXT PRIMARY KEY NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL DEFAULT '{}',
      status TEXT NOT NULL,
      priority INTEGER NOT NULL DEFAULT 1,
      retries INTEGER NOT NULL DEFAULT 0,
      max_retries INTEGER NOT NULL DEFAULT 3,
      error TEXT,
      last_retry TEXT,
      run_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      started_at TEXT,
      completed_at TEXT,
      timeout INTEGER,
      claim_token INTEGER,
      owner TEXT,
      lease_until INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS _jobs_ready ON _jobs(priority DESC, run_at, id, type)
      WHERE status = 'PENDING';
    CREATE INDEX IF NOT EXISTS _jobs_scheduled ON _jobs(run_at) WHERE status = 'SCHEDULED';
    CREATE INDEX IF NOT EXISTS _jobs_running ON _jobs(owner, lease_until) WHERE status = 'RUNNING';
    CREATE INDEX IF NOT EXISTS _jobs_status ON _jobs(status, type);
  )sql");
}

}  // namespace aurora::jobs
