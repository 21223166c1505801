#include "jobs/job_store.h"

#include <algorithm>
#include <random>
#include <mutex>

#include "aurora/error.h"
#include "common/date_time.h"
#include "common/document_limits.h"
#include "common/foreign_values.h"
#include "common/ids.h"
#include "common/utf8.h"
#include "jobs/inbox_read.h"
#include "jobs/iso_time.h"
#include "jobs/write_txn.h"

namespace aurora::jobs {
namespace {

using storage::Connection;
using storage::Statement;

// Runs `fn` in the caller's transaction when one is open, else in a new one.
template <typename Fn>
auto InTransaction(Connection& conn, Fn&& fn) {
  if (conn.InTransaction()) return fn();
  WriteTxn tx(conn);
  auto result = fn();
  tx.Commit();
  return result;
}

JobStatus StatusFromText(std::string_view text) {
  return parse_job_status(text).value_or(JobStatus::Pending);
}

Priority PriorityFromRank(std::int64_t rank) {
  return static_cast<Priority>(std::clamp<std::int64_t>(rank, 0, 3));
}

std::optional<std::string> OptText(const Statement& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return st.Text(col);
}

std::optional<std::int64_t> OptInt(const Statement& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return st.Int(col);
}

[[noreturn]] void Invalid(const std::string& message) { throw Exception(ErrorCode::ValidationError, message); }

// A PENDING job of `types` with at least `priority` is waiting (it must be claimed first).
bool ClaimableWaiting(Connection& conn, const std::vector<std::string>& types, Priority priority) {
  FlushInbox(conn);
  std::string sql =
      "SELECT 1 FROM _jobs INDEXED BY _jobs_queue WHERE status = 'PENDING' AND priority >= ? AND type IN (?";
  for (size_t i = 1; i < types.size(); ++i) sql += ", ?";
  sql += ") LIMIT 1";
  Statement& st = conn.Prepare(sql);
  int n = 1;
  st.BindInt(n++, static_cast<std::int64_t>(priority));
  for (const std::string& type : types) st.BindText(n++, type);
  bool found = st.Step();
  st.Reset();
  return found;
}

EnqueuedJob InsertOne(Connection& conn, const NewJob& job, Millis now, const std::string& now_iso,
                      const ClaimRequest* claim = nullptr, bool inbox = false) {
  ValidateNewJob(job);
  Millis run_at = job.run_at && *job.run_at > now ? *job.run_at : now;
  JobStatus status = run_at > now ? JobStatus::Scheduled : JobStatus::Pending;
  std::string id = internal::NewId();
  if (claim && status == JobStatus::Pending && claim->types && !claim->types->empty() &&
      !ClaimableWaiting(conn, *claim->types, job.priority)) {
    static const std::string kInsertClaimed =
        "INSERT INTO _jobs (id, type, payload, status, priority, retries, max_retries, run_at, created_at, "
        "timeout, claim_token, owner, lease_until, started_at) "
        "VALUES (?1, ?2, ?3, 'RUNNING', ?4, 0, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?6)";
    Statement& st = conn.Prepare(kInsertClaimed);
    st.BindText(1, id);
    st.BindText(2, job.type);
    st.BindText(3, job.payload_json);
    st.BindInt(4, static_cast<std::int64_t>(job.priority));
    st.BindInt(5, job.max_retries);
    st.BindText(6, now_iso);
    if (job.timeout_ms) {
      st.BindInt(7, *job.timeout_ms);
    } else {
      st.BindNull(7);
    }
    st.BindInt(8, claim->token);
    st.BindText(9, claim->owner);
    st.BindInt(10, now + claim->lease_ms);
    st.Step();
    return EnqueuedJob{std::move(id), JobStatus::Running, job.type, job.priority, run_at, claim->token};
  }
  // Every handler's enqueue runs this: the SQL text is built once, and the values are bound
  // without copies (they outlive the Step; Reset below clears the bindings, even on a throw).
  static const std::string kInsert =
      "INSERT INTO _jobs (id, type, payload, status, priority, retries, max_retries, run_at, created_at, "
      "timeout) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)";
  static const std::string kInsertInbox =
      "INSERT INTO _jobs_inbox (id, type, payload, status, priority, max_retries, run_at, created_at, "
      "timeout) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  std::string run_at_iso = run_at == now ? std::string() : FormatIsoMs(run_at);
  Statement& st = conn.Prepare(inbox ? kInsertInbox : kInsert);
  struct ClearBindings {
    Statement& st;
    ~ClearBindings() { st.Reset(); }
  } clear{st};
  st.BindTextNoCopy(1, id);
  st.BindTextNoCopy(2, job.type);
  st.BindTextNoCopy(3, job.payload_json);
  st.BindTextNoCopy(4, to_string(status));
  st.BindInt(5, static_cast<std::int64_t>(job.priority));
  st.BindInt(6, job.max_retries);
  st.BindTextNoCopy(7, run_at == now ? now_iso : run_at_iso);
  st.BindTextNoCopy(8, now_iso);
  if (job.timeout_ms) {
    st.BindInt(9, *job.timeout_ms);
  } else {
    st.BindNull(9);
  }
  st.Step();
  return EnqueuedJob{std::move(id), status, job.type, job.priority, run_at};
}

std::optional<JobStatus> StatusOf(Connection& conn, std::string_view id) {
  FlushInbox(conn);
  Statement& st = conn.Prepare("SELECT status FROM _jobs WHERE id = ?");
  st.Bind(1, std::string(id));
  if (!st.Step()) return std::nullopt;
  return StatusFromText(st.TextView(0));
}

ChangeOutcome Change(Connection& conn, std::string_view id, const std::string& sql,
                     const std::vector<storage::BindValue>& values, JobStatus target) {
  return InTransaction(conn, [&] {
    FlushInbox(conn);
    Statement& st = conn.Prepare(sql);
    st.BindAll(values);
    st.Step();
    if (conn.Changes() > 0) return ChangeOutcome{ChangeResult::kDone, target};
    std::optional<JobStatus> status = StatusOf(conn, id);
    return ChangeOutcome{status ? ChangeResult::kWrongState : ChangeResult::kNotFound, status};
  });
}

}  // namespace

std::string JobTypeProblem(std::string_view type) {
  if (type.empty()) return "a job needs a non-empty type";
  if (auto at = internal::FindInvalidUtf8Byte(type)) {
    return "the job type is not valid UTF-8 (invalid byte " + std::to_string(*at) + ")";
  }
  for (std::size_t i = 0; i < type.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(type[i]);
    if (c < 0x20 || c == 0x7F) {
      static const char kHex[] = "0123456789ABCDEF";
      std::string code = "U+00";
      code += kHex[c >> 4];
      code += kHex[c & 15];
      return "the job type cannot contain the control character " + code + " (byte " + std::to_string(i) + ")";
    }
  }
  return "";
}

void ValidateNewJob(const NewJob& job) {
  if (std::string problem = JobTypeProblem(job.type); !problem.empty()) Invalid(problem);
  if (job.max_retries < 0 || job.max_retries > kMaxRetries) {
    Invalid("max_retries must be from 0 to " + std::to_string(kMaxRetries) + ", got " + std::to_string(job.max_retries));
  }
  if (job.run_at && *job.run_at > internal::kMaxEpochMs) Invalid("a job cannot run later than 9999-12-31T23:59:59.999Z");
  if (job.timeout_ms && (*job.timeout_ms <= 0 || *job.timeout_ms > kMaxTimeoutMs)) {
    Invalid("timeout must be from 1 ms to 100 years (" + std::to_string(kMaxTimeoutMs) +
            " ms; leave it unset for no timeout), got " + std::to_string(*job.timeout_ms) + " ms");
  }
}

NewJob MakeNewJob(std::string_view type, const Json& payload, const JobOptions& options, Millis now) {
  NewJob job;
  job.type = std::string(type);
  if (std::string problem = internal::DocumentProblem(payload); !problem.empty()) Invalid("payload: " + problem);
  // Values from C++ can hold what AQL text cannot (AQL variables are checked when bound).
  if (std::string problem = internal::ForeignValueProblem(payload, "payload"); !problem.empty()) Invalid(problem);
  job.payload_json = payload.is_null() ? "{}" : payload.dump();
  job.priority = options.priority;
  job.max_retries = options.max_retries;
  if (options.run_at) {
    job.run_at = std::chrono::duration_cast<std::chrono::milliseconds>(options.run_at->time_since_epoch()).count();
  } else if (options.delay) {
    if (options.delay->count() < 0) Invalid("delay must not be negative");
    if (options.delay->count() > internal::kMaxEpochMs - now) Invalid("delay puts the job later than 9999-12-31T23:59:59.999Z");
    job.run_at = now + options.delay->count();
  }
  if (options.timeout) job.timeout_ms = options.timeout->count();
  ValidateNewJob(job);
  return job;
}

EnqueuedJob Enqueue(Connection& conn, const NewJob& job, Millis now, const ClaimRequest* claim) {
  // One INSERT is atomic on its own: outside a transaction it commits by itself. With a claim,
  // the check for waiting jobs and the INSERT share one transaction (costs the same: the
  // check's own read transaction was as dear as BEGIN IMMEDIATE … COMMIT around both).
  if (claim) return InTransaction(conn, [&] { return InsertOne(conn, job, now, FormatIsoMs(now), claim); });
  return InsertOne(conn, job, now, FormatIsoMs(now));
}

std::vector<EnqueuedJob> EnqueueMany(Connection& conn, const std::vector<NewJob>& jobs, Millis now, JobTable table) {
  for (const NewJob& job : jobs) ValidateNewJob(job);
  std::string now_iso = FormatIsoMs(now);
  return InTransaction(conn, [&] {
    std::vector<EnqueuedJob> out;
    out.reserve(jobs.size());
    for (const NewJob& job : jobs) out.push_back(InsertOne(conn, job, now, now_iso, nullptr, table == JobTable::kInbox));
    return out;
  });
}

ClaimedJob ToClaimedJob(NewJob job, const EnqueuedJob& done) {
  ClaimedJob run;
  run.id = done.id;
  run.type = std::move(job.type);
  run.payload_json = std::move(job.payload_json);
  run.priority = job.priority;
  run.max_retries = job.max_retries;
  run.timeout_ms = job.timeout_ms;
  run.token = done.claim_token;
  return run;
}

EnqueuedJob EnqueueToInbox(Connection& conn, const NewJob& job, Millis now) {
  // One INSERT: atomic on its own, or part of the caller's (the firing write's) transaction.
  return InsertOne(conn, job, now, FormatIsoMs(now), nullptr, true);
}

int FlushInbox(Connection& conn) {
  {
    Statement& any = conn.Prepare("SELECT 1 FROM _jobs_inbox LIMIT 1");
    bool found = any.Step();
    any.Reset();
    if (!found) return 0;
  }
  return InTransaction(conn, [&] {
    // The rows get the defaults of an INSERT into _jobs (retries 0, no error, no claim).
    Statement& move = conn.Prepare(
        "INSERT INTO _jobs (id, type, payload, status, priority, retries, max_retries, run_at, created_at, timeout) "
        "SELECT id, type, payload, status, priority, 0, max_retries, run_at, created_at, timeout "
        "FROM _jobs_inbox ORDER BY rowid");
    move.Step();
    move.Reset();
    int moved = static_cast<int>(conn.Changes());
    Statement& clear = conn.Prepare("DELETE FROM _jobs_inbox");
    clear.Step();
    clear.Reset();
    return moved;
  });
}

ChangeOutcome Cancel(Connection& conn, std::string_view id, Millis now) {
  return Change(conn, id,
                // A RUNNING job keeps its claim: its attempt is still out, and the job must not be
                // claimed again (after a retryJob) until that attempt returns (ReleaseClaim).
                "UPDATE _jobs SET status = 'CANCELLED', completed_at = ? "
                "WHERE id = ? AND status IN ('PENDING', 'SCHEDULED', 'RUNNING')",
                {FormatIsoMs(now), std::string(id)}, JobStatus::Cancelled);
}

ChangeOutcome Retry(Connection& conn, std::string_view id, Millis now) {
  return Change(conn, id,
                "UPDATE _jobs SET status = 'PENDING', retries = 0, run_at = ?, completed_at = NULL "
                "WHERE id = ? AND status IN ('FAILED', 'CANCELLED')",
                {FormatIsoMs(now), std::string(id)}, JobStatus::Pending);
}

std::optional<JobRow> Get(Connection& conn, std::string_view id) {
  FlushInbox(conn);
  Statement& st = conn.Prepare(
      "SELECT id, type, payload, status, priority, retries, max_retries, error, last_retry, run_at, "
      "created_at, started_at, completed_at, timeout, claim_token, owner, lease_until FROM _jobs WHERE id = ?");
  st.Bind(1, std::string(id));
  if (!st.Step()) return std::nullopt;
  JobRow row;
  row.id = st.Text(0);
  row.type = st.Text(1);
  row.payload_json = st.Text(2);
  row.status = StatusFromText(st.TextView(3));
  row.priority = PriorityFromRank(st.Int(4));
  row.retries = static_cast<int>(st.Int(5));
  row.max_retries = static_cast<int>(st.Int(6));
  row.error = OptText(st, 7);
  row.last_retry = OptText(st, 8);
  row.run_at = st.Text(9);
  row.created_at = st.Text(10);
  row.started_at = OptText(st, 11);
  row.completed_at = OptText(st, 12);
  row.timeout_ms = OptInt(st, 13);
  row.claim_token = OptInt(st, 14);
  row.owner = OptText(st, 15);
  row.lease_until = OptInt(st, 16);
  st.Reset();
  return row;
}

std::map<JobStatus, std::int64_t> CountByStatus(Connection& conn) {
  std::map<JobStatus, std::int64_t> out;
  JobQueueSummary s = Summarize(conn, 0, 0);
  for (const auto& [word, n] : s.by_status) {
    if (n > 0) out[StatusFromText(word)] = n;
  }
  return out;
}

JobQueueSummary Summarize(Connection& conn, Millis now, int recent_failures) {
  static const JobStatus kAll[] = {JobStatus::Pending, JobStatus::Scheduled, JobStatus::Running,
                                   JobStatus::Completed, JobStatus::Failed, JobStatus::Cancelled};
  JobQueueSummary out;
  std::map<std::string, std::map<JobStatus, std::int64_t>> per_type;
  std::map<JobStatus, std::int64_t> totals;
  // A summary is a read: with the write lock taken it counts the inbox where it is.
  const std::string jobs = TryFlushInbox(conn) ? "_jobs" : kJobsWithInbox;
  {
    // Unfinished, failed and cancelled jobs are counted from the index; COMPLETED ones (which
    // can be millions) from the per-type tally in _jobs_completed.
    Statement& st = conn.Prepare(
        "SELECT status, type, count(*) FROM " + jobs +
        " WHERE status IN ('PENDING', 'SCHEDULED', 'RUNNING', 'FAILED', 'CANCELLED') GROUP BY status, type");
    while (st.Step()) {
      JobStatus status = StatusFromText(st.TextView(0));
      per_type[st.Text(1)][status] += st.Int(2);
      totals[status] += st.Int(2);
    }
    Statement& done = conn.Prepare("SELECT type, n FROM _jobs_completed WHERE n > 0");
    while (done.Step()) {
      per_type[done.Text(0)][JobStatus::Completed] += done.Int(1);
      totals[JobStatus::Completed] += done.Int(1);
    }
  }
  for (JobStatus s : kAll) out.by_status.emplace_back(to_string(s), totals[s]);
  for (auto& [type, counts] : per_type) {
    JobQueueSummary::TypeRow row;
    row.type = type;
    for (JobStatus s : kAll) {
      row.by_status.emplace_back(to_string(s), counts[s]);
      row.total += counts[s];
    }
    out.by_type.push_back(std::move(row));
  }
  {
    Statement& st = conn.Prepare("SELECT id, type, created_at FROM " + jobs +
                                 " WHERE status = 'PENDING' ORDER BY created_at, id LIMIT 1");
    if (st.Step()) {
      out.oldest_pending_id = st.Text(0);
      out.oldest_pending_type = st.Text(1);
      if (auto created = ParseIsoMs(st.TextView(2))) {
        out.oldest_pending_age = std::chrono::milliseconds(std::max<Millis>(0, now - *created));
      }
    }
    st.Reset();
  }
  if (recent_failures > 0) {
    Statement& st = conn.Prepare(
        "SELECT id, type, coalesce(error, ''), coalesce(last_retry, ''), retries, max_retries FROM _jobs "
        "WHERE status = 'FAILED' ORDER BY completed_at DESC, id DESC LIMIT ?");
    st.Bind(1, static_cast<std::int64_t>(recent_failures));
    while (st.Step()) {
      out.recent_failures.push_back(JobQueueSummary::Failure{st.Text(0), st.Text(1), st.Text(2), st.Text(3),
                                                             static_cast<int>(st.Int(4)), static_cast<int>(st.Int(5))});
    }
  }
  return out;
}

std::int64_t NewToken() {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  std::lock_guard<std::mutex> lock(mu);
  std::int64_t token = 0;
  while (token == 0) token = static_cast<std::int64_t>(rng() >> 1);
  return token;
}

namespace {

// One row of a claim's RETURNING id, type, payload, priority, retries, max_retries, timeout, run_at.
ClaimedJob ClaimedRow(Statement& st, std::int64_t token) {
  ClaimedJob job;
  job.id = st.Text(0);
  job.type = st.Text(1);
  job.payload_json = st.Text(2);
  job.priority = PriorityFromRank(st.Int(3));
  job.retries = static_cast<int>(st.Int(4));
  job.max_retries = static_cast<int>(st.Int(5));
  job.timeout_ms = OptInt(st, 6);
  job.run_at = st.Text(7);
  job.token = token;
  return job;
}

}  // namespace

std::vector<ClaimedJob> Claim(Connection& conn, const ClaimRequest& request, Millis now) {
  std::vector<ClaimedJob> out;
  if (!request.types || request.types->empty() || request.limit <= 0) return out;
  const std::vector<std::string>& types = *request.types;
  FlushInbox(conn);  // handler-enqueued jobs join the queue here, in the claim's transaction
  std::string sql =
      "UPDATE _jobs SET status = 'RUNNING', claim_token = ?, owner = ?, lease_until = ?, started_at = ? "
      "WHERE id IN (SELECT id FROM _jobs INDEXED BY _jobs_queue WHERE status = 'PENDING' AND priority >= ? "
      "AND suspect = 0 AND claim_token IS NULL AND type IN (?";
  for (size_t i = 1; i < types.size(); ++i) sql += ", ?";
  sql += ") ORDER BY priority DESC, run_at, id LIMIT ?) "
         "RETURNING id, type, payload, priority, retries, max_retries, timeout, run_at";
  Statement& st = conn.Prepare(sql);
  int n = 1;
  st.Bind(n++, request.token);
  st.Bind(n++, std::string(request.owner));
  st.Bind(n++, static_cast<std::int64_t>(now + request.lease_ms));
  st.Bind(n++, FormatIsoMs(now));
  st.Bind(n++, static_cast<std::int64_t>(request.min_priority));
  for (const std::string& type : types) st.Bind(n++, type);
  st.Bind(n++, static_cast<std::int64_t>(request.limit));
  while (st.Step()) out.push_back(ClaimedRow(st, request.token));
  std::sort(out.begin(), out.end(), [](const ClaimedJob& a, const ClaimedJob& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.run_at != b.run_at) return a.run_at < b.run_at;
    return a.id < b.id;
  });
  return out;
}

