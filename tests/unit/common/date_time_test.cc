// common/date_time.h: parsing, calendar arithmetic and formatting of dates.
#include <doctest/doctest.h>

#include <string>

#include "common/date_time.h"
#include "jobs/iso_time.h"

using namespace aurora::internal;

namespace {

std::string Iso(std::string_view text) {
  std::optional<EpochMs> ms = ParseDateTime(text);
  return ms ? FormatIso(*ms) : "invalid";
}

EpochMs At(std::string_view text) {
  std::optional<EpochMs> ms = ParseDateTime(text);
  REQUIRE(ms);
  return *ms;
}

std::string Plus(std::string_view text, std::int64_t months) {
  std::optional<EpochMs> ms = AddMonths(At(text), months);
  return ms ? FormatIso(*ms) : "out of range";
}

}  // namespace

TEST_CASE("ParseDateTime reads the DateTime forms, in UTC") {
  CHECK(ParseDateTime("1970-01-01") == 0);
  CHECK(ParseDateTime("1970-01-01T00:00:01Z") == 1000);
  CHECK(ParseDateTime("1970-01-01T00:00:00.5Z") == 500);
  CHECK(ParseDateTime("1970-01-01T00:00:00.123456789Z") == 123);  // beyond ms: truncated
  CHECK(Iso("2024-05-01") == "2024-05-01T00:00:00.000Z");
  CHECK(Iso("2024-05-01T10:00Z") == "2024-05-01T10:00:00.000Z");   // seconds optional
  CHECK(Iso("2024-05-01 10:00:00") == "2024-05-01T10:00:00.000Z");  // no zone: UTC
  CHECK(Iso("2024-05-01T10:00:00+02:00") == "2024-05-01T08:00:00.000Z");
  CHECK(Iso("2024-05-01T01:30:00+02:00") == "2024-04-30T23:30:00.000Z");  // offset crosses midnight and month
  CHECK(Iso("2024-12-31T23:00:00-01:30") == "2025-01-01T00:30:00.000Z");  // … and the year
  CHECK(Iso("2026-11-28T13:30:00.123Z") == "2026-11-28T13:30:00.123Z");
}

TEST_CASE("ParseDateTime refuses what is not a date") {
  for (const char* bad : {"", "2024", "2024-5-01", "2024-13-01", "2024-00-10", "2024-04-31", "2023-02-29",
                          "2024-05-01T24:00:00Z", "2024-05-01T10:60Z", "2024-05-01T10:00:60Z", "2024-05-01T10Z",
                          "2024-05-01T10:00:00.Z", "2024-05-01T10:00:00+2:00", "2024-05-01T10:00:00+24:00",
                          "2024-05-01T10:00:00ZZ", "2024-05-01X", "2024-05-01T", "0000-01-01T00:00:00+00:01",
                          "9999-12-31T23:59:59-00:01", "yesterday"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseDateTime(bad).has_value());
  }
  CHECK(ParseDateTime("0000-01-01") == kMinEpochMs);
  CHECK(ParseDateTime("9999-12-31T23:59:59.999Z") == kMaxEpochMs);
}

TEST_CASE("ParseUtcOffset") {
  CHECK(ParseUtcOffset("Z") == 0);
  CHECK(ParseUtcOffset("+02:00") == 120);
  CHECK(ParseUtcOffset("-05:30") == -330);
  CHECK(ParseUtcOffset("+00:00") == 0);
  for (const char* bad : {"", "z", "+2:00", "+0200", "+24:00", "+02:60", "02:00", "+02:00 "}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseUtcOffset(bad).has_value());
  }
}

TEST_CASE("leap years and month lengths") {
  CHECK(IsLeapYear(2024));
  CHECK(IsLeapYear(2000));
  CHECK_FALSE(IsLeapYear(1900));
  CHECK_FALSE(IsLeapYear(2023));
  CHECK(DaysInMonth(2024, 2) == 29);
  CHECK(DaysInMonth(2023, 2) == 28);
  CHECK(DaysInMonth(1900, 2) == 28);
  CHECK(DaysInMonth(2024, 4) == 30);
  CHECK(DaysInMonth(2024, 12) == 31);
  CHECK(Iso("2024-02-29") == "2024-02-29T00:00:00.000Z");
  CHECK(Iso("2000-02-29") == "2000-02-29T00:00:00.000Z");
  CHECK(Iso("1900-02-29") == "invalid");
}

