// close() when the database cannot be written: a full disk (simulated with RLIMIT_FSIZE in a
// forked child, so the test runner's own files are not affected) must not keep close() from
// returning, must not flood the log, and must leave every job in the file.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "aurora/aurora.h"
#include "test_util.h"

using namespace aurora;
using aurora::testing::CountStatus;
using aurora::testing::Handler;
using aurora::testing::TempDir;
using aurora::testing::WaitFor;

namespace {

// Waits for a child for at most `limit`, then kills it. Returns its exit code, or -1 when it
// had to be killed (it hung) or did not exit normally.
int WaitChild(pid_t pid, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < end) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

// The child: runs 4 jobs whose handlers finish only after the disk is "full", then closes.
// Exit 0: close() returned in time and logged at most 3 lines; 3: too slow; 4: too many lines.
[[noreturn]] void DiskFullChild(const std::string& path) {
  signal(SIGXFSZ, SIG_IGN);  // writes past the limit fail with EFBIG instead of killing us
  std::atomic<int> lines{0};
  Config c;
  c.path = path;
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.poll_interval = std::chrono::milliseconds(20);
  c.shutdown_timeout = std::chrono::milliseconds(300);
  c.log = [&](LogLevel, std::string_view) { ++lines; };
  int code = 0;
  {
    Database db = Database::open(c);
    std::atomic<bool> go{false};
    std::atomic<int> started{0};
    db.workers()->register_handler("slow", Handler([&](const Job&) {
      ++started;
      while (!go) aurora::sleep_for(std::chrono::milliseconds(1));
      return JobResult::ok();
    }));
    for (int i = 0; i < 4; ++i) db.enqueue_job("slow", Json::object({{"i", i}}));
    if (!WaitFor([&] { return started == 4; })) _exit(5);
    struct rlimit full = {1, RLIM_INFINITY};
    setrlimit(RLIMIT_FSIZE, &full);  // every write past byte 1 of any file now fails
    go = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the dispatcher keeps failing
    auto t0 = std::chrono::steady_clock::now();
    db.close();
    auto took = std::chrono::steady_clock::now() - t0;
    if (took > c.shutdown_timeout + std::chrono::seconds(1)) code = 3;
  }
  if (code == 0 && lines > 3) code = 4;
  _exit(code);
}

}  // namespace

TEST_CASE("close() returns within shutdown_timeout + 1 s while every write fails, and loses no job") {
  TempDir dir;
  std::string path = dir.File("full.db");
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) DiskFullChild(path);
  // 0: in time, quiet; 3: close() too slow; 4: log flooded; -1: hung (killed after 15 s).
  CHECK(WaitChild(pid, std::chrono::seconds(15)) == 0);
  // The file is consistent and every job is still there: completions that could not be
  // written left their jobs RUNNING under a dead owner, and opening hands them back.
  Config c;
  c.path = path;
  Database db = Database::open(c);
  storage::Connection reader(path);
  CHECK(CountStatus(reader, "PENDING") + CountStatus(reader, "COMPLETED") == 4);
  CHECK(CountStatus(reader, "RUNNING") == 0);
}

TEST_CASE("close() returns in time while another connection holds the write lock for good") {
  TempDir dir;
  std::string path = dir.File("locked.db");
  std::atomic<int> lines{0};
  Config c;
  c.path = path;
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.poll_interval = std::chrono::milliseconds(20);
  c.shutdown_timeout = std::chrono::milliseconds(200);
  c.busy_timeout = std::chrono::milliseconds(100);
  c.log = [&](LogLevel, std::string_view) { ++lines; };
  Database db = Database::open(c);
  std::atomic<bool> go{false};
  std::atomic<int> started{0};
  db.workers()->register_handler("slow", Handler([&](const Job&) {
    ++started;
    while (!go) aurora::sleep_for(std::chrono::milliseconds(1));
    return JobResult::ok();
  }));
  for (int i = 0; i < 4; ++i) db.enqueue_job("slow", Json::object({{"i", i}}));
  REQUIRE(WaitFor([&] { return started == 4; }));
  storage::Connection holder(path);
  holder.Exec("BEGIN IMMEDIATE");  // held until the end of the test
  go = true;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto t0 = std::chrono::steady_clock::now();
  db.close();
  auto took = std::chrono::steady_clock::now() - t0;
  CHECK(took < c.shutdown_timeout + std::chrono::seconds(1) + std::chrono::milliseconds(500));
  CHECK(lines <= 3);
  holder.Exec("ROLLBACK");
  // Every job is still there; the attempts whose end could not be written are handed back.
  Config plain;
  plain.path = path;
  Database again = Database::open(plain);
  storage::Connection reader(path);
  CHECK(CountStatus(reader, "PENDING") + CountStatus(reader, "COMPLETED") == 4);
}
