// The job queue through AQL: enqueueJob/enqueueJobs/cancelJob/retryJob and `_jobs` queries.
#include <doctest/doctest.h>

#include <atomic>

#include "aurora/aurora.h"
#include "test_util.h"

using namespace aurora;
using aurora::testing::WaitFor;

namespace {

Json Data(Database& db, const std::string& aql, const Json& vars = Json::object()) {
  Response r = db.execute(aql, vars);
  INFO(aql);
  INFO(r.dump());
  REQUIRE(r.ok());
  return r.data;
}

Error ErrorOf(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  INFO(aql);
  REQUIRE_FALSE(r.ok());
  return r.errors[0];
}

}  // namespace

TEST_CASE("enqueueJob returns {jobId status type priority}; synonyms are accepted") {
  Database db = Database::open();
  Json d = Data(db, R"(mutation {
    enqueueJob(type: "process_image", payload: { path: "/uploads/cat.jpg" }, priority: NORMAL, retries: 5) {
      jobId status type priority
    }
    later: enqueueJob(jobType: "report", maxRetries: 1, delay: 60000, timeout: 500) { status }
  })");
  CHECK(d["enqueueJob"]["jobId"].as_string().size() == 26);
  CHECK(d["enqueueJob"]["status"] == Json("PENDING"));
  CHECK(d["enqueueJob"]["type"] == Json("process_image"));
  CHECK(d["enqueueJob"]["priority"] == Json("NORMAL"));
  CHECK(d["later"]["status"] == Json("SCHEDULED"));
  Json rows = Data(db, R"(query { _jobs(orderBy: {field: "type"}) { type max_retries timeout payload retries } })")["_jobs"];
  REQUIRE(rows.size() == 2);
  CHECK(rows.as_array()[0]["type"] == Json("process_image"));
  CHECK(rows.as_array()[0]["max_retries"] == Json(5));
  CHECK(rows.as_array()[0]["payload"]["path"] == Json("/uploads/cat.jpg"));
  CHECK(rows.as_array()[1]["max_retries"] == Json(1));
  CHECK(rows.as_array()[1]["timeout"] == Json(500));
}

TEST_CASE("_jobs: priority reads as a word and filters and sorts by rank; status as word or string") {
  Database db = Database::open();
  Data(db, R"(mutation {
    a: enqueueJob(type: "t", priority: LOW)  b: enqueueJob(type: "t", priority: CRITICAL)
    c: enqueueJob(type: "t", priority: HIGH) d: enqueueJob(type: "t")
  })");
  Json sorted = Data(db, R"(query { _jobs(orderBy: {field: "priority", direction: DESC}) { priority } })")["_jobs"];
  std::vector<std::string> words;
  for (const Json& r : sorted.as_array()) words.push_back(r["priority"].as_string());
  CHECK(words == std::vector<std::string>{"CRITICAL", "HIGH", "NORMAL", "LOW"});
  CHECK(Data(db, R"(query { _jobs(where: {priority: {gte: HIGH}}) { id } })")["_jobs"].size() == 2);
  CHECK(Data(db, R"(query { _jobs(where: {priority: {in: ["low", NORMAL]}}) { id } })")["_jobs"].size() == 2);
  CHECK(Data(db, R"(query { _jobs(where: {status: {eq: PENDING}}) { id } })")["_jobs"].size() == 4);
  CHECK(Data(db, R"(query { _jobs(where: {status: {eq: "PENDING"}}) { id } })")["_jobs"].size() == 4);
  CHECK(Data(db, R"(query { _jobs(where: {status: {eq: FAILED}}) { id type error last_retry } })")["_jobs"].size() == 0);
  CHECK(Data(db, R"(query { _jobs(where: {created_at: {gt: "2000-01-01T00:00:00.000Z"}}, limit: 3) { id } })")["_jobs"]
            .size() == 3);
  Error e = ErrorOf(db, R"(query { _jobs(where: {priority: {eq: URGENT}}) { id } })");
  CHECK(e.code == ErrorCode::ValidationError);
}

