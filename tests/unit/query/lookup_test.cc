// lookup(…): values, missing matches, many:, where:, nesting — and one SELECT per lookup, not per document.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstring>

#include "executor/executor.h"
#include "query_test_util.h"
#include "storage/catalog.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

// Runs AQL on a bare connection through the executor, counting the SELECTs SQLite runs.
struct CountingDb {
  storage::Connection conn{":memory:"};
  sqlgen::Resolvers resolvers;
  int selects = 0;

  CountingDb() {
    storage::EnsureCatalog(conn);
    sqlite3_trace_v2(
        conn.handle(), SQLITE_TRACE_STMT,
        [](unsigned, void* self, void* stmt, void*) -> int {
          const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
          if (sql && std::strncmp(sql, "SELECT", 6) == 0) ++static_cast<CountingDb*>(self)->selects;
          return 0;
        },
        this);
  }
  Json Run(const std::string& aql) {
    plan::Plan p = PlanOf(aql);
    executor::ExecContext ctx(conn, Json::object(), resolvers);
    return executor::Execute(p, ctx);
  }
};

}  // namespace

TEST_CASE("lookup joins the first matching document, null when none") {
  Database db = OrdersDb();
  CHECK(Run(db, R"({ orders(orderBy: {id: ASC}) { id who: lookup(collection: "customers", localField: "customer", foreignField: "id") { name } } })") ==
        R"({"orders":[{"id":"o1","who":{"name":"Ada"}},{"id":"o2","who":{"name":"Linus"}},{"id":"o3","who":{"name":"Ada"}},{"id":"o4","who":null},{"id":"o5","who":null}]})");
  // many: true gives every match as a list; where: filters the foreign side.
  CHECK(Run(db, R"({ customers { id orders: lookup(collection: "orders", localField: "id", foreignField: "customer", many: true) { id } } })") ==
        R"({"customers":[{"id":"c1","orders":[{"id":"o1"},{"id":"o3"}]},{"id":"c2","orders":[{"id":"o2"}]},{"id":"c4","orders":[]}]})");
  CHECK(Run(db, R"({ customers(where: {id: "c1"}) { big: lookup(collection: "orders", localField: "id", foreignField: "customer", many: true, where: {amount: {gt: 20}}) { id } } })") ==
        R"({"customers":[{"big":[{"id":"o3"}]}]})");
  // Nested lookups, whole documents, and a collection that does not exist.
  CHECK(Run(db, R"({ orders(where: {id: "o2"}) { c: lookup(collection: "customers", localField: "customer", foreignField: "id") { name same: lookup(collection: "orders", localField: "id", foreignField: "customer", many: true) { id } } } })") ==
        R"({"orders":[{"c":{"name":"Linus","same":[{"id":"o2"}]}}]})");
  CHECK(Run(db, R"({ orders(where: {id: "o1"}) { c: lookup(collection: "customers", localField: "customer", foreignField: "id") } })") ==
        R"({"orders":[{"c":{"id":"c1","name":"Ada","country":"NO"}}]})");
  CHECK(Run(db, R"({ orders(where: {id: "o1"}) { x: lookup(collection: "nowhere", localField: "customer", foreignField: "id") { id } } })") ==
        R"({"orders":[{"x":null}]})");
  // Types are kept apart: the number 3 does not match a customer id "3".
  CHECK(Run(db, R"({ orders(where: {id: "o4"}) { customer c: lookup(collection: "customers", localField: "customer", foreignField: "id") { id } } })") ==
        R"({"orders":[{"customer":3,"c":null}]})");
}

