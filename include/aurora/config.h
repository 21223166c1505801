// aurora/config.h: options for Database::open. Every field states its default.
#pragma once

#include <chrono>
#include <string>

namespace aurora {

enum class Synchronous { Off, Normal, Full };

struct Config {
  // Database file. ":memory:" or empty: a private in-memory database.
  std::string path = ":memory:";
  // SQLite synchronous level (WAL mode is always used for files). NORMAL survives process
  // crashes; FULL also survives power loss.
  Synchronous synchronous = Synchronous::Normal;
  // Statements whose compiled plans are kept (by text) so repeats skip parsing and planning.
  int plan_cache_size = 256;

  // --- Jobs -------------------------------------------------------------------------------
  // Run job handlers in this process. When false, db.workers() is null; enqueueing still works.
  bool workers_enabled = false;
  // OS threads that run handler fibers.
  int worker_threads = 4;
  // Jobs running at once in this process (regular priorities). CRITICAL jobs may exceed it.
  int max_concurrent_jobs = 64;
  // Retry back-off: base * 2^(retries-1), with jitter, never above the cap.
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_cap{std::chrono::minutes(10)};
  // How long a claim stays valid without renewal; expired claims of live processes are rescued.
  std::chrono::milliseconds lease{std::chrono::seconds(30)};
  // On close, how long running jobs may take to finish before they are handed back to the queue.
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(10)};
  // How often to look for jobs enqueued by other processes on the same file.
  std::chrono::milliseconds poll_interval{std::chrono::milliseconds(200)};
};

}  // namespace aurora
