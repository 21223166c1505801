#include "shell_options.h"

#include <boost/program_options.hpp>
#include <charconv>
#include <sstream>

#include "subcommands.h"

namespace po = boost::program_options;

namespace aurora::shell {
namespace {

po::options_description VisibleOptions() {
  po::options_description opts("Options");
  opts.add_options()
      ("expr,e", po::value<std::vector<std::string>>()->composing()->value_name("AQL"),
       "run AQL text (repeatable; runs in command-line order with -f)")
      ("file,f", po::value<std::vector<std::string>>()->composing()->value_name("FILE"),
       "run the AQL script in FILE (repeatable)")
      ("vars", po::value<std::string>()->value_name("JSON"),
       "variables for every operation, as a JSON object")
      ("json", "print one compact JSON response per line (errors included)")
      ("table", "print list results as tables")
      ("busy-timeout", po::value<std::string>()->value_name("MS"),
       "how long a write waits while another process holds the write lock (default 5000); then it fails with BUSY")
      ("help,h", "show this help and exit")
      ("version", "show the version and exit");
  return opts;
}

}  // namespace

std::string ShellUsage() {
  std::ostringstream out;
  out << "Usage: aql [DB] [-e AQL]... [-f FILE]... [--vars JSON] [--json | --table]\n";
  for (const Subcommand& sub : Subcommands()) {
    out << "       aql " << sub.usage << "\n";
  }
  out << "\n"
         "Runs AQL against the Aurora database file DB (created if missing; without DB, a\n"
         "private in-memory database). Without -e or -f: an interactive shell on a terminal,\n"
         "otherwise the script read from standard input.\n\n"
      << VisibleOptions()
      << "\nErrors are printed to stderr as FILE:LINE:COL: error: MESSAGE [CODE], where FILE is\n"
         "the -f path, <stdin>, <-e> (or <arg N> for the Nth of several -e).\n"
         "Exit status: 0 when every operation succeeded, 1 when one failed, 2 for bad usage,\n"
         "3 when the only failures were BUSY (another process held the write lock: run it again).\n";
  if (!Subcommands().empty()) {
    out << "\nSubcommands:\n";
    for (const Subcommand& sub : Subcommands()) out << "  " << sub.name << "  " << sub.summary << "\n";
  }
  return out.str();
}

ShellOptions ParseShellOptions(int argc, const char* const* argv) {
  po::options_description all = VisibleOptions();
  all.add_options()("database", po::value<std::string>(), "database file");
  po::positional_options_description positional;
  positional.add("database", 1);

  po::parsed_options parsed(&all);
  try {
    parsed = po::command_line_parser(argc, argv)
                 .options(all)
                 .positional(positional)
                 .style(po::command_line_style::unix_style)
                 .run();
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }

  ShellOptions options;
  int expressions = 0;
  for (const po::basic_option<char>& opt : parsed.options) {
    if (opt.string_key == "expr") ++expressions;
  }
  int expression_index = 0;
  bool have_vars = false;
  for (const po::basic_option<char>& opt : parsed.options) {
    const std::string& key = opt.string_key;
    const std::string value = opt.value.empty() ? std::string() : opt.value.front();
    if (key == "expr") {
      ++expression_index;
      std::string name = expressions == 1 ? "<-e>" : "<arg " + std::to_string(expression_index) + ">";
      options.sources.push_back({Source::Kind::Expression, value, std::move(name)});
    } else if (key == "file") {
      options.sources.push_back({Source::Kind::File, value, value});
    } else if (key == "database") {
      options.database = value;
    } else if (key == "vars") {
      if (have_vars) throw UsageError("--vars given more than once");
      have_vars = true;
      std::string error;
      std::optional<Json> vars = Json::parse(value, &error);
      if (!vars) throw UsageError("--vars is not valid JSON: " + error);
      if (!vars->is_object()) throw UsageError("--vars must be a JSON object, like '{\"min\": 5}'");
      options.variables = std::move(*vars);
    } else if (key == "json" || key == "table") {
      OutputFormat f = key == "json" ? OutputFormat::Json : OutputFormat::Table;
      if (options.format != OutputFormat::Pretty && options.format != f) {
        throw UsageError("--json and --table cannot be used together");
      }
      options.format = f;
    } else if (key == "busy-timeout") {
      long long ms = -1;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
      if (ec != std::errc() || end != value.data() + value.size() || ms < 0 || ms > 24LL * 3600 * 1000) {
        throw UsageError("--busy-timeout takes milliseconds from 0 to 86400000, got '" + value + "'");
      }
      options.busy_timeout_ms = ms;
    } else if (key == "help") {
      options.help = true;
    } else if (key == "version") {
      options.version = true;
    }
  }
  return options;
}

}  // namespace aurora::shell
