// aurora/database.h: the embedded database. Start here.
//
//   aurora::Config config;
//   config.path = "app.db";
//   auto db = aurora::Database::open(config);
//   aurora::Response r = db.execute(R"(query { users { name } })");
//
// A Database is safe to use from several threads at once (calls are serialized internally).
// It is movable, not copyable; destroying it closes the database (see close()).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aurora/config.h"
#include "aurora/error.h"
#include "aurora/job.h"
#include "aurora/json.h"
#include "aurora/response.h"

namespace aurora {

class Database {
 public:
  // Opens (creating if needed) the database. Throws aurora::Exception when the file cannot be
  // opened or is not an Aurora database: VALIDATION_ERROR for a file that is not SQLite, another
  // program's SQLite database (unless Config::adopt_existing_sqlite), a file of a newer layout
  // version, or a read-only file SQLite cannot read; BUSY when an older file's upgrade waited
  // past Config::busy_timeout. A refused file is left unchanged. A file this process may not
  // write opens read-only (writes answer VALIDATION_ERROR). Opening a file already set up only
  // reads it: it never waits for another connection's write lock (docs/api.md).
  static Database open(const Config& config = Config());

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs an AQL document. With one operation, its response; with several, they run in order,
  // each in its own transaction and every one even after one failed, and the result is the
  // first failure, or the last response when all succeed. A failed operation changes nothing;
  // earlier operations of the same document stay committed (execute_all tells which did). AQL
  // errors are returned inside the Response, never thrown. `variables` is a JSON object. A text
  // over Config::max_query_bytes or variables over Config::max_variables_bytes are refused
  // (VALIDATION_ERROR) before parsing.
  Response execute(std::string_view aql, const Json& variables = Json::object());
  // Runs every operation of an AQL document in order and returns one response each (a failed
  // operation changes nothing; the others commit). A syntax error in the document, or a text
  // or variables over their limit, gives one response with that error and runs nothing.
  std::vector<Response> execute_all(std::string_view aql, const Json& variables = Json::object());

  // Stops the operation running in execute() soon: it answers INTERRUPTED and changes nothing.
  // Meant for another thread or a signal handler (the `aql` shell calls it on Ctrl-C); it only
  // sets a flag SQLite checks, so it is async-signal-safe. With nothing running it does nothing.
  // REQUIRES: the Database is open (not moved from, not closed).
  void interrupt();

  // The worker system. Never null: without Config::workers_enabled its register_handler throws
  // aurora::Exception (VALIDATION_ERROR) saying to set workers_enabled.
  Workers* workers();

  // Enqueues a job (committed when this returns) and returns its id. Works with or without
  // workers in this process. Throws aurora::Exception (VALIDATION_ERROR for a bad type, a payload
  // that cannot be stored as given (invalid UTF-8, NaN/Infinity, too deep; the message names the
  // place), options out of range (see docs/jobs.md) or a read-only file; BUSY when another
  // connection held the write lock past Config::busy_timeout; INTERNAL for I/O errors).
  std::string enqueue_job(std::string_view type, Json payload, Priority priority = Priority::Normal);
  std::string enqueue_job(std::string_view type, Json payload, const JobOptions& options);
  // Enqueues all the jobs in one transaction (all or none); returns their ids in order.
  std::vector<std::string> enqueue_jobs(const std::vector<JobRequest>& jobs);
  // PENDING, SCHEDULED or RUNNING → CANCELLED (a running attempt's result is ignored). False
  // when the job had already finished. Throws aurora::Exception (NOT_FOUND) for an unknown id.
  bool cancel_job(std::string_view id);
  // FAILED or CANCELLED → PENDING with retries reset to 0. False for a job in another state.
  // Throws aurora::Exception (NOT_FOUND) for an unknown id.
  bool retry_job(std::string_view id);
  // Counts by status and type, the oldest pending job, and up to `recent_failures` FAILED jobs.
  JobQueueSummary job_summary(int recent_failures = 10);

  // Stops claiming jobs, waits for running ones (up to Config::shutdown_timeout), hands the rest
  // back to the queue, and closes the file. Called by the destructor; safe to call twice.
  // Afterwards every call (through this object or a handler's Job::database()) throws
  // aurora::Exception with code CLOSED, and execute() answers a Response with that code.
  //
  // In a child made by fork(), every call on a Database the parent opened throws
  // aurora::Exception (VALIDATION_ERROR; execute() answers it) and the destructor leaves the
  // parent's connection and files alone: open the database again in the child (docs/api.md).
  void close();

  class Impl;
  // A second handle on an open engine (what Job::database() gives a handler): shares ownership
  // of the engine, does not close it when destroyed. For the library's own use.
  static std::shared_ptr<Database> Handle(const std::shared_ptr<Impl>& impl);

 private:
  Database(std::shared_ptr<Impl> impl, bool owns);
  std::shared_ptr<Impl> impl_;
  bool owns_ = true;  // this object's destruction closes the engine (not a Handle)
};

}  // namespace aurora
