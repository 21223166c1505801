// schema { define / alter / drop collection }: end to end through aurora::Database.
#include <doctest/doctest.h>

#include <string>

#include "aurora/database.h"

using aurora::Database;
using aurora::ErrorCode;
using aurora::Json;
using aurora::Response;

namespace {

Response Run(Database& db, const std::string& aql) { return db.execute(aql); }

void Ok(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  REQUIRE_MESSAGE(r.ok(), (aql + " → " + r.dump()));
}

std::string Error(Database& db, const std::string& aql, ErrorCode code) {
  Response r = db.execute(aql);
  REQUIRE_MESSAGE(!r.ok(), (aql + " → " + r.dump()));
  CHECK_MESSAGE(r.errors[0].code == code, r.dump());
  return r.errors[0].message;
}

std::string Users(Database& db, const std::string& selection = "{ id name }") {
  Response r = db.execute("{ users(orderBy: {id: ASC}) " + selection + " }");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return r.data["users"].dump();
}

Database Defined() {
  Database db = Database::open();
  Ok(db, R"(schema { define collection users {
      name: String!  email: String @unique  age: Int @indexed  tags: [String]  profile: JSON
      created: DateTime  role: String = "member" } })");
  return db;
}

}  // namespace

TEST_CASE("a defined collection checks inserts: types, required fields, unique values, defaults") {
  Database db = Defined();
  Response r = Run(db, R"(mutation { insertInto(collection: "users", data: {id: "u1", name: "Ann", email: "a@x", age: 30}) { id role } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  CHECK(r.data["insertInto"]["role"] == Json("member"));
  CHECK(Error(db, R"(mutation { insertInto(collection: "users", data: {name: "B", age: "old"}) { id } })",
              ErrorCode::ConstraintViolation) == "field 'age' of 'users' expects Int, got \"old\"");
  CHECK(Error(db, R"(mutation { insertInto(collection: "users", data: {age: 3}) { id } })", ErrorCode::ConstraintViolation) ==
        "field 'name' of 'users' is required (String!), got nothing");
  CHECK(Error(db, R"(mutation { insertInto(collection: "users", data: {name: "B", email: "a@x"}) { id } })",
              ErrorCode::ConstraintViolation) ==
        "field 'email' of 'users' must be unique: \"a@x\" is already used by another document");
  CHECK(Error(db, R"(mutation { insertInto(collection: "users", data: {name: "B", created: "soon"}) { id } })",
              ErrorCode::ConstraintViolation) == "field 'created' of 'users' expects DateTime, got \"soon\"");
  CHECK(Error(db, R"(mutation { insertInto(collection: "users", data: {name: "B", tags: ["a", 1]}) { id } })",
              ErrorCode::ConstraintViolation) == "field 'tags' of 'users' expects [String], got [\"a\",1]");
  // Undeclared fields are allowed; missing unique values do not clash.
  Ok(db, R"(mutation { insertMany(collection: "users", data: [{id: "u2", name: "B", extra: 1}, {id: "u3", name: "C"}]) { affected } })");
  CHECK(Users(db) == R"([{"id":"u1","name":"Ann"},{"id":"u2","name":"B"},{"id":"u3","name":"C"}])");
}

TEST_CASE("a defined collection checks updates, and a failing mutation writes nothing") {
  Database db = Defined();
  Ok(db, R"(mutation { insertMany(collection: "users", data: [{id: "u1", name: "A", email: "a"}, {id: "u2", name: "B", email: "b"}]) { affected } })");
  CHECK(Error(db, R"(mutation { update(collection: "users", where: {id: "u2"}, data: {email: "a"}) { affected } })",
              ErrorCode::ConstraintViolation) ==
        "field 'email' of 'users' must be unique: \"a\" is already used by another document");
  CHECK(Error(db, R"(mutation { update(collection: "users", where: {}, data: {name: null}) { affected } })",
              ErrorCode::ConstraintViolation) == "field 'name' of 'users' is required (String!), got null");
  CHECK(Error(db, R"(mutation { update(collection: "users", where: {id: "u1"}, data: {age: {increment: 1.5}}) { affected } })",
              ErrorCode::ConstraintViolation) == "field 'age' of 'users' expects Int, got 1.5");
  CHECK(Error(db, R"(mutation {
      insertInto(collection: "users", data: {id: "u3", name: "C"}) { id }
      update(collection: "users", where: {id: "u1"}, data: {email: "b"}) { affected } })",
              ErrorCode::ConstraintViolation)
            .find("must be unique") != std::string::npos);
  CHECK(Users(db, "{ id email }") == R"([{"id":"u1","email":"a"},{"id":"u2","email":"b"}])");
  Ok(db, R"(mutation { update(collection: "users", where: {id: "u1"}, data: {email: "c", age: 4}) { affected } })");
  CHECK(Error(db, R"(mutation { upsert(collection: "users", where: {id: "u9"}, data: {age: 1}) { affected } })",
              ErrorCode::ConstraintViolation) == "field 'name' of 'users' is required (String!), got nothing");
}

