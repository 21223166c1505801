// jobs_bench: the workload of the peer job-queue benchmark (shared/bench-peers) on Aurora:
// 20,000 no-op jobs with payload {"i": n}.
//
//   enqueue 1-by-1   db.enqueue_job per job, each its own transaction
//   enqueue batched  db.enqueue_jobs, 1,000 jobs per call (one transaction each)
//   process c=4/64   N enqueued jobs, workers with max_concurrent_jobs = 4 / 64: from the first
//                    handler start until the table says all N are COMPLETED
//   pickup           idle worker; time from the enqueue call to the handler starting
//   sleep 10k        10,000 jobs that each sleep 100 ms on aurora::sleep_for, all in flight:
//                    resident memory per parked job
// each with synchronous=NORMAL and FULL, and (with --limit DIR) the hand-written C limit of
// the same kit, built from a copy in /tmp and run in the same process tree.
//
//   jobs_bench [--n 20000] [--limit DIR] [--sync normal|full|both] [--dir /tmp/aurora-bench]
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aurora/aurora.h"
#include "storage/sqlite.h"

using namespace aurora;
using Clock = std::chrono::steady_clock;

namespace {

double Secs(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

void Remove(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-jobs.lock"}) std::filesystem::remove(path + suffix);
}

long RssKiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

struct FnHandler : JobHandler {
  explicit FnHandler(std::function<JobResult(const Job&)> fn) : fn(std::move(fn)) {}
  JobResult handle(const Job& job) override { return fn(job); }
  std::function<JobResult(const Job&)> fn;
};

Config BaseConfig(const std::string& path, Synchronous sync) {
  Config c;
  c.path = path;
  c.synchronous = sync;
  return c;
}

// COMPLETED jobs as the table says: the per-type tally, committed with the completions (reading
// it costs nothing, unlike counting 20,000 index entries every 5 ms from a second connection).
std::int64_t Completed(storage::Connection& reader) {
  storage::Statement& st = reader.Prepare("SELECT coalesce(sum(n), 0) FROM _jobs_completed");
  st.Step();
  std::int64_t n = st.Int(0);
  st.Reset();
  return n;
}

std::vector<JobRequest> Batch(int from, int to) {
  std::vector<JobRequest> out;
  out.reserve(static_cast<size_t>(to - from));
  for (int i = from; i < to; ++i) out.push_back(JobRequest{"noop", Json::object({{"i", i}}), {}});
  return out;
}

double EnqueueSingle(const std::string& path, Synchronous sync, int n) {
  Remove(path);
  Database db = Database::open(BaseConfig(path, sync));
  auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) db.enqueue_job("noop", Json::object({{"i", i}}));
  return n / Secs(t0, Clock::now());
}

double EnqueueBatched(const std::string& path, Synchronous sync, int n) {
  Remove(path);
  Database db = Database::open(BaseConfig(path, sync));
  auto t0 = Clock::now();
  for (int i = 0; i < n; i += 1000) db.enqueue_jobs(Batch(i, std::min(n, i + 1000)));
  return n / Secs(t0, Clock::now());
}

double Process(const std::string& path, Synchronous sync, int n, int concurrency, int threads) {
  Remove(path);
  {
    Database db = Database::open(BaseConfig(path, sync));
    for (int i = 0; i < n; i += 1000) db.enqueue_jobs(Batch(i, std::min(n, i + 1000)));
  }
  Config c = BaseConfig(path, sync);
  c.workers_enabled = true;
  c.worker_threads = threads;
  c.max_concurrent_jobs = concurrency;
  Database db = Database::open(c);
  storage::Connection reader(path);
  std::atomic<bool> started{false};
  Clock::time_point first;
  std::atomic<long> ran{0};
  db.workers()->register_handler("noop", std::make_unique<FnHandler>([&](const Job&) {
    if (!started.exchange(true)) first = Clock::now();
    ran.fetch_add(1, std::memory_order_relaxed);
    return JobResult::ok();
  }));
  auto limit = Clock::now() + std::chrono::seconds(120);
  while (Completed(reader) < n && Clock::now() < limit) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto end = Clock::now();
  std::int64_t done = Completed(reader);
  if (done < n) std::cerr << "process: only " << done << " of " << n << " completed\n";
  return static_cast<double>(done) / Secs(first, end);
}

struct PickupResult {
  double call_p50 = 0, call_p99 = 0;      // from the enqueue call to the handler starting
  double commit_p50 = 0, commit_p99 = 0;  // from enqueue_job returning (commit done) to the start, ≥ 0
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(static_cast<double>(v.size()) * p))];
}

