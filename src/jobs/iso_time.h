// jobs/iso_time.h: timestamps of the `_jobs` table. Times are stored as fixed-width ISO-8601
// UTC text with milliseconds ("2026-11-28T13:30:00.123Z"), so they read well in AQL and sort
// and compare correctly as plain strings (filters, ORDER BY, and the claim query).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jobs/clock.h"

namespace aurora::jobs {

// "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 characters). REQUIRES: year 0..9999.
std::string FormatIsoMs(Millis ms);
// Accepts what internal::ParseDateTime (common/date_time.h) accepts, except a time of day
// without a zone ("Z" or "±HH:MM"); nullopt otherwise.
std::optional<Millis> ParseIsoMs(std::string_view text);

}  // namespace aurora::jobs
