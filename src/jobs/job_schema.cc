#include "jobs/job_schema.h"

namespace aurora::jobs {

void EnsureSchema(storage::Connection& conn) {
  bool has_tally = false;
  {
    auto st = conn.PrepareUncached("SELECT 1 FROM sqlite_master WHERE name = '_jobs_completed'");
    has_tally = st->Step();
  }
  // _jobs_inbox: jobs enqueued by handler actions, appended inside the firing write's
  // transaction to this index-free rowid table (one b-tree page per commit instead of two plus
  // rebalancing) and moved into _jobs by FlushInbox (jobs/job_store.h) before anything reads
  // or changes _jobs. Its rows are whole new jobs, ids included.
  // _jobs_queue serves the claim query (status = 'PENDING' ORDER BY priority DESC, run_at, id,
  // type read from the index), counts by status and type, and status filters. It is the only
  // index an enqueue of a ready job touches, so an enqueue writes two b-tree pages, like a
  // hand-written queue. The partial indexes only hold rows while they are SCHEDULED or RUNNING:
  // _jobs_scheduled finds due jobs and the next timer, _jobs_running a process's claims.
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
      lease_until INTEGER,
      suspect INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    DROP INDEX IF EXISTS _jobs_ready;
    DROP INDEX IF EXISTS _jobs_status;
    CREATE INDEX IF NOT EXISTS _jobs_queue ON _jobs(status, priority DESC, run_at, id, type);
    CREATE INDEX IF NOT EXISTS _jobs_scheduled ON _jobs(run_at) WHERE status = 'SCHEDULED';
    CREATE INDEX IF NOT EXISTS _jobs_running ON _jobs(owner, lease_until) WHERE status = 'RUNNING';
    CREATE TABLE IF NOT EXISTS _jobs_inbox (
      id TEXT NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL,
      priority INTEGER NOT NULL,
      max_retries INTEGER NOT NULL,
      run_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      timeout INTEGER
    );
    CREATE TABLE IF NOT EXISTS _jobs_completed (type TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;
  )sql");
  EnsureSuspectColumn(conn);
  if (!has_tally) {
    // A database from before the tally existed: count what is there once.
    conn.Exec("INSERT OR IGNORE INTO _jobs_completed (type, n) "
              "SELECT type, count(*) FROM _jobs WHERE status = 'COMPLETED' GROUP BY type");
  }
}

void EnsureSuspectColumn(storage::Connection& conn) {
  // _jobs_claimed holds only claims on jobs no longer RUNNING (cancelled or retried while their
  // attempt ran): almost always empty, so it costs nothing, and rescue finds those claims.
  conn.Exec(
      "CREATE INDEX IF NOT EXISTS _jobs_claimed ON _jobs(owner, lease_until) "
      "WHERE claim_token IS NOT NULL AND status != 'RUNNING'");
  auto st = conn.PrepareUncached("SELECT 1 FROM pragma_table_info('_jobs') WHERE name = 'suspect'");
  if (st->Step()) return;
  conn.Exec("ALTER TABLE _jobs ADD COLUMN suspect INTEGER NOT NULL DEFAULT 0");
}

}  // namespace aurora::jobs