std::optional<ClaimedJob> ClaimSuspect(Connection& conn, const ClaimRequest& request, Millis now) {
  if (!request.types || request.types->empty()) return std::nullopt;
  const std::vector<std::string>& types = *request.types;
  std::string sql =
      "UPDATE _jobs SET status = 'RUNNING', claim_token = ?, owner = ?, lease_until = ?, started_at = ?, suspect = 2 "
      "WHERE id = (SELECT id FROM _jobs INDEXED BY _jobs_queue WHERE status = 'PENDING' AND suspect = 1 "
      "AND claim_token IS NULL AND type IN (?";
  for (size_t i = 1; i < types.size(); ++i) sql += ", ?";
  sql += ") ORDER BY priority DESC, run_at, id LIMIT 1) "
         "RETURNING id, type, payload, priority, retries, max_retries, timeout, run_at";
  Statement& st = conn.Prepare(sql);
  int n = 1;
  st.Bind(n++, request.token);
  st.Bind(n++, std::string(request.owner));
  st.Bind(n++, static_cast<std::int64_t>(now + request.lease_ms));
  st.Bind(n++, FormatIsoMs(now));
  for (const std::string& type : types) st.Bind(n++, type);
  std::optional<ClaimedJob> out;
  if (st.Step()) {
    out = ClaimedRow(st, request.token);
    out->isolated = true;
    while (st.Step()) {
    }
  }
  st.Reset();
  return out;
}