TEST_CASE("ToCivil and FromCivil round-trip, before and after 1970") {
  for (const char* text : {"1969-12-31T23:59:59.999Z", "1600-03-01T00:00:00.000Z", "0000-01-01T00:00:00.000Z",
                           "2038-01-19T03:14:08.000Z", "9999-12-31T23:59:59.999Z"}) {
    CAPTURE(text);
    EpochMs ms = At(text);
    CHECK(FromCivil(ToCivil(ms)) == ms);
    CHECK(FormatIso(ms) == text);
  }
  CHECK(ParseDateTime("1969-12-31T23:59:59.999Z") == -1);
  CivilTime c = ToCivil(-1);
  CHECK(c.year == 1969);
  CHECK(c.millisecond == 999);
}

TEST_CASE("AddMonths clamps to the end of the month") {
  CHECK(Plus("2024-01-31T10:00:00Z", 1) == "2024-02-29T10:00:00.000Z");  // leap year
  CHECK(Plus("2023-01-31", 1) == "2023-02-28T00:00:00.000Z");
  CHECK(Plus("2024-03-31", -1) == "2024-02-29T00:00:00.000Z");
  CHECK(Plus("2024-02-29", 12) == "2025-02-28T00:00:00.000Z");  // addYears(1) of a leap day
  CHECK(Plus("2024-02-29", 48) == "2028-02-29T00:00:00.000Z");
  CHECK(Plus("2024-11-15", 2) == "2025-01-15T00:00:00.000Z");
  CHECK(Plus("2024-01-15", -13) == "2022-12-15T00:00:00.000Z");
  CHECK(Plus("9999-12-01", 1) == "out of range");
  CHECK(Plus("0000-01-01", -1) == "out of range");
}

TEST_CASE("AddMillis stays in range and never overflows") {
  CHECK(AddMillis(0, 86400000) == 86400000);
  CHECK_FALSE(AddMillis(kMaxEpochMs, 1).has_value());
  CHECK_FALSE(AddMillis(kMinEpochMs, -1).has_value());
  CHECK_FALSE(AddMillis(0, INT64_MAX).has_value());
  CHECK_FALSE(AddMillis(0, INT64_MIN).has_value());
  // Across a leap day: 2024-02-28 + 1 day is the 29th, + 2 days is March 1st.
  CHECK(FormatIso(*AddMillis(At("2024-02-28"), 2 * 86400000LL)) == "2024-03-01T00:00:00.000Z");
}

TEST_CASE("weekday, day of year, start of a unit") {
  CHECK(DayOfWeek(0) == 4);                         // 1970-01-01: Thursday
  CHECK(DayOfWeek(At("2024-05-06")) == 1);          // Monday
  CHECK(DayOfWeek(At("2024-05-05T23:59:59Z")) == 7);  // Sunday
  CHECK(DayOfWeek(At("1969-12-31")) == 3);          // Wednesday, before the epoch
  CHECK(DayOfYear(At("2024-12-31")) == 366);
  CHECK(DayOfYear(At("2023-12-31")) == 365);
  CHECK(DayOfYear(At("2024-03-01")) == 61);
  CHECK(FormatIso(StartOf(At("2024-05-08T10:20:30.400Z"), "weeks")) == "2024-05-06T00:00:00.000Z");
  CHECK(FormatIso(StartOf(At("2024-05-06T10:20:30.400Z"), "weeks")) == "2024-05-06T00:00:00.000Z");
  CHECK(FormatIso(StartOf(At("2024-05-08T10:20:30.400Z"), "months")) == "2024-05-01T00:00:00.000Z");
  CHECK(FormatIso(StartOf(At("2024-05-08T10:20:30.400Z"), "years")) == "2024-01-01T00:00:00.000Z");
  CHECK(FormatIso(StartOf(At("2024-05-08T10:20:30.400Z"), "days")) == "2024-05-08T00:00:00.000Z");
  CHECK(FormatIso(StartOf(At("2024-05-08T10:20:30.400Z"), "hours")) == "2024-05-08T10:00:00.000Z");
  CHECK(FormatIso(StartOf(At("1969-12-31T23:59:59.999Z"), "minutes")) == "1969-12-31T23:59:00.000Z");
  CHECK(FormatIso(StartOf(At("0000-01-01T05:00:00Z"), "weeks")) == "0000-01-01T00:00:00.000Z");  // clamped
}