TEST_CASE("_jobs: an unknown status word is a VALIDATION_ERROR with did-you-mean, not an empty answer") {
  Database db = Database::open();
  Data(db, R"(mutation { enqueueJob(type: "t") { jobId } })");
  Error e = ErrorOf(db, "query {\n  _jobs(where: {status: {eq: FAILD}}) { id }\n}");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.message == "'FAILD' is not a job status (PENDING, SCHEDULED, RUNNING, COMPLETED, FAILED or CANCELLED)"
                     " (did you mean 'FAILED'?)");
  CHECK(e.line == 2);
  CHECK(e.column == 17);
  // Every element of a list is checked: a string that is no status, and a number.
  e = ErrorOf(db, R"(query { _jobs(where: {status: {in: [PENDING, "nonsense"]}}) { id } })");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.message.find("'nonsense' is not a job status") == 0);
  e = ErrorOf(db, R"(query { _jobs(where: {status: {in: [PENDING, 42]}}) { id } })");
  CHECK(e.message.find("'42' is not a job status") == 0);
  CHECK(ErrorOf(db, R"(query { _jobs(where: {status: {ne: "pendng"}}) { id } })").message.find("did you mean 'PENDING'") !=
        std::string::npos);
  // Through a variable, too; words in any case, and null, still pass.
  Response r = db.execute(R"(query Q($s: String) { _jobs(where: {status: {eq: $s}}) { id } })",
                          Json::object({{"s", "runing"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].message.find("did you mean 'RUNNING'") != std::string::npos);
  // A long value is shown cut at 60 bytes, never inside a character.
  std::string long_word = std::string(59, 'x') + "\u00e9\u00e9";
  r = db.execute(R"(query Q($s: String) { _jobs(where: {status: {eq: $s}}) { id } })", Json::object({{"s", long_word}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].message.find("'" + std::string(59, 'x') + "…' is not a job status") == 0);
  CHECK(Data(db, R"(query { _jobs(where: {status: {in: ["pending", CANCELLED]}}) { id } })")["_jobs"].size() == 1);
  CHECK(Data(db, R"(query { _jobs(where: {status: {ne: null}}) { id } })")["_jobs"].size() == 1);
}

TEST_CASE("_jobs: an unknown field in the selection, in where or in orderBy is a VALIDATION_ERROR at it") {
  Database db = Database::open();
  Data(db, R"(mutation { enqueueJob(type: "t", payload: {n: 1}) { jobId } })");
  Error e = ErrorOf(db, R"(query { _jobs { id stauts } })");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.message == "'_jobs' has no field 'stauts' (did you mean 'status'?)");
  CHECK(e.line == 1);
  CHECK(e.column == 20);
  e = ErrorOf(db, R"(query { _jobs(where: {eror: {isNull: false}}) { id } })");
  CHECK(e.message == "'_jobs' has no field 'eror' (did you mean 'error'?)");
  CHECK(e.column == 23);
  e = ErrorOf(db, R"(query { _jobs(orderBy: {field: "craeted_at"}) { id } })");
  CHECK(e.message == "'_jobs' has no field 'craeted_at' (did you mean 'created_at'?)");
  CHECK(e.column == 32);
  // Nothing close: the fields are listed.
  e = ErrorOf(db, R"(query { _jobs { zzzzzzzz } })");
  CHECK(e.message.find("'_jobs' has no field 'zzzzzzzz' (its fields: id, type, payload, status,") == 0);
  // A path into a column that holds no JSON reads nothing either; one into payload does.
  e = ErrorOf(db, R"(query { _jobs(where: {"status.x": {eq: 1}}) { id } })");
  CHECK(e.message == "'_jobs' has no field 'status.x' ('status' has no nested fields)");
  CHECK(Data(db, R"(query { _jobs(where: {"payload.n": {eq: 1}}) { id } })")["_jobs"].size() == 1);
  CHECK(Data(db, R"(query { _jobs(where: {"payload.missing": {eq: 1}}) { id } })")["_jobs"].size() == 0);
  // In aggregates and groupBy as well.
  CHECK(ErrorOf(db, R"(query { _jobs { aggregate { max(field: "retires") } } })").message ==
        "'_jobs' has no field 'retires' (did you mean 'retries'?)");
  CHECK(ErrorOf(db, R"(query { _jobs { groupBy(field: "typo") { key count } } })").message ==
        "'_jobs' has no field 'typo' (did you mean 'type'?)");
}

TEST_CASE("_handlers and _collections refuse unknown fields the same way") {
  Database db = Database::open();
  CHECK(ErrorOf(db, R"(query { _handlers(where: {pasued: {eq: true}}) { name } })").message ==
        "'_handlers' has no field 'pasued' (did you mean 'paused'?)");
  CHECK(ErrorOf(db, R"(query { _collections { name craeted_at } })").message ==
        "'_collections' has no field 'craeted_at' (did you mean 'created_at'?)");
  // _handlers.event is one of three words, like a _jobs status.
  Data(db, R"(define handler "audit" { on: "insert:orders", action: { insertInto(collection: "log", data: {}) } })");
  Error e = ErrorOf(db, R"(query { _handlers(where: {event: {eq: "insrt"}}) { name } })");
  CHECK(e.message == "'insrt' is not a handler event (insert, update or delete) (did you mean 'insert'?)");
  CHECK(e.column == 27);
  CHECK(ErrorOf(db, R"(query { _handlers(where: {event: {in: ["update", 3]}}) { name } })").message ==
        "'3' is not a handler event (insert, update or delete)");
  CHECK(Data(db, R"(query { _handlers(where: {event: {eq: "INSERT"}}) { name } })")["_handlers"].size() == 1);
  CHECK(Data(db, R"(query { _handlers(where: {event: {eq: "delete"}}) { name } })")["_handlers"].size() == 0);
}

TEST_CASE("_jobs: min/max of priority and groupBy priority answer words, in rank order") {
  Database db = Database::open();
  CHECK(Data(db, R"(query { _jobs { aggregate { min(field: "priority") max(field: "priority") } } })")["_jobs"].dump() ==
        R"({"aggregate":{"min":null,"max":null}})");
  Data(db, R"(mutation {
    a: enqueueJob(type: "t", priority: LOW)  b: enqueueJob(type: "t", priority: CRITICAL)
    c: enqueueJob(type: "u", priority: HIGH) d: enqueueJob(type: "u")
  })");
  CHECK(Data(db, R"(query { _jobs { aggregate { min(field: "priority") max(field: "priority") count(field: "priority") } } })")["_jobs"]
            .dump() == R"({"aggregate":{"min":"LOW","max":"CRITICAL","count":4}})");
  CHECK(Data(db, R"(query { _jobs { groupBy(field: "type") { key aggregate { lo: min(field: "priority") hi: max(field: "priority") } } } })")["_jobs"]
            .dump() == R"({"groupBy":[{"key":"t","aggregate":{"lo":"LOW","hi":"CRITICAL"}},{"key":"u","aggregate":{"lo":"NORMAL","hi":"HIGH"}}]})");
  CHECK(Data(db, R"(query { _jobs(where: {priority: {lt: CRITICAL}}) { aggregate { max(field: "priority") } } })")["_jobs"].dump() ==
        R"({"aggregate":{"max":"HIGH"}})");
  CHECK(Data(db, R"(query { _jobs { groupBy(field: "priority") { key count } } })")["_jobs"].dump() ==
        R"({"groupBy":[{"key":"LOW","count":1},{"key":"NORMAL","count":1},{"key":"HIGH","count":1},{"key":"CRITICAL","count":1}]})");
  CHECK(Data(db, R"(query { _jobs { groupBy(fields: ["type", "priority"]) { key count } } })")["_jobs"].dump() ==
        R"({"groupBy":[{"key":{"type":"t","priority":"LOW"},"count":1},{"key":{"type":"t","priority":"CRITICAL"},"count":1},)"
        R"({"key":{"type":"u","priority":"NORMAL"},"count":1},{"key":{"type":"u","priority":"HIGH"},"count":1}]})");
  // Other columns keep their values: numbers stay numbers, texts texts.
  CHECK(Data(db, R"(query { _jobs { aggregate { max(field: "max_retries") min(field: "status") } } })")["_jobs"].dump() ==
        R"({"aggregate":{"max":3,"min":"PENDING"}})");
}

