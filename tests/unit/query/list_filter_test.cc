// Filters whose dotted path passes through a list of objects: any element may match.
#include <doctest/doctest.h>

#include "../ast_helpers.h"
#include "query_test_util.h"
#include "sqlgen/column_resolver.h"
#include "sqlgen/sqlgen.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

Database ListDb() {
  Database db = Database::open();
  Response r = db.execute(R"(mutation {
    insertMany(collection: "orders", data: [
      {id: "o1", items: [{sku: "A1", qty: 2, tags: ["red"]}, {sku: "B2", qty: 5}]},
      {id: "o2", items: {sku: "A1", qty: 1}},
      {id: "o3", items: []},
      {id: "o4"},
      {id: "o5", items: [7, "A1", {sku: "C3", qty: 9, parts: [{code: "x"}, {code: "y", tags: ["blue"]}]}]},
      {id: "o6", items: [[{sku: "A1"}]]},
      {id: "o7", items: [{qty: 3}, {sku: null}]},
      {id: "o8", items: [{sku: "B2", parts: {code: "y"}}]}
    ]) { affected }
  })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return db;
}

std::string Ids(Database& db, const std::string& where, const Json& vars = Json::object()) {
  Response r = db.execute("{ orders(where: " + where + ", orderBy: {id: ASC}) { id } }", vars);
  if (!r.ok()) return "error: " + r.errors[0].message;
  std::string out;
  for (const Json& d : r.data["orders"].as_array()) out += (out.empty() ? "" : " ") + d["id"].as_string();
  return out;
}

}  // namespace

TEST_CASE("a dotted path through a list matches when any element matches") {
  Database db = ListDb();
  CHECK(Ids(db, R"({"items.sku": {eq: "A1"}})") == "o1 o2");  // the list, and the plain object
  CHECK(Ids(db, R"({"items.sku": "B2"})") == "o1 o8");
  CHECK(Ids(db, R"({"items.sku": {in: ["C3", "B2"]}})") == "o1 o5 o8");
  CHECK(Ids(db, R"({"items.qty": {gt: 4}})") == "o1 o5");
  CHECK(Ids(db, R"({"items.qty": {gte: 1, lt: 3}})") == "o1 o2");  // one element may meet both bounds
  CHECK(Ids(db, R"({"items.sku": {startsWith: "C"}})") == "o5");
  CHECK(Ids(db, R"({"items.sku": {endsWith: "2"}})") == "o1 o8");
  CHECK(Ids(db, R"({"items.sku": {matches: "^[AC]"}})") == "o1 o2 o5");
  CHECK(Ids(db, R"({"items.sku": {contains: "3"}})") == "o5");  // substring of an element's string
  CHECK(Ids(db, R"({"items.tags": {contains: "red"}})") == "o1");  // a list inside an element
  CHECK(Ids(db, R"({"items.tags": {containsAny: ["red", "green"]}})") == "o1");
  CHECK(Ids(db, R"({"items.tags": {containsAll: ["red"]}})") == "o1");
}

TEST_CASE("each condition is tested on its own: different elements may satisfy different ones") {
  Database db = ListDb();
  // o1 has qty 2 and qty 5: 5 > 3 and 2 < 5 (as in MongoDB without $elemMatch).
  CHECK(Ids(db, R"({"items.qty": {gt: 3, lt: 5}})") == "o1");
  CHECK(Ids(db, R"({"items.sku": "A1", "items.qty": 5})") == "o1");
}

TEST_CASE("nested lists are walked at every level; positions stay positions") {
  Database db = ListDb();
  CHECK(Ids(db, R"({"items.parts.code": "y"})") == "o5 o8");
  CHECK(Ids(db, R"({"items.parts.tags": {contains: "blue"}})") == "o5");
  CHECK(Ids(db, R"({"items.0.sku": "A1"})") == "o1 o6");  // the first element (o6's is a list: walked)
  CHECK(Ids(db, R"({"items.1": "A1"})") == "o5");         // the element itself
  CHECK(Ids(db, R"({"items.2.parts.0.code": "x"})") == "o5");
  CHECK(Ids(db, R"({"items.0.0.sku": "A1"})") == "o6");  // explicit positions reach a list in a list
  // A list directly inside a list is not walked by name (as in MongoDB).
  CHECK(Ids(db, R"({"items.sku": {eq: "A1"}, id: "o6"})") == "");
  // Scalars in the list have no fields.
  CHECK(Ids(db, R"({"items.sku": {eq: "A1"}, id: "o5"})") == "");
}

TEST_CASE("negative operators: no reached value matches") {
  Database db = ListDb();
  // ne: no element equals (missing counts as not equal).
  CHECK(Ids(db, R"({"items.sku": {ne: "A1"}})") == "o3 o4 o5 o6 o7 o8");
  CHECK(Ids(db, R"({"items.sku": {nin: ["A1", "B2"]}})") == "o3 o4 o5 o6 o7");
  CHECK(Ids(db, R"({not: {"items.sku": {eq: "A1"}}})") == "o3 o4 o5 o6 o7 o8");
  CHECK(Ids(db, R"({not: {"items.qty": {gt: 4}}})") == "o2 o3 o4 o6 o7 o8");
}

