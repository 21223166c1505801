// Hostile input never crashes, never overflows the stack and always ends in a clear error (or
// a correct parse): deep nesting, huge strings, invalid UTF-8, NUL bytes, injection attempts.
#include <doctest/doctest.h>

#include <pthread.h>

#include <string>

#include "common/aql_error.h"
#include "parser/parser.h"
#include "parser/token_scan.h"

using aurora::ErrorCode;
using aurora::internal::AqlError;
using aurora::parser::kMaxNestingDepth;
using aurora::parser::Parse;

namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Parses and returns "ok" or "L:C message".
std::string Outcome(const std::string& text) {
  try {
    Parse(text);
    return "ok";
  } catch (const AqlError& e) {
    CHECK(e.error().code == ErrorCode::SyntaxError);
    return std::to_string(e.error().line) + ":" + std::to_string(e.error().column) + " " + e.error().message;
  }
}

const std::string kTooDeep = " nests deeper than 128 levels of brackets, the most a document may use";

}  // namespace

TEST_CASE("parser hostile: 10,000-deep nesting is an error at the bracket that goes too deep") {
  CHECK(kMaxNestingDepth == 128);
  CHECK(Outcome(Repeat("{", 10000)) == "1:129 '{'" + kTooDeep);
  CHECK(Outcome("{ a(x: " + Repeat("[", 10000) + Repeat("]", 10000) + ") }") == "1:134 '['" + kTooDeep);
  CHECK(Outcome("{ a(x: " + Repeat("{a: ", 10000) + "1" + Repeat("}", 10000) + ") }") == "1:512 '{'" + kTooDeep);
  CHECK(Outcome("query ($x: " + Repeat("[", 10000) + "Int" + Repeat("]", 10000) + ") { a }") ==
        "1:139 '['" + kTooDeep);
  // Brackets inside strings and comments do not count.
  CHECK(Outcome("{ a(x: \"" + Repeat("{[(", 1000) + "\") } # " + Repeat("{", 1000)) == "ok");
}

TEST_CASE("parser hostile: nesting up to the limit parses") {
  // 1 '{' + 1 '(' + 126 '[' = 128 levels.
  CHECK(Outcome("{ a(x: " + Repeat("[", 126) + Repeat("]", 126) + ") }") == "ok");
  CHECK(Outcome("{ a(x: " + Repeat("[", 127) + Repeat("]", 127) + ") }") == "1:134 '['" + kTooDeep);
  CHECK(Outcome("{ " + Repeat("a { ", 127) + "b" + Repeat(" }", 128)) == "ok");
  CHECK(Outcome("{ a(x: " + Repeat("{a: ", 126) + "1" + Repeat("}", 126) + ") }") == "ok");
}

namespace {

struct ThreadJob {
  std::string text;
  std::string outcome;
};

void* RunParse(void* arg) {
  auto* job = static_cast<ThreadJob*>(arg);
  try {
    aurora::ast::Document doc = Parse(job->text);
    job->outcome = "ok";
  } catch (const AqlError& e) {
    job->outcome = e.error().message;
  }
  return nullptr;
}

// Parses on a thread with a small stack, like a job handler's fiber (Config::fiber_stack_size).
std::string OutcomeOnSmallStack(const std::string& text, std::size_t stack_size) {
  ThreadJob job{text, ""};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_size);
  pthread_t thread;
  REQUIRE(pthread_create(&thread, &attr, RunParse, &job) == 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return job.outcome;
}

}  // namespace

TEST_CASE("parser hostile: the deepest allowed document parses on a 256 KiB stack") {
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
  const std::size_t stack = 4096 * 1024;  // sanitizer and -O0 frames are many times larger
#else
  const std::size_t stack = 256 * 1024;  // Config::fiber_stack_size's default
#endif
  CHECK(OutcomeOnSmallStack("{ " + Repeat("a { ", 127) + "b" + Repeat(" }", 128), stack) == "ok");
  CHECK(OutcomeOnSmallStack("{ a(x: " + Repeat("{a: ", 126) + "1" + Repeat("}", 126) + ") }", stack) == "ok");
  CHECK(OutcomeOnSmallStack("{ a(x: " + Repeat("[", 126) + Repeat("]", 126) + ") }", stack) == "ok");
  // Deep and broken: the error path (exception unwinding through the parser) fits too.
  CHECK(OutcomeOnSmallStack("{ a(x: " + Repeat("{a: ", 126) + Repeat("}", 126) + ") }", stack) ==
        "unexpected '}', expected a value");
}