int PromoteDue(Connection& conn, Millis now) {
  FlushInbox(conn);
  Statement& st = conn.Prepare(
      "UPDATE _jobs INDEXED BY _jobs_scheduled SET status = 'PENDING' WHERE status = 'SCHEDULED' AND run_at <= ?");
  st.Bind(1, FormatIsoMs(now));
  st.Step();
  return static_cast<int>(conn.Changes());
}

std::optional<Millis> NextScheduledAt(Connection& conn) {
  FlushInbox(conn);
  Statement& st = conn.Prepare("SELECT min(run_at) FROM _jobs INDEXED BY _jobs_scheduled WHERE status = 'SCHEDULED'");
  std::optional<Millis> out;
  if (st.Step() && !st.IsNull(0)) out = ParseIsoMs(st.TextView(0));
  st.Reset();
  return out;
}

bool Complete(Connection& conn, std::string_view id, std::int64_t token, Millis now, CompletedTally* tally,
              std::string_view type) {
  static const std::string kSet =
      "UPDATE _jobs SET status = 'COMPLETED', completed_at = ?, claim_token = NULL, owner = NULL, "
      "lease_until = NULL, suspect = 0 WHERE id = ? AND claim_token = ? AND status = 'RUNNING'";
  Statement& st = conn.Prepare(type.empty() ? kSet + " RETURNING type" : kSet);
  st.Bind(1, FormatIsoMs(now));
  st.Bind(2, std::string(id));
  st.Bind(3, token);
  std::string returned;
  if (type.empty()) {
    if (!st.Step()) return false;
    returned = st.Text(0);
    type = returned;
    while (st.Step()) {
    }
  } else {
    st.Step();
    if (conn.Changes() == 0) return false;
  }
  CompletedTally local;
  CompletedTally& counts = tally ? *tally : local;
  auto it = counts.find(type);
  if (it == counts.end()) {
    counts.emplace(std::string(type), 1);
  } else {
    ++it->second;
  }
  if (!tally) AddCompleted(conn, local);
  return true;
}

