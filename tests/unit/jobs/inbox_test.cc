// The inbox of handler-enqueued jobs (`_jobs_inbox`, jobs/job_store.h FlushInbox): a handler's
// job is appended there in the firing write's transaction, and nobody reading or changing
// `_jobs` (AQL, the C++ API, the claim, the enqueue's order check, a reopen) can tell.
// The raw reads below go through a second connection with uncached statements, so they see
// the tables as stored and never flush.
#include <doctest/doctest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <string>

#include "aurora/aurora.h"
#include "jobs/job_schema.h"
#include "jobs/job_store.h"
#include "jobs/write_txn.h"
#include "test_util.h"

using namespace aurora;
using aurora::testing::TempDir;
using aurora::testing::FnHandler;
using aurora::testing::Handler;
using aurora::testing::WaitFor;

namespace {


std::int64_t Scalar(storage::Connection& conn, const std::string& sql) {
  auto st = conn.PrepareUncached(sql);
  st->Step();
  return st->Int(0);
}

std::string Text(storage::Connection& conn, const std::string& sql) {
  auto st = conn.PrepareUncached(sql);
  REQUIRE(st->Step());
  return st->Text(0);
}

Json Data(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  INFO(aql);
  INFO(r.dump());
  REQUIRE(r.ok());
  return r.data;
}

const char* kThumb = R"(define handler "thumb" { on: "insert:products",
  action: { enqueueJob(type: "process_image", payload: { product_id: "${id}" }, priority: HIGH, retries: 5, timeout: 900) } })";

void InsertProduct(Database& db, const std::string& id) {
  Data(db, R"(mutation { insertInto(collection: "products", data: { id: ")" + id + R"(" }) { id } })");
}

}  // namespace

TEST_CASE("a handler's job waits in the inbox and every AQL read sees it in _jobs, unchanged") {
  TempDir dir;
  Config c;
  c.path = dir.File("a.db");
  Database db = Database::open(c);
  Data(db, kThumb);
  InsertProduct(db, "p1");
  storage::Connection raw(c.path);
  REQUIRE(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 1);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs") == 0);
  std::string id = Text(raw, "SELECT id FROM _jobs_inbox");
  std::string created = Text(raw, "SELECT created_at FROM _jobs_inbox");

  Json jobs = Data(db, R"(query { _jobs { id type payload status priority retries max_retries timeout run_at created_at
                                          error started_at completed_at } })")["_jobs"];
  REQUIRE(jobs.size() == 1);
  const Json& j = jobs.as_array()[0];
  CHECK(j["id"].as_string() == id);
  CHECK(j["type"].as_string() == "process_image");
  CHECK(j["payload"].dump() == R"({"product_id":"p1"})");
  CHECK(j["status"].as_string() == "PENDING");
  CHECK(j["priority"].as_string() == "HIGH");
  CHECK(j["retries"].as_int() == 0);
  CHECK(j["max_retries"].as_int() == 5);
  CHECK(j["timeout"].as_int() == 900);
  CHECK(j["created_at"].as_string() == created);
  CHECK(j["run_at"].as_string() == created);
  CHECK(j["error"].is_null());
  CHECK(j["started_at"].is_null());
  CHECK(j["completed_at"].is_null());
  // The read moved it: the inbox is empty and the row is in _jobs with the same id.
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);
  CHECK(Text(raw, "SELECT id FROM _jobs") == id);
}

TEST_CASE("aggregates, lookups, job_summary, cancel and retry see inbox jobs") {
  TempDir dir;
  Config c;
  c.path = dir.File("a.db");
  Database db = Database::open(c);
  Data(db, kThumb);
  storage::Connection raw(c.path);

  InsertProduct(db, "p1");
  CHECK(Data(db, "query { _jobs { aggregate { count } } }")["_jobs"]["aggregate"]["count"].as_int() == 1);
  Data(db, R"(mutation { insertInto(collection: "images", data: { id: "x1" }) { id } })");
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);  // images has no handler
  InsertProduct(db, "x1");
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 1);
  Json lookup = Data(db, R"(query { images { jobs: lookup(collection: "_jobs", localField: "id",
                                                           foreignField: "payload.product_id", many: true) { type } } })");
  CHECK(lookup["images"].as_array()[0]["jobs"].size() == 1);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);

  InsertProduct(db, "p2");
  JobQueueSummary s = db.job_summary();
  std::int64_t pending = 0;
  for (const auto& [word, n] : s.by_status) {
    if (word == "PENDING") pending = n;
  }
  CHECK(pending == 3);

  InsertProduct(db, "p3");
  std::string id = Text(raw, "SELECT id FROM _jobs_inbox");
  CHECK(db.cancel_job(id));
  CHECK(Text(raw, "SELECT status FROM _jobs WHERE id = '" + id + "'") == "CANCELLED");
  CHECK(db.retry_job(id));

  InsertProduct(db, "p4");
  id = Text(raw, "SELECT id FROM _jobs_inbox");
  Json out = Data(db, R"(mutation { cancelJob(id: ")" + id + R"(") { status changed } })");
  CHECK(out["cancelJob"]["status"].as_string() == "CANCELLED");
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs") == 5);
}

