// A database file this process may not write opens read-only: queries (and `_jobs` reads,
// job_summary) answer, writes answer a clear error. A WAL-mode file without its -shm file on a
// read-only directory cannot be read by SQLite at all: open refuses it and says why.
//
// Read-only is made with chmod when the tests run as a user; root writes files whatever their
// mode, so as root the scenario runs in a child process on a read-only bind mount of the test's
// directory in a private mount namespace (skipped where mounting is not allowed).
#include <doctest/doctest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <optional>
#include <string>

#include "aurora/aurora.h"
#include "../jobs/test_util.h"
#include "storage/sqlite.h"

using namespace aurora;
using aurora::testing::TempDir;

namespace {

// What a scenario found wrong, one line each ("" when all held). Scenarios may run in a forked
// child, where doctest's assertions would not reach the report.
struct Findings {
  std::string text;
  void Expect(bool ok, const std::string& what) {
    if (!ok) text += what + "\n";
  }
};

std::optional<std::string> RunAsRootOnReadOnlyMount(const std::string& dir, const std::function<std::string()>& scenario) {
  int fds[2];
  if (pipe(fds) != 0) return std::nullopt;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string out;
    if (unshare(CLONE_NEWNS) != 0 || mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0 ||
        mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
      out = "\x01";  // cannot mount here: skip
    } else {
      try {
        out = scenario();
      } catch (const std::exception& e) {
        out = std::string("scenario threw: ") + e.what() + "\n";
      }
    }
    ssize_t ignored = write(fds[1], out.data(), out.size());
    (void)ignored;
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status)) return "the scenario's process died\n";
  if (out == "\x01") return std::nullopt;
  return out;
}

// Runs `scenario` with `dir` and `files` in it read-only; nullopt when that cannot be arranged.
std::optional<std::string> RunReadOnly(const std::string& dir, const std::vector<std::string>& files,
                                       const std::function<std::string()>& scenario) {
  if (geteuid() == 0) return RunAsRootOnReadOnlyMount(dir, scenario);
  for (const std::string& f : files) chmod(f.c_str(), 0444);
  chmod(dir.c_str(), 0555);
  std::string out = scenario();
  chmod(dir.c_str(), 0755);
  for (const std::string& f : files) chmod(f.c_str(), 0644);
  return out;
}

std::string Dir(const TempDir& dir) {
  std::string f = dir.File("x");
  return f.substr(0, f.size() - 2);
}

// An Aurora database with a product, a job in `_jobs` and one in the inbox.
void MakeDatabase(const std::string& path) {
  Config c;
  c.path = path;
  Database db = Database::open(c);
  REQUIRE(db.execute(R"(define handler "thumb" { on: "insert:products",
                          action: { enqueueJob(type: "thumb", payload: { id: "${id}" }) } })").ok());
  REQUIRE(db.execute(R"(mutation { insertInto(collection: "products", data: { id: "p1" }) { id } })").ok());
  db.enqueue_job("mail", Json::object());
}

}  // namespace

TEST_CASE("a file this process may not write opens read-only: reads answer, writes are refused clearly") {
  TempDir dir;
  std::string path = dir.File("app.db");
  MakeDatabase(path);
  {
    // Out of WAL mode, so that SQLite needs no -shm file to read it on a read-only directory.
    storage::Connection raw(path);
    raw.Exec("PRAGMA journal_mode=DELETE");
  }
  std::optional<std::string> found = RunReadOnly(Dir(dir), {path}, [&] {
    Findings f;
    Config c;
    c.path = path;
    Database db = Database::open(c);
    Response q = db.execute("query { products { id } }");
    f.Expect(q.ok() && q.data.dump() == R"({"products":[{"id":"p1"}]})", "query: " + q.dump());
    Response jobs = db.execute(R"(query { _jobs(orderBy: {field: "type"}) { type status } })");
    f.Expect(jobs.dump() == R"({"data":{"_jobs":[{"type":"mail","status":"PENDING"},{"type":"thumb","status":"PENDING"}]}})",
             "_jobs: " + jobs.dump());
    std::int64_t pending = 0;
    for (const auto& [word, n] : db.job_summary().by_status) {
      if (word == "PENDING") pending = n;
    }
    f.Expect(pending == 2, "job_summary PENDING: " + std::to_string(pending));
    Response w = db.execute(R"(mutation { insertInto(collection: "products", data: { id: "p2" }) { id } })");
    f.Expect(w.errors.size() == 1 && w.errors[0].code == ErrorCode::ValidationError &&
                 w.errors[0].message.find("opened read-only") != std::string::npos,
             "insert: " + w.dump());
    try {
      db.enqueue_job("mail", Json::object());
      f.Expect(false, "enqueue_job wrote");
    } catch (const Exception& e) {
      f.Expect(e.code() == ErrorCode::ValidationError && std::string(e.what()).find("opened read-only") != std::string::npos,
               std::string("enqueue_job: ") + e.what());
    }
    c.workers_enabled = true;
    try {
      Database::open(c);
      f.Expect(false, "opened with workers_enabled");
    } catch (const Exception& e) {
      f.Expect(e.code() == ErrorCode::ValidationError && std::string(e.what()).find("workers_enabled") != std::string::npos,
               std::string("workers: ") + e.what());
    }
    return f.text;
  });
  if (!found) {
    MESSAGE("skipped: cannot make a read-only directory here (root without mount rights)");
    return;
  }
  CHECK(*found == "");
}

TEST_CASE("a WAL-mode file without its -shm file on a read-only directory is refused, saying why") {
  TempDir dir;
  std::string path = dir.File("app.db");
  MakeDatabase(path);  // closed cleanly: SQLite removed -wal and -shm
  REQUIRE_FALSE(std::filesystem::exists(path + "-shm"));
  std::optional<std::string> found = RunReadOnly(Dir(dir), {path}, [&] {
    Findings f;
    Config c;
    c.path = path;
    try {
      Database::open(c);
      f.Expect(false, "opened");
    } catch (const Exception& e) {
      std::string m = e.what();
      f.Expect(e.code() == ErrorCode::ValidationError, "code " + std::string(to_string(e.code())));
      f.Expect(m.find("cannot open '" + path + "' read-only") == 0, "message: " + m);
      f.Expect(m.find("'" + path + "-shm' file is missing") != std::string::npos, "message: " + m);
      f.Expect(m.find("its directory is read-only") != std::string::npos, "message: " + m);
    }
    return f.text;
  });
  if (!found) {
    MESSAGE("skipped: cannot make a read-only directory here (root without mount rights)");
    return;
  }
  CHECK(*found == "");
}
