// `aql jobs [DB] [--json]`: the job queue at a glance (docs/jobs.md "Monitoring").
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>

#include "aurora/aurora.h"
#include "subcommands.h"

namespace aurora::shell {
namespace {

std::string Age(std::chrono::milliseconds age) {
  long long s = age.count() / 1000;
  if (s < 60) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(age.count()) / 1000.0);
    return buf;
  }
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  if (s < 86400) return std::to_string(s / 3600) + " h " + std::to_string(s / 60 % 60) + " min";
  return std::to_string(s / 86400) + " d " + std::to_string(s / 3600 % 24) + " h";
}

Json ToJson(const JobQueueSummary& s) {
  Json status = Json::object();
  for (const auto& [name, n] : s.by_status) status.set(name, Json(static_cast<long long>(n)));
  Json types = Json::array();
  for (const auto& row : s.by_type) {
    Json counts = Json::object({{"type", row.type}, {"total", Json(static_cast<long long>(row.total))}});
    for (const auto& [name, n] : row.by_status) counts.set(name, Json(static_cast<long long>(n)));
    types.push_back(std::move(counts));
  }
  Json failures = Json::array();
  for (const auto& f : s.recent_failures) {
    failures.push_back(Json::object({{"id", f.id}, {"type", f.type}, {"error", f.error}, {"last_retry", f.last_retry},
                                     {"retries", f.retries}, {"max_retries", f.max_retries}}));
  }
  Json out = Json::object({{"by_status", status}, {"by_type", types}});
  if (s.oldest_pending_id) {
    out.set("oldest_pending", Json::object({{"id", *s.oldest_pending_id},
                                            {"type", *s.oldest_pending_type},
                                            {"age_ms", Json(static_cast<long long>(s.oldest_pending_age->count()))}}));
  } else {
    out.set("oldest_pending", Json());
  }
  out.set("recent_failures", failures);
  return out;
}

void Print(const std::string& path, const JobQueueSummary& s) {
  std::int64_t total = 0;
  for (const auto& [name, n] : s.by_status) total += n;
  std::cout << "Jobs in " << path << ": " << total << "\n\n";
  std::size_t width = 4;
  for (const auto& row : s.by_type) width = std::max(width, row.type.size());
  std::cout << std::left << std::setw(static_cast<int>(width)) << "type";
  for (const auto& [name, n] : s.by_status) std::cout << "  " << std::right << std::setw(10) << name;
  std::cout << "\n";
  for (const auto& row : s.by_type) {
    std::cout << std::left << std::setw(static_cast<int>(width)) << row.type;
    for (const auto& [name, n] : row.by_status) std::cout << "  " << std::right << std::setw(10) << n;
    std::cout << "\n";
  }
  std::cout << std::left << std::setw(static_cast<int>(width)) << "all";
  for (const auto& [name, n] : s.by_status) std::cout << "  " << std::right << std::setw(10) << n;
  std::cout << "\n\n";
  if (s.oldest_pending_id) {
    std::cout << "Oldest pending: " << *s.oldest_pending_id << " (" << *s.oldest_pending_type << "), waiting "
              << Age(*s.oldest_pending_age) << "\n";
  } else {
    std::cout << "Oldest pending: none\n";
  }
  if (s.recent_failures.empty()) {
    std::cout << "Recent failures: none\n";
    return;
  }
  std::cout << "Recent failures:\n";
  for (const auto& f : s.recent_failures) {
    std::cout << "  " << f.last_retry << "  " << f.id << "  " << f.type << "  (" << f.retries << "/" << f.max_retries
              << " attempts)  " << f.error << "\n";
  }
}

}  // namespace

int RunJobsCommand(int argc, const char* const* argv) {
  std::string path;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json = true;
    } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      std::cout << "usage: aql jobs [DB] [--json]\n"
                   "  Counts of jobs by status and type, the oldest pending job, and recent failures.\n";
      return 0;
    } else if (argv[i][0] == '-' || !path.empty()) {
      std::cerr << "aql jobs: unexpected argument '" << argv[i] << "'\nusage: aql jobs [DB] [--json]\n";
      return 2;
    } else {
      path = argv[i];
    }
  }
  if (!path.empty() && path != ":memory:" && !std::filesystem::exists(path)) {
    std::cerr << "aql jobs: no database at '" << path << "'\n";
    return 1;
  }
  try {
    Config config;
    config.path = path.empty() ? ":memory:" : path;
    Database db = Database::open(config);
    JobQueueSummary summary = db.job_summary(10);
    if (json) {
      std::cout << ToJson(summary).dump() << "\n";
    } else {
      Print(path.empty() ? ":memory:" : path, summary);
    }
  } catch (const aurora::Exception& e) {
    std::cerr << "aql jobs: " << e.what() << " [" << to_string(e.code()) << "]\n";
    return e.code() == ErrorCode::Busy ? 3 : 1;  // 3: busy, try again (as the shell: shell.h)
  }
  return 0;
}

}  // namespace aurora::shell
