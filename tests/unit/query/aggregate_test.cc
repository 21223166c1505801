// aggregate { … } and groupBy(…) { … }: values, SQL shape, system tables, errors.
#include <doctest/doctest.h>

#include "query_test_util.h"
#include "sqlgen/query_sql.h"

using namespace aurora;
using namespace aurora::testing;

TEST_CASE("aggregate computes count, sum, avg, min and max over the where-matched documents") {
  Database db = OrdersDb();
  CHECK(Run(db, R"({ orders { a: aggregate { count sum(field: "amount") min(field: "amount") } } })") ==
        R"({"orders":{"a":{"count":5,"sum":102.5,"min":12}}})");
  // sum skips the string "7" and the boolean true; max sees strings after numbers.
  CHECK(Run(db, R"({ orders(where: {region: "north"}) { aggregate { count total: sum(field: "amount") max(field: "amount") } } })") ==
        R"({"orders":{"aggregate":{"count":3,"total":72,"max":"7"}}})");
  CHECK(Run(db, R"({ orders(where: {category: "books"}) { aggregate { avg(field: "amount") n: count(field: "region") } } })") ==
        R"({"orders":{"aggregate":{"avg":21.25,"n":2}}})");
  CHECK(Run(db, R"({ orders(where: {category: "none"}) { aggregate { count sum(field: "amount") avg(field: "amount") } } })") ==
        R"({"orders":{"aggregate":{"count":0,"sum":0,"avg":null}}})");
  CHECK(Run(db, R"({ missing { aggregate { count max(field: "x") } } })") ==
        R"({"missing":{"aggregate":{"count":0,"max":null}}})");
}

TEST_CASE("a sum beyond the 64-bit integers is a float, not an error") {
  // Found by tools/fuzz: SQLite's sum() fails with "integer overflow", which answered INTERNAL.
  Database db = Database::open();
  Response r = db.execute(R"(mutation { insertMany(collection: "big", data: [
    {id: "a", n: 9223372036854775807, g: 1}, {id: "b", n: 9223372036854775807, g: 1},
    {id: "c", n: -9223372036854775808, g: 2}, {id: "d", n: -9223372036854775808, g: 2}, {id: "e", n: 5, g: 3}]) { affected } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  std::string up = Json(2 * 9223372036854775807.0).dump();
  std::string down = Json(-2 * 9223372036854775808.0).dump();
  CHECK(Run(db, R"({ big(where: {g: 1}) { aggregate { sum(field: "n") } } })") == R"({"big":{"aggregate":{"sum":)" + up + "}}}");
  CHECK(Run(db, R"({ big(where: {g: 2}) { aggregate { sum(field: "n") } } })") == R"({"big":{"aggregate":{"sum":)" + down + "}}}");
  // Exact while the total fits, whatever the order of the rows.
  CHECK(Run(db, R"({ big(where: {g: {in: [1, 2]}}) { aggregate { sum(field: "n") } } })") == R"({"big":{"aggregate":{"sum":-2}}})");
  CHECK(Run(db, R"({ big { groupBy(field: "g") { key aggregate { sum(field: "n") } } } })") ==
        R"({"big":{"groupBy":[{"key":1,"aggregate":{"sum":)" + up + R"(}},{"key":2,"aggregate":{"sum":)" + down +
            R"(}},{"key":3,"aggregate":{"sum":5}}]}})");
}

TEST_CASE("groupBy groups by value and JSON type, ordered by key") {
  Database db = OrdersDb();
  CHECK(Run(db, R"({ orders { groupBy(field: "category") { key count } } })") ==
        R"({"orders":{"groupBy":[{"key":1,"count":1},{"key":"books","count":2},{"key":"games","count":2}]}})");
  CHECK(Run(db, R"({ orders(where: {region: "north"}) { g: groupBy(fields: ["category", "region"]) { key aggregate { sum(field: "amount") } } } })") ==
        R"({"orders":{"g":[{"key":{"category":"books","region":"north"},"aggregate":{"sum":12}},{"key":{"category":"games","region":"north"},"aggregate":{"sum":60}}]}})");
  CHECK(Run(db, R"({ orders(orderBy: {amount: DESC}, where: {category: "books"}) { groupBy(field: "category") { key nodes { id } } nodes { id } } })") ==
        R"({"orders":{"groupBy":[{"key":"books","nodes":[{"id":"o2"},{"id":"o1"}]}],"nodes":[{"id":"o2"},{"id":"o1"}]}})");
  CHECK(Run(db, R"({ groupBy(collection: "orders", field: "region", where: {category: "games"}) { key count } })") ==
        R"({"groupBy":[{"key":"north","count":2}]})");
  CHECK(Run(db, R"({ aggregate(collection: "orders") { count } })") == R"({"aggregate":{"count":5}})");
}

TEST_CASE("aggregates are SQL aggregate functions and GROUP BY, with values bound") {
  plan::Plan p = PlanOf(R"({ orders(where: {region: "north"}) { groupBy(field: "category") { key count aggregate { sum(field: "amount") } } } })");
  const auto& scan = std::get<plan::CollectionScan>(p.steps.at(0).node);
  REQUIRE(scan.extras);
  sqlgen::FieldResolver docs;
  auto sql = sqlgen::GroupBySql(scan, scan.extras->members.at(0).group_by, docs, Json::object());
  CHECK(sql.sql.find("coalesce((t.doc -> '$.category'), 'null') AS k0") != std::string::npos);
  CHECK(sql.sql.find("aql_number((t.doc -> '$.amount')) AS a0") != std::string::npos);
  CHECK(sql.sql.find("coalesce(aql_sum(a0), 0)") != std::string::npos);
  CHECK(sql.sql.find("GROUP BY k0") != std::string::npos);
  CHECK(sql.sql.find("north") == std::string::npos);  // bound, not spliced
  REQUIRE(sql.binds.size() == 1);
  CHECK(std::get<std::string>(sql.binds[0]) == "north");
}

TEST_CASE("system tables aggregate through their column resolver") {
  Database db = OrdersDb();
  CHECK(Run(db, R"({ _collections(where: {name: {in: ["orders", "customers"]}}) { aggregate { count min(field: "name") } groupBy(field: "name") { key } } })") ==
        R"({"_collections":{"aggregate":{"count":2,"min":"customers"},"groupBy":[{"key":"customers"},{"key":"orders"}]}})");
}

TEST_CASE("aggregate and groupBy mistakes are validation errors with suggestions") {
  Database db = OrdersDb();
  CHECK(Run(db, R"({ orders { aggregate { summ(field: "amount") } } })") ==
        "error: unknown aggregate function 'summ' (did you mean 'sum'?); functions: count sum avg min max");
  CHECK(Run(db, R"({ orders { aggregate { avg } } })").find("'avg' needs the argument field:") != std::string::npos);
  CHECK(Run(db, R"({ orders { aggregate { sum(fild: "a") } } })") ==
        "error: unknown argument 'fild' for 'sum' (did you mean 'field'?)");
  CHECK(Run(db, R"({ orders { id aggregate { count } } })").find("select documents inside nodes") != std::string::npos);
  CHECK(Run(db, R"({ orders { groupBy(field: "a") { key sum } } })").find("unknown groupBy field 'sum'") != std::string::npos);
  CHECK(Run(db, R"({ orders { groupBy(fields: "a") { key } } })").find("non-empty list") != std::string::npos);
  CHECK(Run(db, R"({ aggregate { count } })").find("aggregate needs collection:") != std::string::npos);
}
