#include "storage/sql_functions.h"

#include <re2/re2.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "storage/number_function.h"

namespace aurora::storage {
namespace {

std::unique_ptr<RE2> Compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  return std::make_unique<RE2>(pattern, options);
}

void DeleteRegex(void* p) { delete static_cast<RE2*>(p); }

void RegexpFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT || sqlite3_value_type(argv[1]) != SQLITE_TEXT) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  const char* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  size_t size = static_cast<size_t>(sqlite3_value_bytes(argv[1]));
  if (size > kMaxRegexText) {
    sqlite3_result_error(ctx, "matches: text longer than 1000000 bytes cannot be matched", -1);
    return;
  }
  auto* re = static_cast<RE2*>(sqlite3_get_auxdata(ctx, 0));
  std::unique_ptr<RE2> local;
  if (!re) {
    std::string pattern(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                        static_cast<size_t>(sqlite3_value_bytes(argv[0])));
    std::string problem = RegexProblem(pattern);
    if (!problem.empty()) {
      sqlite3_result_error(ctx, problem.c_str(), -1);
      return;
    }
    local = Compile(pattern);
    re = local.get();
    sqlite3_set_auxdata(ctx, 0, local.release(), DeleteRegex);  // SQLite owns it now (may free it at once)
  }
  bool found = RE2::PartialMatch(re2::StringPiece(text, size), *re);
  sqlite3_result_int(ctx, found ? 1 : 0);
}

}  // namespace

std::string RegexProblem(const std::string& pattern) {
  if (pattern.size() > kMaxRegexPattern) return "matches: the pattern is longer than 1000 characters";
  std::unique_ptr<RE2> re = Compile(pattern);
  if (!re->ok()) return "matches: invalid regular expression '" + pattern + "': " + re->error();
  return "";
}

void RegisterSqlFunctions(Connection& conn) {
  int rc = sqlite3_create_function_v2(conn.handle(), "aql_regexp", 2,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                      RegexpFunction, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw SqliteError(rc, "cannot register aql_regexp");
  rc = RegisterNumberFunction(conn.handle());  // storage/number_function.h
  if (rc != SQLITE_OK) throw SqliteError(rc, "cannot register aql_number");
}

}  // namespace aurora::storage