TEST_CASE("a failed mutation enqueues nothing") {
  Database db = Database::open();
  Error e = ErrorOf(db, R"(mutation { enqueueJob(type: "a") { jobId } cancelJob(id: "missing") { status } })");
  CHECK(e.code == ErrorCode::NotFound);
  CHECK(Data(db, R"(query { _jobs { id } })")["_jobs"].size() == 0);
}

TEST_CASE("enqueueJobs, cancelJob and retryJob") {
  Database db = Database::open();
  Json jobs = Data(db, R"(mutation { enqueueJobs(jobs: [{type: "a"}, {type: "b", priority: HIGH}]) { jobId type priority } })")
                  ["enqueueJobs"];
  REQUIRE(jobs.size() == 2);
  CHECK(jobs.as_array()[1]["priority"] == Json("HIGH"));
  std::string id = jobs.as_array()[0]["jobId"].as_string();
  Json vars = Json::object({{"id", id}});
  Json c = Data(db, R"(mutation Cancel($id: String!) { cancelJob(id: $id) { status changed } })", vars)["cancelJob"];
  CHECK(c["status"] == Json("CANCELLED"));
  CHECK(c["changed"] == Json(true));
  Json again = Data(db, R"(mutation Cancel($id: String!) { cancelJob(id: $id) { status changed } })", vars)["cancelJob"];
  CHECK(again["changed"] == Json(false));
  Json r = Data(db, R"(mutation Retry($id: String!) { retryJob(id: $id) { status } })", vars)["retryJob"];
  CHECK(r["status"] == Json("PENDING"));
  Json from_var = Data(db, R"(mutation M($jobs: [Object]) { enqueueJobs(jobs: $jobs) { type } })",
                       Json::object({{"jobs", Json::array({Json::object({{"type", "v"}, {"priority", "LOW"}})})}}));
  CHECK(from_var["enqueueJobs"].as_array()[0]["type"] == Json("v"));
}

