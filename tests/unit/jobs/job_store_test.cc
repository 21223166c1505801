// JobStore against a real in-memory SQLite database, with explicit times (no sleeps).
#include <doctest/doctest.h>

#include "aurora/error.h"
#include "jobs/iso_time.h"
#include "jobs/job_schema.h"
#include "jobs/job_store.h"
#include "test_util.h"

using namespace aurora;
using namespace aurora::jobs;

namespace {

constexpr Millis kT0 = 1'795'872'600'000;  // 2026-11-28T13:30:00.000Z

struct Store {
  storage::Connection conn{":memory:"};
  Store() { EnsureSchema(conn); }

  std::string Add(const std::string& type, Priority p = Priority::Normal, Millis now = kT0, int max_retries = 3) {
    NewJob job;
    job.type = type;
    job.priority = p;
    job.max_retries = max_retries;
    return Enqueue(conn, job, now).id;
  }

  std::vector<ClaimedJob> ClaimN(const std::vector<std::string>& types, int n, Millis now = kT0,
                                 Priority min = Priority::Low, std::string owner = "0-test") {
    storage::Transaction tx(conn);
    ClaimRequest req{&types, n, min, NewToken(), owner, 30000};
    auto out = Claim(conn, req, now);
    tx.Commit();
    return out;
  }

  JobRow Row(const std::string& id) { return *Get(conn, id); }
};

}  // namespace

TEST_CASE("enqueue writes a PENDING row with ISO times and defaults") {
  Store s;
  NewJob job;
  job.type = "email";
  job.payload_json = R"({"to":"a@b.c"})";
  EnqueuedJob e = Enqueue(s.conn, job, kT0);
  CHECK(e.status == JobStatus::Pending);
  CHECK(e.id.size() == 26);
  JobRow r = s.Row(e.id);
  CHECK(r.type == "email");
  CHECK(r.payload_json == R"({"to":"a@b.c"})");
  CHECK(r.status == JobStatus::Pending);
  CHECK(r.priority == Priority::Normal);
  CHECK(r.retries == 0);
  CHECK(r.max_retries == 3);
  CHECK(r.created_at == "2026-11-28T13:30:00.000Z");
  CHECK(r.run_at == r.created_at);
  CHECK_FALSE(r.error);
  CHECK_FALSE(r.claim_token);
}

TEST_CASE("a delayed job is SCHEDULED until PromoteDue reaches its run_at") {
  Store s;
  NewJob job;
  job.type = "later";
  job.run_at = kT0 + 5000;
  EnqueuedJob e = Enqueue(s.conn, job, kT0);
  CHECK(e.status == JobStatus::Scheduled);
  CHECK(NextScheduledAt(s.conn) == kT0 + 5000);
  CHECK(s.ClaimN({"later"}, 10, kT0 + 4999).empty());
  CHECK(PromoteDue(s.conn, kT0 + 4999) == 0);
  CHECK(PromoteDue(s.conn, kT0 + 5000) == 1);
  CHECK(s.Row(e.id).status == JobStatus::Pending);
  CHECK_FALSE(NextScheduledAt(s.conn));
  CHECK(s.ClaimN({"later"}, 10, kT0 + 5000).size() == 1);
}

TEST_CASE("enqueue joins the caller's transaction: a rollback removes the job") {
  Store s;
  {
    storage::Transaction tx(s.conn);
    s.Add("x");
    CHECK(testing::CountStatus(s.conn, "PENDING") == 1);
    // no Commit: rolled back
  }
  CHECK(testing::CountStatus(s.conn, "PENDING") == 0);
  std::vector<NewJob> many(3);
  for (NewJob& j : many) j.type = "y";
  many[2].type = "";  // invalid: nothing is written
  CHECK_THROWS_AS(EnqueueMany(s.conn, many, kT0), aurora::Exception);
  CHECK(testing::CountStatus(s.conn, "PENDING") == 0);
  many[2].type = "y";
  CHECK(EnqueueMany(s.conn, many, kT0).size() == 3);
  CHECK(testing::CountStatus(s.conn, "PENDING") == 3);
}

TEST_CASE("validation rejects empty types, negative max_retries, non-positive timeouts") {
  Store s;
  NewJob job;
  CHECK_THROWS_AS(Enqueue(s.conn, job, kT0), aurora::Exception);
  job.type = "t";
  job.max_retries = -1;
  CHECK_THROWS_AS(Enqueue(s.conn, job, kT0), aurora::Exception);
  job.max_retries = 0;
  job.timeout_ms = 0;
  CHECK_THROWS_AS(Enqueue(s.conn, job, kT0), aurora::Exception);
}

