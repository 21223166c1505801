// Bugs found by the randomized robustness test (tests/robust), each reduced to its smallest input.
#include <doctest/doctest.h>

#include <chrono>
#include <limits>

#include <string>

#include "aurora/database.h"
#include "engine/database_impl.h"

using aurora::Database;
using aurora::ErrorCode;
using aurora::Json;
using aurora::Response;

namespace {

// {"a": {"a": … 1 …}} nested `depth` objects deep.
Json Deep(size_t depth) {
  Json v(1);
  for (size_t i = 0; i < depth; ++i) {
    Json o = Json::object();
    o.set("a", std::move(v));
    v = std::move(o);
  }
  return v;
}

}  // namespace

TEST_CASE("a selection of more fields than SQLite takes as function arguments answers") {
  Database db = Database::open();
  REQUIRE(db.execute(R"(mutation { insert(collection: "c", data: {id: "x", f7: 7, f199: 199}) })").ok());
  std::string fields;
  for (int i = 0; i < 200; ++i) fields += " f" + std::to_string(i);
  Response r = db.execute("{ c {" + fields + " } }");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  const Json& doc = r.data["c"].as_array().at(0);
  CHECK(doc.size() == 200);
  CHECK(doc["f7"] == Json(7));
  CHECK(doc["f199"] == Json(199));
  CHECK(doc["f0"].is_null());
  // The same field repeated (one answer key) and in a group's nodes.
  std::string repeated;
  for (int i = 0; i < 150; ++i) repeated += " f7";
  Response rep = db.execute("{ c {" + repeated + " } g: c { groupBy(field: \"f7\") { key nodes {" + fields + " } } } }");
  REQUIRE_MESSAGE(rep.ok(), rep.dump());
  CHECK(rep.data["c"].dump() == R"([{"f7":7}])");
  CHECK(rep.data["g"]["groupBy"].as_array().at(0)["nodes"].as_array().at(0)["f199"] == Json(199));
}

TEST_CASE("a document nested deeper than stored JSON may be is refused when written, at the data argument") {
  Database db = Database::open();
  const std::string insert = "mutation ($d: JSON) {\n  insertInto(collection: \"c\", data: $d) { id } }";
  Response ok = db.execute(insert, Json::object({{"d", Json::object({{"id", "fits"}, {"x", Deep(255)}})}}));
  CHECK_MESSAGE(ok.ok(), ok.dump());
  Response r = db.execute(insert, Json::object({{"d", Json::object({{"id", "deep"}, {"x", Deep(256)}})}}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message.find("nested deeper than 256 levels") != std::string::npos);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 37);
  // An update that would nest too deep fails the same way and changes nothing.
  Response u = db.execute("mutation ($v: JSON) { update(collection: \"c\", where: {}, data: {y: $v}) { affected } }",
                          Json::object({{"v", Deep(300)}}));
  REQUIRE(u.errors.size() == 1);
  CHECK(u.errors[0].code == ErrorCode::ValidationError);
  // Every stored document still reads.
  Response all = db.execute("{ c { id } }");
  REQUIRE_MESSAGE(all.ok(), all.dump());
  CHECK(all.data.dump() == R"({"c":[{"id":"fits"}]})");
}

TEST_CASE("strings holding U+0000 are refused in documents (SQLite's JSON functions cut them there)") {
  Database db = Database::open();
  const std::string insert = "mutation ($d: JSON) { insertInto(collection: \"c\", data: $d) { id } }";
  Response v = db.execute(insert, Json::object({{"d", Json::object({{"id", "a"}, {"s", std::string("x\0y", 3)}})}}));
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].code == ErrorCode::ValidationError);
  CHECK(v.errors[0].message.find("U+0000") != std::string::npos);
  CHECK(v.errors[0].line == 1);
  Response k = db.execute(insert, Json::object({{"d", Json::object({{"o", Json::object({{std::string("k\0", 2), 1}})}})}}));
  REQUIRE(k.errors.size() == 1);
  CHECK(k.errors[0].code == ErrorCode::ValidationError);
  Response lit = db.execute(R"(mutation { insertInto(collection: "c", data: { s: "x\u0000y" }) { id } })");
  REQUIRE(lit.errors.size() == 1);
  CHECK(lit.errors[0].code == ErrorCode::ValidationError);
  REQUIRE(db.execute(R"(mutation { insertInto(collection: "c", data: { id: "b", s: "x" }) { id } })").ok());
  Response u = db.execute(R"(mutation { update(collection: "c", where: {id: "b"}, data: { s: "x\u0000y" }) { affected } })");
  REQUIRE(u.errors.size() == 1);
  CHECK(u.errors[0].code == ErrorCode::ValidationError);
  // A filter operand holding NUL is fine: it matches no stored string (and not "x").
  Response q = db.execute("query ($s: String) { c(where: {s: {eq: $s}}) { id } }",
                          Json::object({{"s", std::string("x\0y", 3)}}));
  REQUIRE_MESSAGE(q.ok(), q.dump());
  CHECK(q.data.dump() == R"({"c":[]})");
}