void AddCompleted(Connection& conn, CompletedTally& tally) {
  for (const auto& [type, n] : tally) {
    Statement& st = conn.Prepare(
        "INSERT INTO _jobs_completed (type, n) VALUES (?, ?) ON CONFLICT (type) DO UPDATE SET n = n + excluded.n");
    st.Bind(1, type);
    st.Bind(2, n);
    st.Step();
  }
  tally.clear();
}

std::optional<FailureOutcome> Fail(Connection& conn, std::string_view id, std::int64_t token, int retries_before,
                                   int max_retries, std::string_view error, Millis now, const Backoff& backoff,
                                   double jitter01) {
  FailureOutcome outcome = DecideFailure(retries_before, max_retries, now, backoff, jitter01);
  std::string now_iso = FormatIsoMs(now);
  Statement& st = conn.Prepare(
      "UPDATE _jobs SET status = ?, retries = ?, error = ?, last_retry = ?, run_at = coalesce(?, run_at), "
      "completed_at = ?, "
      "claim_token = NULL, owner = NULL, lease_until = NULL, suspect = 0 "
      "WHERE id = ? AND claim_token = ? AND status = 'RUNNING'");
  st.Bind(1, std::string(to_string(outcome.status)));
  st.Bind(2, static_cast<std::int64_t>(outcome.retries));
  // The text comes from a handler (its error message or exception): it is recorded whatever
  // bytes it holds, with the invalid ones replaced, so the row stays JSON-readable.
  st.Bind(3, internal::RepairUtf8(error));
  st.Bind(4, now_iso);
  if (outcome.status == JobStatus::Failed) {
    st.Bind(5, nullptr);  // a FAILED job keeps its last run_at
  } else {
    st.Bind(5, FormatIsoMs(outcome.run_at));
  }
  if (outcome.status == JobStatus::Failed) {
    st.Bind(6, now_iso);
  } else {
    st.Bind(6, nullptr);
  }
  st.Bind(7, std::string(id));
  st.Bind(8, token);
  st.Step();
  if (conn.Changes() == 0) return std::nullopt;
  return outcome;
}

