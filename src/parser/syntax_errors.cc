#include "parser/syntax_errors.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "AQLParser.h"
#include "common/aql_error.h"
#include "common/suggest.h"
#include "parser/utf8.h"

namespace aurora::parser {
namespace {

using P = aurora_generated::AQLParser;
using antlr4::misc::IntervalSet;

constexpr std::size_t kMaxShownChars = 24;

bool IsNameToken(std::size_t type) { return type == P::NAME || (type >= P::QUERY && type <= P::ACTION); }

// Literal tokens ('{', 'query', …) as the grammar spells them, quoted; "" for the others.
thread_local const antlr4::dfa::Vocabulary* vocabulary = nullptr;  // the failing parser's, set by Throw
std::string Literal(std::size_t type) { return vocabulary->getLiteralName(type); }

std::string Shorten(const std::string& text) {
  if (CountCodePoints(text) <= kMaxShownChars) return text;
  std::string out;
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++count > kMaxShownChars) break;
    out += c;
  }
  return out + "…";
}

// "character '%'", "character U+0000", "character 'é' (U+00E9)": invisible and look-alike
// characters (a non-breaking space pasted from a web page) show their code.
std::string DescribeCharacter(const std::string& text) {
  std::uint32_t cp = 0;
  auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  if (byte(0) < 0x80) {
    cp = byte(0);
  } else if (byte(0) < 0xE0) {
    cp = ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
  } else if (byte(0) < 0xF0) {
    cp = ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
  } else {
    cp = ((byte(0) & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) | (byte(3) & 0x3Fu);
  }
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  if (cp < 0x20 || cp == 0x7F) return std::string("character ") + code;
  if (cp < 0x80) return "character '" + text + "'";
  return "character '" + text + "' (" + code + ")";
}

// The offending token in words.
std::string DescribeFound(const antlr4::Token* token) {
  std::size_t type = token->getType();
  std::string text = token->getText();
  if (type == antlr4::Token::EOF) return "end of input";
  if (type == P::STRING || type == P::BLOCK_STRING) return "string " + Shorten(text);
  if (type == P::INT || type == P::FLOAT) return "number " + Shorten(text);
  if (type == P::UNKNOWN_CHAR) return DescribeCharacter(text);
  return "'" + Shorten(text) + "'";
}

// Errors that are about the token itself, whatever was expected.
std::string LexicalProblem(const antlr4::Token* token) {
  switch (token->getType()) {
    case P::INVALID_NUMBER: {
      std::string text = token->getText();
      // Letters other than an exponent's e: probably a name that starts with a digit.
      bool letters = text.find_first_of("_ABCDFGHIJKLMNOPQRSTUVWXYZabcdfghijklmnopqrstuvwxyz") != std::string::npos;
      std::string hint = letters ? "names cannot start with a digit; " : "";
      return "invalid number '" + Shorten(text) + "' (" + hint +
             "numbers are written like 0, -12, 3.5 or 1e-3, with no leading zeros)";
    }
    case P::UNTERMINATED_STRING:
      return "unterminated string: a \"string\" must end on the line where it starts (use \"\"\"block strings\"\"\" "
             "for text over several lines)";
    case P::UNTERMINATED_BLOCK_STRING:
      return "unterminated block string: no closing \"\"\"";
    default:
      return "";
  }
}

// The innermost bracket still open before token `index`: its token, or null.
antlr4::Token* InnermostOpenBracket(antlr4::TokenStream* tokens, std::size_t index) {
  std::vector<antlr4::Token*> stack;
  for (std::size_t i = 0; i < index; ++i) {
    antlr4::Token* t = tokens->get(i);
    std::string text = t->getType() == antlr4::Token::EOF ? "" : t->getText();
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (text == "{" || text == "[" || text == "(") {
      stack.push_back(t);
    } else if ((text == "}" || text == "]" || text == ")") && !stack.empty()) {
      stack.pop_back();
    }
  }
  return stack.empty() ? nullptr : stack.back();
}

std::string CloserFor(const std::string& opener) {
  if (opener == "{") return "}";
  if (opener == "[") return "]";
  return ")";
}

// What a name means where the parser stands.
std::string NamePhrase(const antlr4::RuleContext* ctx, bool& strings_included) {
  strings_included = false;
  // The rules that only pick a name token say nothing; their caller does.
  while (ctx != nullptr && (ctx->getRuleIndex() == P::RuleName || ctx->getRuleIndex() == P::RuleFragmentName ||
                            ctx->getRuleIndex() == P::RuleEnumName || ctx->getRuleIndex() == P::RuleHandlerKey ||
                            ctx->getRuleIndex() == P::RuleKeyword)) {
    ctx = dynamic_cast<const antlr4::RuleContext*>(ctx->parent);
  }
  switch (ctx == nullptr ? std::size_t{P::RuleDocument} : ctx->getRuleIndex()) {
    case P::RuleSelectionSet:
    case P::RuleSelection:
      return "a field";
    case P::RuleField:
    case P::RuleFieldDefinition:
    case P::RuleAlterAction:
      return "a field name";
    case P::RuleArguments:
    case P::RuleArgument:
      return "an argument";
    case P::RuleValue:
    case P::RuleObjectField:
      strings_included = true;
      return "a field name";
    case P::RuleVariable:
      return "a variable name";
    case P::RuleVariableDefinition:
    case P::RuleType:
      return "a type";
    case P::RuleDirective:
    case P::RuleDirectives:
      return "a directive name";
    case P::RulePipe:
      return "a pipe name";
    case P::RuleFragmentSpread:
    case P::RuleFragmentDefinition:
      return "a fragment name";
    case P::RuleInlineFragment:
      return "a type name";
    case P::RuleHandlerBody:
    case P::RuleHandlerProperty:
      strings_included = true;
      return "a handler property (on:, action:)";
    case P::RuleSchemaStatement:
      return "a collection name";
    case P::RuleOperation:
      return "an operation name";
    default:
      return "a name";
  }
}

std::string JoinPhrases(const std::vector<std::string>& phrases) {
  std::string out;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) out += i + 1 == phrases.size() ? " or " : ", ";
    out += phrases[i];
  }
  return out;
}