TEST_CASE("schemaless collections stay schemaless") {
  Database db = Database::open();
  Ok(db, R"(mutation { insertInto(collection: "notes", data: {a: 1}) { id } })");
  Ok(db, R"(mutation { insertInto(collection: "notes", data: {a: "x"}) { id } })");
  Response r = Run(db, R"({ _collections(where: {name: "notes"}) { name fields } })");
  REQUIRE(r.ok());
  CHECK(r.data["_collections"].dump() == R"([{"name":"notes","fields":null}])");
}

TEST_CASE("define: if not exists, redefinition, existing schemaless data") {
  Database db = Defined();
  Response r = Run(db, R"(schema { define collection users if not exists { x: Int } })");
  REQUIRE(r.ok());
  CHECK(r.data["schema"].dump() == R"([{"collection":"users","action":"define","applied":false}])");
  CHECK(Error(db, R"(schema { define collection users { x: Int } })", ErrorCode::ValidationError)
            .find("already defined") != std::string::npos);
  Ok(db, R"(mutation { insertMany(collection: "things", data: [{id: "a", n: 1}, {id: "b", n: "two"}, {id: "c", n: 1}]) { affected } })");
  CHECK(Error(db, R"(schema { define collection things { n: Int } })", ErrorCode::ConstraintViolation) ==
        "document 'b' does not fit: field 'n' of 'things' expects Int, got \"two\"");
  CHECK(Error(db, R"(schema { define collection things { m: Int, n: JSON @unique } })", ErrorCode::ConstraintViolation) ==
        "cannot make 'n' of 'things' @unique: documents share a value");
  Ok(db, R"(schema { define collection things { n: JSON, k: Int = 7 } })");
  Response k = Run(db, R"({ things(orderBy: {id: ASC}) { k } })");
  CHECK(k.data["things"].dump() == R"([{"k":7},{"k":7},{"k":7}])");
}

TEST_CASE("alter: add with default, rename, drop, modify") {
  Database db = Defined();
  Ok(db, R"(mutation { insertMany(collection: "users", data: [{id: "u1", name: "A", age: 3, tags: ["x"]}, {id: "u2", name: "B", score: 9}]) { affected } })");
  CHECK(Error(db, R"(schema { alter collection users { add field name: String } })", ErrorCode::ValidationError) ==
        "field 'name' is already in the schema of 'users' (use modify field)");
  Ok(db, R"(schema { alter collection users { add field level: Int = 1  rename field age to years  drop field tags } })");
  CHECK(Users(db, "{ id level years age tags }") ==
        R"([{"id":"u1","level":1,"years":3,"age":null,"tags":null},{"id":"u2","level":1,"years":null,"age":null,"tags":null}])");
  // The renamed field keeps its index; the old name has none.
  Response c = Run(db, R"({ _collections(where: {name: "users"}) { fields { name type indexed } } })");
  CHECK(c.data["_collections"].as_array()[0].dump().find(R"({"name":"years","type":"Int","indexed":true})") != std::string::npos);
  // modify re-checks every document
  CHECK(Error(db, R"(schema { alter collection users { modify field years: Int! } })", ErrorCode::ConstraintViolation) ==
        "document 'u2' does not fit: field 'years' of 'users' is required (Int!), got nothing");
  Ok(db, R"(schema { alter collection users { modify field years: Float! = 0 } })");
  CHECK(Users(db, "{ years }") == R"([{"years":3},{"years":0}])");
  CHECK(Error(db, R"(schema { alter collection users { drop field nme } })", ErrorCode::ValidationError) ==
        "collection 'users' has no field 'nme' (did you mean 'name'?)");
  CHECK(Error(db, R"(schema { alter collection nobody { drop field x } })", ErrorCode::NotFound).find("nobody") !=
        std::string::npos);
}

