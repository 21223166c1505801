// jobs/inbox_read.h: reading `_jobs` when the inbox cannot be moved first.
//
// Readers of `_jobs` move the inbox (jobs/job_store.h FlushInbox) before they read, so they see
// handler-enqueued jobs. Moving needs the write lock, and a read must never wait for it (nor fail
// on a read-only file): TryFlushInbox moves the inbox only when that needs no wait, and when it
// cannot, the read goes through kJobsWithInbox, which shows the inbox rows as the jobs they will
// become. The next writer moves them (every change of `_jobs` flushes first).
#pragma once

#include "storage/sqlite.h"

namespace aurora::jobs {

// True when nothing is left in the inbox: it was empty, or moved inside the caller's (write)
// transaction, or in a transaction of its own because the write lock was free at once. False
// when rows were left (another connection holds the write lock, or the file is read-only).
bool TryFlushInbox(storage::Connection& conn);

// A relation for FROM (a parenthesized SELECT) with every column of `_jobs`: its rows and the
// inbox's, the latter with the values FlushInbox gives them. Keep its columns in step with
// `_jobs` (jobs/job_schema.cc).
extern const char* const kJobsWithInbox;

}  // namespace aurora::jobs
