// aurora/config.h: options for Database::open. Every field states its default.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aurora {

enum class Synchronous { Off, Normal, Full };

// How much a log line matters (Config::log).
enum class LogLevel { Debug, Info, Warning, Error };
const char* to_string(LogLevel level);  // "debug", "info", "warning", "error"

struct Config {
  // Database file. ":memory:" or empty: a private in-memory database.
  std::string path = ":memory:";
  // SQLite synchronous level (WAL mode is always used for files). NORMAL survives process
  // crashes; FULL also survives power loss.
  Synchronous synchronous = Synchronous::Normal;
  // How long a write waits for the write lock while another connection (this or another
  // process) holds it; then it fails with BUSY and changes nothing. Opening and reading never
  // wait for it.
  std::chrono::milliseconds busy_timeout{std::chrono::seconds(5)};
  // A file that is a SQLite database with tables of its own but not an Aurora database: when
  // false, open() refuses it and leaves it untouched; when true, open() adds Aurora's system
  // tables to it and switches it to WAL mode (docs/api.md "Opening a database").
  bool adopt_existing_sqlite = false;
  // Statements whose compiled plans are kept (by text) so repeats skip parsing and planning.
  int plan_cache_size = 256;
  // Largest AQL text one execute() / execute_all() accepts, in bytes (16 MiB). Parsing costs
  // many times the text's size in memory (a 100 MiB string literal took 3 GB), so a longer
  // text is refused before parsing: a VALIDATION_ERROR giving both sizes. 0: no limit.
  std::size_t max_query_bytes = 16 * 1024 * 1024;
  // Largest variables object one execute() / execute_all() accepts, measured as its compact
  // JSON text, in bytes (64 MiB); refused like max_query_bytes. 0: no limit.
  std::size_t max_variables_bytes = 64 * 1024 * 1024;

  // --- Jobs (docs/jobs.md explains each knob) ---------------------------------------------
  // Run job handlers in this process. When false, db.workers()->register_handler throws
  // (VALIDATION_ERROR); enqueueing still works.
  bool workers_enabled = false;
  // OS threads that run handler fibers. Handlers that sleep (aurora::sleep_for) or wait
  // (aurora::run_blocking) do not hold a thread, so a few threads serve many jobs.
  int worker_threads = 4;
  // Attempts running at once in this process. CRITICAL jobs may use up to as many again, so
  // they start even when every regular slot is busy. Also the largest batch claimed at once.
  int max_concurrent_jobs = 64;
  // Retry back-off after the n-th failure: min(cap, base * 2^(n-1)), scaled by a random
  // factor in [0.5, 1] (jitter) so retries of many jobs spread out.
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_cap{std::chrono::minutes(10)};
  // A claim's lease. The owner renews it every lease/3 while the job runs; a RUNNING job whose
  // lease ran out (owner stuck or on another machine) is rescued. Jobs of a process that died
  // on this machine are rescued at once, without waiting for the lease (docs/jobs.md).
  std::chrono::milliseconds lease{std::chrono::seconds(30)};
  // On close, how long running attempts may take to finish; after it, they are handed back to
  // the queue (PENDING, not counted as failures) and their results are ignored.
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(10)};
  // How often to look for jobs enqueued by other processes on the same file (a cheap check;
  // jobs enqueued by this process start at once, without waiting for it).
  std::chrono::milliseconds poll_interval{std::chrono::milliseconds(200)};
  // Stack of each handler fiber. Only the pages a handler touches use memory.
  std::size_t fiber_stack_size = 256 * 1024;

  // --- Diagnostics ---------------------------------------------------------------------------
  // Where the library reports what it cannot return to a caller (a background write that
  // failed, a handler that blocks its thread). Called from the library's own threads, so it
  // must be thread-safe and must not call back into the Database. Empty (the default):
  // warnings and errors go to stderr as "aurora: warning: …"; the library writes nowhere else.
  std::function<void(LogLevel level, std::string_view message)> log;
};

}  // namespace aurora