TEST_CASE("claims go by priority, then first in first out, only for the given types, up to the limit") {
  Store s;
  std::string low = s.Add("a", Priority::Low, kT0);
  std::string n1 = s.Add("a", Priority::Normal, kT0 + 1);
  std::string other = s.Add("b", Priority::Critical, kT0 + 2);
  std::string n2 = s.Add("a", Priority::Normal, kT0 + 3);
  std::string high = s.Add("a", Priority::High, kT0 + 4);
  std::string crit = s.Add("a", Priority::Critical, kT0 + 5);
  auto first = s.ClaimN({"a"}, 3, kT0 + 10);
  REQUIRE(first.size() == 3);
  CHECK(first[0].id == crit);
  CHECK(first[1].id == high);
  CHECK(first[2].id == n1);
  CHECK(first[0].token == first[1].token);
  CHECK(s.Row(crit).status == JobStatus::Running);
  CHECK(s.Row(crit).owner == "0-test");
  CHECK(s.Row(crit).started_at == FormatIsoMs(kT0 + 10));
  auto rest = s.ClaimN({"a"}, 10, kT0 + 10);
  REQUIRE(rest.size() == 2);
  CHECK(rest[0].id == n2);
  CHECK(rest[1].id == low);
  CHECK(s.ClaimN({"a"}, 10).empty());
  CHECK(s.Row(other).status == JobStatus::Pending);  // type b: nobody asked for it
  CHECK(s.ClaimN({"a", "b"}, 10).size() == 1);
}

TEST_CASE("a CRITICAL-only claim leaves other priorities waiting") {
  Store s;
  s.Add("a", Priority::High);
  std::string crit = s.Add("a", Priority::Critical, kT0 + 1);
  auto got = s.ClaimN({"a"}, 10, kT0, Priority::Critical);
  REQUIRE(got.size() == 1);
  CHECK(got[0].id == crit);
}

TEST_CASE("an enqueue with a claim inserts the job RUNNING, unless a claimable job waits ahead of it") {
  Store s;
  std::vector<std::string> types = {"a", "b"};
  ClaimRequest claim{&types, 1, Priority::Low, NewToken(), "3-me", 30000};
  NewJob job;
  job.type = "a";
  job.payload_json = R"({"i":1})";
  job.timeout_ms = 500;
  // Nothing waiting: claimed by its own INSERT.
  EnqueuedJob e = Enqueue(s.conn, job, kT0, &claim);
  CHECK(e.status == JobStatus::Running);
  CHECK(e.claim_token == claim.token);
  JobRow r = s.Row(e.id);
  CHECK(r.status == JobStatus::Running);
  CHECK(r.claim_token == claim.token);
  CHECK(r.owner == "3-me");
  CHECK(r.lease_until == kT0 + 30000);
  CHECK(r.started_at == FormatIsoMs(kT0));
  CHECK(r.created_at == FormatIsoMs(kT0));
  CHECK(r.run_at == r.created_at);
  CHECK(r.retries == 0);
  CHECK(r.timeout_ms == 500);
  CHECK(r.payload_json == R"({"i":1})");
  CHECK(Complete(s.conn, e.id, claim.token, kT0 + 5));  // completes like any claim

  // Waiting jobs of other types, or of lower priority, do not hold it back.
  s.Add("c", Priority::Critical);
  std::string low = s.Add("b", Priority::Low);
  CHECK(Enqueue(s.conn, job, kT0 + 1, &claim).claim_token == claim.token);

  // A waiting claimable job of the same (or a higher) priority goes first: PENDING as usual.
  std::string waiting = s.Add("b", Priority::Normal, kT0 + 2);
  EnqueuedJob queued = Enqueue(s.conn, job, kT0 + 3, &claim);
  CHECK(queued.status == JobStatus::Pending);
  CHECK(queued.claim_token == 0);
  CHECK_FALSE(s.Row(queued.id).owner);
  job.priority = Priority::High;
  CHECK(Enqueue(s.conn, job, kT0 + 4, &claim).claim_token == claim.token);  // outranks it

  // A job for later is SCHEDULED, never claimed.
  job.run_at = kT0 + 1000;
  EnqueuedJob later = Enqueue(s.conn, job, kT0 + 5, &claim);
  CHECK(later.status == JobStatus::Scheduled);
  CHECK(later.claim_token == 0);
  CHECK(s.Row(low).status == JobStatus::Pending);
  CHECK(s.Row(waiting).status == JobStatus::Pending);
}

