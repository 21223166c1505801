// Crash safety, for real: child processes run handlers and are killed with SIGKILL at random
// points (and some kill themselves: "poison" jobs _exit() their worker). After the last child,
// every job must be COMPLETED or FAILED, none lost, none left RUNNING, none completed twice.
//
//   kill9_test                        the test (parent)
//   kill9_test --child DB SIDE_FILE   one worker process (started by the parent)
//
// Each worker process also enqueues "fresh" CRITICAL jobs while it runs: with a slot free, such
// a job is claimed by its own INSERT and handed straight to a fiber (no dispatcher round), so
// kills also land between those claims and their handlers' starts. Their ids go to
// SIDE_FILE.enqueued once enqueue_job has returned (committed), and must all be in the table.
//
// A trigger logs every write of status COMPLETED, so a stale worker overwriting a finished job
// would show up as a second log row. Handlers append "id" to SIDE_FILE when they finish
// successfully; ids that appear more than once are attempts that were re-run because the
// process died between the handler returning and its completion being committed.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "aurora/aurora.h"
#include "storage/sqlite.h"

using namespace aurora;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr int kWorkJobs = 6000;  // enough work that all kKills kills land before the queue drains
constexpr int kPoisonJobs = 2;
constexpr int kKills = 6;
constexpr int kMaxRuns = 30;
constexpr int kFreshPerRun = 100;  // jobs each worker process enqueues itself
constexpr auto kTimeBound = std::chrono::seconds(50);

int failures = 0;

void Check(bool ok, const std::string& what) {
  if (!ok) {
    ++failures;
    std::cerr << "FAILED: " << what << "\n";
  }
}

std::int64_t Scalar(storage::Connection& conn, const std::string& sql) {
  auto st = conn.PrepareUncached(sql);
  st->Step();
  return st->Int(0);
}

struct Work : JobHandler {
  explicit Work(std::string side) : side(std::move(side)) {}
  JobResult handle(const Job& job) override {
    thread_local std::mt19937 rng{std::random_device{}()};
    aurora::sleep_for(std::chrono::microseconds(rng() % 16000));
    if (rng() % 20 == 0) return JobResult::error("random failure");
    std::string line = job.id + "\n";
    int fd = open(side.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0 || write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      return JobResult::error("cannot write side file");
    }
    close(fd);
    return JobResult::ok();
  }
  std::string side;
};

struct Poison : JobHandler {
  JobResult handle(const Job&) override { _exit(7); }  // kills its worker process
};

