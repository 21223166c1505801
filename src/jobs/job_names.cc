// Parsing of priority and status words (their names are in src/common/error.cc).
#include <cctype>

#include "aurora/job.h"

namespace aurora {
namespace {

bool EqualsUpper(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(word[i])) != upper[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<Priority> parse_priority(std::string_view word) {
  for (Priority p : {Priority::Low, Priority::Normal, Priority::High, Priority::Critical}) {
    if (EqualsUpper(word, to_string(p))) return p;
  }
  return std::nullopt;
}

std::optional<JobStatus> parse_job_status(std::string_view word) {
  for (JobStatus s : {JobStatus::Pending, JobStatus::Scheduled, JobStatus::Running, JobStatus::Completed,
                      JobStatus::Failed, JobStatus::Cancelled}) {
    if (EqualsUpper(word, to_string(s))) return s;
  }
  return std::nullopt;
}

}  // namespace aurora
