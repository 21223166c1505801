#include "parser/token_scan.h"

#include <string>
#include <vector>

#include "AQLParser.h"
#include "parser/number_literals.h"
#include "parser/string_literals.h"

namespace aurora::parser {
namespace {

using P = aurora_generated::AQLParser;

internal::AqlError ErrorAt(const antlr4::Token* token, std::string message, int column_offset = 0) {
  return internal::AqlError(ErrorCode::SyntaxError, std::move(message), static_cast<int>(token->getLine()),
                            static_cast<int>(token->getCharPositionInLine()) + 1 + column_offset);
}

// The problem with one literal token, if any.
std::optional<internal::AqlError> CheckLiteral(const antlr4::Token* token) {
  std::string text = token->getText();
  switch (token->getType()) {
    case P::STRING: {
      DecodedString decoded;
      StringProblem problem;
      if (!DecodeString(text, decoded, problem)) {
        return ErrorAt(token, problem.message, static_cast<int>(problem.code_point_offset));
      }
      return std::nullopt;
    }
    case P::INT: {
      std::int64_t value = 0;
      if (!ParseInt(text, value)) {
        return ErrorAt(token, "integer " + text + " is out of range (-9223372036854775808 to 9223372036854775807)");
      }
      return std::nullopt;
    }
    case P::FLOAT: {
      double value = 0;
      if (!ParseFloat(text, value)) return ErrorAt(token, "number " + text + " is too large");
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

void FillTokens(antlr4::BufferedTokenStream& tokens) {
  std::size_t count = 0;
  while (tokens.LA(1) != antlr4::Token::EOF) {
    if (++count > kMaxTokens) {
      throw ErrorAt(tokens.LT(1), "the document is too long: more than " + std::to_string(kMaxTokens) +
                                      " tokens (names, values and punctuation); pass large data as variables");
    }
    tokens.consume();
  }
  tokens.seek(0);
}

std::optional<TokenProblem> ScanTokens(antlr4::BufferedTokenStream& tokens, const antlr4::dfa::Vocabulary& vocabulary) {
  // Bracket token types, found by their spelling in the grammar (they are implicit tokens).
  std::vector<int> bracket(vocabulary.getMaxTokenType() + 1, 0);  // +1 opens, -1 closes
  for (std::size_t type = 1; type < bracket.size(); ++type) {
    std::string literal = vocabulary.getLiteralName(type);
    if (literal == "'{'" || literal == "'['" || literal == "'('") bracket[type] = 1;
    if (literal == "'}'" || literal == "']'" || literal == "')'") bracket[type] = -1;
  }
  std::optional<TokenProblem> first;
  int depth = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    antlr4::Token* token = tokens.get(i);
    std::size_t type = token->getType();
    if (type == antlr4::Token::EOF) break;
    if (type == P::STRING || type == P::INT || type == P::FLOAT) {
      if (!first) {
        if (auto error = CheckLiteral(token)) first = TokenProblem{i, std::move(*error)};
      }
      continue;
    }
    if (type >= bracket.size() || bracket[type] == 0) continue;
    if (bracket[type] > 0 && ++depth > kMaxNestingDepth) {
      throw ErrorAt(token, "'" + token->getText() + "' nests deeper than " + std::to_string(kMaxNestingDepth) +
                               " levels of brackets, the most a document may use");
    }
    if (bracket[type] < 0 && depth > 0) --depth;
  }
  return first;
}

}  // namespace aurora::parser
