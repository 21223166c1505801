// `now` as a filter value: the operation's time as an ISO-8601 UTC string, bound as a parameter.
#include <doctest/doctest.h>

#include "../ast_helpers.h"
#include "common/date_time.h"
#include "planner/computed.h"
#include "query_test_util.h"
#include "sqlgen/sqlgen.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

// Dates far from today on both sides, in the forms the docs name, and values that are not dates.
Database EventsDb() {
  Database db = Database::open();
  Response r = db.execute(R"(mutation {
    insertMany(collection: "events", data: [
      {id: "past", at: "2001-01-01T00:00:00.000Z"},
      {id: "pastDay", at: "2001-01-02"},
      {id: "future", at: "2999-12-31T23:59:59.999Z"},
      {id: "number", at: 1},
      {id: "none"},
      {id: "word", at: "now"}
    ]) { affected }
  })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return db;
}

std::string Ids(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  if (!r.ok()) return "error: " + r.errors[0].message + " @" + std::to_string(r.errors[0].line) + ":" +
                      std::to_string(r.errors[0].column);
  std::string out;
  for (const Json& d : r.data.as_object().begin()->second.as_array()) {
    out += (out.empty() ? "" : " ") + d["id"].as_string();
  }
  return out;
}

}  // namespace

TEST_CASE("now in a filter compares with dates stored as ISO-8601 text") {
  Database db = EventsDb();
  CHECK(Ids(db, "{ events(where: { at: { lt: now } }, orderBy: {id: ASC}) { id } }") == "past pastDay");
  CHECK(Ids(db, "{ events(where: { at: { lte: now } }, orderBy: {id: ASC}) { id } }") == "past pastDay");
  CHECK(Ids(db, "{ events(where: { at: { gt: now } }, orderBy: {id: ASC}) { id } }") == "future word");
  CHECK(Ids(db, "{ events(where: { at: { gte: now, lt: \"3000\" } }, orderBy: {id: ASC}) { id } }") == "future");
  // inside and/or/not, and in a lookup's filter
  CHECK(Ids(db, "{ events(where: { or: [{ at: { lt: now } }, { id: \"none\" }] }, orderBy: {id: ASC}) { id } }") ==
        "none past pastDay");
  CHECK(Ids(db, "{ events(where: { not: { at: { lt: now } } }, orderBy: {id: ASC}) { id } }") ==
        "future none number word");
}

TEST_CASE("the string \"now\" is text; a field called now still works") {
  Database db = EventsDb();
  CHECK(Ids(db, "{ events(where: { at: \"now\" }) { id } }") == "word");
  CHECK(Ids(db, "{ events(where: { at: { eq: \"now\" } }) { id } }") == "word");
  Response r = db.execute(R"(mutation { insertInto(collection: "clocks", data: { id: "c", now: 5 }) { now } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  CHECK(r.data.dump() == R"({"insertInto":{"now":5}})");
  CHECK(Ids(db, "{ clocks(where: { now: { eq: 5 } }) { id now } }") == "c");
  CHECK(Ids(db, "{ clocks(where: { now: 5 }) { id } }") == "c");
  CHECK(Ids(db, "{ now { id } }") == "");
}

TEST_CASE("now in update and delete filters") {
  Database db = EventsDb();
  Response r = db.execute(R"(mutation {
    update(collection: "events", where: { at: { lt: now } }, data: { done: true }) { affected }
    deleteFrom(collection: "events", where: { at: { gt: now } }) { affected }
  })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  CHECK(r.data.dump() == R"({"update":{"affected":2},"deleteFrom":{"affected":2}})");
  CHECK(Ids(db, "{ events(where: { done: true }, orderBy: {id: ASC}) { id } }") == "past pastDay");
}