TEST_CASE("a job claimed by its enqueue is rescued like any claim when its owner dies") {
  // The owner may die between the enqueue's commit and the handler's start: like every job that
  // ran beside others, it is not charged and becomes a suspect; run alone, a crash counts.
  Store s;
  std::vector<std::string> types = {"a"};
  ClaimRequest claim{&types, 1, Priority::Low, NewToken(), "7-dead", 30000};
  NewJob job;
  job.type = "a";
  std::string again = Enqueue(s.conn, job, kT0, &claim).id;
  job.max_retries = 0;
  std::string once = Enqueue(s.conn, job, kT0 + 1, &claim).id;
  CHECK(RunningOwners(s.conn) == std::vector<std::string>{"7-dead"});
  CHECK(RescueOwner(s.conn, "7-dead", kT0 + 100) == 2);
  JobRow r = s.Row(again);
  CHECK(r.status == JobStatus::Pending);
  CHECK(r.retries == 0);
  CHECK_FALSE(r.owner);
  CHECK_FALSE(r.claim_token);
  CHECK(s.Row(once).status == JobStatus::Pending);
  CHECK_FALSE(Complete(s.conn, again, claim.token, kT0 + 200));
  // Suspects are not claimed with the batch, only alone; a crash while alone is charged.
  CHECK(s.ClaimN({"a"}, 10, kT0 + 300).empty());
  storage::Transaction tx(s.conn);
  ClaimRequest alone{&types, 1, Priority::Low, NewToken(), "8-dead", 30000};
  std::optional<ClaimedJob> suspect = ClaimSuspect(s.conn, alone, kT0 + 300);
  tx.Commit();
  REQUIRE(suspect);
  CHECK(suspect->isolated);
  CHECK(suspect->id == again);
  CHECK(RescueOwner(s.conn, "8-dead", kT0 + 400) == 1);
  CHECK(s.Row(again).retries == 1);
  CHECK(s.Row(again).error->find("counted: it ran alone") != std::string::npos);
}

TEST_CASE("complete, fail and hand back only work for the claiming token") {
  Store s;
  std::string id = s.Add("a");
  auto c = s.ClaimN({"a"}, 1);
  REQUIRE(c.size() == 1);
  std::int64_t token = c[0].token;
  CHECK_FALSE(Complete(s.conn, id, token + 1, kT0));
  CHECK_FALSE(Fail(s.conn, id, token + 1, 0, 3, "x", kT0, Backoff{}, 0.0));
  CHECK_FALSE(HandBack(s.conn, id, token + 1));
  CHECK(s.Row(id).status == JobStatus::Running);
  CHECK(Complete(s.conn, id, token, kT0 + 7));
  JobRow r = s.Row(id);
  CHECK(r.status == JobStatus::Completed);
  CHECK(r.completed_at == FormatIsoMs(kT0 + 7));
  CHECK_FALSE(r.claim_token);
  // A second completion with the same token (a stale worker) changes nothing.
  CHECK_FALSE(Complete(s.conn, id, token, kT0 + 9));
  CHECK(s.Row(id).completed_at == FormatIsoMs(kT0 + 7));
}

TEST_CASE("retries: error, last_retry and back-off recorded; FAILED when retries reaches max_retries") {
  Store s;
  std::string id = s.Add("a");
  Backoff b{1000, 60000};
  Millis now = kT0;
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto c = s.ClaimN({"a"}, 1, now);
    REQUIRE(c.size() == 1);
    CHECK(c[0].retries == attempt - 1);
    auto outcome = Fail(s.conn, id, c[0].token, c[0].retries, c[0].max_retries, "boom " + std::to_string(attempt),
                        now, b, 0.0);
    REQUIRE(outcome);
    JobRow r = s.Row(id);
    CHECK(r.retries == attempt);
    CHECK(r.error == "boom " + std::to_string(attempt));
    CHECK(r.last_retry == FormatIsoMs(now));
    if (attempt < 3) {
      CHECK(r.status == JobStatus::Scheduled);
      Millis delay = NominalBackoffMs(attempt, b) / 2;  // jitter 0
      CHECK(r.run_at == FormatIsoMs(now + delay));
      CHECK(s.ClaimN({"a"}, 1, now + delay - 1).empty());
      CHECK(PromoteDue(s.conn, now + delay - 1) == 0);
      now += delay;
      CHECK(PromoteDue(s.conn, now) == 1);
    } else {
      CHECK(r.status == JobStatus::Failed);
      CHECK(r.completed_at == FormatIsoMs(now));
    }
  }
  CHECK(s.ClaimN({"a"}, 1, now + 10'000'000).empty());
}

