#include "subcommands.h"

#include <cstring>

namespace aurora::shell {

const std::vector<Subcommand>& Subcommands() {
  static const std::vector<Subcommand> all = {
      {"jobs", "jobs [DB] [--json]", "queue summary: counts by status and type, oldest pending, recent failures",
       RunJobsCommand},
  };
  return all;
}

const Subcommand* FindSubcommand(const char* name) {
  for (const Subcommand& sub : Subcommands()) {
    if (std::strcmp(sub.name, name) == 0) return &sub;
  }
  return nullptr;
}

}  // namespace aurora::shell
