// Full-text search: the FTS5 query built from user text, and search end to end.
#include <doctest/doctest.h>

#include <string>

#include "aurora/database.h"
#include "sqlgen/search_sql.h"

using aurora::Database;
using aurora::Json;
using aurora::Response;

namespace {

std::string Ids(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  if (!r.ok()) return "error: " + r.errors[0].message;
  std::string out;
  for (const Json& doc : r.data.as_object().begin()->second.as_array()) {
    out += (out.empty() ? "" : ",") + doc["id"].as_string();
  }
  return out;
}

Database Products() {
  Database db = Database::open();
  Response r = db.execute(R"(schema { define collection products { name: String @search, description: String @search, price: Float } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  r = db.execute(R"(mutation { insertMany(collection: "products", data: [
      {id: "p1", name: "Wireless Mouse", description: "quiet wireless mouse", price: 25},
      {id: "p2", name: "Mouse pad", description: "large pad", price: 10},
      {id: "p3", name: "Keyboard", description: "wireless keyboard for the wireless mouse", price: 45}]) { affected } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return db;
}

}  // namespace

TEST_CASE("user text becomes a quoted FTS5 query") {
  using aurora::sqlgen::FtsMatchQuery;
  CHECK(FtsMatchQuery("wireless mouse", {}) == R"("wireless" "mouse")");
  CHECK(FtsMatchQuery(R"(a" OR b* -c NEAR(d))", {}) == R"("a" "OR" "b" "c" "NEAR" "d")");
  CHECK(FtsMatchQuery("  ;; ", {}).empty());
  CHECK(FtsMatchQuery("héllo", {"name", "description"}) == R"({name description} : ("héllo"))");
}

TEST_CASE("search finds every word, most relevant first, and follows writes") {
  Database db = Products();
  CHECK(Ids(db, R"({ products(search: {query: "wireless mouse"}) { id } })") == "p1,p3");
  CHECK(Ids(db, R"({ products(search: {query: "MOUSE"}, orderBy: {price: ASC}) { id } })") == "p2,p1,p3");
  CHECK(Ids(db, R"({ products(search: {query: "mouse", fields: ["name"]}, orderBy: {id: ASC}) { id } })") == "p1,p2");
  CHECK(Ids(db, R"({ products(search: {query: "mouse"}, where: {price: {gt: 20}}, limit: 1, offset: 1) { id } })") == "p3");
  CHECK(Ids(db, R"(query ($q: String) { products(search: {query: $q}) { id } })") == "error: search query expects a string, got null");
  Response scored = db.execute(R"({ products(search: {query: "wireless"}) { id score } })");
  REQUIRE(scored.ok());
  const auto& rows = scored.data["products"].as_array();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["score"].as_double() >= rows[1]["score"].as_double());
  CHECK(rows[0]["score"].as_double() > 0);

  REQUIRE(db.execute(R"(mutation { update(collection: "products", where: {id: "p2"}, data: {name: "Desk mat"}) { affected } })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "mouse", fields: ["name"]}) { id } })") == "p1");
  REQUIRE(db.execute(R"(mutation { deleteFrom(collection: "products", where: {id: "p1"}) { affected } })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "wireless"}) { id } })") == "p3");
  REQUIRE(db.execute(R"(mutation { insertInto(collection: "products", data: {id: "p4", name: "Wireless charger"}) { id } })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "wireless"}) { id } })") == "p4,p3");
  // A failed write leaves the index as it was.
  CHECK(!db.execute(R"(mutation { insertInto(collection: "products", data: {id: "p5", name: "wireless"}) { id }
                                  insertInto(collection: "products", data: {id: "p5", name: "dup"}) { id } })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "wireless"}) { id } })") == "p4,p3");
}