TEST_CASE("null checks: some reached value is null or missing; an empty list reads as missing") {
  Database db = ListDb();
  // o3 (empty list) and o4 (no items) read missing; o5's 7 and "A1" have no sku; o6's inner list
  // is not walked; o7 has one element without sku and one with sku null.
  CHECK(Ids(db, R"({"items.sku": {isNull: true}})") == "o3 o4 o5 o6 o7");
  CHECK(Ids(db, R"({"items.sku": {eq: null}})") == "o3 o4 o5 o6 o7");
  CHECK(Ids(db, R"({"items.sku": {isNotNull: true}})") == "o1 o2 o8");  // every element has one
  CHECK(Ids(db, R"({"items.sku": {isNull: false}})") == "o1 o2 o8");
  CHECK(Ids(db, R"({"items.sku": {ne: null}})") == "o1 o2 o8");
}

TEST_CASE("list filters take variables, and work in update and delete") {
  Database db = ListDb();
  Response q = db.execute(R"(query Q($s: String) { orders(where: {"items.sku": {eq: $s}}) { id } })",
                          Json::object({{"s", "C3"}}));
  REQUIRE_MESSAGE(q.ok(), q.dump());
  CHECK(q.data.dump() == R"({"orders":[{"id":"o5"}]})");
  Response u = db.execute(R"(mutation { update(collection: "orders", where: {"items.sku": "B2"}, data: {seen: true}) { affected } })");
  REQUIRE_MESSAGE(u.ok(), u.dump());
  CHECK(u.data.dump() == R"({"update":{"affected":2}})");
  Response d = db.execute(R"(mutation { deleteFrom(collection: "orders", where: {"items.parts.code": "x"}) { affected } })");
  REQUIRE_MESSAGE(d.ok(), d.dump());
  CHECK(d.data.dump() == R"({"deleteFrom":{"affected":1}})");
  CHECK(Ids(db, R"({seen: true})") == "o1 o8");
}

TEST_CASE("list-walking SQL binds every value and keeps plain paths plain") {
  sqlgen::FieldResolver docs;
  plan::CollectionScan scan;
  scan.collection = "orders";
  std::string evil = "'; DROP TABLE orders; --";
  scan.where = planner::BuildFilter(Obj({{"items.sku", Str(evil)}}));
  auto sql = sqlgen::SelectSql(scan, docs, Json::object());
  CHECK(sql.sql.find("DROP") == std::string::npos);
  CHECK(sql.sql.find("json_each") != std::string::npos);
  REQUIRE(sql.binds.size() == 2);  // the plain branch and the list branch each bind it
  CHECK(std::get<std::string>(sql.binds[0]) == evil);

  // One segment, or positions only: the plain comparison an expression index can serve.
  scan.where = planner::BuildFilter(Obj({{"age", Int(3)}}));
  CHECK(sqlgen::SelectSql(scan, docs, Json::object()).sql ==
        "SELECT t.doc FROM \"orders\" AS t WHERE json_extract(t.doc, '$.age') = ?1");
  scan.where = planner::BuildFilter(Obj({{"tags.0", Str("x")}}));
  CHECK(sqlgen::SelectSql(scan, docs, Json::object()).sql ==
        "SELECT t.doc FROM \"orders\" AS t WHERE json_extract(t.doc, '$.tags[0]') = ?1");
}

TEST_CASE("a path with too many nested names to walk is a validation error at its position") {
  Database db = ListDb();
  std::string deep = "a";
  for (int i = 0; i < 32; ++i) deep += ".b";
  CHECK(Ids(db, "{\"" + deep + "\": 1}") == "");  // 33 names: walked
  Response r = db.execute("{ orders(where: {\"" + deep + ".c\": 1}) { id } }");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message.find("too deep to filter on (at most 33 nested names)") != std::string::npos);
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].column == 18);
}

TEST_CASE("a JSON column of a system table walks lists too") {
  Database db = Database::open();
  db.enqueue_job("ship", Json::parse(R"({"lines": [{"sku": "A1"}, {"sku": "B2"}]})").value());
  db.enqueue_job("ship", Json::parse(R"({"lines": [{"sku": "C3"}]})").value());
  Response r = db.execute(R"({ _jobs(where: {"payload.lines.sku": "B2"}) { type } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  CHECK(r.data.dump() == R"({"_jobs":[{"type":"ship"}]})");
  Response n = db.execute(R"({ _jobs(where: {"payload.lines.sku": {ne: "B2"}}) { payload } })");
  REQUIRE_MESSAGE(n.ok(), n.dump());
  CHECK(n.data.dump() == R"({"_jobs":[{"payload":{"lines":[{"sku":"C3"}]}}]})");
}
