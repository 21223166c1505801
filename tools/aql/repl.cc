#include "repl.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "input_balance.h"

#ifdef AQL_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

namespace aurora::shell {
namespace {

constexpr const char* kPrompt = "aql> ";
constexpr const char* kContinuationPrompt = "...> ";

constexpr const char* kReplHelp =
    "Type AQL; an entry runs when its braces, brackets and parentheses balance.\n"
    "  .help          this text\n"
    "  .quit, .exit   leave (or press Ctrl-D)\n"
    "  .cancel        drop the entry being typed\n"
    "Example: query { products(limit: 5) { id name } }\n";

std::string HistoryPath() {
  if (const char* p = std::getenv("AQL_HISTORY")) return p;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.aql_history";
  return "";
}

class LineReader {
 public:
  LineReader() : history_path_(HistoryPath()) {
#ifdef AQL_HAVE_LIBEDIT
    using_history();
    stifle_history(1000);
    if (!history_path_.empty()) read_history(history_path_.c_str());
#endif
  }
  ~LineReader() {
#ifdef AQL_HAVE_LIBEDIT
    if (!history_path_.empty()) write_history(history_path_.c_str());
#endif
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its newline, or nullopt at end of input.
  std::optional<std::string> Read(const char* prompt) {
#ifdef AQL_HAVE_LIBEDIT
    char* raw = readline(prompt);
    if (raw == nullptr) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
    return line;
#else
    std::cout << prompt << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
#endif
  }

 private:
  std::string history_path_;
};

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

int RunRepl(ScriptRunner& runner) {
  std::cout << "aql: Aurora shell. Type .help for help, .quit to leave.\n" << std::flush;
  LineReader reader;
  std::string entry;
  while (true) {
    std::optional<std::string> line = reader.Read(entry.empty() ? kPrompt : kContinuationPrompt);
    if (!line) {
      std::cout << "\n";
      break;
    }
    std::string command = Trim(*line);
    if (command == ".quit" || command == ".exit") break;
    if (command == ".help") {
      std::cout << kReplHelp;
      continue;
    }
    if (command == ".cancel") {
      entry.clear();
      continue;
    }
    if (entry.empty() && command.size() > 1 && command[0] == '.' && command[1] != '.') {
      std::cout << "unknown command " << command << " (try .help)\n";
      continue;
    }
    entry += *line;
    entry += "\n";
    switch (ClassifyInput(entry)) {
      case InputState::Empty:
        entry.clear();
        break;
      case InputState::Incomplete:
        break;
      case InputState::Complete:
        runner.Run(entry, "<stdin>");
        std::cout << std::flush;
        entry.clear();
        break;
    }
  }
  return 0;
}

}  // namespace aurora::shell