TEST_CASE("search needs a full-text index, and follows schema changes") {
  Database db = Products();
  CHECK(Ids(db, R"({ notes(search: {query: "x"}) { id } })").find("has no full-text index") != std::string::npos);
  CHECK(Ids(db, R"({ products(search: {query: "x", fields: ["price"]}) { id } })") ==
        "error: 'price' is not a @search field of 'products' (searchable: name, description)");
  REQUIRE(db.execute(R"(schema { alter collection products { modify field description: String } })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "quiet"}) { id } })") == "");
  REQUIRE(db.execute(R"(schema { alter collection products { modify field description: String @search } })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "quiet"}) { id } })") == "p1");
  REQUIRE(db.execute(R"(schema { alter collection products { rename field name to title } })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "pad", fields: ["title"]}) { id } })") == "p2");
  REQUIRE(db.execute(R"(schema { drop collection products })").ok());
  CHECK(Ids(db, R"({ products(search: {query: "pad"}) { id } })").find("has no full-text index") != std::string::npos);
}

TEST_CASE("search is the relation of aggregate, groupBy, cursor pages and lookups") {
  Database db = Products();
  // Every document holds "wireless" except p2; p1 and p3 hold "mouse" too.
  auto run = [&](const std::string& aql) {
    Response r = db.execute(aql);
    return r.ok() ? r.data.dump() : "error: " + r.errors[0].message;
  };
  CHECK(run(R"({ products(search: {query: "wireless"}) { aggregate { count sum(field: "price") } } })") ==
        R"({"products":{"aggregate":{"count":2,"sum":70}}})");
  CHECK(run(R"({ products(search: {query: "mouse"}, where: {price: {lt: 40}}) { aggregate { count max(field: "price") } } })") ==
        R"({"products":{"aggregate":{"count":2,"max":25}}})");
  CHECK(run(R"({ products(search: {query: "nothing"}) { aggregate { count avg(field: "price") } } })") ==
        R"({"products":{"aggregate":{"count":0,"avg":null}}})");
  // Groups hold only the matching documents; a group's nodes come in the search's order.
  CHECK(run(R"({ products(search: {query: "mouse"}, orderBy: {price: DESC}) {
                   groupBy(field: "name") { key count nodes { id } } } })") ==
        R"({"products":{"groupBy":[{"key":"Keyboard","count":1,"nodes":[{"id":"p3"}]},)"
        R"({"key":"Mouse pad","count":1,"nodes":[{"id":"p2"}]},{"key":"Wireless Mouse","count":1,"nodes":[{"id":"p1"}]}]}})");

  // Cursor pages over the search, in relevance order by default: the pages join up to the whole list.
  Response all = db.execute(R"({ products(search: {query: "mouse"}) { id } })");
  REQUIRE(all.ok());
  std::string expected;
  for (const Json& d : all.data["products"].as_array()) expected += d["id"].as_string() + ",";
  std::string paged;
  std::string after = "null";
  for (int page = 0; page < 4; ++page) {
    Response r = db.execute(R"(query ($after: String) { products(search: {query: "mouse"}, first: 1, after: $after) {
                                 edges { cursor node { id score } } pageInfo { hasNextPage endCursor } } })",
                            *Json::parse("{\"after\": " + after + "}"));
    REQUIRE_MESSAGE(r.ok(), r.dump());
    const Json& conn = r.data["products"];
    for (const Json& e : conn["edges"].as_array()) paged += e["node"]["id"].as_string() + ",";
    if (!conn["pageInfo"]["hasNextPage"].as_bool()) break;
    after = conn["pageInfo"]["endCursor"].dump();
  }
  CHECK(paged == expected);
  CHECK(run(R"({ products(search: {query: "mouse"}, last: 1, orderBy: {price: ASC}) { nodes { id } pageInfo { hasPreviousPage } } })") ==
        R"({"products":{"nodes":[{"id":"p3"}],"pageInfo":{"hasPreviousPage":true}}})");

  // Lookups from searched documents.
  REQUIRE(db.execute(R"(mutation { insertMany(collection: "stock", data: [{sku: "p1", n: 3}, {sku: "p3", n: 0}]) { affected } })").ok());
  CHECK(run(R"({ products(search: {query: "wireless"}, orderBy: {id: ASC}) {
                   id stock: lookup(collection: "stock", localField: "id", foreignField: "sku") { n } } })") ==
        R"({"products":[{"id":"p1","stock":{"n":3}},{"id":"p3","stock":{"n":0}}]})");
}
