// ANTLR types never leave src/parser: no file elsewhere in the tree includes ANTLR's runtime or
// the generated parser (DESIGN §2, TEAM code standards).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef AURORA_SOURCE_ROOT
#error "tests/meson.build passes AURORA_SOURCE_ROOT"
#endif

namespace fs = std::filesystem;

TEST_CASE("ANTLR headers are included only under src/parser") {
  const fs::path root = AURORA_SOURCE_ROOT;
  REQUIRE(fs::exists(root / "src" / "parser" / "parser.cc"));
  const std::vector<std::string> needles = {"antlr4-runtime", "AQLParser.h", "AQLLexer.h", "AQLVisitor.h",
                                            "AQLBaseVisitor.h", "<antlr4"};
  std::vector<std::string> offenders;
  int files = 0;
  int parser_files_with_antlr = 0;
  for (const char* dir : {"src", "include", "tools", "tests", "examples"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      std::string ext = entry.path().extension().string();
      if (ext != ".h" && ext != ".hpp" && ext != ".cc" && ext != ".cpp") continue;
      if (entry.path().filename() == "antlr_confinement_test.cc") continue;
      ++files;
      std::ifstream in(entry.path());
      std::string line;
      bool in_parser = fs::relative(entry.path(), root).string().rfind("src/parser/", 0) == 0;
      while (std::getline(in, line)) {
        if (line.find("#include") == std::string::npos) continue;
        for (const auto& needle : needles) {
          if (line.find(needle) == std::string::npos) continue;
          if (in_parser) {
            ++parser_files_with_antlr;
          } else {
            offenders.push_back(fs::relative(entry.path(), root).string() + ": " + line);
          }
        }
      }
    }
  }
  CHECK(files > 10);
  CHECK(parser_files_with_antlr > 0);  // the check sees real includes
  CHECK(offenders.empty());
  if (!offenders.empty()) FAIL_CHECK(offenders.front());
}
