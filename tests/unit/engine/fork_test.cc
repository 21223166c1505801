// A Database used in a child made by fork(): every call refuses with a clear error instead of
// using the parent's SQLite connection, and the child's destructor leaves the parent's file
// alone. The child reports through its exit code (one bit per broken expectation).
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "aurora/aurora.h"
#include "../jobs/test_util.h"

using namespace aurora;

namespace {

// Whether `fn` throws aurora::Exception VALIDATION_ERROR saying what to do.
bool RefusesInChild(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Exception& e) {
    std::string m = e.what();
    return e.code() == ErrorCode::ValidationError && m.find("used in forked child") != std::string::npos &&
           m.find("open the database again in the child") != std::string::npos;
  }
  return false;
}

// Runs `child` in a forked process and returns its exit code (-1 when it did not exit).
int InChild(const std::function<int()>& child) {
  pid_t pid = fork();
  if (pid == 0) _exit(child());
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("a Database used in a forked child throws; the child can open its own; the parent goes on") {
  testing::TempDir dir;
  Config c;
  c.path = dir.File("fork.db");
  std::optional<Database> db(Database::open(c));
  REQUIRE(db->execute(R"(mutation { insert(collection: "c", data: {id: "a"}) { id } })").ok());
  REQUIRE(std::filesystem::exists(c.path + "-wal"));

  int code = InChild([&] {
    int bad = 0;
    Response r = db->execute("query { c { id } }");
    if (r.ok() || r.errors[0].code != ErrorCode::ValidationError ||
        r.errors[0].message.find("open the database again in the child") == std::string::npos) {
      bad |= 1;
    }
    if (!RefusesInChild([&] { db->enqueue_job("t", Json::object()); })) bad |= 2;
    if (!RefusesInChild([&] { db->enqueue_jobs({JobRequest{"t", Json::object(), {}}}); })) bad |= 2;
    if (!RefusesInChild([&] { db->cancel_job("x"); })) bad |= 4;
    if (!RefusesInChild([&] { db->retry_job("x"); })) bad |= 4;
    if (!RefusesInChild([&] { db->job_summary(); })) bad |= 8;
    if (!RefusesInChild([&] { db->workers(); })) bad |= 8;
    if (!RefusesInChild([&] { db->close(); })) bad |= 16;
    db->interrupt();  // async-signal-safe: does nothing here, never throws
    db.reset();  // the destructor must not touch the parent's connection or files
    // Its own Database works (the child's documented way to use the file).
    Database own = Database::open(c);
    Response mine = own.execute("query { c { id } }");
    if (!mine.ok() || mine.data["c"].as_array().size() != 1) bad |= 32;
    return bad;
  });
  CHECK(code == 0);

  // The parent's connection is untouched: it reads and writes as before.
  REQUIRE(db->execute(R"(mutation { insert(collection: "c", data: {id: "b"}) { id } })").ok());
  Response r = db->execute("query { c { id } }");
  REQUIRE(r.ok());
  CHECK(r.data["c"].as_array().size() == 2);
  db.reset();
  Database again = Database::open(c);
  CHECK(again.execute("query { c { id } }").data["c"].as_array().size() == 2);
}

TEST_CASE("a Database with workers used in a forked child throws, and its destructor does not hang") {
  testing::TempDir dir;
  Config c;
  c.path = dir.File("workers.db");
  c.workers_enabled = true;
  std::optional<Database> db(Database::open(c));
  db->workers()->register_handler("t", testing::Handler([](const Job&) { return JobResult::ok(); }));
  int code = InChild([&] {
    int bad = 0;
    if (!RefusesInChild([&] { db->enqueue_job("t", Json::object()); })) bad |= 1;
    db.reset();  // the executor's threads are the parent's: joining them would hang
    return bad;
  });
  CHECK(code == 0);
  db->enqueue_job("t", Json::object());
  CHECK(testing::WaitFor([&] {
    return db->execute("query { _jobs(where: {status: {eq: COMPLETED}}) { id } }").data["_jobs"].as_array().size() == 1;
  }));
}
