// common/aql_error.h: the one exception type that carries a user-facing AQL error.
//
// Stages throw AqlError for errors that end an operation (syntax, validation, constraint,
// not found); the engine catches it at the operation boundary and returns it inside the
// Response. Programmer errors are not AqlErrors. Fail() is the short form at an AST position:
//
//   using internal::Fail;
//   if (!v.is_string()) Fail(arg.pos, "id must be a string");            // VALIDATION_ERROR
//   Fail(ErrorCode::NotFound, arg.pos, "no handler named '" + n + "'");   // another code
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

// Throws a VALIDATION_ERROR at `pos` (an ast::Pos, or anything with 1-based line and column).
template <class Pos>
[[noreturn]] void Fail(const Pos& pos, const std::string& message) {
  throw AqlError(ErrorCode::ValidationError, message, pos.line, pos.column);
}

// Throws an error with `code` at `pos`.
template <class Pos>
[[noreturn]] void Fail(ErrorCode code, const Pos& pos, const std::string& message) {
  throw AqlError(code, message, pos.line, pos.column);
}

}  // namespace aurora::internal
