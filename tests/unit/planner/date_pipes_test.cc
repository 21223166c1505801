// planner/computed.h: the date pipe functions, evaluated on JSON.
#include <doctest/doctest.h>

#include <string>

#include "common/date_time.h"
#include "computed_eval.h"

using aurora::Json;
using namespace aurora;

using aurora::testing::CheckError;
using aurora::testing::Eval;

TEST_CASE("date parts, in UTC") {
  const char* doc = R"({"a": "2024-05-01T01:30:00.250+02:00"})";  // 2024-04-30T23:30:00.250Z, a Tuesday
  CHECK(Eval("a | year", doc) == "2024");
  CHECK(Eval("a | month", doc) == "4");
  CHECK(Eval("a | day", doc) == "30");
  CHECK(Eval("a | hour", doc) == "23");
  CHECK(Eval("a | minute", doc) == "30");
  CHECK(Eval("a | second", doc) == "0");
  CHECK(Eval("a | millisecond", doc) == "250");
  CHECK(Eval("a | dayOfWeek", doc) == "2");
  CHECK(Eval("a | dayOfYear", doc) == "121");
  CHECK(Eval("a | toDate", doc) == R"("2024-04-30T23:30:00.250Z")");
  CHECK(Eval("a | year", R"({"a": "2024-05-01"})") == "2024");
}

TEST_CASE("formatDate") {
  CHECK(Eval(R"(a | formatDate(format: "%Y-%m-%d %H:%M"))", R"({"a": "2024-05-01T10:00:00Z"})") == R"("2024-05-01 10:00")");
  CHECK(Eval(R"(a | formatDate(format: "%A %d %B %Y"))", R"({"a": "2024-02-29"})") == R"("Thursday 29 February 2024")");
  CHECK(Eval(R"(a | formatDate(format: "%H:%M"))", R"({"a": 0})") == R"("00:00")");  // epoch milliseconds
  // At a fixed offset: the wall-clock time there (across midnight, month and year ends).
  CHECK(Eval(R"(a | formatDate(format: "%F %H:%M", offset: "+02:00"))", R"({"a": "2024-12-31T23:30:00Z"})") ==
        R"("2025-01-01 01:30")");
  CHECK(Eval(R"(a | formatDate(format: "%F %H:%M", offset: "-05:30"))", R"({"a": "2024-03-01T02:00:00Z"})") ==
        R"("2024-02-29 20:30")");
  CHECK(Eval(R"(a | formatDate(format: "%Y", offset: "+01:00"))", R"({"a": "9999-12-31T23:30:00Z"})") == "null");
}

TEST_CASE("timestamps") {
  CHECK(Eval("a | toTimestamp", R"({"a": "1970-01-02"})") == "86400000");
  CHECK(Eval(R"(a | toTimestamp(unit: "seconds"))", R"({"a": "1970-01-02T00:00:01.999Z"})") == "86401");
  CHECK(Eval(R"(a | toTimestamp(unit: "second"))", R"({"a": "1969-12-31T23:59:59.500Z"})") == "-1");  // floor
  CHECK(Eval("a | fromTimestamp", R"({"a": 1714557600000})") == R"("2024-05-01T10:00:00.000Z")");
  CHECK(Eval(R"(a | fromTimestamp(unit: "seconds"))", R"({"a": 1714557600})") == R"("2024-05-01T10:00:00.000Z")");
  CHECK(Eval(R"(a | fromTimestamp(unit: "seconds"))", R"({"a": 1714557600.5})") == R"("2024-05-01T10:00:00.500Z")");
  CHECK(Eval("a | fromTimestamp", R"({"a": 1.5})") == R"("1970-01-01T00:00:00.001Z")");
  CHECK(Eval("a | toTimestamp | fromTimestamp", R"({"a": "2024-05-01T12:00:00+02:00"})") == R"("2024-05-01T10:00:00.000Z")");
}

TEST_CASE("date arithmetic") {
  CHECK(Eval("a | addDays(n: 1)", R"({"a": "2024-02-28"})") == R"("2024-02-29T00:00:00.000Z")");
  CHECK(Eval("a | addDays(n: 1)", R"({"a": "2023-02-28"})") == R"("2023-03-01T00:00:00.000Z")");
  CHECK(Eval("a | addDays(n: -1)", R"({"a": "2024-03-01T10:00:00+02:00"})") == R"("2024-02-29T08:00:00.000Z")");
  CHECK(Eval("a | addHours(n: 25)", R"({"a": "2024-12-31T00:00:00Z"})") == R"("2025-01-01T01:00:00.000Z")");
  CHECK(Eval("a | addMinutes(n: 90) | addSeconds(n: 30) | addMilliseconds(n: 5)", R"({"a": "2024-01-01"})") ==
        R"("2024-01-01T01:30:30.005Z")");
  CHECK(Eval("a | addWeeks(n: 2)", R"({"a": "2024-02-20"})") == R"("2024-03-05T00:00:00.000Z")");
  CHECK(Eval("a | addMonths(n: 1)", R"({"a": "2024-01-31"})") == R"("2024-02-29T00:00:00.000Z")");
  CHECK(Eval("a | addYears(n: 1)", R"({"a": "2024-02-29T12:00:00Z"})") == R"("2025-02-28T12:00:00.000Z")");
  CHECK(Eval("a | addYears(n: 10000)", R"({"a": "2024-01-01"})") == "null");  // past year 9999
  CHECK(Eval("a | addDays(n: 9223372036854775807)", R"({"a": "2024-01-01"})") == "null");
  CHECK(Eval(R"(a | startOf(unit: "month"))", R"({"a": "2024-05-17T10:00:00Z"})") == R"("2024-05-01T00:00:00.000Z")");
  CHECK(Eval(R"(a | dateDiff(to: "2024-03-01", unit: "days"))", R"({"a": "2024-02-28"})") == "2");
  CHECK(Eval(R"(a | dateDiff(to: "2024-01-01", unit: "hours"))", R"({"a": "2024-01-02T00:00:00+01:00"})") == "-23");
}

