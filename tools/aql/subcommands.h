// tools/aql/subcommands.h: `aql NAME …` commands other than running AQL (e.g. `aql jobs`).
//
// To add one: write `int RunNameCommand(int argc, const char* const* argv)` in its own file
// (say jobs_command.cc, added to tools/aql/meson.build), declare it below, and add a row to the
// table in subcommands.cc. argv[0] is the subcommand's name; the return value is the exit status
// (0 ok, 1 failure, 2 bad usage).
#pragma once

#include <vector>

namespace aurora::shell {

using SubcommandFn = int (*)(int argc, const char* const* argv);

struct Subcommand {
  const char* name;     // first argument that selects it, e.g. "jobs"
  const char* usage;    // e.g. "jobs [DB]"
  const char* summary;  // one line for --help
  SubcommandFn run;
};

// Every subcommand, in the order --help lists them.
const std::vector<Subcommand>& Subcommands();

// `aql jobs [DB] [--json]` (jobs_command.cc).
int RunJobsCommand(int argc, const char* const* argv);

// The subcommand named `name`, or nullptr.
const Subcommand* FindSubcommand(const char* name);

}  // namespace aurora::shell