TEST_CASE("cancel and retry") {
  Store s;
  std::string id = s.Add("a");
  CHECK(Retry(s.conn, id, kT0).result == ChangeResult::kWrongState);
  CHECK(Cancel(s.conn, id, kT0).result == ChangeResult::kDone);
  CHECK(s.Row(id).status == JobStatus::Cancelled);
  CHECK(Cancel(s.conn, id, kT0).result == ChangeResult::kWrongState);
  CHECK(Cancel(s.conn, "nope", kT0).result == ChangeResult::kNotFound);
  CHECK(Retry(s.conn, "nope", kT0).result == ChangeResult::kNotFound);
  CHECK(Retry(s.conn, id, kT0 + 5).result == ChangeResult::kDone);
  CHECK(s.Row(id).status == JobStatus::Pending);

  // A FAILED job comes back with retries reset; a cancelled running job's result is ignored.
  std::string f = s.Add("f", Priority::Normal, kT0, 0);
  auto c = s.ClaimN({"f"}, 1);
  REQUIRE(c.size() == 1);
  Fail(s.conn, f, c[0].token, 0, 0, "bad", kT0, Backoff{}, 0.0);
  CHECK(s.Row(f).status == JobStatus::Failed);
  CHECK(s.Row(f).retries == 1);
  CHECK(Retry(s.conn, f, kT0).result == ChangeResult::kDone);
  CHECK(s.Row(f).retries == 0);
  c = s.ClaimN({"f"}, 1);
  REQUIRE(c.size() == 1);
  CHECK(Cancel(s.conn, f, kT0).result == ChangeResult::kDone);
  CHECK_FALSE(Complete(s.conn, f, c[0].token, kT0));
  CHECK(s.Row(f).status == JobStatus::Cancelled);
}

TEST_CASE("rescue of a dead owner requeues at once; only a suspect that ran alone is charged") {
  Store s;
  std::string a = s.Add("a", Priority::Normal, kT0, 3);
  std::string b = s.Add("a", Priority::Normal, kT0 + 1, 1);
  auto c = s.ClaimN({"a"}, 10, kT0, Priority::Low, "7-dead");
  REQUIRE(c.size() == 2);
  CHECK(RunningOwners(s.conn) == std::vector<std::string>{"7-dead"});
  CHECK(RescueOwner(s.conn, "7-dead", kT0 + 100) == 2);
  JobRow ra = s.Row(a);
  CHECK(ra.status == JobStatus::Pending);
  CHECK(ra.retries == 0);  // it ran beside another job: not charged, a suspect now
  CHECK(ra.last_retry == FormatIsoMs(kT0 + 100));
  CHECK(ra.error->find("died") != std::string::npos);
  CHECK(ra.error->find("not counted") != std::string::npos);
  CHECK_FALSE(ra.owner);
  CHECK(s.Row(b).status == JobStatus::Pending);
  // The dead owner's stale token no longer completes anything.
  CHECK_FALSE(Complete(s.conn, a, c[0].token, kT0 + 200));
  CHECK(RunningOwners(s.conn).empty());
  // Suspects run alone, oldest first. a is lost again while alone: charged, still a suspect.
  std::vector<std::string> types = {"a"};
  auto alone = [&](const std::string& owner, Millis now) {
    storage::Transaction tx(s.conn);
    ClaimRequest req{&types, 1, Priority::Low, NewToken(), owner, 30000};
    std::optional<ClaimedJob> job = ClaimSuspect(s.conn, req, now);
    tx.Commit();
    return job;
  };
  std::optional<ClaimedJob> first = alone("9-dead", kT0 + 300);
  REQUIRE(first);
  CHECK(first->id == a);
  CHECK(RescueOwner(s.conn, "9-dead", kT0 + 400) == 1);
  CHECK(s.Row(a).retries == 1);
  CHECK(s.Row(a).status == JobStatus::Pending);
  // Alone again, a completes: an ordinary job no more claimed as a suspect.
  std::optional<ClaimedJob> second = alone("10-live", kT0 + 500);
  REQUIRE(second);
  CHECK(second->id == a);
  CHECK(Complete(s.conn, a, second->token, kT0 + 600));
  // Then b, lost while alone: max_retries 1, that attempt was its last.
  std::optional<ClaimedJob> third = alone("11-dead", kT0 + 700);
  REQUIRE(third);
  CHECK(third->id == b);
  CHECK(RescueOwner(s.conn, "11-dead", kT0 + 800) == 1);
  CHECK(s.Row(b).status == JobStatus::Failed);
  CHECK_FALSE(alone("12-live", kT0 + 900));
}

