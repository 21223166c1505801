// The executor through the public API: handlers, priorities, retries, timeouts, CRITICAL
// slots, fiber sleep, run_blocking, shutdown. Waits are bounded polls, never timing assertions.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "aurora/aurora.h"
#include "jobs/job_store.h"
#include "test_util.h"

using namespace aurora;
using aurora::testing::CountStatus;
using aurora::testing::TempDir;
using aurora::testing::FnHandler;
using aurora::testing::Handler;
using aurora::testing::WaitFor;

namespace {


Config WorkerConfig(const std::string& path, int slots = 8) {
  Config c;
  c.path = path;
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.max_concurrent_jobs = slots;
  c.backoff_base = std::chrono::milliseconds(1);
  c.backoff_cap = std::chrono::milliseconds(4);
  c.poll_interval = std::chrono::milliseconds(20);
  return c;
}

}  // namespace

TEST_CASE("workers() without workers_enabled refuses handlers with a clear error; enqueue still works") {
  TempDir dir;
  Config c;
  c.path = dir.File("a.db");
  Database db = Database::open(c);
  REQUIRE(db.workers() != nullptr);
  try {
    db.workers()->register_handler("t", Handler([](const Job&) { return JobResult::ok(); }));
    FAIL("register_handler should throw");
  } catch (const aurora::Exception& e) {
    CHECK(e.code() == ErrorCode::ValidationError);
    CHECK(std::string(e.what()).find("workers_enabled") != std::string::npos);
  }
  std::string id = db.enqueue_job("t", Json::object({{"i", 1}}));
  CHECK(id.size() == 26);
  storage::Connection reader(c.path);
  CHECK(CountStatus(reader, "PENDING") == 1);
  CHECK_THROWS_AS(db.enqueue_job("", Json::object()), aurora::Exception);
}

TEST_CASE("handlers run every job once and see its payload") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  Database db = Database::open(c);
  REQUIRE(db.workers());
  std::mutex mu;
  std::multiset<std::int64_t> seen;
  db.workers()->register_handler("count", Handler([&](const Job& job) {
    std::lock_guard<std::mutex> lock(mu);
    seen.insert(job.payload["i"].as_int());
    return JobResult::ok();
  }));
  std::vector<JobRequest> batch;
  for (int i = 0; i < 200; ++i) batch.push_back(JobRequest{"count", Json::object({{"i", i}}), {}});
  CHECK(db.enqueue_jobs(batch).size() == 200);
  for (int i = 200; i < 300; ++i) db.enqueue_job("count", Json::object({{"i", i}}));
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 300; }));
  std::lock_guard<std::mutex> lock(mu);
  CHECK(seen.size() == 300);
  for (int i = 0; i < 300; ++i) CHECK(seen.count(i) == 1);
}

TEST_CASE("with one slot, jobs run by priority then first in first out") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 1);
  c.worker_threads = 1;
  Database db = Database::open(c);
  std::vector<std::string> order;
  std::mutex mu;
  db.enqueue_job("p", Json::object({{"n", "low"}}), Priority::Low);
  db.enqueue_job("p", Json::object({{"n", "normal1"}}), Priority::Normal);
  db.enqueue_job("p", Json::object({{"n", "high"}}), Priority::High);
  db.enqueue_job("p", Json::object({{"n", "normal2"}}), Priority::Normal);
  db.enqueue_job("p", Json::object({{"n", "critical"}}), Priority::Critical);
  db.workers()->register_handler("p", Handler([&](const Job& job) {
    std::lock_guard<std::mutex> lock(mu);
    order.push_back(job.payload["n"].as_string());
    return JobResult::ok();
  }));
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 5; }));
  CHECK(order == std::vector<std::string>{"critical", "high", "normal1", "normal2", "low"});
}

