// Database::open refuses a file that is not an Aurora database, and leaves it exactly as it was:
// no byte changed, no -wal, -shm or -journal file left beside it. A SQLite database of another
// program is taken over only when Config::adopt_existing_sqlite says so.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "aurora/aurora.h"
#include "../jobs/test_util.h"
#include "storage/sqlite.h"

using namespace aurora;
using aurora::testing::TempDir;

namespace {

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

bool Exists(const std::string& path) { return std::filesystem::exists(path); }

std::string Scalar(storage::Connection& conn, const std::string& sql) {
  auto st = conn.PrepareUncached(sql);
  REQUIRE(st->Step());
  return st->Text(0);
}

// The error open() throws for `config`; fails the test when it opens.
Exception OpenError(const Config& config) {
  try {
    Database::open(config);
  } catch (const Exception& e) {
    return e;
  }
  FAIL("opened " << config.path);
  return Exception(ErrorCode::Internal, "");
}

// Opening `path` is refused with VALIDATION_ERROR naming the file and `reason`; the file is
// unchanged and nothing was left beside it.
void CheckRefusedUnchanged(const std::string& path, const std::string& reason, bool adopt = false) {
  std::string before = Bytes(path);
  Config c;
  c.path = path;
  c.adopt_existing_sqlite = adopt;
  Exception e = OpenError(c);
  INFO(e.what());
  CHECK(e.code() == ErrorCode::ValidationError);
  CHECK(std::string(e.what()).find("'" + path + "'") != std::string::npos);
  CHECK(std::string(e.what()).find(reason) != std::string::npos);
  CHECK(Bytes(path) == before);
  CHECK_FALSE(Exists(path + "-wal"));
  CHECK_FALSE(Exists(path + "-shm"));
  CHECK_FALSE(Exists(path + "-journal"));
}

// A SQLite database of another program: one table, one row.
void MakeForeignSqlite(const std::string& path, bool wal) {
  storage::Connection raw(path);
  if (wal) raw.Exec("PRAGMA journal_mode=WAL");
  raw.Exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada')");
}

}  // namespace

TEST_CASE("a SQLite database of another program is refused, unchanged, in either journal mode") {
  TempDir dir;
  for (bool wal : {false, true}) {
    CAPTURE(wal);
    std::string path = dir.File(wal ? "wal.db" : "rollback.db");
    MakeForeignSqlite(path, wal);
    REQUIRE_FALSE(Exists(path + "-wal"));
    CheckRefusedUnchanged(path, "Config::adopt_existing_sqlite = true");
  }
}

TEST_CASE("with adopt_existing_sqlite a SQLite database gets Aurora's system tables and keeps its own") {
  TempDir dir;
  std::string path = dir.File("app.db");
  MakeForeignSqlite(path, false);
  Config c;
  c.path = path;
  c.adopt_existing_sqlite = true;
  {
    Database db = Database::open(c);
    REQUIRE(db.execute(R"(mutation { insertInto(collection: "notes", data: { id: "n1" }) { id } })").ok());
    CHECK(db.execute("query { notes { id } }").data.dump() == R"({"notes":[{"id":"n1"}]})");
  }
  storage::Connection raw(path);
  CHECK(Scalar(raw, "SELECT name FROM users") == "ada");
  CHECK(Scalar(raw, "PRAGMA journal_mode") == "wal");
  // Now an Aurora database: it opens without the flag.
  c.adopt_existing_sqlite = false;
  CHECK_NOTHROW(Database::open(c));
}

TEST_CASE("a SQLite database with a table named like a system table is not adopted") {
  TempDir dir;
  std::string path = dir.File("app.db");
  {
    storage::Connection raw(path);
    raw.Exec("CREATE TABLE _jobs (x)");
  }
  CheckRefusedUnchanged(path, "already has a table named '_jobs'", true);
}

TEST_CASE("a file that is not SQLite at all is refused, unchanged") {
  TempDir dir;
  std::string text = dir.File("notes.txt");
  WriteBytes(text, "Dear diary,\nthis is not a database.\n");
  CheckRefusedUnchanged(text, "not an Aurora database");
  std::string tiny = dir.File("tiny");
  WriteBytes(tiny, "x");
  CheckRefusedUnchanged(tiny, "not an Aurora database");
  std::string zeros = dir.File("zeros");
  WriteBytes(zeros, std::string(8192, '\0'));
  CheckRefusedUnchanged(zeros, "not an Aurora database");
}

TEST_CASE("an empty file, a SQLite file without tables and a new file become Aurora databases") {
  TempDir dir;
  std::string empty = dir.File("empty.db");
  WriteBytes(empty, "");
  std::string no_tables = dir.File("no_tables.db");
  {
    storage::Connection raw(no_tables);
    raw.Exec("CREATE TABLE t (x); DROP TABLE t");
  }
  for (const std::string& path : {empty, no_tables, dir.File("new.db")}) {
    CAPTURE(path);
    Config c;
    c.path = path;
    Database db = Database::open(c);
    CHECK(db.execute(R"(mutation { insertInto(collection: "c", data: { id: "a" }) { id } })").ok());
  }
}
