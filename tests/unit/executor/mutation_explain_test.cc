// mutation @explain: a dry run. The mutation runs in a transaction that is rolled back; each field
// answers the statements it ran (with parameters, SQLite's plan and index use) and the answer it
// would have given.
#include <doctest/doctest.h>

#include <string>

#include "aurora/database.h"

using namespace aurora;

namespace {

Json Data(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return r.data;
}

Database ProductsDb() {
  Database db = Database::open();
  Data(db, R"(schema { define collection products { name: String sku: String @indexed price: Float } })");
  Data(db, R"(mutation { insertMany(collection: "products", data: [
    {id: "p1", name: "Mouse", sku: "M-1", price: 25},
    {id: "p2", name: "Desk", sku: "D-1", price: 250},
    {id: "p3", name: "Cable", sku: "C-1", price: 5}
  ]) { affected } })");
  return db;
}

// "for" of each statement, joined: "collection schema insert".
std::string Purposes(const Json& field) {
  std::string out;
  for (const Json& s : field["statements"].as_array()) out += (out.empty() ? "" : " | ") + s["for"].as_string();
  return out;
}

const Json& Statement(const Json& field, const std::string& purpose) {
  for (const Json& s : field["statements"].as_array()) {
    if (s["for"].as_string() == purpose) return s;
  }
  FAIL("no statement for " << purpose << " in " << field.dump());
  return field;
}

}  // namespace

TEST_CASE("mutation @explain answers the statements of an update and writes nothing") {
  Database db = ProductsDb();
  std::string before = Data(db, "{ products(orderBy: {id: ASC}) }").dump();
  Json d = Data(db, R"(mutation @explain {
    update(collection: "products", where: { price: { lt: 100 } }, data: { price: { increment: 1 } }) { affected documents { id price } }
  })");
  const Json& up = d["update"];
  CHECK(up["collection"].as_string() == "products");
  CHECK(up["result"].dump() == R"({"affected":2,"documents":[{"id":"p1","price":26},{"id":"p3","price":6}]})");
  // The name's spelling is checked first, the schema read before the first write.
  CHECK(Purposes(up) == "collection | match | schema | update");
  const Json& match = Statement(up, "match");
  CHECK(match["sql"].as_string().find("SELECT t.id, t.doc FROM \"products\" AS t WHERE") == 0);
  CHECK(match["params"].dump() == "[100]");
  CHECK(match["runs"].as_int() == 1);
  CHECK(match["usesIndex"].as_bool() == false);
  CHECK(up["usesIndex"].as_bool() == false);  // the documents are chosen by a scan
  const Json& write = Statement(up, "update");
  CHECK(write["sql"].as_string() == "UPDATE \"products\" SET doc = ?1 WHERE id = ?2");
  CHECK(write["runs"].as_int() == 2);  // one per document, shown once with the first one's values
  CHECK(write["params"].as_array().size() == 2);
  CHECK(write["params"].as_array()[1].as_string() == "p1");
  CHECK(write["usesIndex"].as_bool() == true);
  CHECK(write["plan"].as_array().size() >= 1);
  CHECK(Data(db, "{ products(orderBy: {id: ASC}) }").dump() == before);  // rolled back
}

TEST_CASE("an indexed filter shows its index; inserts into a new collection leave nothing behind") {
  Database db = ProductsDb();
  Json d = Data(db, R"(mutation @explain {
    deleteFrom(collection: "products", where: { sku: "D-1" }) { affected }
    insertInto(collection: "fresh", data: { id: "f1", n: 1 }) { id }
  })");
  CHECK(d["deleteFrom"]["usesIndex"].as_bool() == true);
  CHECK(Purposes(d["deleteFrom"]) == "collection | match | delete");
  CHECK(d["deleteFrom"]["result"].dump() == R"({"affected":1})");
  CHECK(Purposes(d["insertInto"]) == "collection | collection | collection | collection | schema | insert");
  CHECK(Statement(d["insertInto"], "insert")["params"].dump() == R"(["f1","{\"id\":\"f1\",\"n\":1}"])");
  CHECK(d["insertInto"]["result"].dump() == R"({"id":"f1"})");
  CHECK(Data(db, "{ products(where: { sku: \"D-1\" }) { id } }").dump() == R"({"products":[{"id":"p2"}]})");
  CHECK(Data(db, "{ fresh { id } }").dump() == R"({"fresh":[]})");
  CHECK(Data(db, "{ _collections(where: { name: \"fresh\" }) { name } }").dump() == R"({"_collections":[]})");
  // the same mutation without @explain still works (nothing cached from the dry run gets in the way)
  CHECK(Data(db, R"(mutation { insertInto(collection: "fresh", data: { id: "f1", n: 1 }) { id } })").dump() ==
        R"({"insertInto":{"id":"f1"}})");
}

TEST_CASE("statements of handler actions and jobs are named after the handler; no job is left") {
  Database db = ProductsDb();
  Data(db, R"(define handler "restock" { on: "update:products", action: { enqueueJob(type: "restock", payload: { id: "${id}" }) } })");
  Json d = Data(db, R"(mutation @explain {
    update(collection: "products", where: { id: "p3" }, data: { price: 6 }) { affected }
    job: enqueueJob(type: "report", payload: {}) { type }
  })");
  std::string purposes = Purposes(d["update"]);
  CHECK(purposes.find("handler restock: enqueueJob") != std::string::npos);
  const Json& job = Statement(d["update"], "handler restock: enqueueJob");
  CHECK(job["sql"].as_string().find("INSERT INTO _jobs") == 0);
  CHECK(d["job"]["result"].dump() == R"({"type":"report"})");
  CHECK(d["job"].find("collection") == nullptr);
  CHECK(Purposes(d["job"]).find("enqueueJob") == 0);
  CHECK(Data(db, "{ _jobs { id } }").dump() == R"({"_jobs":[]})");
  CHECK(Data(db, "{ products(where: { id: \"p3\" }) { price } }").dump() == R"({"products":[{"price":5}]})");
}

TEST_CASE("transaction groups, @skip and errors under mutation @explain") {
  Database db = ProductsDb();
  Json d = Data(db, R"(mutation @explain {
    transaction {
      a: insertInto(collection: "products", data: { id: "p9", name: "Lamp" }) { id }
      b: insert(collection: "products", data: { id: "p10" }) @skip(if: true) { id }
    }
  })");
  CHECK(d["transaction"]["a"]["result"].dump() == R"({"id":"p9"})");
  CHECK(d["transaction"].find("b") == nullptr);
  // an error of the real run is the answer, and still nothing is written
  Response r = db.execute(R"(mutation @explain {
    insertInto(collection: "products", data: { id: "p8", name: "Pen" }) { id }
    again: insertInto(collection: "products", data: { id: "p1" }) { id }
  })");
  REQUIRE(!r.ok());
  CHECK(r.errors[0].code == ErrorCode::ConstraintViolation);
  CHECK(Data(db, "{ products(where: { id: { in: [\"p8\", \"p9\"] } }) { id } }").dump() == R"({"products":[]})");
  // on a field of a mutation @explain is refused, naming where it goes
  Response field = db.execute(R"(mutation { deleteFrom(collection: "products", where: {}) @explain { affected } })");
  REQUIRE(!field.ok());
  CHECK(field.errors[0].code == ErrorCode::ValidationError);
  CHECK(field.errors[0].message.find("mutation @explain { … }") != std::string::npos);
  CHECK(field.errors[0].column == 58);
}
