// Rescue never takes the job of a live owner: not when another process opens the database
// through another name of the file, and not when the owner's lease ran out because it could
// not renew it (a long write of its own holds the write lock). Each case runs the job's
// handler in two Databases at once if rescue gets it wrong.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>

#include "aurora/aurora.h"
#include "jobs/job_store.h"
#include "test_util.h"

using namespace aurora;
using aurora::testing::CountStatus;
using aurora::testing::Handler;
using aurora::testing::TempDir;
using aurora::testing::WaitFor;

namespace {

Config WorkerConfig(const std::string& path, std::chrono::milliseconds lease) {
  Config c;
  c.path = path;
  c.workers_enabled = true;
  c.worker_threads = 1;
  c.poll_interval = std::chrono::milliseconds(10);
  c.lease = lease;
  c.shutdown_timeout = std::chrono::milliseconds(2000);
  return c;
}

struct Runs {
  std::atomic<int> started{0};
  std::atomic<bool> release{false};
  std::unique_ptr<JobHandler> Make() {
    return Handler([this](const Job&) {
      ++started;
      while (!release) aurora::sleep_for(std::chrono::milliseconds(1));
      return JobResult::ok();
    });
  }
};

std::int64_t Retries(storage::Connection& conn) {
  auto st = conn.PrepareUncached("SELECT max(retries) FROM _jobs");
  st->Step();
  return st->Int(0);
}

}  // namespace

TEST_CASE("a worker opened through a symlink keeps its running job when others open the real path") {
  TempDir dir;
  std::string real = dir.File("app.db");
  { Database::open(WorkerConfig(real, std::chrono::seconds(30))); }  // a worker ran here before
  std::filesystem::create_symlink(real, dir.File("current.db"));
  Runs runs;
  Database a = Database::open(WorkerConfig(dir.File("current.db"), std::chrono::seconds(30)));
  a.workers()->register_handler("job", runs.Make());
  a.enqueue_job("job", Json::object());
  REQUIRE(WaitFor([&] { return runs.started == 1; }));
  {
    // Another process opening through the other names: a reader, then a worker.
    Config reader;
    reader.path = dir.File("./app.db");
    Database r = Database::open(reader);
    Database b = Database::open(WorkerConfig(real, std::chrono::milliseconds(300)));
    b.workers()->register_handler("job", runs.Make());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // several rescue rounds of b
    storage::Connection conn(real);
    CHECK(CountStatus(conn, "RUNNING") == 1);
    CHECK(Retries(conn) == 0);
    CHECK(runs.started == 1);
  }
  runs.release = true;
  storage::Connection conn(real);
  REQUIRE(WaitFor([&] { return CountStatus(conn, "COMPLETED") == 1; }));
  CHECK(Retries(conn) == 0);
  CHECK(runs.started == 1);
}

TEST_CASE("an expired lease does not rescue the job of an owner whose lock shows it alive") {
  TempDir dir;
  std::string path = dir.File("app.db");
  Runs runs;
  // a renews its lease only every 10 s; b looks for orphans every 100 ms.
  Database a = Database::open(WorkerConfig(path, std::chrono::seconds(30)));
  a.workers()->register_handler("job", runs.Make());
  a.enqueue_job("job", Json::object());
  REQUIRE(WaitFor([&] { return runs.started == 1; }));
  storage::Connection conn(path);
  // As if a's own long write had kept it from renewing: the lease ran out long ago.
  conn.Exec("UPDATE _jobs SET lease_until = 0 WHERE status = 'RUNNING'");
  {
    Database b = Database::open(WorkerConfig(path, std::chrono::milliseconds(300)));
    b.workers()->register_handler("job", runs.Make());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    CHECK(CountStatus(conn, "RUNNING") == 1);
    CHECK(Retries(conn) == 0);
    CHECK(runs.started == 1);
  }
  runs.release = true;
  REQUIRE(WaitFor([&] { return CountStatus(conn, "COMPLETED") == 1; }));
  CHECK(runs.started == 1);
}

TEST_CASE("the job of a dead owner is still rescued at once") {
  TempDir dir;
  std::string path = dir.File("app.db");
  {
    Config c;
    c.path = path;
    Database db = Database::open(c);
    db.enqueue_job("job", Json::object());
  }
  storage::Connection conn(path);
  // A claim by an owner that no longer runs (no lock held for its id).
  conn.Exec("UPDATE _jobs SET status = 'RUNNING', claim_token = 7, owner = 'w00000000abcd', lease_until = 9e15");
  Runs runs;
  runs.release = true;
  Database b = Database::open(WorkerConfig(path, std::chrono::seconds(30)));
  b.workers()->register_handler("job", runs.Make());
  REQUIRE(WaitFor([&] { return CountStatus(conn, "COMPLETED") == 1; }));
  CHECK(runs.started == 1);
}