TEST_CASE("errors and exceptions are retried with back-off, then FAILED with the message") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  Database db = Database::open(c);
  std::atomic<int> flaky_calls{0}, throw_calls{0};
  db.workers()->register_handler("flaky", Handler([&](const Job& job) {
    // fails twice, then succeeds (the seed guide's walkthrough)
    return ++flaky_calls <= 2 ? JobResult::error("try " + std::to_string(job.retries)) : JobResult::ok();
  }));
  db.workers()->register_handler("throws", Handler([&](const Job&) -> JobResult {
    ++throw_calls;
    throw std::runtime_error("disk on fire");
  }));
  std::string flaky = db.enqueue_job("flaky", Json::object());
  JobOptions five;
  five.max_retries = 5;
  std::string thrower = db.enqueue_job("throws", Json::object(), five);
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] {
    auto a = jobs::Get(reader, flaky);
    auto b = jobs::Get(reader, thrower);
    return a->status == JobStatus::Completed && b->status == JobStatus::Failed;
  }));
  auto a = *jobs::Get(reader, flaky);
  CHECK(flaky_calls == 3);
  CHECK(a.retries == 2);
  CHECK(a.error == "try 1");
  auto b = *jobs::Get(reader, thrower);
  CHECK(throw_calls == 5);
  CHECK(b.retries == 5);
  CHECK(b.error == "disk on fire");
  CHECK(b.last_retry);
  CHECK(db.retry_job(thrower));
  CHECK_FALSE(db.retry_job(flaky));
  REQUIRE(WaitFor([&] { return jobs::Get(reader, thrower)->status == JobStatus::Failed && throw_calls == 10; }));
  CHECK_THROWS_AS(db.retry_job("no-such-job"), aurora::Exception);
}

TEST_CASE("an enqueue with a free slot claims its job itself: RUNNING when enqueue_job returns") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 2);
  Database db = Database::open(c);
  std::atomic<bool> release{false};
  std::atomic<int> started{0};
  db.workers()->register_handler("b", Handler([&](const Job&) {
    ++started;
    while (!release) aurora::sleep_for(std::chrono::milliseconds(1));
    return JobResult::ok();
  }));
  storage::Connection reader(c.path);
  std::string first = db.enqueue_job("b", Json::object());
  auto row = *jobs::Get(reader, first);
  CHECK(row.status == JobStatus::Running);  // no dispatcher round in between
  CHECK(row.claim_token);
  CHECK(row.owner);
  std::string second = db.enqueue_job("b", Json::object());
  CHECK(jobs::Get(reader, second)->status == JobStatus::Running);
  std::string third = db.enqueue_job("b", Json::object());  // both slots taken
  CHECK(jobs::Get(reader, third)->status == JobStatus::Pending);
  REQUIRE(WaitFor([&] { return started == 2; }));
  release = true;
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 3; }));
  CHECK(started == 3);
}

TEST_CASE("AQL enqueueJob claims its job like enqueue_job; a rolled-back mutation gives its slot back") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 1);
  Database db = Database::open(c);
  std::atomic<bool> release{false};
  std::atomic<int> runs{0};
  db.workers()->register_handler("b", Handler([&](const Job&) {
    ++runs;
    while (!release) aurora::sleep_for(std::chrono::milliseconds(1));
    return JobResult::ok();
  }));
  storage::Connection reader(c.path);
  const char* enqueue = R"(mutation { enqueueJob(type: "b") { jobId status } })";
  Response first = db.execute(enqueue);
  REQUIRE(first.ok());
  CHECK(first.data["enqueueJob"]["status"] == Json("RUNNING"));  // claimed by its own INSERT
  auto row = *jobs::Get(reader, first.data["enqueueJob"]["jobId"].as_string());
  CHECK(row.status == JobStatus::Running);
  CHECK(row.claim_token);
  // The one slot is taken: the next job waits for it.
  Response second = db.execute(enqueue);
  REQUIRE(second.ok());
  CHECK(second.data["enqueueJob"]["status"] == Json("PENDING"));
  release = true;
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 2; }));
  // A mutation that claims and then fails: no row, no run, and the slot comes back.
  Response failed = db.execute(R"(mutation { enqueueJob(type: "b") { jobId } cancelJob(id: "missing") { status } })");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.errors[0].code == ErrorCode::NotFound);
  // A dry run (mutation @explain) claims nothing for good either.
  Response dry = db.execute(R"(mutation @explain { enqueueJob(type: "b") { jobId } })");
  REQUIRE(dry.ok());
  // With one slot, a leaked reservation would leave this job PENDING for ever.
  REQUIRE(db.execute(enqueue).ok());
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 3; }));
  CHECK(runs == 3);
  CHECK(db.execute("query { _jobs { id } }").data["_jobs"].size() == 3);
}

