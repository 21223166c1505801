// A handler's job survives a crash right after the write commits: a child process inserts
// documents into a collection with an enqueueJob handler and is killed with SIGKILL the moment
// each insert returns. After each kill the parent reopens the file with workers and checks
// that every committed insert has exactly one job, and that the job runs.
//
//   handler_kill9_test                  the test (parent)
//   handler_kill9_test --child DB N     insert product N, report it, then SIGKILL itself
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "aurora/aurora.h"

using namespace aurora;

namespace {

constexpr int kRounds = 5;

int RunChild(const std::string& db_path, const std::string& n) {
  Config config;
  config.path = db_path;
  Database db = Database::open(config);
  Response r = db.execute(
      "mutation M($id: String) { insertInto(collection: \"products\", data: { id: $id, image_url: \"/u.png\" }) { id } }",
      Json::object({{"id", "p" + n}}));
  if (!r.ok()) {
    std::cerr << "child insert failed: " << r.dump() << "\n";
    return 3;
  }
  std::cout << "committed p" << n << std::endl;
  raise(SIGKILL);  // no close, no destructors: the process just dies
  return 4;
}

struct Recorder : JobHandler {
  JobResult handle(const Job& job) override {
    std::lock_guard<std::mutex> lock(mu);
    seen.insert(job.payload["product_id"].as_string());
    return JobResult::ok();
  }
  std::mutex mu;
  std::set<std::string> seen;
};

bool Fail(const std::string& why) {
  std::cerr << "FAIL: " << why << "\n";
  return false;
}

bool RunRound(const std::string& self, const std::string& db_path, int round) {
  pid_t pid = fork();
  if (pid == 0) {
    execl(self.c_str(), self.c_str(), "--child", db_path.c_str(), std::to_string(round).c_str(), nullptr);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) return Fail("child did not die by SIGKILL");

  Config config;
  config.path = db_path;
  config.workers_enabled = true;
  config.worker_threads = 1;
  Database db = Database::open(config);
  auto recorder = std::make_unique<Recorder>();
  Recorder* rec = recorder.get();
  db.workers()->register_handler("process_image", std::move(recorder));
  std::string id = "p" + std::to_string(round);
  Response jobs = db.execute("query { _jobs(where: { type: { eq: \"process_image\" } }) { payload } }");
  if (!jobs.ok() || jobs.data["_jobs"].size() != static_cast<size_t>(round + 1)) {
    return Fail("expected " + std::to_string(round + 1) + " jobs after round " + std::to_string(round) + ": " +
                jobs.dump());
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard<std::mutex> lock(rec->mu);
      if (rec->seen.count(id)) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  {
    std::lock_guard<std::mutex> lock(rec->mu);
    if (!rec->seen.count(id)) return Fail("the job of " + id + " did not run after reopening");
  }
  db.close();
  Database check = Database::open(Config{db_path});
  Response done = check.execute("query { _jobs(where: { status: { ne: \"COMPLETED\" } }) { id status } }");
  if (!done.ok() || done.data["_jobs"].size() != 0) return Fail("jobs not completed: " + done.dump());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--child") return RunChild(argv[2], argv[3]);
  auto dir = std::filesystem::temp_directory_path() / ("aurora-handler-kill9-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string db_path = (dir / "h.db").string();
  {
    Database db = Database::open(Config{db_path});
    Response r = db.execute(R"(define handler "auto_thumbnail" {
      on: "insert:products",
      action: { enqueueJob(type: "process_image", payload: { product_id: "${id}", path: "${image_url}" }) } })");
    if (!r.ok()) {
      std::cerr << r.dump() << "\n";
      return 1;
    }
  }
  int passed = 0, failed = 0;
  for (int round = 0; round < kRounds; ++round) {
    if (RunRound(argv[0], db_path, round)) {
      ++passed;
    } else {
      ++failed;
    }
  }
  std::filesystem::remove_all(dir);
  std::cout << "summary: " << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
