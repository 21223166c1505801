#include "shell_options.h"

#include <doctest/doctest.h>

#include <vector>

using namespace aurora::shell;

namespace {
ShellOptions Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "aql");
  return ParseShellOptions(static_cast<int>(args.size()), args.data());
}
}  // namespace

TEST_CASE("options: defaults") {
  ShellOptions o = Parse({});
  CHECK(o.database.empty());
  CHECK(o.sources.empty());
  CHECK(o.format == OutputFormat::Pretty);
  CHECK(o.variables == aurora::Json::object());
}

TEST_CASE("options: -e and -f keep command-line order and are named for errors") {
  ShellOptions o = Parse({"app.db", "-e", "query { a { id } }", "-f", "x.aql", "-e", "query { b { id } }"});
  CHECK(o.database == "app.db");
  REQUIRE(o.sources.size() == 3);
  CHECK(o.sources[0].kind == Source::Kind::Expression);
  CHECK(o.sources[0].name == "<arg 1>");
  CHECK(o.sources[1].kind == Source::Kind::File);
  CHECK(o.sources[1].name == "x.aql");
  CHECK(o.sources[2].name == "<arg 2>");
  CHECK(Parse({"-e", "q"}).sources[0].name == "<-e>");
}

TEST_CASE("options: --vars must be a JSON object") {
  CHECK(Parse({"--vars", "{\"a\": 1}"}).variables["a"] == aurora::Json(1));
  CHECK_THROWS_AS(Parse({"--vars", "{"}), UsageError);
  CHECK_THROWS_AS(Parse({"--vars", "[1]"}), UsageError);
  CHECK_THROWS_AS(Parse({"--vars", "{}", "--vars", "{}"}), UsageError);
}

TEST_CASE("options: formats and bad usage") {
  CHECK(Parse({"--json"}).format == OutputFormat::Json);
  CHECK(Parse({"--table"}).format == OutputFormat::Table);
  CHECK_THROWS_AS(Parse({"--json", "--table"}), UsageError);
  CHECK_THROWS_AS(Parse({"--nope"}), UsageError);
  CHECK_THROWS_AS(Parse({"a.db", "b.db"}), UsageError);
  CHECK_THROWS_AS(Parse({"-e"}), UsageError);
}
