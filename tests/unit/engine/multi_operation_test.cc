// A document with several operations: each runs in its own transaction, in order. execute()
// answers the first failure; execute_all() one response per operation. A failed operation
// changes nothing; earlier operations of the same document stay committed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "aurora/database.h"

using namespace aurora;

namespace {

const char* kThreeOperations = R"(
  mutation First { insertInto(collection: "notes", data: {id: "a"}) { id } }
  mutation Second { insertInto(collection: "notes", data: {id: "a"}) { id } }
  mutation Third { insertInto(collection: "notes", data: {id: "c"}) { id } }
)";

std::string Ids(Database& db) {
  Response r = db.execute("query { notes(orderBy: {id: ASC}) { id } }");
  REQUIRE(r.ok());
  std::string out;
  for (const Json& d : r.data["notes"].as_array()) out += (out.empty() ? "" : ",") + d["id"].as_string();
  return out;
}

}  // namespace

TEST_CASE("execute with several operations: the first failure; the operations around it stay committed") {
  Database db = Database::open();
  Response r = db.execute(kThreeOperations);
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].code == ErrorCode::ConstraintViolation);
  CHECK(r.errors[0].message == "a document with id 'a' already exists in 'notes'");
  // The failed operation changed nothing; the earlier one is committed, and the later one ran.
  CHECK(Ids(db) == "a,c");
}

TEST_CASE("execute_all answers each operation of the document") {
  Database db = Database::open();
  std::vector<Response> all = db.execute_all(kThreeOperations);
  REQUIRE(all.size() == 3);
  CHECK(all[0].ok());
  CHECK(all[0].data["insertInto"]["id"] == Json("a"));
  CHECK_FALSE(all[1].ok());
  CHECK(all[2].ok());
  CHECK(Ids(db) == "a,c");
}
