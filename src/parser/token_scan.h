// parser/token_scan.h: checks on the token list before ANTLR's parser runs.
//
// The parser recurses once per bracket level, so brackets nested deeper than kMaxNestingDepth
// are rejected here, before parsing, at the bracket that goes too deep. The scan also checks
// every literal (string escapes, integer and float ranges) so those errors carry the exact
// position; the first such problem is returned rather than thrown so that Parse can report
// whichever error comes first in the text.
#pragma once

#include <cstddef>
#include <optional>

#include "antlr4-runtime.h"
#include "common/aql_error.h"

namespace aurora::parser {

// Deepest nesting of '{', '[' and '(' that a document may use.
inline constexpr int kMaxNestingDepth = 128;

// Most tokens a document may have. ANTLR's tokens and parse tree take a few hundred bytes per
// token, so this bounds a parse to a few hundred megabytes and seconds; bulk data belongs in
// variables (JSON), not in the text.
inline constexpr std::size_t kMaxTokens = 500'000;

struct TokenProblem {
  std::size_t token_index;
  internal::AqlError error;
};

// Lexes the whole input into `tokens`. Throws AqlError (SYNTAX_ERROR) at the token past
// kMaxTokens, before more memory goes to tokens.
void FillTokens(antlr4::BufferedTokenStream& tokens);

// `tokens` must be filled; `vocabulary` is the lexer's (it names the bracket tokens). Throws AqlError (SYNTAX_ERROR) for nesting deeper than
// kMaxNestingDepth; returns the first bad literal, if any.
std::optional<TokenProblem> ScanTokens(antlr4::BufferedTokenStream& tokens, const antlr4::dfa::Vocabulary& vocabulary);

}  // namespace aurora::parser
