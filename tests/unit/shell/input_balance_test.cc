#include "input_balance.h"

#include <doctest/doctest.h>

using aurora::shell::ClassifyInput;
using aurora::shell::InputState;

TEST_CASE("shell input: empty and comment-only entries are Empty") {
  CHECK(ClassifyInput("") == InputState::Empty);
  CHECK(ClassifyInput("  \n\t\n") == InputState::Empty);
  CHECK(ClassifyInput("# query {\n") == InputState::Empty);
}

TEST_CASE("shell input: open brackets wait for more lines") {
  CHECK(ClassifyInput("query {\n") == InputState::Incomplete);
  CHECK(ClassifyInput("query { t(where: {a: [1,\n") == InputState::Incomplete);
  CHECK(ClassifyInput("query {\n  t { id }\n}\n") == InputState::Complete);
  CHECK(ClassifyInput("drop handler \"h\"\n") == InputState::Complete);
}

TEST_CASE("shell input: brackets inside strings and comments do not count") {
  CHECK(ClassifyInput("query { t(where: {a: {eq: \"{{[\"}}) { id } }\n") == InputState::Complete);
  CHECK(ClassifyInput("query { t { id } } # {\n") == InputState::Complete);
  CHECK(ClassifyInput("query { t(where: {a: {eq: \"\\\"}\"}}) { id } }") == InputState::Complete);
  CHECK(ClassifyInput("query { # }\n") == InputState::Incomplete);
}

TEST_CASE("shell input: block strings may span lines") {
  CHECK(ClassifyInput("mutation { insert(collection: \"t\", data: {s: \"\"\"a {\n") == InputState::Incomplete);
  CHECK(ClassifyInput("mutation { insert(collection: \"t\", data: {s: \"\"\"a {\n}\"\"\"}) { id } }\n") ==
        InputState::Complete);
  CHECK(ClassifyInput("x \"\"\" \\\"\"\" still open\n") == InputState::Incomplete);
}

TEST_CASE("shell input: too many closers is complete (the parser reports it)") {
  CHECK(ClassifyInput("query { t { id } } }\n") == InputState::Complete);
  CHECK(ClassifyInput("} {\n") == InputState::Complete);
}

TEST_CASE("shell input: an unterminated ordinary string ends at the line end") {
  CHECK(ClassifyInput("query { t(where: {a: {eq: \"oops}}) { id } }\n") == InputState::Incomplete);
  CHECK(ClassifyInput("query { t(where: {a: {eq: \"oops\n}}) { id } }\n") == InputState::Complete);
}
