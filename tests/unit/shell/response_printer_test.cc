#include "response_printer.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace aurora;
using namespace aurora::shell;

TEST_CASE("printer: errors read FILE:LINE:COL: error: MESSAGE [CODE]") {
  CHECK(FormatError("q.aql", Error{ErrorCode::SyntaxError, "expected '}'", 2, 7}) ==
        "q.aql:2:7: error: expected '}' [SYNTAX_ERROR]");
  CHECK(FormatError("<stdin>", Error{ErrorCode::Internal, "boom", 0, 0}) == "<stdin>: error: boom [INTERNAL]");
  CHECK(FormatError("<-e>", Error{ErrorCode::NotFound, "x", 3, 1}, 10) == "<-e>:13:1: error: x [NOT_FOUND]");
}

TEST_CASE("printer: --json prints every response on one line, errors also to stderr") {
  std::ostringstream out, err;
  ResponsePrinter p(OutputFormat::Json, out, err);
  p.Print(Response{Json::object({{"t", Json::array()}}), {}}, "<-e>");
  p.Print(Response{Json(), {Error{ErrorCode::ValidationError, "bad", 1, 2}}}, "<-e>");
  CHECK(out.str() ==
        "{\"data\":{\"t\":[]}}\n"
        "{\"errors\":[{\"message\":\"bad\",\"code\":\"VALIDATION_ERROR\",\"line\":1,\"column\":2}]}\n");
  CHECK(err.str() == "<-e>:1:2: error: bad [VALIDATION_ERROR]\n");
}

TEST_CASE("printer: pretty mode prints successes only; errors go to stderr") {
  std::ostringstream out, err;
  ResponsePrinter p(OutputFormat::Pretty, out, err);
  p.Print(Response{Json(), {Error{ErrorCode::ValidationError, "bad", 1, 2}}}, "f.aql");
  CHECK(out.str().empty());
  CHECK(err.str() == "f.aql:1:2: error: bad [VALIDATION_ERROR]\n");
}
