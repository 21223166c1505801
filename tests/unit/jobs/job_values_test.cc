// What a job may hold, through AQL and the C++ API alike: timeouts, retry counts, payload
// numbers and text that can be stored as given, and handler error texts that keep `_jobs`
// readable whatever bytes they hold.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "aurora/aurora.h"
#include "test_util.h"

using namespace aurora;
using aurora::testing::WaitFor;

namespace {

constexpr long long kHundredYearsMs = 3'155'760'000'000;  // 100 × 365.25 days

Error ErrorOf(Database& db, const std::string& aql, const Json& vars = Json::object()) {
  Response r = db.execute(aql, vars);
  INFO(aql);
  INFO(r.dump());
  REQUIRE_FALSE(r.ok());
  return r.errors[0];
}

Json Data(Database& db, const std::string& aql, const Json& vars = Json::object()) {
  Response r = db.execute(aql, vars);
  INFO(aql);
  INFO(r.dump());
  REQUIRE(r.ok());
  return r.data;
}

// The exception `fn` throws (a test failure when it throws none).
template <typename Fn>
Exception ThrownBy(Fn&& fn) {
  try {
    fn();
  } catch (const Exception& e) {
    return e;
  }
  FAIL("no aurora::Exception thrown");
  return Exception(ErrorCode::Internal, "");
}

std::size_t JobCount(Database& db) { return Data(db, "query { _jobs { id } }")["_jobs"].as_array().size(); }

}  // namespace

// ---- timeout -------------------------------------------------------------------------------

TEST_CASE("a timeout beyond 100 years is a VALIDATION_ERROR at the argument, in AQL") {
  // now + timeout overflowed: the job failed at once as timed out.
  Database db = Database::open();
  Error e = ErrorOf(db, "mutation {\n  enqueueJob(type: \"t\", timeout: 9223372036854775807) { jobId }\n}");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.line == 2);
  CHECK(e.column == 34);
  CHECK(e.message.find("100 years") != std::string::npos);
  e = ErrorOf(db, "mutation { enqueueJob(type: \"t\", timeout: " + std::to_string(kHundredYearsMs + 1) + ") { jobId } }");
  CHECK(e.code == ErrorCode::ValidationError);
  e = ErrorOf(db, "mutation ($t: Int) { enqueueJobs(jobs: [{type: \"t\", timeout: $t}]) { type } }",
              Json::object({{"t", Json(static_cast<long long>(kHundredYearsMs) * 2)}}));
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(JobCount(db) == 0);
  CHECK_NOTHROW(Data(db, "mutation { enqueueJob(type: \"t\", timeout: " + std::to_string(kHundredYearsMs) + ") { jobId } }"));
}

TEST_CASE("a timeout beyond 100 years is a VALIDATION_ERROR in the C++ API") {
  Database db = Database::open();
  JobOptions o;
  o.timeout = std::chrono::milliseconds::max();  // a natural way to write "no timeout"
  Exception e = ThrownBy([&] { db.enqueue_job("t", Json::object(), o); });
  CHECK(e.code() == ErrorCode::ValidationError);
  CHECK(std::string(e.what()).find("100 years") != std::string::npos);
  CHECK_THROWS_AS(db.enqueue_jobs({JobRequest{"t", Json::object(), o}}), Exception);
  o.timeout = std::chrono::milliseconds(kHundredYearsMs + 1);
  CHECK_THROWS_AS(db.enqueue_job("t", Json::object(), o), Exception);
  CHECK(JobCount(db) == 0);
}

TEST_CASE("the longest accepted timeout does not fail the job: it completes") {
  Config c;
  c.workers_enabled = true;
  Database db = Database::open(c);
  db.workers()->register_handler("t", testing::Handler([](const Job&) { return JobResult::ok(); }));
  JobOptions o;
  o.timeout = std::chrono::milliseconds(kHundredYearsMs);
  db.enqueue_job("t", Json::object(), o);
  Data(db, "mutation { enqueueJob(type: \"t\", timeout: " + std::to_string(kHundredYearsMs) + ") { jobId } }");
  REQUIRE(WaitFor([&] {
    return Data(db, "query { _jobs(where: {status: {eq: COMPLETED}}) { id } }")["_jobs"].as_array().size() == 2;
  }));
  CHECK(Data(db, "query { _jobs(where: {status: {eq: FAILED}}) { id } }")["_jobs"].as_array().empty());
}

