// String token decoding: JSON escapes, `\$`, surrogate pairs, GraphQL block strings.
#include <doctest/doctest.h>

#include <string>

#include "parser/parser.h"
#include "parser/string_literals.h"

using aurora::parser::DecodeBlockString;
using aurora::parser::DecodedString;
using aurora::parser::DecodeString;
using aurora::parser::StringProblem;

namespace {

std::string Decode(const std::string& raw) {
  DecodedString out;
  StringProblem problem;
  if (!DecodeString(raw, out, problem)) return "error@" + std::to_string(problem.code_point_offset);
  return out.text;
}

}  // namespace

TEST_CASE("strings: escapes decode") {
  CHECK(Decode(R"("plain")") == "plain");
  CHECK(Decode(R"("")") == "");
  CHECK(Decode(R"("\" \\ \/ \b \f \n \r \t")") == "\" \\ / \b \f \n \r \t");
  CHECK(Decode(R"("\u00e9\u00E9")") == "éé");
  CHECK(Decode(R"("\u0000")") == std::string("\0", 1));
  CHECK(Decode(R"("\ud83d\ude00")") == "😀");
  CHECK(Decode(R"("\uD83D\uDE00!")") == "😀!");
  CHECK(Decode(R"("€ unchanged ☕")") == "€ unchanged ☕");
}

TEST_CASE("strings: bad escapes report their offset in characters from the opening quote") {
  CHECK(Decode(R"("ab\q")") == "error@3");
  CHECK(Decode(R"("é\x")") == "error@2");
  CHECK(Decode(R"("\u12G4")") == "error@1");
  CHECK(Decode(R"("\ud83d")") == "error@1");
  CHECK(Decode(R"("\ud83d\u0041")") == "error@1");
  CHECK(Decode(R"("x\ude00")") == "error@2");
}

TEST_CASE("strings: \\$ is a literal dollar whose offset is recorded") {
  DecodedString out;
  StringProblem problem;
  REQUIRE(DecodeString(R"("cost: \${price} or ${price} é\$")", out, problem));
  CHECK(out.text == "cost: ${price} or ${price} é$");
  REQUIRE(out.escaped_dollars.size() == 2);
  CHECK(out.escaped_dollars[0] == 6);
  CHECK(out.escaped_dollars[1] == out.text.size() - 1);
  // Through the parser, on the AST value.
  auto doc = aurora::parser::Parse(R"({ a: "\${x} ${y}" })");
  const auto& computed = *doc.operations[0].selections[0].computed;
  CHECK(computed.text == "${x} ${y}");
  CHECK(computed.escaped_dollars == std::vector<std::size_t>{0});
}

TEST_CASE("strings: block strings follow GraphQL") {
  CHECK(DecodeBlockString(R"("""hello""")") == "hello");
  CHECK(DecodeBlockString("\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\"") ==
        "Hello,\n  World!\n\nYours,\n  GraphQL.");
  CHECK(DecodeBlockString("\"\"\"  first line kept\n    second\n  \"\"\"") == "  first line kept\nsecond");
  CHECK(DecodeBlockString("\"\"\"\n\n  \n  x\n \n\n\"\"\"") == "x");
  CHECK(DecodeBlockString(R"("""a \""" b""")") == "a \"\"\" b");
  CHECK(DecodeBlockString(R"("""no \n escapes \u0041 here""")") == R"(no \n escapes \u0041 here)");
  CHECK(DecodeBlockString("\"\"\"a\r\n  b\r  c\"\"\"") == "a\nb\nc");
  CHECK(DecodeBlockString("\"\"\"\"\"\"") == "");
  CHECK(DecodeBlockString("\"\"\"\t\tx\n\t\ty\"\"\"") == "\t\tx\ny");
}