bool HandBack(Connection& conn, std::string_view id, std::int64_t token) {
  Statement& st = conn.Prepare(
      "UPDATE _jobs SET status = 'PENDING', claim_token = NULL, owner = NULL, lease_until = NULL, "
      "suspect = min(suspect, 1) WHERE id = ? AND claim_token = ? AND status = 'RUNNING'");
  st.Bind(1, std::string(id));
  st.Bind(2, token);
  st.Step();
  return conn.Changes() > 0;
}

int RenewLeases(Connection& conn, std::string_view owner, Millis lease_until) {
  Statement& st = conn.Prepare(
      "UPDATE _jobs SET lease_until = ? WHERE status = 'RUNNING' AND owner = ?");
  st.Bind(1, static_cast<std::int64_t>(lease_until));
  st.Bind(2, std::string(owner));
  st.Step();
  int n = static_cast<int>(conn.Changes());
  // Attempts of jobs cancelled (or retried) while running still hold their claim.
  Statement& out = conn.Prepare(
      "UPDATE _jobs INDEXED BY _jobs_claimed SET lease_until = ? "
      "WHERE claim_token IS NOT NULL AND status != 'RUNNING' AND owner = ?");
  out.Bind(1, static_cast<std::int64_t>(lease_until));
  out.Bind(2, std::string(owner));
  out.Step();
  return n + static_cast<int>(conn.Changes());
}