// `aql`: enqueue with an AQL mutation (enqueueJob) instead of db.enqueue_job.
PickupResult Pickup(const std::string& path, Synchronous sync, int samples, bool aql = false) {
  Remove(path);
  Config c = BaseConfig(path, sync);
  c.workers_enabled = true;
  c.worker_threads = 2;
  Database db = Database::open(c);
  std::atomic<std::int64_t> started_ns{0};
  db.workers()->register_handler("noop", std::make_unique<FnHandler>([&](const Job&) {
    started_ns.store(Clock::now().time_since_epoch().count());
    return JobResult::ok();
  }));
  std::mt19937 rng(42);
  std::vector<double> from_call, from_commit;
  for (int i = 0; i < samples; ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 20000));
    started_ns.store(0);
    auto t0 = Clock::now();
    if (aql) {
      Response r = db.execute(R"(mutation M($i: Int) { enqueueJob(type: "noop", payload: {i: $i}) { jobId } })",
                              Json::object({{"i", i}}));
      if (!r.ok()) {
        std::cerr << r.dump() << "\n";
        std::exit(1);
      }
    } else {
      db.enqueue_job("noop", Json::object({{"i", i}}));
    }
    auto t1 = Clock::now();
    auto limit = t0 + std::chrono::seconds(5);
    while (started_ns.load() == 0 && Clock::now() < limit) std::this_thread::yield();
    if (started_ns.load() == 0) continue;
    from_call.push_back(static_cast<double>(started_ns.load() - t0.time_since_epoch().count()) / 1000.0);
    from_commit.push_back(
        std::max(0.0, static_cast<double>(started_ns.load() - t1.time_since_epoch().count()) / 1000.0));
  }
  PickupResult r;
  r.call_p50 = Percentile(from_call, 0.5);
  r.call_p99 = Percentile(from_call, 0.99);
  r.commit_p50 = Percentile(from_commit, 0.5);
  r.commit_p99 = Percentile(from_commit, 0.99);
  return r;
}

struct SleepResult {
  double kib_per_job = 0;
  long peak_parked = 0;
  double secs = 0;
};

