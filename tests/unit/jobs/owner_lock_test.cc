// Owner locks live in the database file itself (jobs/owner_lock.h): looked at through any name
// of the file, a live owner is alive and a gone one dead.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "aurora/error.h"
#include "jobs/owner_lock.h"
#include "storage/file_ref.h"
#include "storage/sqlite.h"
#include "test_util.h"

using namespace aurora::jobs;
using aurora::storage::FileRef;

namespace {

std::string MakeDb(const aurora::testing::TempDir& dir, const std::string& name) {
  std::string path = dir.File(name);
  aurora::storage::Connection conn(path);
  conn.Exec("CREATE TABLE t (x)");
  return path;
}

}  // namespace

TEST_CASE("an owner is alive while its lock is held and provably dead after") {
  aurora::testing::TempDir dir;
  std::string path = MakeDb(dir, "app.db");
  auto probe = FileRef::Open(path);
  std::string first;
  {
    OwnerLock a(path);
    OwnerLock b(path);  // a second owner in the same process
    first = a.owner();
    CHECK(a.owner() != b.owner());
    CHECK(CheckOwner(probe.get(), a.owner()) == Liveness::kAlive);
    CHECK(CheckOwner(probe.get(), b.owner()) == Liveness::kAlive);
  }
  CHECK(CheckOwner(probe.get(), first) == Liveness::kDead);
  OwnerLock c(path);
  CHECK(CheckOwner(probe.get(), first) == Liveness::kDead);
  CHECK(CheckOwner(probe.get(), c.owner()) == Liveness::kAlive);
  CHECK(CheckOwner(probe.get(), "mem-0123") == Liveness::kUnknown);
  CHECK(CheckOwner(probe.get(), "0-0123456789abcdef") == Liveness::kUnknown);  // an older id form
  CHECK(CheckOwner(nullptr, c.owner()) == Liveness::kUnknown);
}

TEST_CASE("an owner is alive through every name of the file: symlink, other spelling, deleted side files") {
  aurora::testing::TempDir dir;
  std::string path = MakeDb(dir, "app.db");
  std::filesystem::create_symlink(path, dir.File("current.db"));
  std::filesystem::create_directory(dir.File("release"));
  OwnerLock owner(dir.File("current.db"));  // takes its lock through the symlink
  for (const std::string& name : {path, dir.File("./app.db"), dir.File("release/../app.db"), dir.File("current.db")}) {
    auto probe = FileRef::Open(name);
    CHECK_MESSAGE(CheckOwner(probe.get(), owner.owner()) == Liveness::kAlive, name);
  }
  // Nothing beside the database file holds the proof: removing every other file changes nothing.
  for (const auto& entry : std::filesystem::directory_iterator(dir.File(""))) {
    if (entry.path().filename() != "app.db" && entry.path().filename() != "current.db") {
      std::filesystem::remove_all(entry.path());
    }
  }
  auto probe = FileRef::Open(path);
  CHECK(CheckOwner(probe.get(), owner.owner()) == Liveness::kAlive);
}

TEST_CASE("a database file with a second hard link is refused") {
  aurora::testing::TempDir dir;
  std::string path = MakeDb(dir, "app.db");
  REQUIRE(link(path.c_str(), dir.File("other.db").c_str()) == 0);
  CHECK_THROWS_AS(FileRef::Open(path), aurora::Exception);
  CHECK_THROWS_AS(FileRef::Open(dir.File("other.db")), aurora::Exception);
  CHECK_THROWS_AS(aurora::storage::Connection(dir.File("other.db")), aurora::Exception);
  unlink(dir.File("other.db").c_str());
  CHECK_NOTHROW(FileRef::Open(path));
}

TEST_CASE("a process killed with its lock held is seen as dead") {
  aurora::testing::TempDir dir;
  std::string path = MakeDb(dir, "app.db");
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    OwnerLock lock(path);
    (void)!write(pipefd[1], lock.owner().data(), lock.owner().size());
    pause();
    _exit(0);
  }
  close(pipefd[1]);
  char buf[64] = {};
  ssize_t n = read(pipefd[0], buf, sizeof buf);
  REQUIRE(n > 0);
  std::string owner(buf, static_cast<size_t>(n));
  auto probe = FileRef::Open(path);
  CHECK(CheckOwner(probe.get(), owner) == Liveness::kAlive);
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  CHECK(CheckOwner(probe.get(), owner) == Liveness::kDead);
  close(pipefd[0]);
}

TEST_CASE("a forked child does not keep its parent's owner lock alive") {
  aurora::testing::TempDir dir;
  std::string path = MakeDb(dir, "app.db");
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  pid_t parent = fork();  // the "parent" owner, which forks a child that outlives it
  REQUIRE(parent >= 0);
  if (parent == 0) {
    OwnerLock lock(path);
    int ready[2];
    if (pipe(ready) != 0) _exit(1);
    pid_t child = fork();
    if (child == 0) {
      (void)!write(ready[1], "r", 1);  // past fork(): its copy of the lock's descriptor is gone
      pause();                          // lives on after its parent died
      _exit(0);
    }
    char r;
    if (read(ready[0], &r, 1) != 1) _exit(1);
    std::string msg = lock.owner() + " " + std::to_string(child);
    (void)!write(pipefd[1], msg.data(), msg.size());
    pause();
    _exit(0);
  }
  close(pipefd[1]);
  char buf[128] = {};
  ssize_t n = read(pipefd[0], buf, sizeof buf);
  REQUIRE(n > 0);
  std::string msg(buf, static_cast<size_t>(n));
  std::string owner = msg.substr(0, msg.find(' '));
  pid_t child = static_cast<pid_t>(std::stol(msg.substr(msg.find(' ') + 1)));
  auto probe = FileRef::Open(path);
  CHECK(CheckOwner(probe.get(), owner) == Liveness::kAlive);
  kill(parent, SIGKILL);
  waitpid(parent, nullptr, 0);
  CHECK(CheckOwner(probe.get(), owner) == Liveness::kDead);
  kill(child, SIGKILL);
  close(pipefd[0]);
}
