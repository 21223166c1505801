// Syntax errors read as a user would want them: SYNTAX_ERROR, the line and column of the
// offending token, what was found and what was expected in words, never ANTLR's internals.
#include <doctest/doctest.h>

#include <string>

#include "common/aql_error.h"
#include "parser/parser.h"

using aurora::ErrorCode;
using aurora::internal::AqlError;
using aurora::parser::Parse;

namespace {

struct Failure {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  int line = 0;
  int column = 0;
};

// The error Parse throws for `text` (an INTERNAL "no error" when it parses).
Failure ErrorOf(const std::string& text) {
  try {
    Parse(text);
  } catch (const AqlError& e) {
    return {e.error().code, e.error().message, e.error().line, e.error().column};
  }
  return {ErrorCode::Internal, "no error", 0, 0};
}

void CheckError(const std::string& text, int line, int column, const std::string& message) {
  CAPTURE(text);
  Failure f = ErrorOf(text);
  CHECK(f.code == ErrorCode::SyntaxError);
  CHECK(f.message == message);
  CHECK(f.line == line);
  CHECK(f.column == column);
}

}  // namespace

TEST_CASE("parser errors: missing values, names and punctuation") {
  CheckError("{ products(limit: ) { id } }", 1, 19, "unexpected ')', expected a value");
  CheckError("query {\n  products(where: { price: }) { id }\n}", 2, 28, "unexpected '}', expected a value");
  CheckError("{ products(limit 10) }", 1, 18, "unexpected number 10, expected ':'");
  CheckError("{ a: ) }", 1, 6, "unexpected ')', expected a field name or a string");
  CheckError("query ($x Int) { a }", 1, 11, "unexpected 'Int', expected ':'");
  CheckError("query ($x: ) { a }", 1, 12, "unexpected ')', expected a type or '['");
  CheckError("{ a(x: $) }", 1, 9, "unexpected ')', expected a variable name");
  CheckError("{ a @ }", 1, 7, "unexpected '}', expected a directive name");
  CheckError("{ a | }", 1, 7, "unexpected '}', expected a pipe name");
  CheckError("{ ... }", 1, 7, "unexpected '}', expected a fragment name, 'on', '{' or '@'");
  CheckError("{ a(x: {: 1}) }", 1, 9, "unexpected ':', expected a field name or '}'");
  CheckError("{ \"x\" }", 1, 3, "unexpected string \"x\", expected a field or '}'");
}

TEST_CASE("parser errors: unclosed and unbalanced brackets name the bracket to close") {
  CheckError("query {\n  products(where: { price: 1 }) {\n    id\n", 4, 1,
             "unexpected end of input, expected '}' to close the '{' at 2:33");
  CheckError("{ a(x: 1 }", 1, 10, "unexpected '}', expected an argument or ')' to close the '(' at 1:4");
  CheckError("{ a(x: [1, 2) }", 1, 13, "unexpected ')', expected a value or ']' to close the '[' at 1:8");
  CheckError("query Q(", 1, 9, "unexpected end of input, expected ')' to close the '(' at 1:8");
  CheckError("query { a } }", 1, 13, "unexpected '}': there is no '{' for it to close");
  CheckError("}", 1, 1, "unexpected '}': there is no '{' for it to close");
  CheckError("{ a ) }", 1, 5, "unexpected ')', expected a field or '}' to close the '{' at 1:1");
  CheckError("query Q($n: Int!) { products(limit: $n { id } }", 1, 40,
             "unexpected '{', expected an argument or ')' to close the '(' at 1:29");
  CheckError("{ a(x: [1 {b: 2]) }", 1, 16, "unexpected ']', expected a field name or '}' to close the '{' at 1:11");
}

TEST_CASE("parser errors: operations, handlers and schema") {
  CheckError("querry { a }", 1, 1,
             "unexpected 'querry', expected an operation (query, mutation, schema, define handler, …) or end of input "
             "(did you mean 'query'?)");
  CheckError("products { id }", 1, 1,
             "unexpected 'products', expected an operation (query, mutation, schema, define handler, …) or end of "
             "input (a query is written in braces: { products { … } })");
  CheckError("schema { alter collection x { renam a to b } }", 1, 31,
             "unexpected 'renam', expected '}', 'drop', 'add', 'rename' or 'modify' (did you mean 'rename'?)");
  CheckError("drop handlr \"x\"", 1, 6, "unexpected 'handlr', expected 'handler'");
  CheckError("query", 1, 6, "unexpected end of input, expected an operation name, '{', '(' or '@'");
  CheckError("drop x", 1, 6, "unexpected 'x', expected 'handler'");
  CheckError("define handler x { }", 1, 16, "unexpected 'x', expected a string");
  CheckError("define handler \"x\" { on \"a\" }", 1, 25, "unexpected string \"a\", expected ':'");
  CheckError("define handler \"x\" { on: \"a\", action: }", 1, 39, "unexpected '}', expected '{'");
  CheckError("define handler \"x\" { 1 }", 1, 22,
             "unexpected number 1, expected a handler property (on:, action:) or '}'");
  CheckError("schema { create collection u }", 1, 10,
             "unexpected 'create', expected '}', 'define', 'drop' or 'alter'");
  CheckError("schema { define collection { } }", 1, 28, "unexpected '{', expected a collection name");
  CheckError("fragment on X { a }", 1, 10, "unexpected 'on', expected a fragment name");
  Failure twice = ErrorOf("define handler \"h\" { on: \"insert:a\" action: { a } action: { b } }");
  CHECK(twice.message == "'action' is given twice");
  CHECK(twice.column == 51);
}