SleepResult Sleepers(const std::string& path, Synchronous sync, int n) {
  Remove(path);
  {
    Database db = Database::open(BaseConfig(path, sync));
    for (int i = 0; i < n; i += 1000) db.enqueue_jobs(Batch(i, std::min(n, i + 1000)));
  }
  Config c = BaseConfig(path, sync);
  c.workers_enabled = true;
  c.worker_threads = 2;
  c.max_concurrent_jobs = n;
  Database db = Database::open(c);
  storage::Connection reader(path);
  std::atomic<long> parked{0}, peak{0};
  std::atomic<long> peak_rss{0};
  long rss0 = RssKiB();
  std::atomic<bool> sampling{true};
  std::thread sampler([&] {
    while (sampling) {
      long r = RssKiB();
      long p = parked.load();
      if (p >= peak.load()) {
        peak = p;
        peak_rss = std::max(peak_rss.load(), r);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  auto t0 = Clock::now();
  db.workers()->register_handler("noop", std::make_unique<FnHandler>([&](const Job&) {
    ++parked;
    aurora::sleep_for(std::chrono::milliseconds(100));
    --parked;
    return JobResult::ok();
  }));
  auto limit = Clock::now() + std::chrono::seconds(120);
  while (Completed(reader) < n && Clock::now() < limit) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  SleepResult out;
  out.secs = Secs(t0, Clock::now());
  sampling = false;
  sampler.join();
  out.peak_parked = peak.load();
  out.kib_per_job = out.peak_parked ? static_cast<double>(peak_rss.load() - rss0) / static_cast<double>(out.peak_parked) : 0;
  return out;
}

// A million COMPLETED jobs plus a few hundred in other states: how long counting by status
// (db.job_summary, `aql jobs`) and a FAILED-jobs query take.
std::pair<double, double> CountMillion(const std::string& path, Synchronous sync) {
  Remove(path);
  {
    Database db = Database::open(BaseConfig(path, sync));
    db.enqueue_job("seed", Json::object());  // creates the schema
  }
  {
    storage::Connection conn(path);
    conn.Exec(
        "BEGIN;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
        "INSERT INTO _jobs (id, type, payload, status, priority, retries, max_retries, run_at, created_at, "
        "completed_at) SELECT printf('%026d', i), 'noop', '{}', CASE WHEN i % 5000 = 0 THEN 'FAILED' WHEN i % 3001 = 0 "
        "THEN 'PENDING' ELSE 'COMPLETED' END, 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', "
        "'2026-01-01T00:00:01.000Z' FROM n;"
        "INSERT OR REPLACE INTO _jobs_completed (type, n) SELECT type, count(*) FROM _jobs WHERE status = "
        "'COMPLETED' GROUP BY type;"
        "COMMIT;");
  }
  Database db = Database::open(BaseConfig(path, sync));
  db.job_summary();  // warm the page cache
  auto t0 = Clock::now();
  JobQueueSummary s = db.job_summary();
  double summary_ms = Secs(t0, Clock::now()) * 1000;
  t0 = Clock::now();
  Response r = db.execute(R"(query { _jobs(where: {status: {eq: FAILED}}) { id type error last_retry } })");
  double failed_ms = Secs(t0, Clock::now()) * 1000;
  if (!r.ok() || r.data["_jobs"].size() != 200) std::cerr << "count: unexpected FAILED query result\n";
  return {summary_ms, failed_ms};
}

// Builds the C limit from a copy of `src` in /tmp and runs it; returns its RESULT phases.
std::map<std::string, double> RunLimit(const std::string& src, const std::string& dir, const char* sync, int n) {
  std::map<std::string, double> out;
  std::string kit = dir + "/limit-kit";
  std::string cmd = "rm -rf '" + kit + "' && cp -r '" + src + "' '" + kit + "' && gcc -O2 -o '" + kit +
                    "/limit' '" + kit + "/limit.c' -lsqlite3";
  if (std::system(cmd.c_str()) != 0) {
    std::cerr << "cannot build the limit from " << src << "\n";
    return out;
  }
  std::string run = "'" + kit + "/limit' '" + dir + "/limit.db' " + sync + " " + std::to_string(n) + " 30 60";
  FILE* p = popen(run.c_str(), "r");
  if (!p) return out;
  std::string text;
  char buf[4096];
  while (fgets(buf, sizeof buf, p)) text += buf;
  pclose(p);
  size_t at = text.find("RESULT ");
  if (at == std::string::npos) return out;
  std::optional<Json> j = Json::parse(text.substr(at + 7, text.find('\n', at) - at - 7));
  if (!j) return out;
  for (const auto& [key, value] : j->as_object()) {
    if (value.is_object() && value.find("jps")) out[key] = (*value.find("jps")).as_double();
  }
  if (const Json* phases = j->find("phases")) {
    for (const auto& [key, value] : phases->as_object()) {
      if (value.is_object() && value.find("jps")) out[key] = (*value.find("jps")).as_double();
    }
  }
  return out;
}

std::string Fmt(double v, int prec = 0) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", prec, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 20000;
  std::string limit_src;
  std::string dir = "/tmp/aurora-bench";
  std::string only;  // one phase: enqueue1 enqueueN process4 process64 pickup pickup-aql sleep count
  std::vector<Synchronous> syncs = {Synchronous::Normal, Synchronous::Full};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--n" && i + 1 < argc) {
      n = std::atoi(argv[++i]);
    } else if (a == "--limit" && i + 1 < argc) {
      limit_src = argv[++i];
    } else if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (a == "--sync" && i + 1 < argc) {
      std::string s = argv[++i];
      syncs = s == "normal" ? std::vector<Synchronous>{Synchronous::Normal}
              : s == "full" ? std::vector<Synchronous>{Synchronous::Full}
                            : syncs;
    } else {
      std::cerr << "usage: jobs_bench [--n N] [--limit DIR] [--sync normal|full|both] [--dir DIR]\n";
      return 2;
    }
  }
  std::filesystem::create_directories(dir);
  std::string path = dir + "/bench.db";
  if (!only.empty()) {
    for (Synchronous sync : syncs) {
      if (only == "enqueue1") std::cout << "enqueue1 " << EnqueueSingle(path, sync, n) << "\n";
      if (only == "enqueueN") std::cout << "enqueueN " << EnqueueBatched(path, sync, n) << "\n";
      if (only == "process4") std::cout << "process4 " << Process(path, sync, n, 4, 2) << "\n";
      if (only == "process64") std::cout << "process64 " << Process(path, sync, n, 64, 2) << "\n";
      if (only == "pickup" || only == "pickup-aql") {
        PickupResult p = Pickup(path, sync, 200, only == "pickup-aql");
        std::cout << only << " call " << p.call_p50 << " " << p.call_p99 << " commit " << p.commit_p50 << " "
                  << p.commit_p99 << "\n";
      }
      if (only == "count") {
        auto [a, b] = CountMillion(path, sync);
        std::cout << "count summary_ms " << a << " failed_query_ms " << b << "\n";
      }
      if (only == "sleep") std::cout << "sleep " << Sleepers(path, sync, 10000).kib_per_job << "\n";
    }
    Remove(path);
    return 0;
  }
  std::cout << "| synchronous | engine | enqueue 1-by-1 jobs/s | enqueue batched jobs/s | process c=4 jobs/s | "
               "process c=64 jobs/s | pickup p50 µs (after commit / from call) | pickup p99 µs (after commit / from call) | "
               "10k sleepers KiB/job |\n"
               "|---|---|---|---|---|---|---|---|---|\n";
  for (Synchronous sync : syncs) {
    const char* name = sync == Synchronous::Full ? "FULL" : "NORMAL";
    std::map<std::string, double> lim;
    if (!limit_src.empty()) lim = RunLimit(limit_src, dir, sync == Synchronous::Full ? "full" : "normal", n);
    double e1 = EnqueueSingle(path, sync, n);
    double eb = EnqueueBatched(path, sync, n);
    double p4 = Process(path, sync, n, 4, 2);
    double p64 = Process(path, sync, n, 64, 2);
    PickupResult pk = Pickup(path, sync, 200);
    SleepResult sl = Sleepers(path, sync, 10000);
    std::cout << "| " << name << " | Aurora | " << Fmt(e1) << " | " << Fmt(eb) << " | " << Fmt(p4) << " | " << Fmt(p64)
              << " | " << Fmt(pk.commit_p50) << " / " << Fmt(pk.call_p50) << " | " << Fmt(pk.commit_p99) << " / "
              << Fmt(pk.call_p99) << " | " << Fmt(sl.kib_per_job, 1) << " (" << sl.peak_parked
              << " parked, all done in " << Fmt(sl.secs, 2) << " s) |\n";
    if (!lim.empty()) {
      std::cout << "| " << name << " | C limit | " << Fmt(lim["enqueue_single"]) << " | " << Fmt(lim["enqueue_bulk"])
                << " | " << Fmt(lim["processing"]) << " (1/txn) | " << Fmt(lim["processing_batch64"])
                << " (64/txn) | - | - | - |\n";
      auto ratio = [](double a, double b) { return b > 0 ? Fmt(a / b, 2) : std::string("-"); };
      std::cout << "| " << name << " | ratio | " << ratio(e1, lim["enqueue_single"]) << " | "
                << ratio(eb, lim["enqueue_bulk"]) << " | " << ratio(p4, lim["processing"]) << " (vs 1/txn) | "
                << ratio(p64, lim["processing_batch64"]) << " (vs 64/txn) | - | - | - |\n";
    }
    std::cout.flush();
  }
  auto [summary_ms, failed_ms] = CountMillion(path, syncs.front());
  std::cout << "\nWith 1,000,000 COMPLETED jobs (+ 533 others): db.job_summary() (aql jobs) " << Fmt(summary_ms, 1)
            << " ms; query _jobs(where: {status: {eq: FAILED}}) (200 rows) " << Fmt(failed_ms, 1) << " ms\n";
  Remove(path);
  return 0;
}
