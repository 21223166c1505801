#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>

#include "common/ids.h"

TEST_CASE("ids are unique and sort in creation order") {
  std::set<std::string> seen;
  std::string prev;
  for (int i = 0; i < 10000; ++i) {
    std::string id = aurora::internal::NewId();
    CHECK(id.size() == 26);
    CHECK(id > prev);
    CHECK(seen.insert(id).second);
    prev = id;
  }
}

namespace {

// Reads exactly `n` bytes from `fd` (less at end of file).
std::string ReadAll(int fd, std::size_t n) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, out.data() + got, n - got);
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  out.resize(got);
  return out;
}

}  // namespace

TEST_CASE("a forked child does not repeat its parent's ids, even within the same millisecond") {
  // The generator's state (a random number and a counter per millisecond) was copied by fork():
  // parent and child went on with the same numbers, so their ids in that millisecond were equal.
  // NewIdAt keeps both in one millisecond whatever the scheduler does.
  using aurora::internal::NewIdAt;
  constexpr int kIds = 1000;
  const auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::chrono::system_clock::now().time_since_epoch())
                                                 .count());
  NewIdAt(ms);  // the millisecond's random start, before the fork
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    std::string ids;
    for (int i = 0; i < kIds; ++i) ids += NewIdAt(ms);
    bool ok = write(fds[1], ids.data(), ids.size()) == static_cast<ssize_t>(ids.size());
    _exit(ok ? 0 : 1);
  }
  close(fds[1]);
  std::set<std::string> parent;
  for (int i = 0; i < kIds; ++i) parent.insert(NewIdAt(ms));
  std::string child = ReadAll(fds[0], 26 * kIds);
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  REQUIRE(child.size() == 26u * kIds);
  int repeated = 0;
  for (int i = 0; i < kIds; ++i) repeated += parent.count(child.substr(26 * static_cast<std::size_t>(i), 26)) ? 1 : 0;
  CHECK(repeated == 0);
}

TEST_CASE("ids made in one millisecond keep its time and count up") {
  using aurora::internal::NewIdAt;
  const std::uint64_t ms = 1'700'000'000'000 + 12345;  // below the clock: counts as the last reading
  std::string a = NewIdAt(ms), b = NewIdAt(ms);
  CHECK(b > a);
  CHECK(a.substr(0, 10) == b.substr(0, 10));
}
