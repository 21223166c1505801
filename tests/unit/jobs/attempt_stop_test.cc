// One attempt of a job at a time, and handlers that learn when to stop: a timed-out attempt
// keeps its job until it returns; cancel, timeout and shutdown reach the handler through
// Job::stop_reason() and end an aurora::sleep_for early. A handler that outlives close() gets
// CLOSED through its Job::database(), never freed memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "aurora/aurora.h"
#include "test_util.h"

using namespace aurora;
using aurora::testing::CountStatus;
using aurora::testing::Handler;
using aurora::testing::TempDir;
using aurora::testing::WaitFor;

namespace {

Config WorkerConfig(const std::string& path) {
  Config c;
  c.path = path;
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.backoff_base = std::chrono::milliseconds(1);
  c.backoff_cap = std::chrono::milliseconds(2);
  c.poll_interval = std::chrono::milliseconds(10);
  return c;
}

}  // namespace

TEST_CASE("a timed-out attempt that keeps running holds its job: its retry starts only after it returns") {
  TempDir dir;
  Database db = Database::open(WorkerConfig(dir.File("a.db")));
  std::atomic<int> running{0}, most{0}, attempts{0}, saw_timeout{0};
  db.workers()->register_handler("slow", Handler([&](const Job& job) {
    int now = ++running;
    int prev = most.load();
    while (now > prev && !most.compare_exchange_weak(prev, now)) {
    }
    ++attempts;
    // Ignores the stop request: blocks 150 ms whatever happens (timeout is 20 ms).
    aurora::run_blocking([] { std::this_thread::sleep_for(std::chrono::milliseconds(150)); });
    if (job.stop_reason() == StopReason::TimedOut) ++saw_timeout;
    --running;
    return JobResult::ok();  // too late: the attempt counts as timed out
  }));
  JobOptions o;
  o.timeout = std::chrono::milliseconds(20);
  o.max_retries = 3;
  std::string id = db.enqueue_job("slow", Json::object(), o);
  storage::Connection reader(dir.File("a.db"));
  REQUIRE(WaitFor([&] { return CountStatus(reader, "FAILED") == 1; }));
  CHECK(most == 1);
  CHECK(attempts == 3);
  CHECK(saw_timeout == 3);
  Response r = db.execute("query ($id: String) { _jobs(where: {id: {eq: $id}}) { error retries } }",
                          Json::object({{"id", id}}));
  REQUIRE(r.ok());
  CHECK(r.data["_jobs"].as_array()[0]["error"].as_string().find("timed out") == 0);
  CHECK(r.data["_jobs"].as_array()[0]["retries"].as_int() == 3);
}

TEST_CASE("cancel_job reaches the running handler: stop_reason is Cancelled and sleep_for returns early") {
  TempDir dir;
  Database db = Database::open(WorkerConfig(dir.File("a.db")));
  std::atomic<bool> started{false};
  std::atomic<int> reason{-1};
  db.workers()->register_handler("long", Handler([&](const Job& job) {
    started = true;
    aurora::sleep_for(std::chrono::minutes(10));  // ends early on a stop request
    reason = static_cast<int>(job.stop_reason());
    return JobResult::ok();
  }));
  std::string id = db.enqueue_job("long", Json::object());
  REQUIRE(WaitFor([&] { return started.load(); }));
  CHECK(db.cancel_job(id));
  REQUIRE(WaitFor([&] { return reason >= 0; }));
  CHECK(reason == static_cast<int>(StopReason::Cancelled));
  storage::Connection reader(dir.File("a.db"));
  CHECK(CountStatus(reader, "CANCELLED") == 1);
}

TEST_CASE("a cancel through AQL reaches the running handler too") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  c.lease = std::chrono::milliseconds(300);  // checks its claims every 100 ms
  Database db = Database::open(c);
  std::atomic<bool> started{false};
  std::atomic<int> reason{-1};
  db.workers()->register_handler("long", Handler([&](const Job& job) {
    started = true;
    aurora::sleep_for(std::chrono::minutes(10));
    reason = static_cast<int>(job.stop_reason());
    return JobResult::ok();
  }));
  std::string id = db.enqueue_job("long", Json::object());
  REQUIRE(WaitFor([&] { return started.load(); }));
  Config other;
  other.path = c.path;
  Database second = Database::open(other);  // another connection, as another process would
  Response r = second.execute("mutation ($id: String!) { cancelJob(id: $id) { status } }", Json::object({{"id", id}}));
  REQUIRE(r.ok());
  REQUIRE(WaitFor([&] { return reason >= 0; }));
  CHECK(reason == static_cast<int>(StopReason::Cancelled));
}