bool ReleaseClaim(Connection& conn, std::string_view id, std::int64_t token) {
  Statement& st = conn.Prepare(
      "UPDATE _jobs SET claim_token = NULL, owner = NULL, lease_until = NULL WHERE id = ? AND claim_token = ?");
  st.Bind(1, std::string(id));
  st.Bind(2, token);
  st.Step();
  return conn.Changes() > 0;
}

bool StillRunning(Connection& conn, std::string_view id, std::int64_t token) {
  Statement& st = conn.Prepare("SELECT 1 FROM _jobs WHERE id = ? AND claim_token = ? AND status = 'RUNNING'");
  st.Bind(1, std::string(id));
  st.Bind(2, token);
  bool running = st.Step();
  st.Reset();
  return running;
}

std::vector<std::string> RunningOwners(Connection& conn) {
  std::vector<std::string> out;
  Statement& st = conn.Prepare(
      "SELECT owner FROM _jobs INDEXED BY _jobs_running WHERE status = 'RUNNING' AND owner IS NOT NULL "
      "UNION SELECT owner FROM _jobs INDEXED BY _jobs_claimed WHERE claim_token IS NOT NULL AND status != 'RUNNING' "
      "AND owner IS NOT NULL");
  while (st.Step()) out.push_back(st.Text(0));
  return out;
}

