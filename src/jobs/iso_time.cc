#include "jobs/iso_time.h"

#include "common/date_time.h"

namespace aurora::jobs {

std::string FormatIsoMs(Millis ms) {
  // Hot paths format the same millisecond many times in a row.
  thread_local Millis last_ms = -1;
  thread_local std::string last;
  if (ms == last_ms && !last.empty()) return last;
  last = internal::FormatIso(ms);
  last_ms = ms;
  return last;
}

std::optional<Millis> ParseIsoMs(std::string_view text) {
  // A time of day without a zone is ambiguous for a job's run time: refuse it rather than guess.
  if (text.size() > 10 && text.find_first_of("Z+-", 10) == std::string_view::npos) return std::nullopt;
  return internal::ParseDateTime(text);
}

}  // namespace aurora::jobs
