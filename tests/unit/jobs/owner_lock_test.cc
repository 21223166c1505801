#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jobs/owner_lock.h"
#include "test_util.h"

using namespace aurora::jobs;

TEST_CASE("an owner is alive while its lock is held and provably dead after") {
  aurora::testing::TempDir dir;
  std::string path = LockPathFor(dir.File("app.db"));
  std::string first;
  {
    OwnerLock a(path);
    OwnerLock b(path);  // a second holder in the same process takes another slot
    first = a.owner();
    CHECK(a.owner() != b.owner());
    CHECK_FALSE(OwnerIsDead(path, a.owner()));
    CHECK_FALSE(OwnerIsDead(path, b.owner()));
  }
  CHECK(OwnerIsDead(path, first));
  // The slot is reused by a new owner: the old id is still dead, the new one alive.
  OwnerLock c(path);
  CHECK(OwnerIsDead(path, first));
  CHECK_FALSE(OwnerIsDead(path, c.owner()));
  CHECK_FALSE(OwnerIsDead(path, "not-an-owner"));
}

TEST_CASE("a process killed with its lock held is seen as dead") {
  aurora::testing::TempDir dir;
  std::string path = LockPathFor(dir.File("app.db"));
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
  CHECK_FALSE(OwnerIsDead(path, owner));
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  CHECK(OwnerIsDead(path, owner));
  close(pipefd[0]);
}