TEST_CASE("lookup inside nodes, groups and edges") {
  Database db = OrdersDb();
  CHECK(Run(db, R"({ orders(where: {category: "books"}) { groupBy(field: "category") { key nodes { id c: lookup(collection: "customers", localField: "customer", foreignField: "id") { name } } } } })") ==
        R"({"orders":{"groupBy":[{"key":"books","nodes":[{"id":"o1","c":{"name":"Ada"}},{"id":"o2","c":{"name":"Linus"}}]}]}})");
  CHECK(Run(db, R"({ orders(first: 1) { edges { node { c: lookup(collection: "customers", localField: "customer", foreignField: "id") { name } } } } })") ==
        R"({"orders":{"edges":[{"node":{"c":{"name":"Ada"}}}]}})");
}

TEST_CASE("a lookup is one query for all documents, never one per document") {
  CountingDb db;
  std::string many = "mutation { insertMany(collection: \"orders\", data: [";
  for (int i = 0; i < 50; ++i) many += "{id: \"o" + std::to_string(i) + "\", c: \"c" + std::to_string(i % 7) + "\"}";
  many += "]) { affected } users: insertMany(collection: \"users\", data: [";
  for (int i = 0; i < 7; ++i) many += "{id: \"c" + std::to_string(i) + "\", name: \"n" + std::to_string(i) + "\"}";
  db.Run(many + "]) { affected } }");
  db.selects = 0;
  Json out = db.Run(R"({ orders { id u: lookup(collection: "users", localField: "c", foreignField: "id") { name } } })");
  CHECK(db.selects == 3);  // the name's spelling in the catalog, the orders, then the users
  REQUIRE(out["orders"].size() == 50);
  CHECK(out["orders"].as_array()[8]["u"]["name"] == Json("n1"));
}

TEST_CASE("lookup arguments are validated") {
  Database db = OrdersDb();
  CHECK(Run(db, R"({ orders { lookup(collection: "c", localField: "a", foreignField: "b") { id } } })").find("needs an alias") != std::string::npos);
  CHECK(Run(db, R"({ orders { c: lookup(collection: "c", localField: "a") { id } } })").find("needs the argument 'foreignField'") != std::string::npos);
  CHECK(Run(db, R"({ orders { c: lookup(collection: "c", localFeld: "a", foreignField: "b") { id } } })") ==
        "error: unknown argument 'localFeld' for 'lookup' (did you mean 'localField'?)");
  CHECK(Run(db, R"({ orders { c: lookup(collection: "_nope", localField: "a", foreignField: "b") { id } } })").find("unknown system table") != std::string::npos);
  CHECK(Run(db, R"({ orders { c: lookup(collection: "c", localField: "a", foreignField: "b", many: 1) { id } } })").find("expects true or false") != std::string::npos);
  CHECK(Run(db, R"({ orders { maker { c: lookup(collection: "c", localField: "a", foreignField: "b") { id } } } })").find("lookup is only allowed") != std::string::npos);
  CHECK(Run(db, R"(mutation { insert(collection: "o", data: {}) { c: lookup(collection: "c", localField: "a", foreignField: "b") { id } } })").find("lookup is only allowed") != std::string::npos);
}

TEST_CASE("lookup and top-level aggregate take where: as a variable") {
  Database db = OrdersDb();
  CHECK(Run(db, R"(query ($w: JSON) { customers(where: {id: "c1"}) { o: lookup(collection: "orders", localField: "id", foreignField: "customer", many: true, where: $w) { id } } })",
            Json::object({{"w", Json::object({{"amount", Json::object({{"gt", 20}})}})}})) == R"({"customers":[{"o":[{"id":"o3"}]}]})");
  CHECK(Run(db, R"(query ($w: JSON) { aggregate(collection: "orders", where: $w) { count } })",
            Json::object({{"w", Json::object({{"category", "books"}})}})) == R"({"aggregate":{"count":2}})");
  CHECK(Run(db, R"(query ($w: JSON) { aggregate(collection: "orders", where: $w) { count } })",
            Json::object({{"w", Json::object({{"category", Json::object({{"lessThan", 1}})}})}}))
            .find("unknown filter operator 'lessThan'") != std::string::npos);
}
