// A handler's job survives a crash right after the write commits: a child process inserts
// documents into a collection with an enqueueJob handler and is killed with SIGKILL the moment
// each insert returns. After each kill the parent reopens the file with workers and checks
// that every committed insert has exactly one job, and that the job runs. Then busy rounds: a
// child inserts without pause while its own workers move handler jobs from the inbox into
// `_jobs`, claim and complete them, and the parent kills it at a random moment (50–300 ms);
// after reopening every product has exactly one job and every job its product.
//
//   handler_kill9_test                       the test (parent)
//   handler_kill9_test --child DB N          insert product N, report it, then SIGKILL itself
//   handler_kill9_test --busy-child DB N     insert products bN-0, bN-1, … until killed
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
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

// Inserts products forever while its own workers move handler jobs out of the inbox, claim and
// complete them (docs/jobs.md "How it works"), until the parent kills it at a random moment.
int RunBusyChild(const std::string& db_path, const std::string& round) {
  Config config;
  config.path = db_path;
  config.workers_enabled = true;
  config.worker_threads = 1;
  Database db = Database::open(config);
  struct Noop : JobHandler {
    JobResult handle(const Job&) override { return JobResult::ok(); }
  };
  db.workers()->register_handler("process_image", std::make_unique<Noop>());
  for (int i = 0;; ++i) {
    Response r = db.execute(
        "mutation M($id: String) { insertInto(collection: \"products\", data: { id: $id, image_url: \"/u.png\" }) { id } }",
        Json::object({{"id", "b" + round + "-" + std::to_string(i)}}));
    if (!r.ok()) {
      std::cerr << "busy child insert failed: " << r.dump() << "\n";
      return 3;
    }
  }
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

// A kill -9 while a process inserts and its dispatcher flushes the inbox and claims: after
// reopening, every committed product has exactly one job and every job its product.
bool RunBusyRound(const std::string& self, const std::string& db_path, int round, std::mt19937& rng) {
  pid_t pid = fork();
  if (pid == 0) {
    execl(self.c_str(), self.c_str(), "--busy-child", db_path.c_str(), std::to_string(round).c_str(), nullptr);
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 300)(rng)));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) return Fail("busy child did not die by SIGKILL");
  Database db = Database::open(Config{db_path});
  Response products = db.execute("query { products { id } }");
  Response jobs = db.execute("query { _jobs(where: { type: { eq: \"process_image\" } }) { payload } }");
  if (!products.ok() || !jobs.ok()) return Fail("reading after the busy round failed");
  std::multiset<std::string> with_job;
  for (const Json& j : jobs.data["_jobs"].as_array()) with_job.insert(j["payload"]["product_id"].as_string());
  std::set<std::string> ids;
  for (const Json& p : products.data["products"].as_array()) ids.insert(p["id"].as_string());
  for (const std::string& id : ids) {
    if (with_job.count(id) != 1) {
      return Fail("product " + id + " has " + std::to_string(with_job.count(id)) + " jobs after busy round " +
                  std::to_string(round));
    }
  }
  if (with_job.size() != ids.size()) return Fail("jobs without their product after busy round " + std::to_string(round));
  std::cout << "busy round " << round << ": " << ids.size() << " products, as many jobs\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--child") return RunChild(argv[2], argv[3]);
  if (argc == 4 && std::string(argv[1]) == "--busy-child") return RunBusyChild(argv[2], argv[3]);
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
  std::mt19937 rng(std::random_device{}());
  for (int round = 0; round < kRounds; ++round) {
    if (RunBusyRound(argv[0], db_path, round, rng)) {
      ++passed;
    } else {
      ++failed;
    }
  }
  std::filesystem::remove_all(dir);
  std::cout << "summary: " << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