TEST_CASE("an enqueue does not claim its job ahead of a waiting one, and gives its slot back") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 1);
  c.poll_interval = std::chrono::seconds(3600);  // another process's job is seen only when woken
  Database db = Database::open(c);
  std::vector<std::string> order;
  std::mutex mu;
  db.workers()->register_handler("w", Handler([&](const Job& job) {
    std::lock_guard<std::mutex> lock(mu);
    order.push_back(job.payload["n"].as_string());
    return JobResult::ok();
  }));
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] { return CountStatus(reader, "PENDING") == 0; }));  // the first rounds are done
  Config plain;
  plain.path = c.path;
  Database producer = Database::open(plain);
  producer.enqueue_job("w", Json::object({{"n", "older"}}));
  // The slot is free, but the older job of the same priority waits: this one is inserted
  // PENDING, its reserved slot is given back and the dispatcher claims in order.
  db.enqueue_job("w", Json::object({{"n", "newer"}}));
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 2; }));
  {
    std::lock_guard<std::mutex> lock(mu);
    CHECK(order == std::vector<std::string>{"older", "newer"});
  }
  // The one slot was not lost: the next enqueue claims and runs its job.
  db.enqueue_job("w", Json::object({{"n", "last"}}));
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 3; }));
}

TEST_CASE("a handler can enqueue jobs; they are claimed and run like any other") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 4);
  Database db = Database::open(c);
  std::atomic<int> children{0};
  db.workers()->register_handler("child", Handler([&](const Job&) {
    ++children;
    return JobResult::ok();
  }));
  db.workers()->register_handler("parent", Handler([&](const Job& job) {
    for (int i = 0; i < 3; ++i) db.enqueue_job("child", Json::object({{"from", job.id}}));
    return JobResult::ok();
  }));
  for (int i = 0; i < 5; ++i) db.enqueue_job("parent", Json::object());
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 20; }));
  CHECK(children == 15);
}

TEST_CASE("enqueues from many threads never run more than max_concurrent_jobs at once") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 3);
  Database db = Database::open(c);
  std::atomic<int> running{0}, peak{0}, ran{0};
  db.workers()->register_handler("n", Handler([&](const Job&) {
    int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    aurora::sleep_for(std::chrono::microseconds(300));
    --running;
    ++ran;
    return JobResult::ok();
  }));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) db.enqueue_job("n", Json::object());
    });
  }
  for (std::thread& t : threads) t.join();
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 200; }));
  CHECK(ran == 200);
  CHECK(peak <= 3);
  CHECK(peak >= 1);
  // No slot leaked on the way (reservations given back when a waiting job went first): all
  // three slots still run at once.
  std::atomic<int> holding{0};
  std::atomic<bool> release{false};
  db.workers()->register_handler("hold", Handler([&](const Job&) {
    ++holding;
    while (!release) aurora::sleep_for(std::chrono::milliseconds(1));
    return JobResult::ok();
  }));
  for (int i = 0; i < 3; ++i) db.enqueue_job("hold", Json::object());
  CHECK(WaitFor([&] { return holding == 3; }));
  release = true;
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 203; }));
}

TEST_CASE("closing right after enqueues leaves no job RUNNING and loses none") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 4);
  for (int round = 0; round < 5; ++round) {
    {
      Database db = Database::open(c);
      db.workers()->register_handler("q", Handler([](const Job&) {
        aurora::sleep_for(std::chrono::microseconds(200));
        return JobResult::ok();
      }));
      for (int i = 0; i < 20; ++i) db.enqueue_job("q", Json::object());
    }
    storage::Connection reader(c.path);
    CHECK(CountStatus(reader, "RUNNING") == 0);
    CHECK(CountStatus(reader, "COMPLETED") + CountStatus(reader, "PENDING") == 20 * (round + 1));
  }
}