TEST_CASE("schema statements run in one transaction") {
  Database db = Database::open();
  CHECK(Error(db, R"(schema {
      define collection a { x: Int }
      define collection b { y: String @unique }
      alter collection a { drop field nope } })",
              ErrorCode::ValidationError)
            .find("nope") != std::string::npos);
  Response r = Run(db, R"({ _collections { name } })");
  CHECK(r.data["_collections"].dump() == "[]");
  Ok(db, R"(mutation { insertMany(collection: "people", data: [{id: "1", e: "x"}, {id: "2", e: "x"}]) { affected } })");
  CHECK(Error(db, R"(schema { alter collection people { add field e: String @unique } })", ErrorCode::ConstraintViolation) ==
        "cannot make 'e' of 'people' @unique: documents share a value");
  // Nothing changed: the collection is still schemaless and accepts anything.
  Ok(db, R"(mutation { insertInto(collection: "people", data: {e: 5}) { id } })");
}

TEST_CASE("drop collection") {
  Database db = Defined();
  Ok(db, R"(mutation { insertInto(collection: "users", data: {name: "A"}) { id } })");
  CHECK(Users(db, "{ name }") == R"([{"name":"A"}])");
  Ok(db, R"(schema { drop collection users })");
  CHECK(Users(db) == "[]");
  CHECK(Error(db, R"(schema { drop collection users })", ErrorCode::NotFound) ==
        "no collection 'users' to drop (write 'drop collection users if exists')");
  Response r = Run(db, R"(schema { drop collection users if exists })");
  CHECK(r.data["schema"].as_array()[0]["applied"] == Json(false));
  // After the drop, inserts are schemaless again.
  Ok(db, R"(mutation { insertInto(collection: "users", data: {age: "x"}) { id } })");
}

TEST_CASE("schema statements are checked before they run") {
  Database db = Database::open();
  CHECK(Error(db, "schema { define collection u { a: Strng } }", ErrorCode::ValidationError)
            .find("unknown field type 'Strng' (did you mean 'String'?)") == 0);
  CHECK(Error(db, "schema { define collection u { a: String @uniqe } }", ErrorCode::ValidationError)
            .find("unknown field directive '@uniqe' (did you mean '@unique'?)") == 0);
  CHECK(Error(db, "schema { define collection u { a: Int = \"x\" } }", ErrorCode::ValidationError) ==
        "default value \"x\" of 'a' does not fit its type Int");
  CHECK(Error(db, "schema { define collection u { id: ID } }", ErrorCode::ValidationError).find("built in") !=
        std::string::npos);
  CHECK(Error(db, "schema { define collection u { a: Int a: String } }", ErrorCode::ValidationError) ==
        "field 'a' is declared twice");
  CHECK(Error(db, "schema { define collection _u { a: Int } }", ErrorCode::ValidationError).empty() == false);
  CHECK(Error(db, "schema { define collection u { a: Int @search } }", ErrorCode::ValidationError) ==
        "@search needs a String field; 'a' is Int");
  Response r = Run(db, "schema { define collection u { a: String @unique } }");
  CHECK(r.errors.empty());
  CHECK(r.data.dump() == R"({"schema":[{"collection":"u","action":"define","applied":true}]})");
  CHECK(Error(db, "schema { define collection v { a: Int } }\nschema { }", ErrorCode::ValidationError).empty() == false);
}
