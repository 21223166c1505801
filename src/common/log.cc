#include "common/log.h"

#include <cstdio>

namespace aurora {

const char* to_string(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
  }
  return "error";
}

namespace internal {

void Logger::Log(LogLevel level, std::string_view message) const {
  if (sink_) {
    try {
      sink_(level, message);
    } catch (...) {
      // A throwing log callback must not take a background thread down with it.
    }
    return;
  }
  if (level < LogLevel::Warning) return;
  std::string line = "aurora: ";
  line += to_string(level);
  line += ": ";
  line.append(message.data(), message.size());
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void Throttled::Report(const Logger& logger, LogLevel level, const std::string& message) {
  std::string text;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto now = std::chrono::steady_clock::now();
    if (active_ && now - last_ < interval_) {
      ++held_back_;
      return;
    }
    text = message;
    if (held_back_ > 0) text += " (" + std::to_string(held_back_) + " more like it since the last report)";
    active_ = true;
    last_ = now;
    held_back_ = 0;
  }
  logger.Log(level, text);
}

void Throttled::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  active_ = false;
  held_back_ = 0;
}

}  // namespace internal
}  // namespace aurora
