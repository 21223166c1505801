// The system tables' layout version (engine/system_schema.h): a file of today's layout opens as
// version 1 without a write, an older unversioned layout is upgraded in one transaction, a file
// of a newer version is refused, and an upgrade step is one function in the list.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "aurora/aurora.h"
#include "../jobs/test_util.h"
#include "engine/system_schema.h"
#include "storage/sqlite.h"

using namespace aurora;
using aurora::testing::TempDir;

namespace {

// The system tables exactly as the last release without a recorded version created them
// (storage/catalog.cc, handlers/handler_store.cc, jobs/job_schema.cc at that time).
constexpr const char* kVersion1Ddl = R"sql(
  CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), schema TEXT);
  CREATE TABLE IF NOT EXISTS _handlers ( name TEXT PRIMARY KEY, event TEXT NOT NULL, collection TEXT NOT NULL, action TEXT NOT NULL, source TEXT NOT NULL, paused INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
  CREATE TABLE IF NOT EXISTS _jobs (
    id TEXT PRIMARY KEY NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 1,
    retries INTEGER NOT NULL DEFAULT 0,
    max_retries INTEGER NOT NULL DEFAULT 3,
    error TEXT,
    last_retry TEXT,
    run_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT,
    timeout INTEGER,
    claim_token INTEGER,
    owner TEXT,
    lease_until INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS _jobs_queue ON _jobs(status, priority DESC, run_at, id, type);
  CREATE INDEX IF NOT EXISTS _jobs_scheduled ON _jobs(run_at) WHERE status = 'SCHEDULED';
  CREATE INDEX IF NOT EXISTS _jobs_running ON _jobs(owner, lease_until) WHERE status = 'RUNNING';
  CREATE TABLE IF NOT EXISTS _jobs_inbox (
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    priority INTEGER NOT NULL,
    max_retries INTEGER NOT NULL,
    run_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    timeout INTEGER
  );
  CREATE TABLE IF NOT EXISTS _jobs_completed (type TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// A collection, a handler and jobs, stored as that release stored them.
constexpr const char* kVersion1Data = R"sql(
  CREATE TABLE "products" (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  INSERT INTO _collections (name) VALUES ('products');
  INSERT INTO products (id, doc) VALUES ('p1', '{"id":"p1","name":"Mouse"}');
  INSERT INTO _handlers (name, event, collection, action, source) VALUES ('thumb', 'insert', 'products',
    'enqueueJob(type: "thumb", payload: {})',
    'define handler "thumb" { on: "insert:products", action: { enqueueJob(type: "thumb", payload: {}) } }');
  INSERT INTO _jobs (id, type, status, run_at, created_at, completed_at)
    VALUES ('01J0000000000000000000000A', 'mail', 'COMPLETED', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
            '2026-01-01T00:00:01.000Z');
  INSERT INTO _jobs_completed (type, n) VALUES ('mail', 1);
)sql";

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::int64_t Scalar(storage::Connection& conn, const std::string& sql) {
  auto st = conn.PrepareUncached(sql);
  REQUIRE(st->Step());
  return st->Int(0);
}

bool HasObject(storage::Connection& conn, const std::string& name) {
  return Scalar(conn, "SELECT count(*) FROM sqlite_master WHERE name = '" + name + "'") == 1;
}

std::int64_t Completed(Database& db) {
  for (const auto& [word, n] : db.job_summary().by_status) {
    if (word == "COMPLETED") return n;
  }
  return -1;
}

void MakeVersion1File(const std::string& path) {
  storage::Connection raw(path);
  raw.Exec("PRAGMA journal_mode=WAL");
  raw.Exec(kVersion1Ddl);
  raw.Exec(kVersion1Data);
}

Config At(const std::string& path) {
  Config c;
  c.path = path;
  return c;
}

void AddWidgets(storage::Connection& conn) { conn.Exec("CREATE TABLE _widgets (id TEXT PRIMARY KEY)"); }
void AddGadgetsThenFail(storage::Connection& conn) {
  conn.Exec("CREATE TABLE _gadgets (id TEXT PRIMARY KEY)");
  throw std::runtime_error("step failed");
}

}  // namespace

TEST_CASE("the library's layout is version 2") { CHECK(engine::LatestSchemaVersion() == 2); }

TEST_CASE("a new database records its layout version") {
  TempDir dir;
  { Database db = Database::open(At(dir.File("new.db"))); }
  storage::Connection raw(dir.File("new.db"));
  CHECK(Scalar(raw, "SELECT value FROM _aurora_meta WHERE key = 'schema_version'") == 2);
}

TEST_CASE("a file of the version-1 layout (no recorded version) is upgraded to version 2, its data kept") {
  TempDir dir;
  std::string path = dir.File("v1.db");
  MakeVersion1File(path);
  {
    storage::Connection raw(path);
    CHECK(engine::ReadSchemaState(raw).version == 1);
    Database db = Database::open(At(path));
    CHECK(db.execute("query { products { name } }").data.dump() == R"({"products":[{"name":"Mouse"}]})");
    CHECK(Completed(db) == 1);
    // The stored handler still fires.
    REQUIRE(db.execute(R"(mutation { insertInto(collection: "products", data: { id: "p2" }) { id } })").ok());
    CHECK(db.execute(R"(query { _jobs(where: {type: {eq: "thumb"}}) { status } })").data.dump() ==
          R"({"_jobs":[{"status":"PENDING"}]})");
  }
  storage::Connection raw(path);
  CHECK(Scalar(raw, "SELECT value FROM _aurora_meta WHERE key = 'schema_version'") == 2);
  CHECK(Scalar(raw, "SELECT count(*) FROM pragma_table_info('_jobs') WHERE name = 'suspect'") == 1);
}

TEST_CASE("a file of the current layout opens without a write, even while another connection holds the lock") {
  TempDir dir;
  std::string path = dir.File("v2.db");
  { Database db = Database::open(At(path)); }
  storage::Connection holder(path);
  holder.Exec("BEGIN IMMEDIATE");
  Database db = Database::open(At(path));
  CHECK(db.execute("query { products { name } }").ok());
  holder.Exec("ROLLBACK");
}

TEST_CASE("an older unversioned layout is upgraded in place to the current version, its data kept") {
  TempDir dir;
  std::string path = dir.File("v0.db");
  {
    // Before the inbox and the completed tally: an index that is gone since, and no tally.
    storage::Connection raw(path);
    raw.Exec("PRAGMA journal_mode=WAL");
    raw.Exec(kVersion1Ddl);
    raw.Exec(kVersion1Data);
    raw.Exec("DROP TABLE _jobs_inbox; DROP TABLE _jobs_completed; CREATE INDEX _jobs_status ON _jobs(status)");
    CHECK(engine::ReadSchemaState(raw).version == 0);
  }
  {
    Database db = Database::open(At(path));
    CHECK(Completed(db) == 1);  // the tally was counted from _jobs
    CHECK(db.execute("query { products { name } }").data.dump() == R"({"products":[{"name":"Mouse"}]})");
  }
  storage::Connection raw(path);
  CHECK(Scalar(raw, "SELECT value FROM _aurora_meta WHERE key = 'schema_version'") == 2);
  CHECK(HasObject(raw, "_jobs_inbox"));
  CHECK_FALSE(HasObject(raw, "_jobs_status"));
}

TEST_CASE("a file of a newer layout is refused, naming both versions, and left unchanged") {
  TempDir dir;
  std::string path = dir.File("future.db");
  { Database db = Database::open(At(path)); }
  {
    storage::Connection raw(path);
    raw.Exec("UPDATE _aurora_meta SET value = 7 WHERE key = 'schema_version'");
  }
  std::string before = Bytes(path);
  try {
    Database::open(At(path));
    FAIL("opened a file of a newer layout");
  } catch (const Exception& e) {
    CHECK(e.code() == ErrorCode::ValidationError);
    CHECK(std::string(e.what()) == "cannot open '" + path +
                                       "': its system tables have layout version 7, newer than this library's "
                                       "version 2: it was written by a newer release of Aurora; open it with that "
                                       "release or a later one");
  }
  CHECK(Bytes(path) == before);
}

TEST_CASE("an upgrade step is one function in the list; all steps of an upgrade commit together or not at all") {
  TempDir dir;
  std::string path = dir.File("app.db");
  { Database db = Database::open(At(path)); }
  std::vector<engine::UpgradeStep> steps = engine::UpgradeSteps();
  storage::Connection conn(path);

  std::vector<engine::UpgradeStep> failing = steps;
  failing.push_back({3, AddWidgets});
  failing.push_back({4, AddGadgetsThenFail});
  CHECK_THROWS_WITH(engine::UpgradeSystemSchema(conn, path, failing), "step failed");
  CHECK_FALSE(HasObject(conn, "_widgets"));
  CHECK_FALSE(HasObject(conn, "_gadgets"));
  CHECK(engine::ReadSchemaState(conn).version == 2);

  steps.push_back({3, AddWidgets});
  engine::UpgradeSystemSchema(conn, path, steps);
  CHECK(HasObject(conn, "_widgets"));
  CHECK(engine::ReadSchemaState(conn).version == 3);
  engine::UpgradeSystemSchema(conn, path, steps);  // already there: nothing runs again

  // This library knows only version 2: the file is now too new for it.
  try {
    Database::open(At(path));
    FAIL("opened a version-3 file");
  } catch (const Exception& e) {
    CHECK(std::string(e.what()).find("layout version 3, newer than this library's version 2") != std::string::npos);
  }
}
