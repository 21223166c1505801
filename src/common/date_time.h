// common/date_time.h: calendar arithmetic for AQL's date pipe functions (planner/computed.h).
//
// A point in time is milliseconds since 1970-01-01T00:00:00Z (UTC, proleptic Gregorian calendar,
// no leap seconds), limited to the years 0000..9999 so that it always prints as the fixed-width
// ISO-8601 text `_jobs` uses ("2026-11-28T13:30:00.123Z"). Every function that could leave that
// range answers nullopt instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aurora::internal {

using EpochMs = std::int64_t;

inline constexpr EpochMs kMinEpochMs = -62167219200000;  // 0000-01-01T00:00:00.000Z
inline constexpr EpochMs kMaxEpochMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

struct CivilTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// The forms the schema type DateTime accepts: "YYYY-MM-DD", optionally followed by 'T' (or a
// space) and "hh:mm[:ss[.fraction]]", optionally followed by 'Z' or an offset "±hh:mm". A time
// without a zone is UTC; an offset is converted to UTC (10:00+02:00 is 08:00Z). Fractions beyond
// milliseconds are truncated. Out-of-range parts (month 13, 2023-02-29, 24:00) give nullopt.
std::optional<EpochMs> ParseDateTime(std::string_view text);

// A fixed UTC offset "+02:00" / "-05:30" (hours 00-23, minutes 00-59) or "Z", in minutes east of
// UTC; nullopt otherwise.
std::optional<int> ParseUtcOffset(std::string_view text);

// nullopt when a part is out of range or the result is outside kMinEpochMs..kMaxEpochMs.
std::optional<EpochMs> FromCivil(const CivilTime& c);
// REQUIRES: kMinEpochMs <= ms <= kMaxEpochMs.
CivilTime ToCivil(EpochMs ms);

// "YYYY-MM-DDTHH:MM:SS.mmmZ". REQUIRES: in range.
std::string FormatIso(EpochMs ms);

int DayOfWeek(EpochMs ms);  // ISO: 1 = Monday … 7 = Sunday
int DayOfYear(EpochMs ms);  // 1..366

// ms + delta, or nullopt when the result (or the sum) is out of range.
std::optional<EpochMs> AddMillis(EpochMs ms, std::int64_t delta);
// Calendar months: the day is clamped to the end of the target month (Jan 31 + 1 month is the
// last day of February), the time of day is kept.
std::optional<EpochMs> AddMonths(EpochMs ms, std::int64_t months);

// Units of dateDiff and startOf: "years" "months" "weeks" "days" "hours" "minutes" "seconds"
// "milliseconds", each also in the singular. Canonical (plural) names, for messages:
const std::vector<std::string>& DateUnitNames();
// The plural form of a unit name, or "" when `unit` is not one.
std::string CanonicalDateUnit(std::string_view unit);

// Whole `unit`s from `from` to `to`, truncated toward zero (negative when `to` is earlier).
// Months and years count calendar months (Jan 31 → Feb 29 is one month). REQUIRES: unit canonical.
std::int64_t DateDiff(EpochMs from, EpochMs to, std::string_view unit);
// The start of the `unit` holding ms (weeks start on Monday; "milliseconds" is ms itself).
// REQUIRES: unit canonical.
EpochMs StartOf(EpochMs ms, std::string_view unit);

// strftime-style formatting, UTC. Directives:
//   %Y year (4 digits)  %y year % 100 (2)  %m month (01-12)  %d day (01-31)  %H hour (00-23)
//   %I hour (01-12)  %p AM/PM  %M minute  %S second  %L millisecond (000-999)  %f seconds with
//   milliseconds (SS.mmm, as SQLite)  %j day of year (001-366)  %u weekday (1-7, Monday = 1)
//   %w weekday (0-6, Sunday = 0)  %a Mon  %A Monday  %b Jan  %B January  %s epoch seconds
//   %F = %Y-%m-%d  %T = %H:%M:%S  %% a '%'
// Anything else is copied as written.
std::string FormatDate(EpochMs ms, std::string_view format);
// The first directive of `format` that FormatDate does not know ("%Q", or "%" at the end), or
// "" when every directive is known.
std::string UnknownDateDirective(std::string_view format);
const std::vector<std::string>& DateDirectives();

}  // namespace aurora::internal
