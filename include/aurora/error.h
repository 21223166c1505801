// aurora/error.h: error codes and the error record carried in responses.
#pragma once

#include <stdexcept>
#include <string>

namespace aurora {

// Stable error codes; the spelling of to_string() is what responses and the shell print.
enum class ErrorCode {
  SyntaxError,          // the text is not AQL (carries line and column)
  ValidationError,      // parses, but names, types or arguments are wrong (line and column)
  ConstraintViolation,  // a schema or unique constraint rejected a write
  NotFound,             // a named thing (handler, job, collection) does not exist
  Internal,             // a bug or an I/O failure; never the user's fault
  Interrupted,          // stopped by Database::interrupt() (Ctrl-C in the shell); changed nothing
  Closed,               // the Database was closed (or moved from); nothing was done
  Busy,                 // another connection held the write lock past Config::busy_timeout; changed
                        // nothing: try again
};

const char* to_string(ErrorCode code);

// One error of a response. line/column are 1-based; 0 means "no position".
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  int line = 0;
  int column = 0;
};

// Thrown by API calls outside `execute` (opening a database, enqueue_job) when they fail.
class Exception : public std::runtime_error {
 public:
  Exception(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace aurora