bool ContainsAll(const IntervalSet& set, std::initializer_list<std::size_t> types) {
  for (std::size_t t : types) {
    if (!set.contains(t)) return false;
  }
  return true;
}

// The expected set in words, e.g. {"a value", "']'"}: summaries first, then literal tokens,
// then end of input.
std::vector<std::string> DescribeExpected(IntervalSet expected, const antlr4::RuleContext* ctx, bool after_spread) {
  std::vector<std::string> phrases;
  if (after_spread) return {"a fragment name", "'on'", "'{'", "'@'"};  // `...Name` or `... on T { }`
  expected.remove(antlr4::Token::EPSILON);
  auto remove_literals = [&](std::initializer_list<const char*> literals) {
    for (ssize_t t : expected.toList()) {
      if (t < 0) continue;
      for (const char* lit : literals) {
        if (Literal(static_cast<std::size_t>(t)) == lit) expected.remove(t);
      }
    }
  };
  auto remove_names = [&] {
    for (ssize_t t : expected.toList()) {
      if (t >= 0 && IsNameToken(static_cast<std::size_t>(t))) expected.remove(t);
    }
  };
  bool strings_included = false;
  if (ContainsAll(expected, {P::INT, P::FLOAT, P::STRING, P::TRUE_LIT, P::NAME})) {
    phrases.push_back("a value");
    for (std::size_t t : {P::INT, P::FLOAT, P::STRING, P::BLOCK_STRING}) expected.remove(t);
    remove_literals({"'$'", "'['", "'{'"});
    remove_names();
  } else if (expected.contains(std::size_t{P::NAME})) {
    std::string phrase = NamePhrase(ctx, strings_included);
    phrases.push_back(phrase);
    if (phrase == "a field") remove_literals({"'...'"});  // a fragment is a kind of field here
    remove_names();
  } else if (ContainsAll(expected, {P::QUERY, P::MUTATION, P::SCHEMA, P::DEFINE})) {
    phrases.push_back("an operation (query, mutation, schema, define handler, …)");
    for (std::size_t t : {P::QUERY, P::MUTATION, P::SCHEMA, P::DEFINE, P::DROP, P::PAUSE, P::RESUME, P::FRAGMENT}) {
      expected.remove(t);
    }
    remove_literals({"'{'"});
  }
  bool string_added = strings_included;
  bool number_added = false;
  std::vector<std::string> literals;
  bool eof = false;
  for (ssize_t t : expected.toList()) {
    if (t == -1) {
      eof = true;
      continue;
    }
    if (t < 0) continue;
    auto type = static_cast<std::size_t>(t);
    if (type == P::STRING || type == P::BLOCK_STRING) {
      if (!string_added) phrases.push_back("a string");
      string_added = true;
    } else if (type == P::INT || type == P::FLOAT) {
      if (!number_added) phrases.push_back("a number");
      number_added = true;
    } else if (Literal(type) == "'$'") {
      phrases.push_back("a variable ($name)");
    } else if (!Literal(type).empty()) {
      literals.push_back(Literal(type));
    }
  }
  phrases.insert(phrases.end(), literals.begin(), literals.end());
  if (eof) phrases.push_back("end of input");
  return phrases;
}

