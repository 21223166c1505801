// Cursor pagination: walking every page forwards and backwards gives exactly the ordered list,
// for orders with ties, missing values and mixed types; the SQL is keyset, not OFFSET.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "query_test_util.h"
#include "sqlgen/query_sql.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

Database ItemsDb() {
  Database db = Database::open();
  Response r = db.execute(R"(mutation { insertMany(collection: "items", data: [
    {id: "a", rank: 3, name: "x"}, {id: "b", rank: 1, name: "y"}, {id: "c", rank: 2, name: "x"}, {id: "d", name: "z"},
    {id: "e", rank: 2, name: "w"}, {id: "f", rank: "x"}, {id: "g", rank: 2, name: "x"}, {id: "h", rank: null},
    {id: "i", rank: 2.5, name: "v"}, {id: "j", rank: 1, name: "y"}
  ]) { affected } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return db;
}

std::vector<std::string> Ids(const Json& docs) {
  std::vector<std::string> out;
  for (const Json& d : docs.as_array()) out.push_back(d["id"].as_string());
  return out;
}

}  // namespace

TEST_CASE("every page, forwards and backwards, in every order") {
  Database db = ItemsDb();
  for (std::string order : {"", "orderBy: {rank: ASC}", "orderBy: {rank: DESC}", "orderBy: [{field: \"rank\", direction: DESC}, {field: \"name\"}]",
                            "orderBy: [{field: \"name\", direction: ASC}, {field: \"rank\", direction: DESC}]"}) {
    Response all = db.execute("{ items(" + order + ") { id } }");
    REQUIRE(all.ok());
    std::vector<std::string> expected = Ids(all.data["items"]);
    for (int size = 1; size <= 4; ++size) {
      CAPTURE(order);
      CAPTURE(size);
      const std::string q = "query ($n: Int, $c: String) { items(" + order + (order.empty() ? "" : ", ") +
                            "first: $n, after: $c) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
      std::vector<std::string> seen;
      Json cursor;
      for (int guard = 0; guard < 20; ++guard) {
        Response r = db.execute(q, Json::object({{"n", size}, {"c", cursor}}));
        REQUIRE_MESSAGE(r.ok(), r.dump());
        const Json& page = r.data["items"];
        for (const auto& id : Ids(page["nodes"])) seen.push_back(id);
        CHECK(page["pageInfo"]["hasPreviousPage"] == Json(!cursor.is_null()));
        if (!page["pageInfo"]["hasNextPage"].as_bool()) break;
        cursor = page["pageInfo"]["endCursor"];
      }
      CHECK(seen == expected);

      const std::string back = "query ($n: Int, $c: String) { items(" + order + (order.empty() ? "" : ", ") +
                               "last: $n, before: $c) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor } } }";
      std::vector<std::string> rseen;
      cursor = Json();
      for (int guard = 0; guard < 20; ++guard) {
        Response r = db.execute(back, Json::object({{"n", size}, {"c", cursor}}));
        REQUIRE_MESSAGE(r.ok(), r.dump());
        const Json& page = r.data["items"];
        std::vector<std::string> ids = Ids(page["nodes"]);
        rseen.insert(rseen.begin(), ids.begin(), ids.end());
        CHECK(page["pageInfo"]["hasNextPage"] == Json(!cursor.is_null()));
        if (!page["pageInfo"]["hasPreviousPage"].as_bool()) break;
        cursor = page["pageInfo"]["startCursor"];
      }
      CHECK(rseen == expected);
    }
  }
}

TEST_CASE("pages are stable under inserts before the cursor") {
  Database db = ItemsDb();
  Response p1 = db.execute(R"({ items(first: 3, orderBy: {rank: ASC}) { nodes { id } pageInfo { endCursor } } })");
  REQUIRE(p1.ok());
  REQUIRE(db.execute(R"(mutation { insert(collection: "items", data: {id: "z0", rank: 0}) { id } })").ok());
  Response p2 = db.execute("query ($c: String) { items(first: 2, orderBy: {rank: ASC}, after: $c) { nodes { id } } }",
                           Json::object({{"c", p1.data["items"]["pageInfo"]["endCursor"]}}));
  REQUIRE(p2.ok());
  INFO(p1.data.dump(), " ", p2.data.dump());
  CHECK(Ids(p1.data["items"]["nodes"]) == std::vector<std::string>{"d", "h", "b"});
  CHECK(Ids(p2.data["items"]["nodes"]) == std::vector<std::string>{"j", "c"});  // z0 does not shift the page
}

TEST_CASE("a page after a cursor is a keyset condition, not an OFFSET") {
  plan::Plan p = PlanOf(R"({ items(first: 10, orderBy: {rank: ASC}) { nodes { id } } })");
  const auto& scan = std::get<plan::CollectionScan>(p.steps.at(0).node);
  sqlgen::FieldResolver docs;
  sqlgen::PageRequest page;
  page.after = std::vector<storage::BindValue>{std::int64_t{5}, std::int64_t{42}};
  page.limit = 11;
  auto sql = sqlgen::PageSql(scan, page, docs, Json::object());
  CHECK(sql.sql.find("(json_extract(t.doc, '$.rank'), t.rowid) > (?1, ?2)") != std::string::npos);
  CHECK(sql.sql.find("OFFSET") == std::string::npos);
  CHECK(sql.sql.find("json_extract(t.doc, '$.rank') >= ?3 AND") != std::string::npos);  // an index range
  CHECK(sql.sql.find("LIMIT ?4") != std::string::npos);
}

TEST_CASE("cursor arguments are validated") {
  Database db = ItemsDb();
  CHECK(Run(db, R"({ items(first: 2, after: "!!") { nodes { id } } })").find("invalid cursor in 'after': not a cursor") != std::string::npos);
  CHECK(Run(db, R"({ items(first: 2, before: "e30") { nodes { id } } })").find("invalid cursor in 'before'") != std::string::npos);
  CHECK(Run(db, "query ($n: Int) { items(first: $n) { nodes { id } } }", Json::object({{"n", -3}})).find("'first' expects an integer") != std::string::npos);
  CHECK(Run(db, R"({ items(first: 1, last: 1) { nodes { id } } })").find("not both") != std::string::npos);
  CHECK(Run(db, R"({ items(first: 1, offset: 1) { nodes { id } } })").find("cannot be combined") != std::string::npos);
}
