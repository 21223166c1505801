#include "storage/number_function.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

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

// aql_sum: integers are added exactly in 128 bits (2^63 rows of 64-bit values cannot overflow
// it). SQLite's aggregate memory is only 8-byte aligned, so the total is copied in and out.
__extension__ using Int128 = __int128;
struct SumState {
  unsigned char integers[sizeof(Int128)];
  double reals;
  bool any;
  bool any_real;
};

Int128 Integers(const SumState& s) {
  Int128 v;
  std::memcpy(&v, s.integers, sizeof v);
  return v;
}

void SumStep(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* s = static_cast<SumState*>(sqlite3_aggregate_context(ctx, sizeof(SumState)));  // zeroed
  if (!s) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  switch (sqlite3_value_type(argv[0])) {
    case SQLITE_INTEGER: {
      Int128 total = Integers(*s) + sqlite3_value_int64(argv[0]);
      std::memcpy(s->integers, &total, sizeof total);
      s->any = true;
      return;
    }
    case SQLITE_FLOAT: s->reals += sqlite3_value_double(argv[0]); s->any = s->any_real = true; return;
    default: return;
  }
}

void SumFinal(sqlite3_context* ctx) {
  auto* s = static_cast<SumState*>(sqlite3_aggregate_context(ctx, 0));
  if (!s || !s->any) {
    sqlite3_result_null(ctx);
    return;
  }
  Int128 integers = Integers(*s);
  if (!s->any_real && integers >= std::numeric_limits<std::int64_t>::min() &&
      integers <= std::numeric_limits<std::int64_t>::max()) {
    sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(integers));
  } else {
    sqlite3_result_double(ctx, static_cast<double>(integers) + s->reals);
  }
}

}  // namespace

int RegisterNumberFunction(sqlite3* db) {
  int rc = sqlite3_create_function_v2(db, "aql_number", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      nullptr, NumberFunction, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function_v2(db, "aql_sum", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    nullptr, nullptr, SumStep, SumFinal, nullptr);
}

}  // namespace aurora::storage