TEST_CASE("DateDiff truncates toward zero; months are calendar months") {
  CHECK(DateDiff(At("2024-05-01"), At("2024-05-03T23:00:00Z"), "days") == 2);
  CHECK(DateDiff(At("2024-05-03T23:00:00Z"), At("2024-05-01"), "days") == -2);
  CHECK(DateDiff(At("2024-02-28"), At("2024-03-01"), "days") == 2);  // leap year
  CHECK(DateDiff(At("2023-02-28"), At("2023-03-01"), "days") == 1);
  CHECK(DateDiff(At("2024-05-01T10:00:00+02:00"), At("2024-05-01T10:00:00Z"), "hours") == 2);
  CHECK(DateDiff(At("2024-01-01"), At("2024-01-15"), "weeks") == 2);
  CHECK(DateDiff(At("2024-01-31"), At("2024-02-29"), "months") == 1);  // clamped month end counts
  CHECK(DateDiff(At("2024-01-31"), At("2024-02-28"), "months") == 0);
  CHECK(DateDiff(At("2024-01-15"), At("2025-01-14"), "months") == 11);
  CHECK(DateDiff(At("2024-01-15"), At("2025-01-14"), "years") == 0);
  CHECK(DateDiff(At("2024-01-15"), At("2025-01-15"), "years") == 1);
  CHECK(DateDiff(At("2025-01-15"), At("2024-01-16"), "months") == -11);
  CHECK(DateDiff(At("2024-02-29"), At("2025-02-28"), "years") == 1);  // a leap day's anniversary
  CHECK(DateDiff(0, 1500, "seconds") == 1);
  CHECK(DateDiff(0, -1500, "seconds") == -1);
  CHECK(CanonicalDateUnit("day") == "days");
  CHECK(CanonicalDateUnit("days") == "days");
  CHECK(CanonicalDateUnit("fortnight").empty());
}

TEST_CASE("FormatDate directives") {
  EpochMs t = At("2024-03-05T14:07:09.042Z");  // a Tuesday
  CHECK(FormatDate(t, "%Y-%m-%d %H:%M:%S.%L") == "2024-03-05 14:07:09.042");
  CHECK(FormatDate(t, "%F %T") == "2024-03-05 14:07:09");
  CHECK(FormatDate(t, "%y %I%p %f") == "24 02PM 09.042");
  CHECK(FormatDate(t, "%a %A %b %B") == "Tue Tuesday Mar March");
  CHECK(FormatDate(t, "%j %u %w") == "065 2 2");
  CHECK(FormatDate(At("2024-03-10"), "%u %w %I%p") == "7 0 12AM");  // Sunday, midnight
  CHECK(FormatDate(At("1970-01-02"), "%s") == "86400");
  CHECK(FormatDate(-1, "%s") == "-1");
  CHECK(FormatDate(t, "100%% on %d.") == "100% on 05.");
  CHECK(FormatDate(At("0042-01-01"), "%Y") == "0042");
  CHECK(UnknownDateDirective("%Y-%m-%d").empty());
  CHECK(UnknownDateDirective("%Y %Q") == "%Q");
  CHECK(UnknownDateDirective("at 5%") == "%");
  CHECK(UnknownDateDirective("%é") == "%é");
}

TEST_CASE("FormatIso and ParseDateTime round-trip across the whole range, and agree with the _jobs clock format") {
  int checked = 0;
  for (EpochMs ms = kMinEpochMs; ms <= kMaxEpochMs; ms += 7919LL * 86400000 + 3600001 * 7 + 13) {
    std::string text = FormatIso(ms);
    CAPTURE(text);
    REQUIRE(ParseDateTime(text) == ms);
    REQUIRE(FromCivil(ToCivil(ms)) == ms);
    if (ms >= 0) REQUIRE(text == aurora::jobs::FormatIsoMs(ms));  // the same text as _jobs times
    CivilTime c = ToCivil(ms);
    REQUIRE(DayOfYear(ms) == static_cast<int>((StartOf(ms, "days") - *FromCivil({c.year, 1, 1, 0, 0, 0, 0})) / 86400000) + 1);
    ++checked;
  }
  CHECK(checked > 400);
}