// " (did you mean 'query'?)" when a name stands where only keywords may, and one is close.
std::string KeywordSuggestion(const antlr4::Token* found, const IntervalSet& expected) {
  if (found->getType() != P::NAME || expected.contains(std::size_t{P::NAME})) return "";
  std::vector<std::string> keywords;
  for (ssize_t t : expected.toList()) {
    if (t < 0 || !IsNameToken(static_cast<std::size_t>(t))) continue;
    std::string literal = Literal(static_cast<std::size_t>(t));
    if (literal.size() > 2) keywords.push_back(literal.substr(1, literal.size() - 2));
  }
  if (keywords.size() == 1) return "";  // "expected 'handler'" already says it
  std::string suggestion = internal::DidYouMean(found->getText(), keywords);
  if (suggestion.empty() && expected.contains(std::size_t{P::QUERY})) {
    return " (a query is written in braces: { " + Shorten(found->getText()) + " { … } })";
  }
  return suggestion;
}

// Characters people carry over from other languages.
std::string CharacterHint(const std::string& found, const std::vector<std::string>& expected) {
  if (found == "'") return " (strings are written in double quotes: \"text\")";
  if (found == "/") return " (comments start with #)";
  if (found == "=" && expected == std::vector<std::string>{"':'"}) return " (arguments and fields take ':', as in limit: 10)";
  return "";
}

}  // namespace