TEST_CASE("a rolled-back write leaves nothing in the inbox; reopening moves what is there") {
  TempDir dir;
  Config c;
  c.path = dir.File("a.db");
  {
    Database db = Database::open(c);
    Data(db, kThumb);
    Response r = db.execute(R"(mutation {
      a: insertInto(collection: "products", data: { id: "p1" }) { id }
      b: insertInto(collection: "products", data: { id: "p1" }) { id } })");
    CHECK_FALSE(r.ok());
    storage::Connection raw(c.path);
    CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);
    InsertProduct(db, "p2");
    CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 1);
  }
  storage::Connection raw(c.path);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 1);
  Database again = Database::open(c);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs WHERE status = 'PENDING'") == 1);
}

TEST_CASE("a transaction puts its first 8 handler jobs in the inbox, the rest straight into _jobs") {
  TempDir dir;
  Config c;
  c.path = dir.File("a.db");
  Database db = Database::open(c);
  Data(db, kThumb);
  std::string docs;
  for (int i = 0; i < 20; ++i) docs += (i ? ", " : "") + std::string(R"({ id: "p)") + std::to_string(i) + R"(" })";
  Data(db, R"(mutation { insertMany(collection: "products", documents: [)" + docs + "]) { affected } }");
  storage::Connection raw(c.path);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 8);
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs") == 12);
  Json jobs = Data(db, R"(query { _jobs(orderBy: { id: ASC }) { id payload } })")["_jobs"];
  REQUIRE(jobs.size() == 20);
  for (int i = 0; i < 20; ++i) CHECK(jobs.as_array()[i]["payload"]["product_id"].as_string() == "p" + std::to_string(i));
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);
  InsertProduct(db, "next");  // a new transaction: a new count
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 1);
}

TEST_CASE("workers run handler-fired jobs, from their own process's writes and from another connection's") {
  TempDir dir;
  Config c;
  c.path = dir.File("a.db");
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.poll_interval = std::chrono::milliseconds(20);
  Database db = Database::open(c);
  std::mutex mu;
  std::multiset<std::string> seen;
  db.workers()->register_handler("process_image", Handler([&](const Job& job) {
    std::lock_guard<std::mutex> lock(mu);
    seen.insert(job.payload["product_id"].as_string());
    return JobResult::ok();
  }));
  Data(db, kThumb);
  for (int i = 0; i < 50; ++i) InsertProduct(db, "a" + std::to_string(i));
  Config other;
  other.path = c.path;  // no workers: only the other executor's poll can find these
  Database writer = Database::open(other);
  for (int i = 0; i < 50; ++i) InsertProduct(writer, "b" + std::to_string(i));
  storage::Connection raw(c.path);
  REQUIRE(WaitFor([&] { return Scalar(raw, "SELECT count(*) FROM _jobs WHERE status = 'COMPLETED'") == 100; }));
  CHECK(Scalar(raw, "SELECT count(*) FROM _jobs_inbox") == 0);
  std::lock_guard<std::mutex> lock(mu);
  CHECK(seen.size() == 100);
  for (int i = 0; i < 50; ++i) {
    CHECK(seen.count("a" + std::to_string(i)) == 1);
    CHECK(seen.count("b" + std::to_string(i)) == 1);
  }
}

TEST_CASE("inbox jobs keep their place: the claim and the enqueue's order check see them") {
  TempDir dir;
  storage::Connection conn(dir.File("a.db"));
  jobs::EnsureSchema(conn);
  jobs::NewJob job;
  job.type = "t";
  jobs::Millis now = 1'800'000'000'000;
  std::string a1 = jobs::EnqueueToInbox(conn, job, now).id;
  std::string d1 = jobs::Enqueue(conn, job, now).id;
  std::string a2 = jobs::EnqueueMany(conn, {job}, now, jobs::JobTable::kInbox).at(0).id;
  REQUIRE(Scalar(conn, "SELECT count(*) FROM _jobs_inbox") == 2);

  // An enqueue that could claim its own job must not overtake a waiting inbox job.
  std::vector<std::string> types = {"t"};
  jobs::ClaimRequest claim{&types, 1, Priority::Low, jobs::NewToken(), "me", 30000};
  jobs::EnqueuedJob d2 = jobs::Enqueue(conn, job, now, &claim);
  CHECK(d2.claim_token == 0);
  CHECK(d2.status == JobStatus::Pending);
  CHECK(Scalar(conn, "SELECT count(*) FROM _jobs_inbox") == 0);

  std::string e1 = jobs::EnqueueToInbox(conn, job, now).id;
  jobs::WriteTxn tx(conn);
  jobs::ClaimRequest all{&types, 10, Priority::Low, jobs::NewToken(), "me", 30000};
  std::vector<jobs::ClaimedJob> claimed = jobs::Claim(conn, all, now);
  tx.Commit();
  std::vector<std::string> ids;
  for (const jobs::ClaimedJob& j : claimed) ids.push_back(j.id);
  std::vector<std::string> expected = {a1, d1, a2, d2.id, e1};
  std::sort(expected.begin(), expected.end());  // same priority and run_at: by id, as always
  CHECK(ids == expected);
}