TEST_CASE("close() tells running handlers it is shutting down") {
  TempDir dir;
  Database db = Database::open(WorkerConfig(dir.File("a.db")));
  std::atomic<bool> started{false};
  std::atomic<int> reason{-1};
  db.workers()->register_handler("long", Handler([&](const Job& job) {
    started = true;
    aurora::sleep_for(std::chrono::minutes(10));
    reason = static_cast<int>(job.stop_reason());
    return JobResult::ok();
  }));
  db.enqueue_job("long", Json::object());
  REQUIRE(WaitFor([&] { return started.load(); }));
  db.close();
  CHECK(reason == static_cast<int>(StopReason::ShuttingDown));
  storage::Connection reader(dir.File("a.db"));
  CHECK(CountStatus(reader, "COMPLETED") == 1);  // it returned within shutdown_timeout: counted
}

TEST_CASE("a handler that outlives close() gets CLOSED through job.database()") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  c.shutdown_timeout = std::chrono::milliseconds(50);
  Database db = Database::open(c);
  std::atomic<bool> started{false}, release{false}, finished{false}, enqueue_closed{false};
  std::atomic<int> code{-1};
  db.workers()->register_handler("late", Handler([&](const Job& job) {
    started = true;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // ignores close()
    // On a plain thread (run_blocking): AddressSanitizer cannot follow an exception thrown on a
    // fiber's stack and reports a false stack-use-after-scope.
    aurora::run_blocking([&] {
      Response r = job.database().execute("query { things { id } }");
      code = r.ok() ? 0 : static_cast<int>(r.errors[0].code);
      try {
        job.database().enqueue_job("x", Json::object());
      } catch (const aurora::Exception& e) {
        enqueue_closed = e.code() == ErrorCode::Closed;
      }
    });
    finished = true;
    return JobResult::ok();
  }));
  db.enqueue_job("late", Json::object());
  REQUIRE(WaitFor([&] { return started.load(); }));
  db.close();  // returns after shutdown_timeout; the handler runs on
  Response after = db.execute("query { things { id } }");
  REQUIRE_FALSE(after.ok());
  CHECK(after.errors[0].code == ErrorCode::Closed);
  CHECK(std::string(to_string(ErrorCode::Closed)) == "CLOSED");
  try {
    db.enqueue_job("x", Json::object());
    FAIL("enqueue_job after close() should throw");
  } catch (const aurora::Exception& e) {
    CHECK(e.code() == ErrorCode::Closed);
  }
  release = true;
  REQUIRE(WaitFor([&] { return finished.load(); }));
  CHECK(code == static_cast<int>(ErrorCode::Closed));
  CHECK(enqueue_closed);
}

TEST_CASE("job.database() runs AQL and enqueues in the handler's database") {
  TempDir dir;
  Database db = Database::open(WorkerConfig(dir.File("a.db")));
  db.workers()->register_handler("parent", Handler([](const Job& job) {
    Response r = job.database().execute(R"(mutation { insertInto(collection: "log", data: {n: 1}) { id } })");
    if (!r.ok()) return JobResult::error(r.errors[0].message);
    job.database().enqueue_job("child", Json::object());
    return JobResult::ok();
  }));
  db.workers()->register_handler("child", Handler([](const Job&) { return JobResult::ok(); }));
  db.enqueue_job("parent", Json::object());
  storage::Connection reader(dir.File("a.db"));
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 2; }));
  Response r = db.execute("query { log { n } }");
  REQUIRE(r.ok());
  CHECK(r.data["log"].as_array().size() == 1);
}

TEST_CASE("cancel_job then retry_job on a running job: the retry starts only after the attempt returns") {
  TempDir dir;
  Database db = Database::open(WorkerConfig(dir.File("a.db")));
  std::atomic<int> running{0}, most{0}, runs{0};
  db.workers()->register_handler("slow", Handler([&](const Job&) {
    int now = ++running;
    int prev = most.load();
    while (now > prev && !most.compare_exchange_weak(prev, now)) {
    }
    ++runs;
    // Ignores the stop request: blocks 200 ms whatever happens.
    aurora::run_blocking([] { std::this_thread::sleep_for(std::chrono::milliseconds(200)); });
    --running;
    return JobResult::ok();
  }));
  std::string id = db.enqueue_job("slow", Json::object());
  REQUIRE(WaitFor([&] { return runs == 1; }));
  CHECK(db.cancel_job(id));
  CHECK(db.retry_job(id));  // takes effect when the running attempt returns
  storage::Connection reader(dir.File("a.db"));
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 1; }));
  CHECK(runs == 2);
  CHECK(most == 1);
}