TEST_CASE("prepared statements for many different queries do not pile up") {
  aurora::Database::Impl impl{aurora::Config()};
  impl.ExecuteAll(R"(mutation { insert(collection: "c", data: {id: "x"}) })", Json::object());
  for (int i = 0; i < 3000; ++i) {
    impl.ExecuteAll("{ c(where: {f" + std::to_string(i) + ": 1}) { id } }", Json::object());
  }
  CHECK(impl.TEST_cached_statements() <= 1024);
}

TEST_CASE("a filter too large for SQLite is a validation error at the query field") {
  Database db = Database::open();
  REQUIRE(db.execute(R"(mutation { insert(collection: "c", data: {a: 1}) { id } })").ok());
  std::string where = "{a: 1}";
  for (int i = 0; i < 60; ++i) where = "{not: " + where + "}";
  Response r = db.execute("{\n  c(where: " + where + ") { id } }");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message.find("too large for SQLite") != std::string::npos);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 3);
}

TEST_CASE("handlers firing themselves too deep is a validation error at the write that started it") {
  Database db = Database::open();
  REQUIRE(db.execute(R"(define handler "again" { on: "insert:loop", action: { insertInto(collection: "loop", data: {}) } })").ok());
  Response r = db.execute("mutation {\n  insertInto(collection: \"loop\", data: {}) { id } }");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message.find("more than 8 levels deep") != std::string::npos);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 3);
  CHECK(db.execute("{ loop { id } }").data.dump() == R"({"loop":[]})");
}

TEST_CASE("a variable holding invalid UTF-8 is refused at its declaration (responses stay valid JSON)") {
  Database db = Database::open();
  REQUIRE(db.execute(R"(mutation { insert(collection: "c", data: {id: "x"}) { id } })").ok());
  const std::string bad("P\xba_", 3);
  Response r = db.execute("query ($flag: Boolean) { c @include(if: $flag) { id } }", Json::object({{"flag", bad}}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].column == 8);
  CHECK(Json::parse(r.dump()).has_value());
  // Also deep inside a JSON value, and in a key.
  const std::string insert = "mutation ($d: JSON) { insertInto(collection: \"c\", data: $d) { id } }";
  Response v = db.execute(insert, Json::object({{"d", Json::object({{"a", Json::array({Json(bad)})}})}}));
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].message.find("UTF-8") != std::string::npos);
  Response k = db.execute(insert, Json::object({{"d", Json::object({{"o", Json::object({{bad, 1}})}})}}));
  REQUIRE(k.errors.size() == 1);
  CHECK(k.errors[0].message.find("UTF-8") != std::string::npos);
  CHECK(db.execute("{ c { id } }").data.dump() == R"({"c":[{"id":"x"}]})");
}

TEST_CASE("a collection name differing from an existing one only in case is refused (they would share a table)") {
  // Found while probing for tools/fuzz: SQLite table names ignore case, so "Products" was a second
  // catalog entry for the table of "products"; dropping it dropped the documents of both.
  Database db = Database::open();
  REQUIRE(db.execute(R"(mutation { insertInto(collection: "products", data: {id: "p1"}) { id } })").ok());
  for (const char* aql : {R"(mutation { insertInto(collection: "Products", data: {id: "P1"}) { id } })",
                          R"(mutation { insertMany(collection: "PRODUCTS", data: [{id: "P1"}]) { affected } })",
                          R"(mutation { upsert(collection: "prodUcts", where: {id: {eq: "P1"}}, data: {n: 1}) { affected } })",
                          R"(schema { define collection Products { name: String } })"}) {
    Response r = db.execute(aql);
    INFO(aql);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == ErrorCode::ValidationError);
    CHECK(r.errors[0].message.find("only in case") != std::string::npos);
    CHECK(r.errors[0].message.find("'products'") != std::string::npos);
    CHECK(r.errors[0].line == 1);
    CHECK(r.errors[0].column > 1);
  }
  Response all = db.execute("{ _collections { name } products { id } }");
  CHECK(all.dump() == R"({"data":{"_collections":[{"name":"products"}],"products":[{"id":"p1"}]}})");
  // The existing spelling still works, and other names are unaffected.
  CHECK(db.execute(R"(mutation { insertInto(collection: "products", data: {id: "p2"}) { id } })").ok());
  CHECK(db.execute(R"(mutation { insertInto(collection: "products2", data: {id: "p2"}) { id } })").ok());
}

