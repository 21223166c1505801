#include <doctest/doctest.h>

#include "jobs/iso_time.h"

using aurora::jobs::FormatIsoMs;
using aurora::jobs::ParseIsoMs;

TEST_CASE("ISO-8601 times: format is fixed width UTC with milliseconds") {
  CHECK(FormatIsoMs(0) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatIsoMs(1795872600123) == "2026-11-28T13:30:00.123Z");
  CHECK(FormatIsoMs(951782400000) == "2000-02-29T00:00:00.000Z");  // leap day
  CHECK(FormatIsoMs(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("ISO-8601 times: parse round-trips and accepts offsets and dates") {
  for (aurora::jobs::Millis ms : {0LL, 1795872600123LL, 951782400000LL, 4102444799999LL}) {
    CHECK(ParseIsoMs(FormatIsoMs(ms)) == ms);
  }
  CHECK(ParseIsoMs("2026-11-28T14:30:00.123+01:00") == 1795872600123);
  CHECK(ParseIsoMs("2026-11-28T13:30:00Z") == 1795872600000);
  CHECK(ParseIsoMs("2026-11-28") == 1795824000000);
  CHECK(ParseIsoMs("2026-11-28T13:30:00.5Z") == 1795872600500);
  CHECK_FALSE(ParseIsoMs("2026-11-28T13:30:00"));  // no zone
  CHECK_FALSE(ParseIsoMs("2026-13-01"));
  CHECK_FALSE(ParseIsoMs("yesterday"));
  CHECK_FALSE(ParseIsoMs("2026-11-28T13:30:00Zjunk"));
}

TEST_CASE("ISO-8601 times: text order is time order") {
  CHECK(FormatIsoMs(999) < FormatIsoMs(1000));
  CHECK(FormatIsoMs(1795872600123) < FormatIsoMs(1795872600124));
}

TEST_CASE("ISO-8601 times: run times are real dates and times") {
  CHECK_FALSE(ParseIsoMs("2023-02-29"));            // not a leap year
  CHECK_FALSE(ParseIsoMs("2026-11-28T24:00:00Z"));  // hour out of range
  CHECK_FALSE(ParseIsoMs("2026-11-28T13:30"));      // a time needs a zone
  CHECK(ParseIsoMs("2024-02-29T00:00Z") == 1709164800000);
}
