// common/aql_error.h: the one exception type that carries a user-facing AQL error.
//
// Stages throw AqlError for errors that end an operation (syntax, validation, constraint,
// not found); the engine catches it at the operation boundary and returns it inside the
// Response. Programmer errors are not AqlErrors.
#pragma once

#include <exception>
#include <string>

#include "aurora/error.h"

namespace aurora::internal {

class AqlError : public std::exception {
 public:
  explicit AqlError(Error error) : error_(std::move(error)) {}
  AqlError(ErrorCode code, std::string message, int line = 0, int column = 0)
      : error_{code, std::move(message), line, column} {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

}  // namespace aurora::internal
