#include "repl.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <clocale>
#include <csignal>
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
    "  .cancel        drop the entry being typed (or press Ctrl-C)\n"
    "  Ctrl-C         while a statement runs: stop it (it changes nothing)\n"
    "Example: query { products(limit: 5) { id name } }\n";

// Ctrl-C: cancels the entry being typed, or interrupts the running statement. Set by the SIGINT
// handler, which may only touch these (a lock-free atomic and a sig_atomic_t).
volatile std::sig_atomic_t g_interrupted = 0;
std::atomic<Database*> g_running{nullptr};
static_assert(std::atomic<Database*>::is_always_lock_free);

extern "C" void OnInterrupt(int) {
  g_interrupted = 1;
  if (Database* db = g_running.load()) db->interrupt();  // only sets SQLite's interrupt flag
}

// SIGINT → OnInterrupt while the REPL runs; without SA_RESTART, so a blocked read() returns
// EINTR and the line reader can give up the line.
class InterruptScope {
 public:
  InterruptScope() {
    struct sigaction sa {};
    sa.sa_handler = OnInterrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, &previous_);
  }
  ~InterruptScope() { sigaction(SIGINT, &previous_, nullptr); }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  struct sigaction previous_ {};
};

#ifdef AQL_HAVE_LIBEDIT
// One byte of input, or -1 at end of input or on Ctrl-C.
int ReadRawByte(FILE* in) {
  while (!g_interrupted) {
    unsigned char c = 0;
    ssize_t n = read(fileno(in), &c, 1);
    if (n == 1) return c;
    if (n == 0 || errno != EINTR) return -1;
  }
  return -1;
}

// libedit's character source: one UTF-8 character as its code point (U+FFFD for a malformed
// sequence), or EOF at end of input or on Ctrl-C (RunRepl then sees g_interrupted and drops
// the entry instead of leaving).
int ReadCharacter(FILE* in) {
  int b = ReadRawByte(in);
  if (b < 0x80) return b < 0 ? EOF : b;
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
  if (extra < 0 || b > 0xF4) return 0xFFFD;
  int cp = b & (0x3F >> extra);
  for (int i = 0; i < extra; ++i) {
    int c = ReadRawByte(in);
    if (c < 0) return EOF;
    if ((c & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (c & 0x3F);
  }
  return cp;
}
#endif

std::string HistoryPath() {
  if (const char* p = std::getenv("AQL_HISTORY")) return p;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.aql_history";
  return "";
}

class LineReader {
 public:
  LineReader() : history_path_(HistoryPath()) {
#ifdef AQL_HAVE_LIBEDIT
    // Before the first libedit call (using_history initializes it): our signal handling and
    // character source. Lines come back as UTF-8 (LC_CTYPE, set by RunRepl).
    rl_catch_signals = 0;
    rl_getc_function = ReadCharacter;
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
    if (!std::getline(std::cin, line)) {
      if (g_interrupted) std::cin.clear();
      return std::nullopt;
    }
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
  InterruptScope interrupts;
  // libedit turns typed characters back into bytes by LC_CTYPE: UTF-8, whatever the environment
  // says (AQL text is UTF-8; in the "C" locale non-ASCII characters were lost).
  if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "");
  LineReader reader;
  std::string entry;
  while (true) {
    g_interrupted = 0;
    std::optional<std::string> line = reader.Read(entry.empty() ? kPrompt : kContinuationPrompt);
    if (g_interrupted) {  // Ctrl-C while typing: drop the entry, prompt again
      std::cout << "^C\n" << std::flush;
      entry.clear();
      continue;
    }
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
        g_running = &runner.database();
        runner.Run(entry, "<stdin>");
        g_running = nullptr;
        std::cout << std::flush;
        entry.clear();
        break;
    }
  }
  return 0;
}

}  // namespace aurora::shell
