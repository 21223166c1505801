// common/log.h: the library's one way to report what it cannot hand back to a caller.
//
// A Logger wraps Config::log. Without a callback it writes warnings and errors to stderr;
// nothing else in the library writes there. `Throttled` keeps a failure that repeats every
// few milliseconds (a full disk, a lock held forever) from flooding the log: the first report
// goes out, then at most one a minute, saying how many were held back.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "aurora/config.h"

namespace aurora::internal {

class Logger {
 public:
  using Sink = std::function<void(LogLevel, std::string_view)>;
  explicit Logger(Sink sink = {}) : sink_(std::move(sink)) {}

  void Log(LogLevel level, std::string_view message) const;

 private:
  Sink sink_;
};

// Reports a repeating condition at most once per `interval`.
class Throttled {
 public:
  explicit Throttled(std::chrono::steady_clock::duration interval = std::chrono::minutes(1)) : interval_(interval) {}

  // Logs `message` when it is the first report or `interval` passed since the last one.
  void Report(const Logger& logger, LogLevel level, const std::string& message);
  // The condition ended: the next Report is a first report again.
  void Clear();

 private:
  std::mutex mu_;
  std::chrono::steady_clock::duration interval_;
  bool active_ = false;
  std::chrono::steady_clock::time_point last_{};
  long held_back_ = 0;
};

}  // namespace aurora::internal