// ---- retries -------------------------------------------------------------------------------

TEST_CASE("retries beyond 1,000,000 are refused, in AQL and the C++ API (they were clamped)") {
  Database db = Database::open();
  Error e = ErrorOf(db, "mutation { enqueueJob(type: \"t\", retries: 2147483648) { jobId } }");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.column == 43);
  CHECK(e.message.find("1000000") != std::string::npos);
  CHECK(ErrorOf(db, "mutation { enqueueJob(type: \"t\", maxRetries: 1000001) { jobId } }").code ==
        ErrorCode::ValidationError);
  JobOptions o;
  o.max_retries = 1'000'001;
  CHECK(ThrownBy([&] { db.enqueue_job("t", Json::object(), o); }).code() == ErrorCode::ValidationError);
  o.max_retries = std::numeric_limits<int>::max();
  CHECK_THROWS_AS(db.enqueue_jobs({JobRequest{"t", Json::object(), o}}), Exception);
  CHECK(JobCount(db) == 0);

  Data(db, "mutation { enqueueJob(type: \"t\", retries: 1000000) { jobId } }");
  o.max_retries = 1'000'000;
  db.enqueue_job("t", Json::object(), o);
  Json rows = Data(db, "query { _jobs { max_retries } }")["_jobs"];
  REQUIRE(rows.as_array().size() == 2);
  for (const Json& row : rows.as_array()) CHECK(row["max_retries"] == Json(1000000));
}

TEST_CASE("the C++ API checks delay like AQL: negative or past 9999-12-31 is refused") {
  Database db = Database::open();
  JobOptions o;
  o.delay = std::chrono::milliseconds(-1);
  CHECK(ThrownBy([&] { db.enqueue_job("t", Json::object(), o); }).code() == ErrorCode::ValidationError);
  o.delay = std::chrono::milliseconds::max();
  CHECK(ThrownBy([&] { db.enqueue_job("t", Json::object(), o); }).code() == ErrorCode::ValidationError);
  CHECK(JobCount(db) == 0);
}

// ---- payload numbers -----------------------------------------------------------------------

TEST_CASE("NaN and Infinity in a payload or a variable are refused, naming where (they became null)") {
  Database db = Database::open();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Exception e = ThrownBy([&] { db.enqueue_job("t", Json::object({{"ratio", Json(nan)}})); });
  CHECK(e.code() == ErrorCode::ValidationError);
  CHECK(std::string(e.what()) == "payload.ratio: NaN cannot be stored (JSON has no NaN or Infinity)");
  e = ThrownBy([&] { db.enqueue_job("t", Json::object({{"xs", Json::array({Json(1), Json(-inf)})}})); });
  CHECK(std::string(e.what()).find("payload.xs[1]: -Infinity") == 0);
  CHECK_THROWS_AS(db.enqueue_jobs({JobRequest{"t", Json::object({{"x", Json(inf)}}), {}}}), Exception);

  Error v = ErrorOf(db, "mutation ($p: JSON) {\n  enqueueJob(type: \"t\", payload: $p) { jobId }\n}",
                    Json::object({{"p", Json::object({{"x", Json(inf)}})}}));
  CHECK(v.code == ErrorCode::ValidationError);
  CHECK(v.line == 1);
  CHECK(v.message.find("$p.x: Infinity cannot be stored") != std::string::npos);
  v = ErrorOf(db, "mutation ($x: Float) { insert(collection: \"c\", data: {x: $x}) { x } }",
              Json::object({{"x", Json(nan)}}));
  CHECK(v.code == ErrorCode::ValidationError);
  CHECK(JobCount(db) == 0);
  CHECK(Data(db, "query { c { x } }")["c"].as_array().empty());
}

// ---- text ----------------------------------------------------------------------------------

