// parser/syntax_errors.h: turns ANTLR's first syntax error into an AqlError a user can act on.
//
// ANTLR's own messages name internal token types and list dozens of alternatives. Instead,
// ErrorStrategy stops at the first error (no recovery) and throws SYNTAX_ERROR with the
// offending token's line and column and a message in words:
//   unexpected '}', expected a value
//   unexpected end of input, expected '}' to close the '{' at 2:10
// Token types map to words ('{', a name, a string, a number, end of input) and big expected
// sets are summarized by what they amount to in context (a value, a field, an argument).
#pragma once

#include <cstddef>

#include "antlr4-runtime.h"

namespace aurora::parser {

class ErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  void reportError(antlr4::Parser* recognizer, const antlr4::RecognitionException& e) override;
  void recover(antlr4::Parser* recognizer, std::exception_ptr e) override;
  antlr4::Token* recoverInline(antlr4::Parser* recognizer) override;
  void sync(antlr4::Parser* recognizer) override;

  // Token index of the error thrown, for comparing with errors found before parsing.
  std::size_t error_token_index() const { return error_token_index_; }

 private:
  [[noreturn]] void Throw(antlr4::Parser* parser, antlr4::Token* offending, const antlr4::misc::IntervalSet& expected,
                          antlr4::RuleContext* ctx);

  std::size_t error_token_index_ = 0;
};

}  // namespace aurora::parser
