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
  p.Print(Response{Json::object({{"t", Json::array()}}), {}, {}}, "<-e>");
  p.Print(Response{Json(), {Error{ErrorCode::ValidationError, "bad", 1, 2}}, {}}, "<-e>");
  CHECK(out.str() ==
        "{\"data\":{\"t\":[]}}\n"
        "{\"errors\":[{\"message\":\"bad\",\"code\":\"VALIDATION_ERROR\",\"line\":1,\"column\":2}]}\n");
  CHECK(err.str() == "<-e>:1:2: error: bad [VALIDATION_ERROR]\n");
}

TEST_CASE("printer: pretty mode prints successes only; errors go to stderr") {
  std::ostringstream out, err;
  ResponsePrinter p(OutputFormat::Pretty, out, err);
  p.Print(Response{Json(), {Error{ErrorCode::ValidationError, "bad", 1, 2}}, {}}, "f.aql");
  CHECK(out.str().empty());
  CHECK(err.str() == "f.aql:1:2: error: bad [VALIDATION_ERROR]\n");
}

TEST_CASE("printer: warnings read FILE:LINE:COL: warning: MESSAGE [CODE] on stderr, data on stdout") {
  CHECK(FormatWarning("q.aql", Warning{WarningCode::UnknownCollection, "collection 'x' does not exist", 2, 9}) ==
        "q.aql:2:9: warning: collection 'x' does not exist [UNKNOWN_COLLECTION]");
  CHECK(FormatWarning("<-e>", Warning{WarningCode::UnknownCollection, "w", 0, 0}) == "<-e>: warning: w [UNKNOWN_COLLECTION]");
  std::ostringstream out, err;
  ResponsePrinter p(OutputFormat::Json, out, err);
  Response r{Json::object({{"prodcts", Json::array()}}), {},
             {Warning{WarningCode::UnknownCollection, "collection 'prodcts' does not exist (did you mean 'products'?)", 1, 9}}};
  p.Print(r, "<-e>");
  CHECK(out.str() ==
        "{\"data\":{\"prodcts\":[]},\"warnings\":[{\"message\":\"collection 'prodcts' does not exist (did you mean "
        "'products'?)\",\"code\":\"UNKNOWN_COLLECTION\",\"line\":1,\"column\":9}]}\n");
  CHECK(err.str() ==
        "<-e>:1:9: warning: collection 'prodcts' does not exist (did you mean 'products'?) [UNKNOWN_COLLECTION]\n");
}
