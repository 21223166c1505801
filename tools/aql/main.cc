// aql: the Aurora shell (DESIGN §9). `aql NAME …` runs a subcommand (subcommands.h);
// everything else is the AQL shell (shell.h). Uses only the public API in include/aurora.
#include <exception>
#include <iostream>

#include "shell.h"
#include "subcommands.h"

int main(int argc, char** argv) {
  try {
    if (argc > 1) {
      if (const aurora::shell::Subcommand* sub = aurora::shell::FindSubcommand(argv[1])) {
        return sub->run(argc - 1, argv + 1);
      }
    }
    return aurora::shell::RunShell(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "aql: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "aql: internal error\n";
  }
  return 1;
}