int Child(const std::string& db_path, const std::string& side) {
  Config c;
  c.path = db_path;
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.max_concurrent_jobs = 16;
  c.backoff_base = std::chrono::milliseconds(1);
  c.backoff_cap = std::chrono::milliseconds(5);
  c.poll_interval = std::chrono::milliseconds(10);
  Database db = Database::open(c);
  db.workers()->register_handler("work", std::make_unique<Work>(side));
  db.workers()->register_handler("poison", std::make_unique<Poison>());
  db.workers()->register_handler("fresh", std::make_unique<Work>(side));
  std::atomic<bool> enqueuing{true};
  std::thread producer([&] {
    std::string log = side + ".enqueued";
    for (int i = 0; i < kFreshPerRun; ++i) {
      JobOptions o;
      o.max_retries = 10;
      o.priority = Priority::Critical;
      std::string line = db.enqueue_job("fresh", Json::object({{"pid", getpid()}, {"i", i}}), o) + "\n";
      int fd = open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
      if (fd >= 0) {
        if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::perror("write");
        close(fd);
      }
      std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
    enqueuing = false;
  });
  storage::Connection reader(db_path);
  while (enqueuing || Scalar(reader, "SELECT count(*) FROM _jobs WHERE status NOT IN ('COMPLETED', 'FAILED')") > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  producer.join();
  db.close();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--child") return Child(argv[2], argv[3]);

  auto start = SteadyClock::now();
  std::string dir = (std::filesystem::temp_directory_path() / ("aurora-kill9-" + std::to_string(getpid()))).string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string db_path = dir + "/jobs.db";
  std::string side = dir + "/finished.txt";
  {
    Config c;
    c.path = db_path;
    Database db = Database::open(c);
    std::vector<JobRequest> jobs;
    for (int i = 0; i < kWorkJobs; ++i) {
      JobOptions o;
      o.max_retries = 10;
      o.priority = static_cast<Priority>(i % 4);
      jobs.push_back(JobRequest{"work", Json::object({{"i", i}}), o});
    }
    for (int i = 0; i < kPoisonJobs; ++i) {
      JobOptions o;
      o.max_retries = 3;
      o.priority = Priority::Low;
      jobs.push_back(JobRequest{"poison", Json::object({{"i", i}}), o});
    }
    db.enqueue_jobs(jobs);
  }
  {
    storage::Connection conn(db_path);
    conn.Exec(
        "CREATE TABLE completions_log (id TEXT NOT NULL);"
        "CREATE TRIGGER log_completed AFTER UPDATE OF status ON _jobs WHEN NEW.status = 'COMPLETED' "
        "BEGIN INSERT INTO completions_log (id) VALUES (NEW.id); END;");
  }

  std::mt19937 rng(std::random_device{}());
  int kills = 0, self_deaths = 0, clean_exits = 0, runs = 0;
  storage::Connection reader(db_path);
  while (runs < kMaxRuns && SteadyClock::now() - start < kTimeBound) {
    if (Scalar(reader, "SELECT count(*) FROM _jobs WHERE status NOT IN ('COMPLETED', 'FAILED')") == 0) break;
    ++runs;
    pid_t pid = fork();
    if (pid < 0) {
      std::perror("fork");
      return 1;
    }
    if (pid == 0) {
      execl("/proc/self/exe", "kill9_test", "--child", db_path.c_str(), side.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    bool kill_it = kills < kKills;
    auto deadline = SteadyClock::now() + (kill_it ? std::chrono::milliseconds(30 + rng() % 300)
                                                  : std::chrono::milliseconds(std::chrono::seconds(40)));
    int status = 0;
    bool exited = false;
    while (SteadyClock::now() < deadline) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!exited) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      if (kill_it) {
        ++kills;
      } else {
        Check(false, "a worker run took longer than 40 s");
      }
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 7) {
      ++self_deaths;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      ++clean_exits;
    } else {
      Check(false, "worker process ended abnormally (status " + std::to_string(status) + ")");
    }
  }

  // Reopening rescues whatever the last dead process left RUNNING.
  { Database db = Database::open([&] { Config c; c.path = db_path; return c; }()); }

  const std::int64_t total = Scalar(reader, "SELECT count(*) FROM _jobs");
  const std::int64_t fresh = Scalar(reader, "SELECT count(*) FROM _jobs WHERE type = 'fresh'");
  int fresh_logged = 0, fresh_lost = 0;
  {
    std::ifstream in(side + ".enqueued");
    std::string id;
    while (std::getline(in, id)) {
      ++fresh_logged;
      auto st = reader.PrepareUncached("SELECT count(*) FROM _jobs WHERE id = ?");
      st->Bind(1, id);
      st->Step();
      if (st->Int(0) != 1) ++fresh_lost;
    }
  }
  Check(fresh_logged > 0 && fresh >= fresh_logged, "workers enqueued jobs too (" + std::to_string(fresh) + ")");
  Check(fresh_lost == 0, "every job a worker enqueued is in the table (" + std::to_string(fresh_lost) + " lost)");
  const std::int64_t completed = Scalar(reader, "SELECT count(*) FROM _jobs WHERE status = 'COMPLETED'");
  const std::int64_t failed = Scalar(reader, "SELECT count(*) FROM _jobs WHERE status = 'FAILED'");
  Check(total == kWorkJobs + kPoisonJobs + fresh, "no job lost (" + std::to_string(total) + " rows)");
  Check(completed + failed == total, "every job COMPLETED or FAILED (" + std::to_string(completed) + " + " +
                                         std::to_string(failed) + " of " + std::to_string(total) + ")");
  Check(Scalar(reader, "SELECT count(*) FROM _jobs WHERE status = 'RUNNING'") == 0, "none RUNNING");
  Check(Scalar(reader, "SELECT count(*) FROM (SELECT id FROM completions_log GROUP BY id HAVING count(*) > 1)") == 0,
        "no job completed twice");
  Check(Scalar(reader, "SELECT count(*) FROM completions_log") == completed, "one COMPLETED write per completed job");
  Check(Scalar(reader, "SELECT count(*) FROM _jobs WHERE type = 'poison' AND status = 'FAILED' AND retries = 3") ==
            kPoisonJobs,
        "a job that kills its worker ends FAILED after max_retries attempts");
  Check(Scalar(reader, "SELECT coalesce(sum(n), 0) FROM _jobs_completed") == completed,
        "the COMPLETED tally matches the table");
  Check(Scalar(reader, "SELECT count(*) FROM _jobs WHERE claim_token IS NOT NULL OR owner IS NOT NULL") == 0,
        "no claim left behind");

  std::map<std::string, int> finished;
  {
    std::ifstream in(side);
    std::string id;
    while (std::getline(in, id)) ++finished[id];
  }
  int missing = 0, rerun = 0;
  {
    auto st = reader.PrepareUncached("SELECT id FROM _jobs WHERE status = 'COMPLETED'");
    while (st->Step()) {
      auto it = finished.find(st->Text(0));
      if (it == finished.end()) {
        ++missing;
      } else if (it->second > 1) {
        rerun += it->second - 1;
      }
    }
  }
  Check(missing == 0, "every COMPLETED job's handler finished (" + std::to_string(missing) + " missing)");
  const std::int64_t interrupted =
      Scalar(reader, "SELECT count(*) FROM _jobs WHERE error LIKE 'attempt interrupted%'");
  double secs = std::chrono::duration<double>(SteadyClock::now() - start).count();
  std::cout << "kill9: " << runs << " worker runs (" << kills << " killed with SIGKILL, " << self_deaths
            << " died from a poison job, " << clean_exits << " exited cleanly) in " << secs << " s\n"
            << "kill9: " << completed << " COMPLETED, " << failed << " FAILED of " << total << " (" << fresh
            << " enqueued by the workers themselves, "
            << Scalar(reader, "SELECT count(*) FROM _jobs WHERE type = 'fresh' AND started_at = created_at")
            << " of them started in the millisecond of their enqueue); " << rerun
            << " successful attempts re-run after a crash; " << interrupted
            << " jobs whose last error is an interrupted attempt\n";
  Check(kills == kKills, "the test killed " + std::to_string(kKills) + " workers");
  std::filesystem::remove_all(dir);
  std::cout << "summary: " << (failures == 0 ? 1 : 0) << " passed, " << (failures == 0 ? 0 : 1) << " failed\n";
  return failures == 0 ? 0 : 1;
}
