// Parse: AQL text → ast::Document. The steps, each in its own file:
//   utf8.h           reject invalid UTF-8 (ANTLR would throw without a position)
//   AQLLexer         tokens (generated from grammar/AQL.g4)
//   token_scan.h     token count and bracket depth limits (before the recursive parser runs),
//                    literal checks
//   AQLParser        parse tree, with syntax_errors.h turning the first error into words
//   ast_builder.h    parse tree → AST
#include "parser/parser.h"

#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>

#include "AQLLexer.h"
#include "AQLParser.h"
#include "antlr4-runtime.h"
#include "common/aql_error.h"
#include "parser/ast_builder.h"
#include "parser/syntax_errors.h"
#include "parser/token_scan.h"
#include "parser/utf8.h"

namespace aurora::parser {
namespace {

// ANTLR's generated parsers share their prediction caches between instances; one parse at a time
// keeps that sharing safe across threads. Parsing is fast, and compiled plans are cached.
std::mutex& ParseMutex() {
  static std::mutex mutex;
  return mutex;
}

ast::Document ParseChecked(std::string_view text) {
  // A UTF-8 byte order mark is not part of the document (ANTLR would skip it too, shifting its
  // offsets against ours).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (auto problem = FindInvalidUtf8(text)) {
    throw internal::AqlError(ErrorCode::SyntaxError, problem->message, problem->line, problem->column);
  }
  std::lock_guard<std::mutex> lock(ParseMutex());
  antlr4::ANTLRInputStream input(text.data(), text.size());
  aurora_generated::AQLLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  FillTokens(tokens);
  std::optional<TokenProblem> literal_problem = ScanTokens(tokens, lexer.getVocabulary());

  aurora_generated::AQLParser parser(&tokens);
  parser.removeErrorListeners();
  auto strategy = std::make_shared<ErrorStrategy>();
  parser.setErrorHandler(strategy);
  // Two-stage parsing, as ANTLR recommends: the faster SLL prediction parses nearly every valid
  // document; when it fails, full LL parses again and either succeeds or fails at the right place.
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  aurora_generated::AQLParser::DocumentContext* tree = nullptr;
  try {
    tree = parser.document();
  } catch (const internal::AqlError&) {
    tree = nullptr;
  }
  if (tree == nullptr) {
    parser.reset();  // rewinds the tokens too
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    try {
      tree = parser.document();
    } catch (const internal::AqlError&) {
      // Report whichever error comes first in the text.
      if (literal_problem && literal_problem->token_index < strategy->error_token_index()) {
        throw literal_problem->error;
      }
      throw;
    }
  }
  if (literal_problem) throw literal_problem->error;
  CodePointOffsets offsets(text);
  return AstBuilder(text, offsets).Build(tree);
}

}  // namespace

ast::Document Parse(std::string_view text) {
  try {
    return ParseChecked(text);
  } catch (const internal::AqlError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw internal::AqlError(ErrorCode::Internal, "out of memory while parsing");
  } catch (const std::exception& e) {
    throw internal::AqlError(ErrorCode::SyntaxError, std::string("could not parse the document: ") + e.what(), 1, 1);
  } catch (...) {
    throw internal::AqlError(ErrorCode::SyntaxError, "could not parse the document", 1, 1);
  }
}

}  // namespace aurora::parser
