#include "shell.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "aurora/aurora.h"
#include "repl.h"
#include "response_printer.h"
#include "script_runner.h"
#include "shell_options.h"

#ifndef AURORA_VERSION
#define AURORA_VERSION "unknown"
#endif

namespace aurora::shell {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitBusy = 3;

int UsageFailure(const std::string& message) {
  std::cerr << "aql: " << message << "\nTry 'aql --help' for more information.\n";
  return kExitUsage;
}

bool ReadFile(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return false;
  }
  text = buf.str();
  return true;
}

}  // namespace

int RunShell(int argc, const char* const* argv) {
  ShellOptions options;
  try {
    options = ParseShellOptions(argc, argv);
  } catch (const UsageError& e) {
    return UsageFailure(e.what());
  }
  if (options.help) {
    std::cout << ShellUsage();
    return kExitOk;
  }
  if (options.version) {
    std::cout << "aql (Aurora) " << AURORA_VERSION << "\n";
    return kExitOk;
  }

  // Read every file first: an unreadable one is bad usage, and nothing should have run.
  for (Source& source : options.sources) {
    if (source.kind != Source::Kind::File) continue;
    std::string text, error;
    if (!ReadFile(source.value, text, error)) return UsageFailure("cannot read " + source.value + ": " + error);
    source.value = std::move(text);
  }

  Config config;
  if (!options.database.empty()) config.path = options.database;
  if (options.busy_timeout_ms) config.busy_timeout = std::chrono::milliseconds(*options.busy_timeout_ms);
  std::optional<Database> db;
  try {
    db.emplace(Database::open(config));
  } catch (const Exception& e) {
    std::cerr << "aql: " << e.what() << " [" << to_string(e.code()) << "]\n";
    return e.code() == ErrorCode::Busy ? kExitBusy : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "aql: " << e.what() << "\n";
    return kExitUsage;
  }

  ResponsePrinter printer(options.format, std::cout, std::cerr);
  ScriptRunner runner(*db, options.variables, printer);
  bool ok = true;
  if (!options.sources.empty()) {
    for (const Source& source : options.sources) ok = runner.Run(source.value, source.name) && ok;
  } else if (isatty(STDIN_FILENO)) {
    RunRepl(runner);
  } else {
    std::string script((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    ok = runner.Run(script, "<stdin>");
  }
  db->close();

  std::cout.flush();
  if (!std::cout) {
    std::cerr << "aql: cannot write the output\n";
    return kExitFailed;
  }
  if (ok) return kExitOk;
  return runner.failed_busy() && !runner.failed_other_than_busy() ? kExitBusy : kExitFailed;
}

}  // namespace aurora::shell
