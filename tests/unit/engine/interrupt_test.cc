// Database::interrupt(): a running operation stops with INTERRUPTED and changes nothing.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "aurora/database.h"

using aurora::Database;
using aurora::ErrorCode;
using aurora::Json;
using aurora::Response;

namespace {

// Calls interrupt() every millisecond until `done`: an interrupt that arrives between two SQL
// statements is a no-op, so keep trying until one lands inside a statement.
class Interrupter {
 public:
  explicit Interrupter(Database& db)
      : thread_([this, &db] {
          while (!done_) {
            db.interrupt();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }) {}
  ~Interrupter() {
    done_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

Database Filled(int n) {
  Database db = Database::open();
  Json docs = Json::array();
  for (int i = 0; i < n; ++i) docs.push_back(Json::object({{"id", "d" + std::to_string(i)}, {"n", i}}));
  Response r = db.execute("mutation ($d: [JSON]) { insertMany(collection: \"c\", data: $d) { affected } }",
                          Json::object({{"d", docs}}));
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return db;
}

}  // namespace

TEST_CASE("interrupt() with nothing running does nothing") {
  Database db = Filled(3);
  db.interrupt();
  Response r = db.execute("{ c { id } }");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  CHECK(r.data["c"].size() == 3);
  CHECK(aurora::to_string(ErrorCode::Interrupted) == std::string("INTERRUPTED"));
}

TEST_CASE("an interrupted update stops with INTERRUPTED, writes nothing, and the database goes on") {
  Database db = Filled(20000);
  Response r;
  {
    Interrupter interrupter(db);
    r = db.execute("mutation { update(collection: \"c\", where: {}, data: {n: {increment: 1}}) { affected } }");
  }
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::Interrupted);
  CHECK(r.errors[0].message.find("interrupted") != std::string::npos);
  Response sum = db.execute("{ c { aggregate { count sum(field: \"n\") } } }");
  REQUIRE_MESSAGE(sum.ok(), sum.dump());
  CHECK(sum.data.dump() == R"({"c":{"aggregate":{"count":20000,"sum":199990000}}})");
  Response w = db.execute("mutation { insert(collection: \"c\", data: {id: \"after\"}) { id } }");
  CHECK_MESSAGE(w.ok(), w.dump());
}

TEST_CASE("an interrupted query stops with INTERRUPTED") {
  Database db = Filled(20000);
  std::string fields;
  for (int i = 0; i < 200; ++i) fields += " q" + std::to_string(i) + ": c(orderBy: {n: DESC}) { id }";
  Response r;
  {
    Interrupter interrupter(db);
    r = db.execute("{" + fields + " }");
  }
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::Interrupted);
  CHECK(db.execute("{ c(limit: 1) { id } }").ok());
}