TEST_CASE("CRITICAL jobs start while every regular slot is busy") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 2);
  Database db = Database::open(c);
  std::atomic<bool> release{false};
  std::atomic<int> blocked{0};
  std::atomic<bool> critical_ran{false};
  db.workers()->register_handler("block", Handler([&](const Job&) {
    ++blocked;
    while (!release) aurora::sleep_for(std::chrono::milliseconds(1));
    return JobResult::ok();
  }));
  db.workers()->register_handler("urgent", Handler([&](const Job&) {
    critical_ran = true;
    return JobResult::ok();
  }));
  for (int i = 0; i < 4; ++i) db.enqueue_job("block", Json::object());
  REQUIRE(WaitFor([&] { return blocked == 2; }));
  db.enqueue_job("urgent", Json::object(), Priority::High);  // waits for a slot
  db.enqueue_job("urgent", Json::object(), Priority::Critical);
  REQUIRE(WaitFor([&] { return critical_ran.load(); }));
  storage::Connection reader(c.path);
  // (The handler's return is committed a moment after it ran: wait for it.)
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 1; }));  // only the CRITICAL one
  CHECK(CountStatus(reader, "PENDING") == 3);  // the HIGH one still waits for a regular slot
  CHECK(blocked == 2);
  release = true;
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 6; }));
}

TEST_CASE("sleeping handlers do not hold threads; run_blocking returns values and exceptions") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"), 200);
  c.worker_threads = 1;
  Database db = Database::open(c);
  std::atomic<int> asleep{0};
  std::atomic<bool> wake{false};
  db.workers()->register_handler("nap", Handler([&](const Job&) {
    ++asleep;
    while (!wake) aurora::sleep_for(std::chrono::milliseconds(2));
    int v = aurora::run_blocking([] { return 41; }) + 1;
    if (v != 42) return JobResult::error("bad value");
    try {
      aurora::run_blocking([]() -> int { throw std::runtime_error("inner"); });
      return JobResult::error("no exception");
    } catch (const std::runtime_error& e) {
      return std::string(e.what()) == "inner" ? JobResult::ok() : JobResult::error("wrong exception");
    }
  }));
  for (int i = 0; i < 150; ++i) db.enqueue_job("nap", Json::object());
  // One worker thread holds all 150 at once: they are parked fibers, not blocked threads.
  REQUIRE(WaitFor([&] { return asleep == 150; }));
  wake = true;
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] { return CountStatus(reader, "COMPLETED") == 150; }));
}

TEST_CASE("an attempt longer than its timeout fails; a delayed job waits for its time") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  Database db = Database::open(c);
  std::atomic<bool> stop{false};
  db.workers()->register_handler("slow", Handler([&](const Job& job) {
    // Returns once asked to stop: the job stays RUNNING until its attempt returns.
    while (!stop && !job.stop_requested()) aurora::sleep_for(std::chrono::milliseconds(1));
    return JobResult::ok();
  }));
  std::atomic<int> ran{0};
  db.workers()->register_handler("later", Handler([&](const Job&) {
    ++ran;
    return JobResult::ok();
  }));
  JobOptions o;
  o.timeout = std::chrono::milliseconds(20);
  o.max_retries = 1;
  std::string slow = db.enqueue_job("slow", Json::object(), o);
  JobOptions d;
  d.delay = std::chrono::milliseconds(150);
  std::string later = db.enqueue_job("later", Json::object(), d);
  storage::Connection reader(c.path);
  CHECK(jobs::Get(reader, later)->status == JobStatus::Scheduled);
  REQUIRE(WaitFor([&] { return jobs::Get(reader, slow)->status == JobStatus::Failed; }));
  CHECK(jobs::Get(reader, slow)->error->find("timed out") != std::string::npos);
  REQUIRE(WaitFor([&] { return jobs::Get(reader, later)->status == JobStatus::Completed; }));
  CHECK(ran == 1);
  stop = true;
}

TEST_CASE("in-memory databases run jobs too") {
  Config c;
  c.workers_enabled = true;
  c.worker_threads = 1;
  Database db = Database::open(c);
  std::atomic<int> ran{0};
  db.workers()->register_handler("m", Handler([&](const Job&) {
    ++ran;
    return JobResult::ok();
  }));
  for (int i = 0; i < 50; ++i) db.enqueue_job("m", Json::object());
  REQUIRE(WaitFor([&] { return ran == 50; }));
  db.close();
  db.close();  // twice is fine
}

TEST_CASE("close waits for running jobs to finish") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  c.shutdown_timeout = std::chrono::seconds(20);
  std::atomic<int> started{0};
  {
    Database db = Database::open(c);
    db.workers()->register_handler("w", Handler([&](const Job&) {
      ++started;
      aurora::sleep_for(std::chrono::milliseconds(50));
      return JobResult::ok();
    }));
    for (int i = 0; i < 3; ++i) db.enqueue_job("w", Json::object());
    REQUIRE(WaitFor([&] { return started == 3; }));
    db.close();
  }
  storage::Connection reader(c.path);
  CHECK(CountStatus(reader, "COMPLETED") == 3);
  CHECK(CountStatus(reader, "RUNNING") == 0);
}