TEST_CASE("invalid UTF-8 in a job's type, payload keys or strings is refused by the C++ API, naming where") {
  Database db = Database::open();
  Exception e = ThrownBy([&] { db.enqueue_job("t", Json::object({{"name", Json("abc\xff")}})); });
  CHECK(e.code() == ErrorCode::ValidationError);
  CHECK(std::string(e.what()) == "payload.name: invalid UTF-8 at byte 3");
  e = ThrownBy([&] { db.enqueue_job("t", Json::object({{"a", Json::object({{"k\xc3", Json(1)}})}})); });
  CHECK(std::string(e.what()).find("payload.a: a field name is not valid UTF-8") == 0);
  e = ThrownBy([&] { db.enqueue_job("em\xe9il", Json::object()); });
  CHECK(e.code() == ErrorCode::ValidationError);
  CHECK(std::string(e.what()).find("job type") != std::string::npos);
  CHECK_THROWS_AS(db.enqueue_jobs({JobRequest{"t", Json::object(), {}}, JobRequest{"t", Json::array({Json("\x80")}), {}}}),
                  Exception);
  CHECK(JobCount(db) == 0);  // all or none

  // Variables are checked the same way, naming the place.
  Error v = ErrorOf(db, "mutation ($p: JSON) { enqueueJob(type: \"t\", payload: $p) { jobId } }",
                    Json::object({{"p", Json::object({{"s", Json::array({Json("ok"), Json("\xed\xa0\x80")})}})}}));
  CHECK(v.code == ErrorCode::ValidationError);
  CHECK(v.message.find("$p.s[1]: invalid UTF-8 at byte 0") != std::string::npos);
  CHECK(JobCount(db) == 0);
}

TEST_CASE("a job type with U+0000 or another control character is refused, in AQL and the C++ API") {
  Database db = Database::open();
  CHECK(ThrownBy([&] { db.enqueue_job(std::string("a\0b", 3), Json::object()); }).code() == ErrorCode::ValidationError);
  CHECK(ThrownBy([&] { db.enqueue_job("a\nb", Json::object()); }).code() == ErrorCode::ValidationError);
  Error e = ErrorOf(db, "mutation {\n  enqueueJob(type: \"a\\u0000b\") { jobId }\n}");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.line == 2);
  CHECK(e.column == 20);
  CHECK(ErrorOf(db, "mutation ($t: String) { enqueueJob(type: $t) { jobId } }", Json::object({{"t", "a\tb"}})).code ==
        ErrorCode::ValidationError);
  CHECK(JobCount(db) == 0);
  CHECK_NOTHROW(db.enqueue_job("émail.send/v2 ü", Json::object()));
}

TEST_CASE("a handler's error text that is not UTF-8 is repaired: _jobs stays readable") {
  // The raw bytes made every later `_jobs` query fail with "stored document in '_jobs' is not JSON".
  Config c;
  c.workers_enabled = true;
  Database db = Database::open(c);
  db.workers()->register_handler("bad_result",
                                 testing::Handler([](const Job&) { return JobResult::error("bad \xff\xfe byte"); }));
  db.workers()->register_handler("bad_throw", testing::Handler([](const Job&) -> JobResult {
                                   throw std::runtime_error("cut \xe2\x82 off");
                                 }));
  JobOptions once;
  once.max_retries = 0;
  db.enqueue_job("bad_result", Json::object(), once);
  db.enqueue_job("bad_throw", Json::object(), once);
  REQUIRE(WaitFor([&] {
    Response r = db.execute("query { _jobs(where: {status: {eq: FAILED}}) { id } }");
    return r.ok() && r.data["_jobs"].as_array().size() == 2;
  }));
  Json rows = Data(db, "query { _jobs(orderBy: {type: ASC}) { type error } }")["_jobs"];
  REQUIRE(rows.as_array().size() == 2);
  CHECK(rows.as_array()[0]["error"] == Json("bad \xEF\xBF\xBD\xEF\xBF\xBD byte"));
  CHECK(rows.as_array()[1]["error"] == Json("cut \xEF\xBF\xBD\xEF\xBF\xBD off"));
  JobQueueSummary summary = db.job_summary();
  CHECK(summary.recent_failures.size() == 2);
}
