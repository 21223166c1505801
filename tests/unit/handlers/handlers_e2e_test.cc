// Automation handlers end to end, through the public API.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "aurora/aurora.h"

using aurora::Database;
using aurora::Json;
using aurora::Response;

namespace {

Json Data(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  INFO(aql);
  INFO(r.dump());
  REQUIRE(r.ok());
  return r.data;
}

aurora::Error ErrorOf(Database& db, const std::string& aql) {
  Response r = db.execute(aql);
  INFO(aql);
  INFO(r.dump());
  REQUIRE_FALSE(r.ok());
  return r.errors[0];
}

size_t Count(Database& db, const std::string& collection) {
  return Data(db, "query { " + collection + " { id } }")[collection].size();
}

const char* kLogInserts = R"(define handler "log_inserts" {
  on: "insert:products",
  action: { insertInto(collection: "log", data: { product: "${id}", price: "${price}", maker: "${maker}",
                                                   text: "${name} costs ${price}${missing}", lit: "\${id}" }) }
})";

}  // namespace

TEST_CASE("an insert runs the action with typed templates") {
  Database db = Database::open();
  Data(db, kLogInserts);
  Data(db, R"(mutation { insertInto(collection: "products", data: { id: "p1", name: "Mouse", price: 25, maker: { country: "NO" } }) { id } })");
  Json log = Data(db, "query { log { product price maker text lit } }")["log"];
  REQUIRE(log.size() == 1);
  CHECK(log.as_array()[0].dump() ==
        R"({"product":"p1","price":25,"maker":{"country":"NO"},"text":"Mouse costs 25","lit":"${id}"})");
}

TEST_CASE("update events see the old document; delete events the deleted one; $_field works") {
  Database db = Database::open();
  Data(db, R"(define handler "on_update" { on: "update:products",
              action: { insertInto(collection: "changes", data: { id: "${id}", was: "${_old.price}", now: $_price }) } })");
  Data(db, R"(define handler "on_delete" { on: "delete products",
              action: { insertInto(collection: "gone", data: { name: "${name}" }) } })");
  Data(db, R"(mutation { insertMany(collection: "products", documents: [{ id: "a", name: "A", price: 1 }, { id: "b", name: "B", price: 2 }]) { affected } })");
  Data(db, R"(mutation { update(collection: "products", where: { price: { gte: 1 } }, data: { price: { increment: 10 } }) { affected } })");
  Json changes = Data(db, "query { changes(orderBy: {field: \"id\"}) { id was now } }")["changes"];
  CHECK(changes.dump() == R"([{"id":"a","was":1,"now":11},{"id":"b","was":2,"now":12}])");
  Data(db, R"(mutation { deleteFrom(collection: "products", where: { id: { eq: "b" } }) { affected } })");
  CHECK(Data(db, "query { gone { name } }")["gone"].dump() == R"([{"name":"B"}])");
}

TEST_CASE("insertMany of N fires N times") {
  Database db = Database::open();
  Data(db, kLogInserts);
  Data(db, R"(mutation { insertMany(collection: "products", documents: [{ price: 1 }, { price: 2 }, { price: 3 }]) { affected } })");
  CHECK(Count(db, "log") == 3);
}

TEST_CASE("the action commits with the write or not at all") {
  Database db = Database::open();
  Data(db, kLogInserts);
  // The second field fails after the first fired its handler: both roll back.
  aurora::Error e = ErrorOf(db, R"(mutation {
    a: insertInto(collection: "products", data: { id: "p1", price: 1 }) { id }
    b: insertInto(collection: "products", data: { id: "p1", price: 2 }) { id } })");
  CHECK(e.code == aurora::ErrorCode::ConstraintViolation);
  CHECK(Count(db, "products") == 0);
  CHECK(Count(db, "log") == 0);
}

