// storage/schema.h: types, the stored form, and the field indexes queries must use.
#include <doctest/doctest.h>

#include <string>

#include "checker/checker.h"
#include "parser/parser.h"
#include "planner/planner.h"
#include "sqlgen/sqlgen.h"
#include "storage/catalog.h"
#include "storage/schema.h"

using aurora::Json;
using namespace aurora;

namespace {

Json J(const char* text) { return *Json::parse(text); }

// The query plan SQLite picks for the SELECT sqlgen writes for `aql` (one query field).
std::string QueryPlanOf(storage::Connection& conn, const std::string& aql) {
  ast::Document doc = parser::Parse(aql);
  checker::CheckEnv env;
  env.fragments = &doc.fragments;
  plan::Plan p = planner::BuildPlan(checker::Check(doc.operations[0], env), nullptr);
  const auto& scan = std::get<plan::CollectionScan>(p.steps[0].node);
  sqlgen::SqlStatement sql = sqlgen::SelectSql(scan, sqlgen::ResolverFor({}, scan.collection), Json::object());
  auto st = conn.PrepareUncached("EXPLAIN QUERY PLAN " + sql.sql);
  st->BindAll(sql.binds);
  std::string out;
  while (st->Step()) out += st->Text(3) + "\n";
  return out;
}

}  // namespace

TEST_CASE("schema types") {
  using storage::ValueHasType;
  CHECK(ValueHasType(J("\"a\""), "String"));
  CHECK_FALSE(ValueHasType(J("1"), "String"));
  CHECK(ValueHasType(J("1"), "Int!"));
  CHECK_FALSE(ValueHasType(J("1.5"), "Int"));
  CHECK(ValueHasType(J("1.5"), "Float"));
  CHECK(ValueHasType(J("2"), "Float"));
  CHECK(ValueHasType(J("true"), "Boolean"));
  CHECK_FALSE(ValueHasType(J("1"), "Boolean"));
  CHECK(ValueHasType(J("[\"a\", null]"), "[String]"));
  CHECK_FALSE(ValueHasType(J("[\"a\", null]"), "[String!]"));
  CHECK_FALSE(ValueHasType(J("[\"a\", 1]"), "[String]"));
  CHECK_FALSE(ValueHasType(J("\"a\""), "[String]"));
  CHECK(ValueHasType(J("[[1], [2]]"), "[[Int]]"));
  CHECK(ValueHasType(J("{\"a\": 1}"), "JSON"));
  CHECK(ValueHasType(J("{\"a\": 1}"), "Object"));
  CHECK_FALSE(ValueHasType(J("[1]"), "Object"));
  CHECK(ValueHasType(J("\"2024-05-01\""), "DateTime"));
  CHECK(ValueHasType(J("\"2024-05-01T10:20:30.123Z\""), "DateTime"));
  CHECK(ValueHasType(J("\"2024-05-01T10:20+02:00\""), "DateTime"));
  CHECK_FALSE(ValueHasType(J("\"yesterday\""), "DateTime"));
  CHECK_FALSE(ValueHasType(J("\"2024-05-01T10\""), "DateTime"));
  CHECK_FALSE(ValueHasType(J("\"2023-02-30\""), "DateTime"));           // no such day
  CHECK_FALSE(ValueHasType(J("\"2024-05-01T25:00:00Z\""), "DateTime"));  // no such hour
}

TEST_CASE("a schema survives its stored form") {
  storage::CollectionSchema s;
  storage::FieldSchema f;
  f.name = "email";
  f.type = "String!";
  f.required = f.unique = f.indexed = true;
  f.default_value = Json("x@y");
  s.fields.push_back(f);
  storage::CollectionSchema back = storage::CollectionSchema::FromJson(*Json::parse(s.ToJson().dump()));
  REQUIRE(back.fields.size() == 1);
  CHECK(back.fields[0].name == "email");
  CHECK(back.fields[0].type == "String!");
  CHECK(back.fields[0].required);
  CHECK(back.fields[0].unique);
  CHECK_FALSE(back.fields[0].search);
  CHECK(*back.fields[0].default_value == Json("x@y"));
}

TEST_CASE("field indexes are used by the SQL sqlgen writes") {
  storage::Connection conn(":memory:");
  storage::EnsureCatalog(conn);
  REQUIRE(storage::EnsureCollection(conn, "users"));
  storage::FieldSchema email;
  email.name = "email";
  email.type = "String";
  email.unique = email.indexed = true;
  storage::FieldSchema age;
  age.name = "age";
  age.type = "Int";
  age.indexed = true;
  storage::CreateFieldIndex(conn, "users", email);
  storage::CreateFieldIndex(conn, "users", age);

  CHECK(QueryPlanOf(conn, R"({ users(where: {email: {eq: "a@x"}}) { id } })").find("USING INDEX aidx$users$email") !=
        std::string::npos);
  CHECK(QueryPlanOf(conn, R"({ users(where: {age: {gt: 30}}) { id } })").find("USING INDEX aidx$users$age") !=
        std::string::npos);
  CHECK(QueryPlanOf(conn, R"({ users(orderBy: {age: DESC}, limit: 3) { id } })").find("aidx$users$age") !=
        std::string::npos);
  // An unindexed field scans.
  CHECK(QueryPlanOf(conn, R"({ users(where: {name: {eq: "Ann"}}) { id } })").find("SCAN") != std::string::npos);
}