TEST_CASE("close hands jobs back after shutdown_timeout without counting a failure") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  c.shutdown_timeout = std::chrono::milliseconds(50);
  // The abandoned handlers outlive close() (their threads are detached), so what they touch
  // must outlive this test: shared state, not references to locals.
  struct State {
    std::atomic<int> started{0};
    std::atomic<int> finished{0};
    std::atomic<bool> release{false};
  };
  auto state = std::make_shared<State>();
  std::vector<std::string> ids;
  {
    Database db = Database::open(c);
    db.workers()->register_handler("stuck", Handler([state](const Job&) {
      ++state->started;
      while (!state->release) aurora::sleep_for(std::chrono::milliseconds(1));
      ++state->finished;
      return JobResult::ok();
    }));
    for (int i = 0; i < 3; ++i) ids.push_back(db.enqueue_job("stuck", Json::object()));
    REQUIRE(WaitFor([&] { return state->started == 3; }));
    db.close();
  }
  storage::Connection reader(c.path);
  for (const std::string& id : ids) {
    auto row = *jobs::Get(reader, id);
    CHECK(row.status == JobStatus::Pending);
    CHECK(row.retries == 0);
    CHECK_FALSE(row.owner);
  }
  state->release = true;  // the abandoned fibers finish; their results are ignored
  CHECK(WaitFor([&] { return state->finished == 3; }));
  CHECK(CountStatus(reader, "PENDING") == 3);
}

TEST_CASE("jobs enqueued by another connection are picked up by polling") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  Database worker = Database::open(c);
  std::atomic<int> ran{0};
  worker.workers()->register_handler("x", Handler([&](const Job&) {
    ++ran;
    return JobResult::ok();
  }));
  Config plain;
  plain.path = c.path;
  Database producer = Database::open(plain);
  for (int i = 0; i < 10; ++i) producer.enqueue_job("x", Json::object());
  REQUIRE(WaitFor([&] { return ran == 10; }));
}

TEST_CASE("cancel stops a pending job") {
  TempDir dir;
  Config c;
  c.path = dir.File("a.db");
  Database db = Database::open(c);
  std::string id = db.enqueue_job("x", Json::object());
  CHECK(db.cancel_job(id));
  CHECK_FALSE(db.cancel_job(id));
  CHECK_THROWS_AS(db.cancel_job("missing"), aurora::Exception);
}

// Not under AddressSanitizer: GCC 12's ASan reports a false stack-buffer-overflow (in its
// sigaltstack interceptor) when a JsonError is thrown on a fiber's stack.
#ifndef __SANITIZE_ADDRESS__
TEST_CASE("a handler that misreads its payload fails with the expected type, the actual one and the path") {
  TempDir dir;
  Config c = WorkerConfig(dir.File("a.db"));
  Database db = Database::open(c);
  db.workers()->register_handler("read", Handler([&](const Job& job) {
    std::string name = job.payload["user"]["name"].as_string();
    return JobResult::ok();
  }));
  db.workers()->register_handler("read_list", Handler([&](const Job& job) {
    std::int64_t n = job.payload["items"][1]["n"].as_int();
    return JobResult::error("unreachable " + std::to_string(n));
  }));
  JobOptions once;
  once.max_retries = 1;
  std::string a = db.enqueue_job("read", Json::object({{"user", Json::object({{"name", 7}})}}), once);
  std::string b = db.enqueue_job(
      "read_list", Json::object({{"items", Json::array({Json::object(), Json::object({{"n", "x"}})})}}), once);
  storage::Connection reader(c.path);
  REQUIRE(WaitFor([&] {
    return jobs::Get(reader, a)->status == JobStatus::Failed && jobs::Get(reader, b)->status == JobStatus::Failed;
  }));
  CHECK(jobs::Get(reader, a)->error == "expected string, got int at payload.user.name");
  CHECK(jobs::Get(reader, b)->error == "expected int, got string at payload.items[1].n");
}

#endif  // __SANITIZE_ADDRESS__