// The executor read and wrote a collection through any spelling SQLite matches, so a case
// variant reached the table of an existing collection without its schema and handlers (found
// by the fuzz helper). Reads, updates and deletes now refuse it like inserts do.
TEST_CASE("a collection's case variant does not reach its table") {
  Database db = Database::open();
  REQUIRE(db.execute("schema { define collection users { name: String!, age: Int } }").ok());
  REQUIRE(db.execute(R"(mutation { insertInto(collection: "users", data: {id: "u1", name: "Ann", age: 3}) { id } })").ok());
  Response up = db.execute(R"(mutation { update(collection: "USERS", where: {id: {eq: "u1"}}, data: {age: "x", name: null}) { affected } })");
  REQUIRE(up.errors.size() == 1);
  CHECK(up.errors[0].code == ErrorCode::ValidationError);
  Response del = db.execute(R"(mutation { deleteFrom(collection: "Users", where: {}) { affected } })");
  REQUIRE(del.errors.size() == 1);
  CHECK(del.errors[0].code == ErrorCode::ValidationError);
  CHECK(db.execute("{ Users { id } }").dump() != R"({"data":{"Users":[{"id":"u1"}]}})");
  CHECK(db.execute("{ users { id name age } }").dump() == R"({"data":{"users":[{"id":"u1","name":"Ann","age":3}]}})");
}

// Found with tools/fuzz's UBSan build: `now + delay` overflowed int64 (a delay of 2^63-1 ms gave
// a job due now, 9e18 one due in the year 673), a double such as 1e308 was cast to int64 before
// it was checked, and runAt: 9223372036854775807 was stored and shown as year 8994.
TEST_CASE("enqueueJob refuses a delay or runAt beyond year 9999 instead of overflowing") {
  Database db = Database::open();
  for (const char* arg : {"delay: 9223372036854775807", "delay: 9000000000000000000", "delay: 1e308",
                          "runAt: 9223372036854775807", "runAt: 253402300800000", "timeout: 1e300"}) {
    Response r = db.execute(std::string("mutation { enqueueJob(type: \"t\", ") + arg + ") { jobId runAt } }");
    INFO(arg);
    INFO(r.dump());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == ErrorCode::ValidationError);
    CHECK(r.errors[0].column > 33);  // at the argument
  }
  CHECK(db.execute("{ _jobs { id } }").dump() == R"({"data":{"_jobs":[]}})");
  // The C++ API refuses the same delay (its run_at, a system_clock time, cannot pass year 2262).
  aurora::JobOptions far;
  far.delay = std::chrono::milliseconds(std::numeric_limits<std::int64_t>::max());
  CHECK_THROWS_AS(db.enqueue_job("t", Json::object(), far), aurora::Exception);
  CHECK(db.execute("{ _jobs { id } }").dump() == R"({"data":{"_jobs":[]}})");
  // The last millisecond of 9999 is still a time.
  Response last = db.execute(R"(mutation { enqueueJob(type: "t", runAt: 253402300799999) { runAt } })");
  REQUIRE(last.ok());
}

TEST_CASE("increment and decrement past the 64-bit integers give a float, not a wrapped integer") {
  // Found with tools/fuzz's UBSan build: 31 + (2^63 - 1) overflowed (undefined) and stored -2^63 + 30.
  Database db = Database::open();
  REQUIRE(db.execute(R"(mutation { insertInto(collection: "c", data: {id: "a", n: 31, m: -31}) { id } })").ok());
  Response r = db.execute(R"(mutation { update(collection: "c", where: {id: {eq: "a"}},
      data: {n: {increment: 9223372036854775807}, m: {decrement: 9223372036854775807}}) { documents { n m } } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  const Json& doc = r.data["update"]["documents"].as_array().at(0);
  CHECK(doc["n"].is_double());
  CHECK(doc["n"].as_double() == 31.0 + 9223372036854775807.0);
  CHECK(doc["m"].is_double());
  CHECK(doc["m"].as_double() == -31.0 - 9223372036854775807.0);
  // Within range, integers stay integers.
  Response small = db.execute(R"(mutation { update(collection: "c", where: {id: {eq: "a"}}, data: {k: {decrement: 9223372036854775807}}) { documents { k } } })");
  CHECK(small.dump() == R"({"data":{"update":{"documents":[{"k":-9223372036854775807}]}}})");
  // Past the largest float, the result is refused (it was stored as null).
  REQUIRE(db.execute(R"(mutation { update(collection: "c", where: {id: {eq: "a"}}, data: {n: 1.7e308}) { affected } })").ok());
  Response inf = db.execute(R"(mutation { update(collection: "c", where: {id: {eq: "a"}}, data: {n: {increment: 1.7e308}}) { affected } })");
  REQUIRE(inf.errors.size() == 1);
  CHECK(inf.errors[0].code == ErrorCode::ValidationError);
  CHECK(inf.errors[0].message == "'increment' of 'n' gives a number too large to store");
  CHECK(inf.errors[0].line == 1);
  CHECK(db.execute(R"({ c { n } })").dump() == R"({"data":{"c":[{"n":1.7e308}]}})");
}
