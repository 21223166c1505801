#include "storage/number_function.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace aurora::storage {
namespace {

void NumberFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  switch (sqlite3_value_type(argv[0])) {
    case SQLITE_INTEGER: sqlite3_result_int64(ctx, sqlite3_value_int64(argv[0])); return;
    case SQLITE_FLOAT: sqlite3_result_double(ctx, sqlite3_value_double(argv[0])); return;
    case SQLITE_TEXT: break;
    default: sqlite3_result_null(ctx); return;
  }
  const char* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!text || !(*text == '-' || (*text >= '0' && *text <= '9'))) {
    sqlite3_result_null(ctx);  // a string, boolean, null, array or object
    return;
  }
  if (!std::strpbrk(text, ".eE")) {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(text, &end, 10);
    if (errno == 0 && end && *end == '\0') {
      sqlite3_result_int64(ctx, v);
      return;
    }
  }
  char* end = nullptr;
  double d = std::strtod(text, &end);
  if (end && *end == '\0') {
    sqlite3_result_double(ctx, d);
  } else {
    sqlite3_result_null(ctx);
  }
}

}  // namespace

int RegisterNumberFunction(sqlite3* db) {
  return sqlite3_create_function_v2(db, "aql_number", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    nullptr, NumberFunction, nullptr, nullptr, nullptr);
}

}  // namespace aurora::storage
