// aql: the Aurora shell (placeholder until the shell lands).
#include <iostream>

#include "aurora/aurora.h"

int main(int argc, char** argv) {
  auto db = aurora::Database::open();
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "-e") std::cout << db.execute(argv[i + 1]).dump(true) << "\n";
  }
  return 0;
}
