#include <thread>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/log.h"

using aurora::LogLevel;
using aurora::internal::Logger;
using aurora::internal::Throttled;

TEST_CASE("the log callback gets every level; a throwing callback is contained") {
  std::vector<std::pair<LogLevel, std::string>> got;
  Logger log([&](LogLevel l, std::string_view m) { got.emplace_back(l, std::string(m)); });
  log.Log(LogLevel::Debug, "d");
  log.Log(LogLevel::Error, "e");
  REQUIRE(got.size() == 2);
  CHECK(got[0].first == LogLevel::Debug);
  CHECK(got[1].second == "e");
  Logger throwing([](LogLevel, std::string_view) { throw 1; });
  CHECK_NOTHROW(throwing.Log(LogLevel::Error, "x"));
  CHECK(std::string(aurora::to_string(LogLevel::Warning)) == "warning");
}

TEST_CASE("a repeating report goes out once per interval and says how many were held back") {
  std::vector<std::string> got;
  Logger log([&](LogLevel, std::string_view m) { got.emplace_back(m); });
  Throttled t(std::chrono::hours(1));
  for (int i = 0; i < 100; ++i) t.Report(log, LogLevel::Error, "disk full");
  REQUIRE(got.size() == 1);
  t.Clear();
  t.Report(log, LogLevel::Error, "disk full");
  CHECK(got.size() == 2);
  Throttled fast(std::chrono::nanoseconds(0));
  fast.Report(log, LogLevel::Error, "a");
  fast.Report(log, LogLevel::Error, "a");
  CHECK(got.size() == 4);
  Throttled held(std::chrono::milliseconds(20));
  held.Report(log, LogLevel::Error, "b");
  held.Report(log, LogLevel::Error, "b");
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  held.Report(log, LogLevel::Error, "b");
  CHECK(got.back().find("1 more like it") != std::string::npos);
}
