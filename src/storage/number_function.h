// storage/number_function.h: aql_number(json_text) and aql_sum(x), registered by RegisterSqlFunctions.
//
//   aql_number('12')   → 12      aql_number('2.5') → 2.5
//   aql_number('"7"')  → NULL    aql_number('true') → NULL    aql_number(NULL) → NULL
//
// The number a JSON text holds, or NULL for any other JSON value. sum/avg read fields through it
// (`sum(aql_number(t.doc -> '$.amount'))`): one JSON lookup per row instead of json_type plus
// json_extract, and strings and booleans are skipped (json_extract would read true as 1).
//
// aql_sum(x), an aggregate, is SQLite's sum() without its "integer overflow" error: integers are
// added exactly, and a total beyond 64 bits (or any float among the values) gives a float. NULL
// (and any non-number) rows are skipped; no rows give NULL.
#pragma once

struct sqlite3;

namespace aurora::storage {

// Returns an SQLite result code.
int RegisterNumberFunction(sqlite3* db);

}  // namespace aurora::storage