TEST_CASE("parser hostile: 1 MB strings and block strings") {
  std::string big(1 << 20, 'x');
  aurora::ast::Document doc = Parse("{ a(x: \"" + big + "\", y: \"\"\"" + big + "\"\"\") }");
  const auto& args = doc.operations[0].selections[0].args;
  CHECK(args[0].value.text.size() == big.size());
  CHECK(args[1].value.text.size() == big.size());
  std::string escapes = Repeat("\\n\\u00e9\\$", 100000);
  doc = Parse("{ a(x: \"" + escapes + "\") }");
  CHECK(doc.operations[0].selections[0].args[0].value.text.size() == 400000);
  CHECK(doc.operations[0].selections[0].args[0].value.escaped_dollars.size() == 100000);
}

TEST_CASE("parser hostile: invalid UTF-8 is a syntax error with its position") {
  CHECK(Outcome("{ a(x: \"\xff\") }") == "1:9 invalid UTF-8 (byte 0xFF); AQL text must be UTF-8");
  CHECK(Outcome("query {\n  a(x: \"ok\xc3\xa9\xe2\x82\") }") == "2:12 invalid UTF-8 (byte 0xE2); AQL text must be UTF-8");
  CHECK(Outcome("{ a }\xc0\xaf") == "1:6 invalid UTF-8 (byte 0xC0); AQL text must be UTF-8");          // overlong '/'
  CHECK(Outcome("{ a(x: \"\xed\xa0\x80\") }") == "1:9 invalid UTF-8 (byte 0xED); AQL text must be UTF-8");  // surrogate
  CHECK(Outcome("{ a(x: \"\xf4\x90\x80\x80\") }") == "1:9 invalid UTF-8 (byte 0xF4); AQL text must be UTF-8");
  CHECK(Outcome("{ a(x: \"\xe2\x82") == "1:9 invalid UTF-8 (byte 0xE2); AQL text must be UTF-8");  // truncated
}

TEST_CASE("parser hostile: NUL bytes, injection text, stray input") {
  CHECK(Outcome(std::string("{ a\0b }", 7)) == "1:4 unexpected character U+0000, expected a field or '}'");
  CHECK(Outcome(std::string("\0", 1)) ==
        "1:1 unexpected character U+0000, expected an operation (query, mutation, schema, define handler, …) or end "
        "of input");
  aurora::ast::Document doc = Parse(std::string("{ a(x: \"a\0b\") }", 15));
  CHECK(doc.operations[0].selections[0].args[0].value.text == std::string("a\0b", 3));
  doc = Parse("{ users(where: { name: { eq: \"'; DROP TABLE users; --\" } }) { id } }");
  CHECK(doc.operations[0].selections[0].args[0].value.fields[0].value.fields[0].value.text ==
        "'; DROP TABLE users; --");
  CHECK(Outcome("'; DROP TABLE x; --") ==
        "1:1 unexpected character ''', expected an operation (query, mutation, schema, define handler, …) or end of "
        "input (strings are written in double quotes: \"text\")");
  CHECK(Outcome(Repeat("}", 1000)) == "1:1 unexpected '}': there is no '{' for it to close");
  CHECK(Outcome(Repeat("{", 100)) == "1:2 unexpected '{', expected a field or '}' to close the '{' at 1:1");
  CHECK(Outcome(Repeat("{ a ", 100)) == "1:401 unexpected end of input, expected '}' to close the '{' at 1:397");
  CHECK(Outcome(Repeat("(", 5)) ==
        "1:1 unexpected '(', expected an operation (query, mutation, schema, define handler, …) or end of input");
  CHECK(Outcome("\"\"\"") == "1:1 unterminated block string: no closing \"\"\"");
  CHECK(Outcome("\\") ==
        "1:1 unexpected character '\\', expected an operation (query, mutation, schema, define handler, …) or end "
        "of input");
}

TEST_CASE("parser hostile: many operations and long flat lists") {
  std::string many = Repeat("query { a } ", 2000);
  CHECK(Parse(many).operations.size() == 2000);
  std::string list = "{ a(x: [" + Repeat("1, ", 100000) + "]) }";
  CHECK(Parse(list).operations[0].selections[0].args[0].value.items.size() == 100000);
  std::string pipes = "{ a" + Repeat(" | trim", 10000) + " }";
  CHECK(Parse(pipes).operations[0].selections[0].pipes.size() == 10000);
}

TEST_CASE("parser hostile: documents with more than kMaxTokens tokens are refused before parsing") {
  using aurora::parser::kMaxTokens;
  CHECK(kMaxTokens == 500000);
  std::string ok = "{ a(x: [" + Repeat("1 ", static_cast<int>(kMaxTokens) - 10) + "]) }";  // 10 other tokens
  CHECK(Outcome(ok) == "ok");
  std::string too_many = "{ a(x: [" + Repeat("1 ", static_cast<int>(kMaxTokens)) + "]) }";
  CHECK(Outcome(too_many) == "1:" + std::to_string(9 + 2 * (kMaxTokens - 6)) +
                                 " the document is too long: more than 500000 tokens (names, values and punctuation); "
                                 "pass large data as variables");
}