TEST_CASE("a failing action fails the write, names the handler, and writes nothing") {
  Database db = Database::open();
  Data(db, R"(define handler "fixed_id" { on: "insert:products", action: { insertInto(collection: "log", data: { id: "same" }) } })");
  Data(db, R"(mutation { insertInto(collection: "products", data: { name: "first" }) { id } })");
  aurora::Error e = ErrorOf(db, R"(mutation { insertInto(collection: "products", data: { name: "second" }) { id } })");
  CHECK(e.code == aurora::ErrorCode::ConstraintViolation);
  CHECK(e.message.find("handler 'fixed_id'") != std::string::npos);
  CHECK(e.message.find("on insert:products") != std::string::npos);
  CHECK(Count(db, "products") == 1);
  CHECK(Count(db, "log") == 1);
}

TEST_CASE("a handler writing to its own collection stops at the depth limit, naming the chain") {
  Database db = Database::open();
  Data(db, R"(define handler "again" { on: "insert:products", action: { insertInto(collection: "products", data: {}) } })");
  aurora::Error e = ErrorOf(db, R"(mutation { insertInto(collection: "products", data: {}) { id } })");
  CHECK(e.message.find("more than 8 levels deep") != std::string::npos);
  CHECK(e.message.find("'again' → 'again'") != std::string::npos);
  CHECK(Count(db, "products") == 0);
  // A chain across two handlers that ends is fine.
  Data(db, R"(drop handler "again")");
  Data(db, R"(define handler "one" { on: "insert:a", action: { insertInto(collection: "b", data: { from: "${id}" }) } })");
  Data(db, R"(define handler "two" { on: "insert:b", action: { insertInto(collection: "c", data: { from: "${from}" }) } })");
  Data(db, R"(mutation { insertInto(collection: "a", data: { id: "x" }) { id } })");
  CHECK(Data(db, "query { c { from } }")["c"].dump() == R"([{"from":"x"}])");
}

TEST_CASE("pause, resume, replace and drop") {
  Database db = Database::open();
  Data(db, kLogInserts);
  Data(db, R"(pause handler "log_inserts")");
  Data(db, R"(mutation { insertInto(collection: "products", data: { price: 1 }) { id } })");
  CHECK(Count(db, "log") == 0);
  CHECK(Data(db, "query { _handlers { name paused } }")["_handlers"].dump() == R"([{"name":"log_inserts","paused":true}])");
  Data(db, R"(resume handler "log_inserts")");
  Data(db, R"(mutation { insertInto(collection: "products", data: { price: 2 }) { id } })");
  CHECK(Count(db, "log") == 1);
  // Defining the same name again replaces it.
  Data(db, R"(define handler "log_inserts" { on: "insert:products", action: { insertInto(collection: "other", data: {}) } })");
  Data(db, R"(mutation { insertInto(collection: "products", data: { price: 3 }) { id } })");
  CHECK(Count(db, "log") == 1);
  CHECK(Count(db, "other") == 1);
  CHECK(Data(db, "query { _handlers { name } }")["_handlers"].size() == 1);
  Data(db, R"(drop handler "log_inserts")");
  CHECK(ErrorOf(db, R"(drop handler "log_inserts")").code == aurora::ErrorCode::NotFound);
  CHECK(ErrorOf(db, R"(pause handler "nope")").code == aurora::ErrorCode::NotFound);
  CHECK(Data(db, "query { _handlers { name } }")["_handlers"].size() == 0);
}

TEST_CASE("a bad action is refused when defined, at its line and column") {
  Database db = Database::open();
  aurora::Error e = ErrorOf(db, "define handler \"h\" {\n  on: \"insert:p\",\n  action: { insertInto(colection: \"x\", data: {}) }\n}");
  CHECK(e.code == aurora::ErrorCode::ValidationError);
  CHECK(e.line == 3);
  CHECK(e.message.find("did you mean 'collection'") != std::string::npos);
  CHECK(Data(db, "query { _handlers { name } }")["_handlers"].size() == 0);
}

