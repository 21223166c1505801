// Names of error and warning codes, priorities and statuses, and Response::to_json.
#include "aurora/error.h"

#include "aurora/job.h"
#include "aurora/response.h"

namespace aurora {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::SyntaxError: return "SYNTAX_ERROR";
    case ErrorCode::ValidationError: return "VALIDATION_ERROR";
    case ErrorCode::ConstraintViolation: return "CONSTRAINT_VIOLATION";
    case ErrorCode::NotFound: return "NOT_FOUND";
    case ErrorCode::Internal: return "INTERNAL";
    case ErrorCode::Interrupted: return "INTERRUPTED";
    case ErrorCode::Closed: return "CLOSED";
    case ErrorCode::Busy: return "BUSY";
  }
  return "INTERNAL";
}

const char* to_string(Priority p) {
  switch (p) {
    case Priority::Low: return "LOW";
    case Priority::Normal: return "NORMAL";
    case Priority::High: return "HIGH";
    case Priority::Critical: return "CRITICAL";
  }
  return "NORMAL";
}

const char* to_string(JobStatus s) {
  switch (s) {
    case JobStatus::Pending: return "PENDING";
    case JobStatus::Scheduled: return "SCHEDULED";
    case JobStatus::Running: return "RUNNING";
    case JobStatus::Completed: return "COMPLETED";
    case JobStatus::Failed: return "FAILED";
    case JobStatus::Cancelled: return "CANCELLED";
  }
  return "PENDING";
}

const char* to_string(WarningCode code) {
  switch (code) {
    case WarningCode::UnknownCollection: return "UNKNOWN_COLLECTION";
  }
  return "UNKNOWN_COLLECTION";
}

Json Response::to_json() const {
  if (errors.empty()) {
    Json out = Json::object({{"data", data}});
    if (warnings.empty()) return out;
    Json list = Json::array();
    for (const Warning& w : warnings) {
      Json item = Json::object({{"message", w.message}, {"code", to_string(w.code)}});
      if (w.line > 0) {
        item.set("line", w.line);
        item.set("column", w.column);
      }
      list.push_back(std::move(item));
    }
    out.set("warnings", std::move(list));
    return out;
  }
  Json list = Json::array();
  for (const Error& e : errors) {
    Json err = Json::object({{"message", e.message}, {"code", to_string(e.code)}});
    if (e.line > 0) {
      err.set("line", e.line);
      err.set("column", e.column);
    }
    list.push_back(std::move(err));
  }
  return Json::object({{"errors", std::move(list)}});
}

}  // namespace aurora