void ErrorStrategy::Throw(antlr4::Parser* parser, antlr4::Token* offending, const IntervalSet& expected,
                          antlr4::RuleContext* ctx) {
  error_token_index_ = offending->getTokenIndex();
  vocabulary = &parser->getVocabulary();
  int line = static_cast<int>(offending->getLine());
  int column = static_cast<int>(offending->getCharPositionInLine()) + 1;
  std::string problem = LexicalProblem(offending);
  if (!problem.empty()) throw internal::AqlError(ErrorCode::SyntaxError, problem, line, column);

  std::string found = DescribeFound(offending);
  antlr4::TokenStream* tokens = parser->getTokenStream();
  std::size_t index = offending->getTokenIndex();
  bool after_spread = index > 0 && tokens->get(index - 1)->getText() == "...";
  std::vector<std::string> phrases = DescribeExpected(expected, ctx, after_spread);

  // Point at the bracket that a closing bracket would close.
  std::string found_text = offending->getType() == antlr4::Token::EOF ? "" : offending->getText();
  // At the end of input, or where a bracket opens or closes, a missing closing bracket is the
  // likely mistake: name the bracket it would close.
  bool eof = offending->getType() == antlr4::Token::EOF;
  bool found_closer = found_text == "}" || found_text == "]" || found_text == ")";
  bool found_opener = found_text == "{" || found_text == "[" || found_text == "(";
  antlr4::Token* open = eof || found_closer || found_opener ? InnermostOpenBracket(tokens, index) : nullptr;
  if (open != nullptr) {
    std::string closer = "'" + CloserFor(open->getText()) + "'";
    auto it = std::find(phrases.begin(), phrases.end(), closer);
    if (it != phrases.end()) {
      phrases.erase(it);
      if (eof) phrases.clear();  // at the end, the missing bracket is what matters
      phrases.push_back(closer + " to close the '" + open->getText() + "' at " + std::to_string(open->getLine()) +
                        ":" + std::to_string(open->getCharPositionInLine() + 1));
    }
  } else if (found_closer) {
    std::string opener = found_text == "}" ? "{" : found_text == "]" ? "[" : "(";
    throw internal::AqlError(ErrorCode::SyntaxError,
                             "unexpected '" + found_text + "': there is no '" + opener + "' for it to close", line,
                             column);
  }
  std::string message = "unexpected " + found;
  if (!phrases.empty()) message += ", expected " + JoinPhrases(phrases);
  message += KeywordSuggestion(offending, expected);
  message += CharacterHint(found_text, phrases);
  throw internal::AqlError(ErrorCode::SyntaxError, message, line, column);
}

void ErrorStrategy::reportError(antlr4::Parser* recognizer, const antlr4::RecognitionException& e) {
  antlr4::Token* offending = e.getOffendingToken() != nullptr ? e.getOffendingToken() : recognizer->getCurrentToken();
  IntervalSet expected;
  if (auto* no_viable = dynamic_cast<const antlr4::NoViableAltException*>(&e)) {
    // The parser looked ahead past the decision's first token: what could have come next at the
    // token that failed is what the surviving paths wanted.
    if (antlr4::atn::ATNConfigSet* configs = no_viable->getDeadEndConfigs()) {
      for (const auto& config : configs->configs) {
        expected.addAll(recognizer->getATN().nextTokens(config->state));
      }
    }
  }
  if (expected.isEmpty() || (expected.size() == 1 && expected.contains(antlr4::Token::EPSILON))) {
    expected = e.getExpectedTokens();
  }
  Throw(recognizer, offending, expected, e.getCtx() != nullptr ? e.getCtx() : recognizer->getContext());
}

void ErrorStrategy::recover(antlr4::Parser* /*recognizer*/, std::exception_ptr e) { std::rethrow_exception(e); }

antlr4::Token* ErrorStrategy::recoverInline(antlr4::Parser* recognizer) {
  Throw(recognizer, recognizer->getCurrentToken(), recognizer->getExpectedTokens(), recognizer->getContext());
}

// Like DefaultErrorStrategy::sync, which checks the next token at the start of loops and optional
// parts (where ANTLR knows the complete set of what may come), but throws instead of recovering.
void ErrorStrategy::sync(antlr4::Parser* recognizer) {
  antlr4::atn::ATNState* state = recognizer->getATN().states[recognizer->getState()];
  std::size_t la = recognizer->getTokenStream()->LA(1);
  const IntervalSet& next = recognizer->getATN().nextTokens(state);
  if (next.contains(antlr4::Token::EPSILON) || next.contains(la)) return;
  switch (state->getStateType()) {
    case antlr4::atn::ATNState::BLOCK_START:
    case antlr4::atn::ATNState::STAR_BLOCK_START:
    case antlr4::atn::ATNState::PLUS_BLOCK_START:
    case antlr4::atn::ATNState::STAR_LOOP_ENTRY:
    case antlr4::atn::ATNState::PLUS_LOOP_BACK:
    case antlr4::atn::ATNState::STAR_LOOP_BACK:
      Throw(recognizer, recognizer->getCurrentToken(), recognizer->getExpectedTokens(), recognizer->getContext());
    default:
      return;
  }
}

}  // namespace aurora::parser