TEST_CASE("enqueueJob validates its arguments with positions and suggestions") {
  Database db = Database::open();
  Error e = ErrorOf(db, "mutation {\n  enqueueJob(typ: \"x\") { jobId }\n}");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.line == 2);
  CHECK(e.message.find("did you mean 'type'") != std::string::npos);
  CHECK(ErrorOf(db, R"(mutation { enqueueJob(payload: {}) { jobId } })").message.find("type") != std::string::npos);
  CHECK(ErrorOf(db, R"(mutation { enqueueJob(type: "x", priority: URGENT) { jobId } })").code == ErrorCode::ValidationError);
  CHECK(ErrorOf(db, R"(mutation { enqueueJob(type: "x", retries: -1) { jobId } })").code == ErrorCode::ValidationError);
  CHECK(ErrorOf(db, R"(mutation { enqueueJob(type: "x", runAt: "tomorrow") { jobId } })").code == ErrorCode::ValidationError);
  CHECK(ErrorOf(db, R"(mutation { enqueueJob(type: "x") { jobid } })").message.find("jobId") != std::string::npos);
  CHECK(ErrorOf(db, R"(mutation { enqueueJob(type: "") { jobId } })").code == ErrorCode::ValidationError);
}

TEST_CASE("a job enqueued through AQL wakes this process's workers") {
  Config c;
  c.workers_enabled = true;
  c.worker_threads = 1;
  Database db = Database::open(c);
  std::atomic<int> ran{0};
  struct H : JobHandler {
    std::atomic<int>* ran;
    explicit H(std::atomic<int>* r) : ran(r) {}
    JobResult handle(const Job& job) override {
      if (job.payload["n"] == Json(7)) ++*ran;
      return JobResult::ok();
    }
  };
  db.workers()->register_handler("aql", std::make_unique<H>(&ran));
  Data(db, R"(mutation { enqueueJob(type: "aql", payload: {n: 7}, priority: CRITICAL) { jobId } })");
  REQUIRE(WaitFor([&] { return ran == 1; }));
  REQUIRE(WaitFor([&] {
    return Data(db, R"(query { _jobs(where: {status: {eq: COMPLETED}}) { id } })")["_jobs"].size() == 1;
  }));
}

TEST_CASE("job_summary counts by status and type, finds the oldest pending job and recent failures") {
  aurora::testing::TempDir dir;
  Config c;
  c.path = dir.File("s.db");
  Database db = Database::open(c);
  db.enqueue_job("a", Json::object());
  db.enqueue_job("a", Json::object());
  std::string b = db.enqueue_job("b", Json::object());
  db.cancel_job(b);
  JobQueueSummary s = db.job_summary();
  REQUIRE(s.by_status.size() == 6);
  CHECK(s.by_status[0] == std::make_pair(std::string("PENDING"), std::int64_t{2}));
  CHECK(s.by_status[5] == std::make_pair(std::string("CANCELLED"), std::int64_t{1}));
  REQUIRE(s.by_type.size() == 2);
  CHECK(s.by_type[0].type == "a");
  CHECK(s.by_type[0].total == 2);
  CHECK(s.oldest_pending_type == "a");
  CHECK(s.recent_failures.empty());
}

namespace {

Json NestedLists(int depth) {
  Json v = Json(1);
  for (int i = 0; i < depth; ++i) v = Json::array({v});
  return v;
}

}  // namespace

TEST_CASE("a job payload obeys the document limits, through AQL and the C++ API") {
  // A payload nested deeper than Json::kMaxDepth could be stored but never read back; a NUL in
  // a string would be cut by SQLite's JSON functions. Both are refused before anything is written.
  Database db = Database::open();
  Json deep = Json::object({{"p", NestedLists(Json::kMaxDepth + 10)}});
  Response r = db.execute("mutation ($p: JSON) { enqueueJob(type: \"t\", payload: $p) { jobId } }", deep);
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message.find("nested deeper") != std::string::npos);
  CHECK(r.errors[0].line == 1);

  Json nul = Json::object({{"p", Json::object({{"s", Json(std::string("a\0b", 3))}})}});
  r = db.execute("mutation ($p: JSON) { enqueueJob(type: \"t\", payload: $p) { jobId } }", nul);
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].code == ErrorCode::ValidationError);

  try {
    db.enqueue_job("t", NestedLists(Json::kMaxDepth + 10));
    FAIL("a payload nested too deep was accepted");
  } catch (const Exception& e) {
    CHECK(e.code() == ErrorCode::ValidationError);
  }
  CHECK_THROWS_AS(db.enqueue_job("t", Json::object({{"s", Json(std::string("a\0b", 3))}})), Exception);
  CHECK(Data(db, "query { _jobs { id } }")["_jobs"].as_array().empty());
  CHECK_NOTHROW(db.enqueue_job("t", NestedLists(Json::kMaxDepth - 1)));
}