TEST_CASE("date functions answer null for what is not a date") {
  CHECK(Eval("a | year", R"({"a": "2023-02-29"})") == "null");
  CHECK(Eval("a | year", R"({"a": "soon"})") == "null");
  CHECK(Eval("a | year", R"({"a": true})") == "null");
  CHECK(Eval("a | year", R"({"a": [2024]})") == "null");
  CHECK(Eval("a | year", R"({})") == "null");
  CHECK(Eval("a | fromTimestamp", R"({"a": 1e300})") == "null");
  CHECK(Eval(R"(a | fromTimestamp(unit: "seconds"))", R"({"a": -1e300})") == "null");
  CHECK(Eval(R"(a | formatDate(format: "%Y"))", R"({"a": "2024-05-01T10:00:00+2"})") == "null");
}

TEST_CASE("now is one time for the whole operation") {
  planner::NowScope scope;
  internal::EpochMs now = planner::OperationNow();
  CHECK(Eval("a | default(value: now)", R"({})") == "\"" + internal::FormatIso(now) + "\"");
  CHECK(Eval("a | default(value: now)", R"({"a": 1})") == "1");
  {
    planner::NowScope nested;  // keeps the outer time
    CHECK(planner::OperationNow() == now);
  }
  CHECK(planner::OperationNow() == now);
  CHECK(Eval(R"(a | dateDiff(to: now, unit: "years"))", R"({"a": "0000-01-01"})") ==
        std::to_string(internal::ToCivil(now).year));
}

TEST_CASE("date arguments are checked") {
  CHECK(CheckError("a | formatDate") == "'formatDate' needs the argument 'format'");
  CHECK(CheckError(R"(a | formatDate(format: "%Y-%q"))") ==
        "unknown directive '%q' in 'formatDate(format:)' (directives: %Y %y %m %d %H %I %p %M %S %L %f %j %u %w %a "
        "%A %b %B %s %F %T %%)");
  CHECK(CheckError("a | formatDate(format: 5)") == "'formatDate(format:)' expects a format string such as \"%Y-%m-%d\"");
  CHECK(CheckError("a | addDays") == "'addDays' needs the argument 'n'");
  CHECK(CheckError("a | addDays(n: 1.5)") == "'addDays(n:)' expects an integer");
  CHECK(CheckError("a | addDay(n: 1)") == "unknown pipe function 'addDay' (did you mean 'addDays'?)");
  CHECK(CheckError(R"(a | dateDiff(to: "2024-02-30", unit: "days"))") ==
        "'dateDiff(to:)' expects a date such as \"2024-05-01\" or \"2024-05-01T10:00:00Z\", got \"2024-02-30\"");
  CHECK(CheckError(R"(a | dateDiff(to: today, unit: "days"))") == "'dateDiff(to:)' expects a date string or now");
  CHECK(CheckError(R"(a | dateDiff(to: now, unit: "dayz"))") ==
        "'dateDiff(unit:)' expects one of \"years\", \"months\", \"weeks\", \"days\", \"hours\", \"minutes\", "
        "\"seconds\", \"milliseconds\" (or the singular), got \"dayz\" (did you mean 'days'?)");
  CHECK(CheckError(R"(a | toTimestamp(unit: "days"))") ==
        "'toTimestamp(unit:)' expects one of \"milliseconds\", \"seconds\" (or the singular), got \"days\"");
  CHECK(CheckError(R"(a | startOf(unit: "day"))") == "no error");
  CHECK(CheckError(R"(a | startOf(unit: day))") ==
        "'startOf(unit:)' expects one of \"years\", \"months\", \"weeks\", \"days\", \"hours\", \"minutes\", "
        "\"seconds\", \"milliseconds\" (or the singular), got day (write units as strings: \"day\")");
  CHECK(CheckError(R"(a | startOf(unit: 1))").find("got something else") != std::string::npos);
  CHECK(CheckError(R"(a | formatDate(format: "%H", offset: "CET"))") ==
        "'formatDate(offset:)' expects a UTC offset such as \"+02:00\" or \"-05:30\"");
}
