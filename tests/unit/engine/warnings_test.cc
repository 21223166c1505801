// Response::warnings: a query naming a collection that does not exist next to one with a close
// name answers as always ([]) and warns UNKNOWN_COLLECTION with did-you-mean.
#include <doctest/doctest.h>

#include <string>

#include "aurora/database.h"

using namespace aurora;

namespace {

Response Run(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  INFO(aql);
  INFO(r.dump());
  REQUIRE(r.ok());
  return r;
}

}  // namespace

TEST_CASE("warnings: a misspelt collection answers [] and warns with did-you-mean and a position") {
  Database db = Database::open();
  Run(db, R"(mutation { insertInto(collection: "products", data: {id: "p1"}) { id } })");
  Response r = Run(db, "query {\n  prodcts { id }\n}");
  CHECK(r.data.dump() == R"({"prodcts":[]})");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == WarningCode::UnknownCollection);
  CHECK(r.warnings[0].message == "collection 'prodcts' does not exist (did you mean 'products'?)");
  CHECK(r.warnings[0].line == 2);
  CHECK(r.warnings[0].column == 3);
  CHECK(r.dump() ==
        R"j({"data":{"prodcts":[]},"warnings":[{"message":"collection 'prodcts' does not exist (did you mean )j"
        R"j('products'?)","code":"UNKNOWN_COLLECTION","line":2,"column":3}]})j");
  // The collection that exists, and a name close to nothing, warn nothing: "warnings" is absent.
  CHECK(Run(db, "query { products { id } }").warnings.empty());
  r = Run(db, "query { invoices { id } }");
  CHECK(r.warnings.empty());
  CHECK(r.dump() == R"({"data":{"invoices":[]}})");
  // A system table is a candidate too.
  r = Run(db, "query { jobs { id } }");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].message == "collection 'jobs' does not exist (did you mean '_jobs'?)");
}

TEST_CASE("warnings: one per misspelt field; update and delete warn too, upsert and insert do not") {
  Database db = Database::open();
  Run(db, R"(mutation { insertInto(collection: "orders", data: {id: "o1", n: 1}) { id } })");
  Response r = Run(db, "query { a: ordrs { id } b: orders { id } c: ordes { id } }");
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].column == 9);
  CHECK(r.warnings[1].message == "collection 'ordes' does not exist (did you mean 'orders'?)");
  r = Run(db, R"(mutation { update(collection: "ordrs", where: {}, data: {n: 2}) { affected } })");
  CHECK(r.data["update"]["affected"] == Json(0));
  CHECK(r.warnings.size() == 1);
  r = Run(db, R"(mutation { deleteFrom(collection: "ordrs", where: {}) { affected } })");
  CHECK(r.warnings.size() == 1);
  CHECK(Run(db, R"(mutation { upsert(collection: "ordrs", where: {id: {eq: "x"}}, data: {n: 2}) { affected } })")
            .warnings.empty());
  CHECK(Run(db, R"(mutation { insertInto(collection: "ordr", data: {n: 1}) { id } })").warnings.empty());
}

TEST_CASE("warnings are computed at each execution, not cached with the plan") {
  Database db = Database::open();
  Run(db, R"(mutation { insertInto(collection: "customers", data: {id: "c1"}) { id } })");
  const std::string q = "query { custmers { id } }";
  CHECK(Run(db, q).warnings.size() == 1);
  CHECK(Run(db, q).warnings.size() == 1);  // a plan-cache hit warns again
  // Once the collection exists, the same text no longer warns.
  Run(db, R"(mutation { insertInto(collection: "custmers", data: {id: "c2"}) { id } })");
  Response r = Run(db, q);
  CHECK(r.warnings.empty());
  CHECK(r.data["custmers"].size() == 1);
  // And a text first run without warning warns once a close collection appears.
  const std::string q2 = "query { vendor { id } }";
  CHECK(Run(db, q2).warnings.empty());
  Run(db, R"(mutation { insertInto(collection: "vendors", data: {id: "v1"}) { id } })");
  CHECK(Run(db, q2).warnings.size() == 1);
}

TEST_CASE("warnings: a failed operation carries its errors only") {
  Database db = Database::open();
  Run(db, R"(mutation { insertInto(collection: "items", data: {id: "i1"}) { id } })");
  Response r = db.execute(R"(mutation {
    deleteFrom(collection: "itms", where: {}) { affected }
    insertInto(collection: "items", data: {id: "i1"}) { id }
  })");
  REQUIRE_FALSE(r.ok());
  CHECK(r.warnings.empty());
  CHECK(r.dump().find("warnings") == std::string::npos);
}
