// tools/aql/shell_options.h: the command line of `aql` (DESIGN §9), parsed with
// Boost.Program_options into a plain struct.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "aurora/json.h"

namespace aurora::shell {

enum class OutputFormat { Pretty, Json, Table };

// One piece of AQL to run, in command-line order: an `-e` text or an `-f` file.
struct Source {
  enum class Kind { Expression, File };
  Kind kind = Kind::Expression;
  std::string value;  // the AQL text (Expression) or the path (File)
  std::string name;   // how error messages name it: "<-e>", "<arg 2>" or the path
};

struct ShellOptions {
  std::string database;         // empty: in-memory
  std::vector<Source> sources;  // empty: REPL on a terminal, else the script on stdin
  Json variables = Json::object();
  OutputFormat format = OutputFormat::Pretty;
  // --busy-timeout MS: Config::busy_timeout (unset: the library's default).
  std::optional<long long> busy_timeout_ms;
  bool help = false;
  bool version = false;
};

// Bad usage: unknown option, missing value, bad --vars JSON… Exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses argv (argv[0] is the program). Throws UsageError.
ShellOptions ParseShellOptions(int argc, const char* const* argv);

// The text of `aql --help`.
std::string ShellUsage();

}  // namespace aurora::shell
