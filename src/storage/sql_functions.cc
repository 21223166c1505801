#include "storage/sql_functions.h"

#include <sqlite3.h>

#include <regex>
#include <string>

namespace aurora::storage {
namespace {

void DeleteRegex(void* p) { delete static_cast<std::regex*>(p); }

void RegexpFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT || sqlite3_value_type(argv[1]) != SQLITE_TEXT) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  auto* re = static_cast<std::regex*>(sqlite3_get_auxdata(ctx, 0));
  if (!re) {
    std::string pattern(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                        static_cast<size_t>(sqlite3_value_bytes(argv[0])));
    if (pattern.size() > kMaxRegexPattern) {
      sqlite3_result_error(ctx, "matches: the pattern is longer than 1000 characters", -1);
      return;
    }
    try {
      re = new std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      std::string msg = std::string("matches: invalid regular expression: ") + e.what();
      sqlite3_result_error(ctx, msg.c_str(), -1);
      return;
    }
    sqlite3_set_auxdata(ctx, 0, re, DeleteRegex);
    re = static_cast<std::regex*>(sqlite3_get_auxdata(ctx, 0));
    if (!re) {  // SQLite may drop auxdata at once; compile a local copy then
      std::regex local(pattern, std::regex::ECMAScript);
      std::string text(reinterpret_cast<const char*>(sqlite3_value_text(argv[1])),
                       static_cast<size_t>(sqlite3_value_bytes(argv[1])));
      if (text.size() > kMaxRegexText) {
        sqlite3_result_error(ctx, "matches: text longer than 10000 characters cannot be matched", -1);
        return;
      }
      sqlite3_result_int(ctx, std::regex_search(text, local) ? 1 : 0);
      return;
    }
  }
  const char* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  size_t size = static_cast<size_t>(sqlite3_value_bytes(argv[1]));
  if (size > kMaxRegexText) {
    sqlite3_result_error(ctx, "matches: text longer than 10000 characters cannot be matched", -1);
    return;
  }
  try {
    sqlite3_result_int(ctx, std::regex_search(text, text + size, *re) ? 1 : 0);
  } catch (const std::regex_error& e) {
    std::string msg = std::string("matches: ") + e.what();
    sqlite3_result_error(ctx, msg.c_str(), -1);
  }
}

}  // namespace

void RegisterSqlFunctions(Connection& conn) {
  int rc = sqlite3_create_function_v2(conn.handle(), "aql_regexp", 2,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                      RegexpFunction, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw SqliteError(rc, "cannot register aql_regexp");
}

}  // namespace aurora::storage