TEST_CASE("handlers survive reopening the file") {
  auto dir = std::filesystem::temp_directory_path() / ("aurora_handlers_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  aurora::Config config;
  config.path = (dir / "h.db").string();
  {
    Database db = Database::open(config);
    Data(db, kLogInserts);
  }
  {
    Database db = Database::open(config);
    Data(db, R"(mutation { insertInto(collection: "products", data: { price: 1 }) { id } })");
    CHECK(Count(db, "log") == 1);
    CHECK(Data(db, "query { _handlers { name on } }")["_handlers"].dump() ==
          R"([{"name":"log_inserts","on":"insert:products"}])");
  }
  std::filesystem::remove_all(dir);
}

const char* kThumbnail = R"(define handler "auto_thumbnail" {
  on: "insert:products",
  action: { enqueueJob(type: "process_image", payload: { product_id: "${id}", path: "${image_url}" }, priority: HIGH) }
})";

TEST_CASE("the seed guide's thumbnail handler enqueues a job per insert, atomically") {
  Database db = Database::open();
  Data(db, kThumbnail);
  Data(db, R"(mutation { insertInto(collection: "products", data: { id: "p1", image_url: "/uploads/cat.jpg" }) { id } })");
  CHECK(Data(db, "query { _jobs { type payload priority status } }")["_jobs"].dump() ==
        R"([{"type":"process_image","payload":{"product_id":"p1","path":"/uploads/cat.jpg"},"priority":"HIGH","status":"PENDING"}])");
  // A write that rolls back leaves no job.
  ErrorOf(db, R"(mutation {
    a: insertInto(collection: "products", data: { id: "p2" }) { id }
    b: insertInto(collection: "products", data: { id: "p1" }) { id } })");
  CHECK(Count(db, "_jobs") == 1);
}

TEST_CASE("10,000 inserts with an enqueueJob handler give exactly 10,000 jobs") {
  Database db = Database::open();
  Data(db, kThumbnail);
  Json docs = Json::array();
  for (int i = 0; i < 10000; ++i) docs.push_back(Json::object({{"image_url", "/u/" + std::to_string(i)}}));
  Response r = db.execute("mutation M($d: [Object!]!) { insertMany(collection: \"products\", documents: $d) { affected } }",
                          Json::object({{"d", docs}}));
  REQUIRE(r.ok());
  CHECK(Count(db, "_jobs") == 10000);
  CHECK(Data(db, "query { _jobs(where: {\"payload.path\": {eq: \"/u/9999\"}}) { id } }")["_jobs"].size() == 1);
}

TEST_CASE("10,000 inserts with a handler give exactly 10,000 actions") {
  Database db = Database::open();
  Data(db, kLogInserts);
  Json docs = Json::array();
  for (int i = 0; i < 10000; ++i) docs.push_back(Json::object({{"price", i}}));
  Response r = db.execute("mutation M($d: [Object!]!) { insertMany(collection: \"products\", documents: $d) { affected } }",
                          Json::object({{"d", docs}}));
  REQUIRE(r.ok());
  CHECK(Count(db, "log") == 10000);
  CHECK(Data(db, "query { log(where: {price: {eq: 9999}}) { price } }")["log"].size() == 1);
}