TEST_CASE("now in a _jobs filter: jobs whose run_at has come") {
  Database db = Database::open();
  Response r = db.execute(R"(mutation {
    ready: enqueueJob(type: "t", payload: {}) { jobId }
    later: enqueueJob(type: "t", payload: {}, runAt: "2999-01-01T00:00:00Z") { jobId }
  })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  Response q = db.execute(R"({
    due: _jobs(where: { run_at: { lte: now } }) { id status }
    waiting: _jobs(where: { run_at: { gt: now } }) { id status }
  })");
  REQUIRE_MESSAGE(q.ok(), q.dump());
  REQUIRE(q.data["due"].size() == 1);
  CHECK(q.data["due"].as_array()[0]["id"] == r.data["ready"]["jobId"]);
  REQUIRE(q.data["waiting"].size() == 1);
  CHECK(q.data["waiting"].as_array()[0]["id"] == r.data["later"]["jobId"]);
  CHECK(q.data["waiting"].as_array()[0]["status"].as_string() == "SCHEDULED");
}

TEST_CASE("now is bound as a parameter: the operation's time, never in SQL text") {
  plan::Plan p = PlanOf("{ events(where: { at: { lt: now } }) { id } }");
  const auto& scan = std::get<plan::CollectionScan>(p.steps.at(0).node);
  sqlgen::FieldResolver docs;
  planner::NowScope scope;
  std::string expected = internal::FormatIso(planner::OperationNow());
  sqlgen::SqlStatement sql = sqlgen::SelectSql(scan, docs, Json::object());
  CHECK(sql.sql.find("now") == std::string::npos);
  CHECK(sql.sql.find("?1") != std::string::npos);
  REQUIRE(sql.binds.size() == 1);
  CHECK(std::get<std::string>(sql.binds[0]) == expected);
  CHECK(expected.size() == 24);  // "YYYY-MM-DDTHH:MM:SS.mmmZ", like the _jobs times

  Database db = Database::open();
  Response e = db.execute("query @explain { events(where: { at: { lt: now } }) { id } }");
  REQUIRE_MESSAGE(e.ok(), e.dump());
  // no events collection yet: no statement, but a query on a real table shows the bound time
  db.execute(R"(mutation { insert(collection: "events", data: { at: "2001-01-01" }) { id } })");
  e = db.execute("query @explain { events(where: { at: { lt: now } }) { id } }");
  REQUIRE_MESSAGE(e.ok(), e.dump());
  const Json& params = e.data["events"]["statements"].as_array()[0]["params"];
  REQUIRE(params.size() == 1);
  CHECK(internal::ParseDateTime(params.as_array()[0].as_string()).has_value());
}

TEST_CASE("now only with gt, gte, lt, lte: elsewhere a VALIDATION_ERROR at the word") {
  Database db = EventsDb();
  auto error = [&](const std::string& where) {
    Response r = db.execute("{ events(where: " + where + ") { id } }");
    REQUIRE(!r.ok());
    CHECK(r.errors[0].code == ErrorCode::ValidationError);
    return r.errors[0].message + " @" + std::to_string(r.errors[0].line) + ":" + std::to_string(r.errors[0].column);
  };
  const std::string use = ": use gt, gte, lt or lte with now (\"now\" in quotes is the text)";
  CHECK(error("{ at: now }") == "now changes every millisecond, so 'at: now' would almost never match" + use + " @1:23");
  CHECK(error("{ at: { eq: now } }") == "now changes every millisecond, so 'eq: now' would almost never match" + use +
                                            " @1:29");
  CHECK(error("{ at: { ne: now } }") == "now changes every millisecond, so 'ne: now' would almost always match" + use +
                                            " @1:29");
  CHECK(error("{ at: { in: [now] } }") == "operator 'in' cannot use now" + use + " @1:30");
  CHECK(error("{ at: { contains: now } }") == "operator 'contains' cannot use now" + use + " @1:35");
  CHECK(error("{ at: { startsWith: now } }") == "operator 'startsWith' cannot use now" + use + " @1:37");
  CHECK(error("{ at: { isNull: now } }") == "operator 'isNull' cannot use now" + use + " @1:33");
  CHECK(error("{ at: { eq: { t: now } } }") == "operator 'eq' cannot use now" + use + " @1:34");
  CHECK(error("{ and: [{ at: { lt: now } }, { at: { ne: now } }] }") ==
        "now changes every millisecond, so 'ne: now' would almost always match" + use + " @1:58");
}
