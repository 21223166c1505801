// While another connection holds the write lock (a long import, a stuck process, the sqlite3
// shell in a transaction): opening and reading never wait for it, and a write waits at most
// Config::busy_timeout, then answers BUSY and changes nothing.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "aurora/aurora.h"
#include "../jobs/test_util.h"
#include "shell.h"
#include "subcommands.h"
#include "storage/sqlite.h"

using namespace aurora;
using aurora::testing::TempDir;

namespace {

constexpr const char* kBusyMessage = "another connection holds the write lock; try again";

std::int64_t Scalar(storage::Connection& conn, const std::string& sql) {
  auto st = conn.PrepareUncached(sql);
  st->Step();
  return st->Int(0);
}

Json Data(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  INFO(aql);
  INFO(r.dump());
  REQUIRE(r.ok());
  return r.data;
}

std::int64_t Count(const JobQueueSummary& s, const std::string& status) {
  for (const auto& [word, n] : s.by_status) {
    if (word == status) return n;
  }
  return -1;
}

void CheckBusy(const Response& r) {
  INFO(r.dump());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::Busy);
  CHECK(r.errors[0].message == kBusyMessage);
}

template <typename Fn>
void CheckThrowsBusy(Fn&& fn, const std::string& context) {
  try {
    fn();
    FAIL("no exception: " << context);
  } catch (const Exception& e) {
    CHECK(e.code() == ErrorCode::Busy);
    CHECK(std::string(e.what()) == context + ": " + kBusyMessage);
  }
}

// A database with one job in `_jobs` and one a handler left in the inbox (jobs/inbox_read.h).
std::string MakeDatabase(const TempDir& dir) {
  Config c;
  c.path = dir.File("app.db");
  Database db = Database::open(c);
  Data(db, R"(define handler "thumb" { on: "insert:products",
               action: { enqueueJob(type: "process_image", payload: { id: "${id}" }, priority: HIGH) } })");
  Data(db, R"(mutation { insertInto(collection: "products", data: { id: "p1" }) { id } })");
  db.enqueue_job("mail", Json::object());
  return c.path;
}

int Run(int (*command)(int, const char* const*), std::vector<const char*> args) {
  return command(static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("BUSY is a code of its own") { CHECK(std::string(to_string(ErrorCode::Busy)) == "BUSY"); }

TEST_CASE("while another connection holds the write lock, open and reads answer and writes answer BUSY") {
  TempDir dir;
  std::string path = MakeDatabase(dir);
  storage::Connection observer(path);
  REQUIRE(Scalar(observer, "SELECT count(*) FROM _jobs_inbox") == 1);

  storage::Connection holder(path);
  holder.Exec("BEGIN IMMEDIATE");

  Config c;
  c.path = path;
  c.busy_timeout = std::chrono::milliseconds(20);
  Database db = Database::open(c);  // reads only: no wait for the lock

  CHECK(Data(db, "query { products { id } }")["products"].size() == 1);
  // `_jobs` shows the inbox's job where it is, as it will look once moved.
  Json jobs = Data(db, R"(query { _jobs(orderBy: {field: "type"}) { type status priority retries } })")["_jobs"];
  CHECK(jobs.dump() == R"([{"type":"mail","status":"PENDING","priority":"NORMAL","retries":0},)"
                       R"({"type":"process_image","status":"PENDING","priority":"HIGH","retries":0}])");
  CHECK(Data(db, R"(query { _jobs(where: {type: {eq: "process_image"}}) { aggregate { count } } })")["_jobs"]
            ["aggregate"]["count"] == Json(1));
  JobQueueSummary summary = db.job_summary();
  CHECK(Count(summary, "PENDING") == 2);
  REQUIRE(summary.oldest_pending_type.has_value());
  CHECK(Scalar(observer, "SELECT count(*) FROM _jobs_inbox") == 1);  // not moved

  CheckBusy(db.execute(R"(mutation { insertInto(collection: "products", data: { id: "p2" }) { id } })"));
  CheckBusy(db.execute(R"(mutation { enqueueJob(type: "mail", payload: {}) { jobId } })"));
  CheckBusy(db.execute(R"(define handler "other" { on: "insert:x", action: { enqueueJob(type: "t", payload: {}) } })"));
  CheckThrowsBusy([&] { db.enqueue_job("mail", Json::object()); }, "cannot enqueue job");
  CheckThrowsBusy([&] { db.enqueue_jobs({JobRequest{"mail", Json::object(), {}}}); }, "cannot enqueue jobs");
  std::string mail_id = Data(db, R"(query { _jobs(where: {type: {eq: "mail"}}) { id } })")["_jobs"].as_array()[0]["id"].as_string();
  CheckThrowsBusy([&] { db.cancel_job(mail_id); }, "cannot cancel job '" + mail_id + "'");

  holder.Exec("ROLLBACK");
  CHECK(Scalar(observer, "SELECT count(*) FROM products") == 1);  // the BUSY writes changed nothing
  CHECK(Scalar(observer, "SELECT count(*) FROM _jobs") == 1);
  Data(db, R"(mutation { insertInto(collection: "products", data: { id: "p2" }) { id } })");
  CHECK(Data(db, "query { _jobs { id } }")["_jobs"].size() == 3);
  CHECK(Scalar(observer, "SELECT count(*) FROM _jobs_inbox") == 0);  // the next writer moved them
  CHECK(db.cancel_job(mail_id));
}

TEST_CASE("the aql shell exits 3 for BUSY and `aql jobs` answers while the write lock is held") {
  TempDir dir;
  std::string path = MakeDatabase(dir);
  storage::Connection holder(path);
  holder.Exec("BEGIN IMMEDIATE");
  const char* insert = R"(mutation { insertInto(collection: "products", data: { id: "p9" }) { id } })";
  CHECK(Run(shell::RunShell, {"aql", path.c_str(), "--json", "--busy-timeout", "10", "-e", insert}) == 3);
  // A BUSY beside another failure is a failure (1): only BUSY alone says "run it again".
  CHECK(Run(shell::RunShell, {"aql", path.c_str(), "--json", "--busy-timeout", "10", "-e", insert, "-e",
                              "query { nope(wher: {}) { id } }"}) == 1);
  CHECK(Run(shell::RunShell, {"aql", path.c_str(), "--json", "-e", "query { products { id } }"}) == 0);
  CHECK(Run(shell::RunJobsCommand, {"jobs", path.c_str(), "--json"}) == 0);
  holder.Exec("ROLLBACK");
  CHECK(Run(shell::RunShell, {"aql", path.c_str(), "--json", "--busy-timeout", "10", "-e", insert}) == 0);
}

TEST_CASE("--busy-timeout takes milliseconds") {
  CHECK(Run(shell::RunShell, {"aql", "--busy-timeout", "soon", "-e", "query { a { id } }"}) == 2);
  CHECK(Run(shell::RunShell, {"aql", "--busy-timeout", "-1", "-e", "query { a { id } }"}) == 2);
}