TEST_CASE("a handler's enqueueJob and enqueueJobs keep every argument on every write") {
  // The action is compiled once and run per write, without building its (unread) response: each
  // firing must still bind that write's values and the action's options.
  Database db = Database::open();
  Data(db, R"(define handler "one" { on: "insert:orders", action: {
    enqueueJob(jobType: "ship", payload: { order: "${id}", total: "${total}" }, priority: HIGH, maxRetries: 7,
               delay: 60000, timeout: 250) { jobId status }
  } })");
  Data(db, R"(define handler "many" { on: "insert:orders", action: {
    enqueueJobs(jobs: [{ type: "mail", payload: { to: "${email}" }, retries: 1 }, { type: "audit", priority: LOW }])
  } })");
  Data(db, R"(mutation { insertMany(collection: "orders", documents: [
    { id: "o1", total: 10, email: "a@example.com" }, { id: "o2", total: 20.5, email: "b@example.com" }
  ]) { affected } })");
  Json ship = Data(db, R"(query { _jobs(where: { type: { eq: "ship" } }, orderBy: { field: "payload.order" }) {
    payload priority max_retries timeout status } })")["_jobs"];
  REQUIRE(ship.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    const Json& job = ship.as_array()[i];
    CHECK(job["payload"]["order"] == Json(i == 0 ? "o1" : "o2"));
    CHECK(job["priority"] == Json("HIGH"));
    CHECK(job["max_retries"] == Json(7));
    CHECK(job["timeout"] == Json(250));
    CHECK(job["status"] == Json("SCHEDULED"));
  }
  CHECK(ship.as_array()[0]["payload"]["total"] == Json(10));
  CHECK(ship.as_array()[1]["payload"]["total"] == Json(20.5));
  Json mail = Data(db, R"(query { _jobs(where: { type: { eq: "mail" } }, orderBy: { field: "payload.to" }) {
    payload max_retries } })")["_jobs"];
  REQUIRE(mail.size() == 2);
  CHECK(mail.as_array()[0]["payload"]["to"] == Json("a@example.com"));
  CHECK(mail.as_array()[1]["payload"]["to"] == Json("b@example.com"));
  CHECK(mail.as_array()[0]["max_retries"] == Json(1));
  CHECK(Data(db, R"(query { _jobs(where: { type: { eq: "audit" }, priority: { eq: LOW } }) { id } })")["_jobs"].size() == 2);
}

TEST_CASE("enqueueJob called by the user still answers with its job") {
  // The handler path skips building the response; a user's mutation must not.
  Database db = Database::open();
  Json d = Data(db, R"(mutation { enqueueJob(type: "t", priority: CRITICAL) { jobId status type priority } })");
  CHECK(d["enqueueJob"]["jobId"].as_string().size() == 26);
  CHECK(d["enqueueJob"]["status"] == Json("PENDING"));
  CHECK(d["enqueueJob"]["priority"] == Json("CRITICAL"));
  Json many = Data(db, R"(mutation { enqueueJobs(jobs: [{ type: "a" }, { type: "b" }]) { type } })");
  REQUIRE(many["enqueueJobs"].size() == 2);
  CHECK(many["enqueueJobs"].as_array()[1]["type"] == Json("b"));
}

TEST_CASE("handlers may write 10,000 documents plus 100 per document the operation writes, not more") {
  Database db = Database::open();
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += (i ? ", " : "") + std::string("{n: ") + std::to_string(i) + "}";
  // One insert into a: 100 into b, each of those 100 into c: 10,100 writes by handlers, exactly
  // the allowance for one document (10,000 + 100).
  Data(db, R"(define handler "fan1" { on: "insert:a", action: { insertMany(collection: "b", data: [)" + hundred + "]) } }");
  Data(db, R"(define handler "fan2" { on: "insert:b", action: { insertMany(collection: "c", data: [)" + hundred + "]) } }");
  Data(db, R"(mutation { insertInto(collection: "a", data: {}) { id } })");
  CHECK(Count(db, "b") == 100);
  CHECK(Count(db, "c") == 10000);
  // One more level of one document each is one write too many: the whole operation fails.
  Data(db, R"(define handler "fan3" { on: "insert:c", action: { insertInto(collection: "d", data: {}) } })");
  aurora::Error e = ErrorOf(db, R"(mutation { insertInto(collection: "a", data: {}) { id } })");
  CHECK(e.code == aurora::ErrorCode::ValidationError);
  CHECK(e.message.find("handlers wrote more than 10100 documents for 1 written by the operation") != std::string::npos);
  CHECK(e.message.find("'fan1' → 'fan2' → 'fan3'") != std::string::npos);
  CHECK(Count(db, "a") == 1);
  CHECK(Count(db, "c") == 10000);
  CHECK(Count(db, "d") == 0);
}