TEST_CASE("parser errors: bad tokens") {
  CheckError("{ a % }", 1, 5, "unexpected character '%', expected a field or '}'");
  CheckError("query { é }", 1, 9, "unexpected character 'é' (U+00E9), expected a field or '}'");
  CheckError("{ a\u00a0}", 1, 4, "unexpected character '\u00a0' (U+00A0), expected a field or '}'");
  CheckError("{ a\x7f }", 1, 4, "unexpected character U+007F, expected a field or '}'");
  CheckError("{ a 😀 }", 1, 5, "unexpected character '😀' (U+1F600), expected a field or '}'");
  CheckError("{ a(x: .5) }", 1, 8, "unexpected character '.', expected a value");
  CheckError("{ a(x: 'abc') }", 1, 8,
             "unexpected character ''', expected a value (strings are written in double quotes: \"text\")");
  CheckError("{ a // note\n}", 1, 5, "unexpected character '/', expected a field or '}' (comments start with #)");
  CheckError("{ a(limit = 1) }", 1, 11, "unexpected '=', expected ':' (arguments and fields take ':', as in limit: 10)");
  CheckError("{ a(x: 007) }", 1, 8,
             "invalid number '007' (numbers are written like 0, -12, 3.5 or 1e-3, with no leading zeros)");
  CheckError("{ a(x: 12abc) }", 1, 8,
             "invalid number '12abc' (names cannot start with a digit; numbers are written like 0, -12, 3.5 or "
             "1e-3, with no leading zeros)");
  CheckError("{ a(x: 1.5.2) }", 1, 8,
             "invalid number '1.5.2' (numbers are written like 0, -12, 3.5 or 1e-3, with no leading zeros)");
  CheckError("{ a(x: 99999999999999999999) }", 1, 8,
             "integer 99999999999999999999 is out of range (-9223372036854775808 to 9223372036854775807)");
  CheckError("{ a(x: -9223372036854775809) }", 1, 8,
             "integer -9223372036854775809 is out of range (-9223372036854775808 to 9223372036854775807)");
  CheckError("{ a(x: 1e999) }", 1, 8, "number 1e999 is too large");
  CheckError("{ a(x: \"abc) }", 1, 8,
             "unterminated string: a \"string\" must end on the line where it starts (use \"\"\"block strings\"\"\" "
             "for text over several lines)");
  CheckError("{ a(x: \"\"\"abc) }", 1, 8, "unterminated block string: no closing \"\"\"");
}

TEST_CASE("parser errors: string escapes point at the backslash") {
  CheckError(R"({ a(x: "abc\q") })", 1, 12,
             R"(unknown escape '\q' in string; use \\ for a backslash (escapes: \" \\ \/ \b \f \n \r \t \uXXXX \$))");
  CheckError(R"({ a(x: "\u12") })", 1, 9, R"(bad escape '\u': expected four hex digits, as in \u00e9)");
  CheckError(R"({ a(x: "é\ud83d") })", 1, 10,
             R"(bad escape '\ud83d': a high surrogate must be followed by a low surrogate \uDC00-\uDFFF)");
  CheckError(R"({ a(x: "\ude00") })", 1, 9,
             R"(bad escape '\ude00': a low surrogate must follow a high surrogate \uD800-\uDBFF)");
}

TEST_CASE("parser errors: the first error in the text wins") {
  // A bad escape after a syntax error: the syntax error is reported.
  CheckError(R"({ a(x: ) b(y: "\q") })", 1, 8, "unexpected ')', expected a value");
  // A bad escape before a syntax error: the escape is reported.
  CheckError(R"({ b(y: "\q") a(x: ) })", 1, 9,
             R"(unknown escape '\q' in string; use \\ for a backslash (escapes: \" \\ \/ \b \f \n \r \t \uXXXX \$))");
  CheckError("{ a(x: 99999999999999999999) } }", 1, 8,
             "integer 99999999999999999999 is out of range (-9223372036854775808 to 9223372036854775807)");
}

TEST_CASE("parser errors: never ANTLR's vocabulary") {
  const char* inputs[] = {"{ a(x: ) }", "query { a(", "{ a { b c(d: [1 2 {e: }]) } }", "mutation M($x: [Int!]!",
                          "schema { alter collection x { add } }", "{ a: b: c }", "}}}", "query { a } mutation",
                          "define handler \"x\" { action: { } }  drop", "{ a(x: \"\"\" ) }"};
  for (const char* text : inputs) {
    Failure f = ErrorOf(text);
    CAPTURE(text);
    CAPTURE(f.message);
    CHECK(f.code == ErrorCode::SyntaxError);
    CHECK(f.line >= 1);
    CHECK(f.column >= 1);
    for (const char* internal : {"T__", "NAME", "<EOF>", "extraneous", "mismatched", "viable", "STRING", "INT",
                                 "token recognition"}) {
      CHECK(f.message.find(internal) == std::string::npos);
    }
  }
}
