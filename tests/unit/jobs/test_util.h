// Helpers for the job tests: temporary database files, waiting for a condition, and job
// handlers made from a function.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "aurora/job.h"
#include "jobs/job_store.h"
#include "storage/sqlite.h"

namespace aurora::testing {

// A fresh directory under /tmp, removed with its contents at the end of the scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "aurora-jobs-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Polls `done` every millisecond until it holds or `limit` passes. Not a timing assertion:
// the limit only keeps a broken build from hanging.
inline bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return done();
}

inline std::int64_t CountStatus(storage::Connection& conn, const char* status) {
  storage::Statement& st = conn.Prepare("SELECT count(*) FROM _jobs WHERE status = ?");
  st.Bind(1, std::string(status));
  st.Step();
  std::int64_t n = st.Int(0);
  st.Reset();
  return n;
}

// A job handler that calls a function for every job.
struct FnHandler : JobHandler {
  explicit FnHandler(std::function<JobResult(const Job&)> f) : fn(std::move(f)) {}
  JobResult handle(const Job& job) override { return fn(job); }
  std::function<JobResult(const Job&)> fn;
};

inline std::unique_ptr<JobHandler> Handler(std::function<JobResult(const Job&)> fn) {
  return std::make_unique<FnHandler>(std::move(fn));
}

}  // namespace aurora::testing