TEST_CASE("leases: renewal keeps a job, expiry rescues it") {
  Store s;
  std::string a = s.Add("a");
  auto c = s.ClaimN({"a"}, 1, kT0, Priority::Low, "1-live");  // lease until kT0 + 30000
  CHECK(RescueExpired(s.conn, "1-live", kT0 + 30000) == 0);
  CHECK(RenewLeases(s.conn, "1-live", kT0 + 60000) == 1);
  CHECK(RescueExpired(s.conn, "1-live", kT0 + 59999) == 0);
  CHECK(RescueExpired(s.conn, "2-other", kT0 + 60001) == 0);  // only the named owner's jobs
  CHECK(RescueExpired(s.conn, "1-live", kT0 + 60001) == 1);
  CHECK(s.Row(a).status == JobStatus::Pending);
  CHECK(s.Row(a).retries == 0);  // a suspect now, charged only if it is lost again while alone
}

TEST_CASE("count by status") {
  Store s;
  s.Add("a");
  s.Add("a");
  std::string c = s.Add("a");
  Cancel(s.conn, c, kT0);
  auto counts = CountByStatus(s.conn);
  CHECK(counts[JobStatus::Pending] == 2);
  CHECK(counts[JobStatus::Cancelled] == 1);
}

TEST_CASE("priority and status words parse in any case") {
  CHECK(parse_priority("critical") == Priority::Critical);
  CHECK(parse_priority("HIGH") == Priority::High);
  CHECK_FALSE(parse_priority("URGENT"));
  CHECK(parse_job_status("failed") == JobStatus::Failed);
  CHECK_FALSE(parse_job_status("DONE"));
}

TEST_CASE("completions are tallied per type, in the same transaction") {
  Store s;
  s.Add("a");
  s.Add("a");
  s.Add("b");
  auto c = s.ClaimN({"a", "b"}, 10);
  REQUIRE(c.size() == 3);
  CompletedTally tally;
  {
    storage::Transaction tx(s.conn);
    CHECK(Complete(s.conn, c[0].id, c[0].token, kT0, &tally));
    CHECK(Complete(s.conn, c[1].id, c[1].token, kT0, &tally));
    AddCompleted(s.conn, tally);
    // rolled back: the tally goes with the rows
  }
  CHECK(CountByStatus(s.conn)[JobStatus::Running] == 3);
  CHECK(CountByStatus(s.conn).count(JobStatus::Completed) == 0);
  for (const ClaimedJob& j : c) CHECK(Complete(s.conn, j.id, j.token, kT0));
  CHECK_FALSE(Complete(s.conn, c[0].id, c[0].token, kT0));  // not counted twice
  JobQueueSummary sum = Summarize(s.conn, kT0, 0);
  CHECK(sum.by_status[3] == std::make_pair(std::string("COMPLETED"), std::int64_t{3}));
  REQUIRE(sum.by_type.size() == 2);
  CHECK(sum.by_type[0].by_status[3].second == 2);
  CHECK(sum.by_type[1].by_status[3].second == 1);
}

TEST_CASE("opening a database without the tally counts its COMPLETED jobs once") {
  Store s;
  std::string id = s.Add("a");
  auto c = s.ClaimN({"a"}, 1);
  Complete(s.conn, id, c[0].token, kT0);
  s.conn.Exec("DROP TABLE _jobs_completed");
  EnsureSchema(s.conn);
  EnsureSchema(s.conn);
  CHECK(CountByStatus(s.conn)[JobStatus::Completed] == 1);
}