namespace {

// An attempt interrupted by its owner's death. Only a suspect that ran alone (suspect = 2, see
// ClaimSuspect) is charged: the crash was its own. Every other job running in that process is
// not charged and becomes a suspect (suspect = 1), to run alone next, so one job that crashes
// its worker cannot take the jobs beside it down with it. A charged job goes back to PENDING at
// once (it keeps its place in line) or, when that was its last allowed failure, to FAILED.
constexpr const char* kRescueSet =
    "UPDATE _jobs SET retries = retries + (suspect = 2), "
    "error = ?1 || CASE WHEN suspect = 2 THEN ' (counted: it ran alone)' "
    "ELSE ' (not counted: it runs alone next, so a job that crashes its worker is singled out)' END, "
    "last_retry = ?2, "
    "status = CASE WHEN suspect = 2 AND retries + 1 >= max_retries THEN 'FAILED' ELSE 'PENDING' END, "
    "completed_at = CASE WHEN suspect = 2 AND retries + 1 >= max_retries THEN ?2 ELSE NULL END, "
    "suspect = 1, claim_token = NULL, owner = NULL, lease_until = NULL ";

}  // namespace

int RescueOwner(Connection& conn, std::string_view owner, Millis now) {
  return InTransaction(conn, [&] {
    // Claims a dead owner held on jobs cancelled or retried while it ran them: let them go.
    Statement& out = conn.Prepare(
        "UPDATE _jobs INDEXED BY _jobs_claimed SET claim_token = NULL, owner = NULL, lease_until = NULL "
        "WHERE claim_token IS NOT NULL AND status != 'RUNNING' AND owner = ?");
    out.Bind(1, std::string(owner));
    out.Step();
    Statement& st = conn.Prepare(std::string(kRescueSet) + "WHERE status = 'RUNNING' AND owner = ?3");
    st.Bind(1, std::string("attempt interrupted: the worker process running it died"));
    st.Bind(2, FormatIsoMs(now));
    st.Bind(3, std::string(owner));
    st.Step();
    return static_cast<int>(conn.Changes());
  });
}

int RescueExpired(Connection& conn, std::string_view owner, Millis now) {
  return InTransaction(conn, [&] {
    Statement& out = conn.Prepare(
        "UPDATE _jobs INDEXED BY _jobs_claimed SET claim_token = NULL, owner = NULL, lease_until = NULL "
        "WHERE claim_token IS NOT NULL AND status != 'RUNNING' AND owner = ? AND lease_until < ?");
    out.Bind(1, std::string(owner));
    out.Bind(2, static_cast<std::int64_t>(now));
    out.Step();
    Statement& st = conn.Prepare(std::string(kRescueSet) +
                                 "WHERE status = 'RUNNING' AND owner = ?4 AND lease_until IS NOT NULL AND lease_until < ?3");
    st.Bind(1, std::string("attempt interrupted: its lease expired (worker stuck or gone)"));
    st.Bind(2, FormatIsoMs(now));
    st.Bind(3, static_cast<std::int64_t>(now));
    st.Bind(4, std::string(owner));
    st.Step();
    return static_cast<int>(conn.Changes());
  });
}

}  // namespace aurora::jobs
