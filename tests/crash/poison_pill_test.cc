// One poison job that kills its worker process, among 50 ordinary jobs claimed beside it:
// workers are restarted after every crash. The poison must end FAILED after max_retries
// crashes, and every ordinary job COMPLETED without a single failure charged to it.
//
//   poison_pill_test                 the test (parent)
//   poison_pill_test --child DB      one worker process
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "aurora/aurora.h"

using namespace aurora;

namespace {

constexpr int kOrdinary = 50;
constexpr int kMaxRuns = 40;

struct Ordinary : JobHandler {
  JobResult handle(const Job&) override {
    aurora::sleep_for(std::chrono::milliseconds(20));
    return JobResult::ok();
  }
};

struct Poison : JobHandler {
  JobResult handle(const Job&) override {
    aurora::sleep_for(std::chrono::milliseconds(5));  // the others are running by now
    _exit(7);
  }
};

std::int64_t Count(Database& db, const std::string& where) {
  Response r = db.execute("query { _jobs(where: " + where + ") { id } }");
  return r.ok() ? static_cast<std::int64_t>(r.data["_jobs"].size()) : -1;
}

int Child(const std::string& path) {
  Config c;
  c.path = path;
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.max_concurrent_jobs = 64;
  c.poll_interval = std::chrono::milliseconds(10);
  Database db = Database::open(c);
  db.workers()->register_handler("ordinary", std::make_unique<Ordinary>());
  db.workers()->register_handler("poison", std::make_unique<Poison>());
  while (Count(db, "{status: {in: [PENDING, SCHEDULED, RUNNING]}}") > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--child") return Child(argv[2]);
  std::string dir = (std::filesystem::temp_directory_path() / ("aurora-poison-" + std::to_string(getpid()))).string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = dir + "/jobs.db";
  {
    Config c;
    c.path = path;
    Database db = Database::open(c);
    std::vector<JobRequest> jobs;
    JobOptions poison;
    poison.max_retries = 3;
    poison.priority = Priority::High;  // claimed first, with the ordinary jobs beside it
    jobs.push_back(JobRequest{"poison", Json::object(), poison});
    for (int i = 0; i < kOrdinary; ++i) jobs.push_back(JobRequest{"ordinary", Json::object({{"i", i}}), JobOptions{}});
    db.enqueue_jobs(jobs);
  }
  int runs = 0, crashes = 0;
  for (; runs < kMaxRuns; ++runs) {
    pid_t pid = fork();
    if (pid == 0) {
      execl("/proc/self/exe", "poison_pill_test", "--child", path.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 7) {
      ++crashes;
      continue;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) break;
    std::cerr << "FAILED: a worker ended with status " << status << "\n";
    return 1;
  }
  Config c;
  c.path = path;
  Database db = Database::open(c);
  std::int64_t completed = Count(db, "{type: {eq: \"ordinary\"}, status: {eq: COMPLETED}, retries: {eq: 0}}");
  std::int64_t poison_failed = Count(db, "{type: {eq: \"poison\"}, status: {eq: FAILED}, retries: {eq: 3}}");
  std::cout << "worker runs: " << runs + 1 << ", crashes: " << crashes << ", ordinary completed uncharged: "
            << completed << "/" << kOrdinary << ", poison FAILED after 3 charged crashes: " << poison_failed << "\n";
  int failures = 0;
  if (completed != kOrdinary) {
    std::cerr << "FAILED: not every ordinary job COMPLETED with retries 0\n";
    ++failures;
  }
  // The first crash singles the poison out (it ran beside the others: nobody is charged); the
  // next three, while it runs alone, are charged.
  if (poison_failed != 1 || crashes != 4) {
    std::cerr << "FAILED: the poison job did not end FAILED after 1 + 3 crashes\n";
    ++failures;
  }
  db.close();
  std::filesystem::remove_all(dir);
  std::cout << "summary: " << (failures == 0 ? 1 : 0) << " passed, " << (failures == 0 ? 0 : 1) << " failed\n";
  return failures == 0 ? 0 : 1;
}
