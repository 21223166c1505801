// The "Durable Workers" walkthrough as a program: handlers, enqueueing through AQL and the C++
// API, priorities, a handler that fails twice and then succeeds, a job that fails for good, and
// the monitoring query for FAILED jobs. docs/jobs.md explains every step.
//
//   image_processor [DB]      (default: a fresh file in /tmp)
#include <aurora/aurora.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

namespace {

std::mutex print_mu;

void Say(const std::string& line) {
  std::lock_guard<std::mutex> lock(print_mu);
  std::cout << line << std::endl;
}

// 3. A handler: any class implementing aurora::JobHandler.
struct ImageProcessor : aurora::JobHandler {
  aurora::JobResult handle(const aurora::Job& job) override {
    std::string path = job.payload["path"].as_string();
    Say("Processing image at " + path + " (" + aurora::to_string(job.priority) + ")");
    aurora::sleep_for(std::chrono::milliseconds(20));  // "heavy processing": parks this job only
    return aurora::JobResult::ok();
  }
};

// Fails on its first two attempts, then succeeds: the job ends COMPLETED with retries = 2.
struct FlakyUpload : aurora::JobHandler {
  aurora::JobResult handle(const aurora::Job& job) override {
    if (job.retries < 2) {
      Say("upload attempt " + std::to_string(job.retries + 1) + " failed");
      return aurora::JobResult::error("storage service unavailable (attempt " + std::to_string(job.retries + 1) + ")");
    }
    Say("upload attempt " + std::to_string(job.retries + 1) + " succeeded");
    return aurora::JobResult::ok();
  }
};

// Always throws: after max_retries attempts the job is FAILED with the exception's message.
struct BrokenThumbnail : aurora::JobHandler {
  aurora::JobResult handle(const aurora::Job&) override { throw std::runtime_error("thumbnail codec missing"); }
};

void Print(aurora::Database& db, const std::string& aql) {
  aurora::Response r = db.execute(aql);
  std::cout << r.dump(true) << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : (std::filesystem::temp_directory_path() / "aurora_jobs_example.db").string();
  for (const char* suffix : {"", "-wal", "-shm", "-jobs.lock"}) std::filesystem::remove(path + suffix);

  // 2. Enable the worker system.
  aurora::Config config;
  config.path = path;
  config.workers_enabled = true;
  config.worker_threads = 4;
  config.max_concurrent_jobs = 1;  // one at a time, so the priority order is easy to see
  config.backoff_base = std::chrono::milliseconds(50);
  aurora::Database db = aurora::Database::open(config);

  // 4. Enqueue, through AQL and through the C++ API. Nothing runs yet: no handler is registered.
  Print(db, R"(mutation {
    enqueueJob(type: "process_image", payload: { path: "/uploads/cat.jpg" }, priority: NORMAL, retries: 5) {
      jobId status priority
    }
  })");
  db.enqueue_job("process_image", aurora::Json::object({{"path", "/uploads/dog.png"}}), aurora::Priority::Low);
  db.enqueue_job("process_image", aurora::Json::object({{"path", "/uploads/logo.svg"}}), aurora::Priority::High);
  db.enqueue_job("process_image", aurora::Json::object({{"path", "/uploads/alert.png"}}), aurora::Priority::Critical);
  db.enqueue_job("upload", aurora::Json::object({{"file", "/uploads/cat.jpg"}}), aurora::Priority::Low);
  aurora::JobOptions twice;
  twice.max_retries = 2;
  twice.priority = aurora::Priority::Low;
  db.enqueue_job("thumbnail", aurora::Json::object({{"path", "/uploads/cat.jpg"}}), twice);

  // 3. Register the handlers: the executor starts claiming, CRITICAL first, LOW last.
  db.workers()->register_handler("process_image", std::make_unique<ImageProcessor>());
  db.workers()->register_handler("upload", std::make_unique<FlakyUpload>());
  db.workers()->register_handler("thumbnail", std::make_unique<BrokenThumbnail>());

  // Wait until every job is COMPLETED or FAILED (a real program would just keep running).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    aurora::Response r = db.execute(R"(query { _jobs(where: {status: {nin: [COMPLETED, FAILED]}}) { id } })");
    if (r.ok() && r.data["_jobs"].size() == 0) break;
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "jobs did not finish in 30 s\n";
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  // 7. Monitoring: jobs are rows of `_jobs`, queried with AQL.
  std::cout << "\nFailed jobs:" << std::endl;
  Print(db, R"(query {
    _jobs(where: { status: { eq: "FAILED" } }) {
      type
      error
      retries
      max_retries
    }
  })");
  std::cout << "\nThe upload that failed twice, then succeeded:" << std::endl;
  Print(db, R"(query { _jobs(where: {type: {eq: "upload"}}) { status retries error } })");

  aurora::JobQueueSummary summary = db.job_summary();
  std::cout << "\nBy status:";
  for (const auto& [status, count] : summary.by_status) std::cout << " " << status << "=" << count;
  std::cout << std::endl;
  db.close();  // graceful: waits for running jobs (none left here)
  return 0;
}
