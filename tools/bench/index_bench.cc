// index_bench: an @indexed/@unique field against the same data in an unindexed field.
//
// A collection of N documents (default 100,000) defined with `sku: String @unique` and
// `rank: Int @indexed`, and copies of both values in unindexed fields `code` and `level`. Runs
// through the public API with the plan cache warm:
//   eq      items(where: { sku: { eq: $v } })  vs  items(where: { code: { eq: $v } })
//   range   items(where: { rank: { gte: $a, lt: $b } })  vs  the same on `level` (10 docs)
//   sort    items(orderBy: { rank: DESC }, limit: 10)  vs  the same on `level`
// prints the time per query and the speed-up, and checks with `query @explain` that the
// indexed queries use their index and the others scan. Target (issue 5): ≥ 50× on eq and range.
//
//   index_bench [--docs 100000]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "aurora/aurora.h"

using namespace aurora;
using Clock = std::chrono::steady_clock;

namespace {

void Check(const Response& r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s failed: %s\n", what, r.dump().c_str());
    std::exit(1);
  }
}

// Mean microseconds per run of `aql` with variables from `vars(i)`.
template <typename Vars>
double Time(Database& db, const std::string& aql, int runs, Vars vars, std::size_t expect) {
  Check(db.execute(aql, vars(0)), "warm-up");
  auto start = Clock::now();
  for (int i = 0; i < runs; ++i) {
    Response r = db.execute(aql, vars(i));
    Check(r, aql.c_str());
    if (r.data["items"].size() != expect) {
      std::fprintf(stderr, "%s: expected %zu rows, got %zu\n", aql.c_str(), expect, r.data["items"].size());
      std::exit(1);
    }
  }
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / runs;
}

bool UsesIndex(Database& db, const std::string& args) {
  Response r = db.execute("query @explain { items(" + args + ") { id } }");
  Check(r, "explain");
  return r.data["items"]["usesIndex"].as_bool();
}

}  // namespace

int main(int argc, char** argv) {
  int n = 100000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--docs") == 0) n = std::atoi(argv[i + 1]);
  }
  Database db = Database::open();
  Check(db.execute("schema { define collection items { sku: String! @unique, rank: Int @indexed, code: String, "
                   "level: Int } }"),
        "define");
  auto load_start = Clock::now();
  for (int base = 0; base < n; base += 1000) {
    Json docs = Json::array();
    for (int i = base; i < base + 1000 && i < n; ++i) {
      // rank: a permutation of 0..n-1, so a range of 10 holds 10 documents.
      long long rank = (static_cast<long long>(i) * 7919) % n;
      std::string sku = "SKU-" + std::to_string(i);
      docs.push_back(Json::object({{"sku", sku}, {"code", sku}, {"rank", rank}, {"level", rank}}));
    }
    Check(db.execute("mutation ($d: [JSON]) { insertMany(collection: \"items\", data: $d) { affected } }",
                     Json::object({{"d", docs}})),
          "load");
  }
  double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();
  std::printf("index_bench: %d documents loaded in %.2f s (2 indexes, schema-checked)\n", n, load_s);

  bool ok = UsesIndex(db, "where: { sku: { eq: \"SKU-1\" } }") && !UsesIndex(db, "where: { code: { eq: \"SKU-1\" } }") &&
            UsesIndex(db, "where: { rank: { gte: 5, lt: 15 } }") && !UsesIndex(db, "where: { level: { gte: 5, lt: 15 } }");
  std::printf("explain: indexed queries use their index, unindexed ones scan: %s\n", ok ? "yes" : "NO");

  auto eq_vars = [n](int i) { return Json::object({{"v", "SKU-" + std::to_string((i * 104729) % n)}}); };
  auto range_vars = [n](int i) {
    long long a = (static_cast<long long>(i) * 613) % (n - 10);
    return Json::object({{"a", a}, {"b", a + 10}});
  };
  auto none = [](int) { return Json::object(); };
  struct Case {
    const char* name;
    std::string indexed, scan;
    int fast_runs, slow_runs;
    std::size_t rows;
    int kind;
  } cases[] = {
      {"eq", "query ($v: String) { items(where: { sku: { eq: $v } }) { id sku } }",
       "query ($v: String) { items(where: { code: { eq: $v } }) { id sku } }", 2000, 20, 1, 0},
      {"range", "query ($a: Int, $b: Int) { items(where: { rank: { gte: $a, lt: $b } }) { id rank } }",
       "query ($a: Int, $b: Int) { items(where: { level: { gte: $a, lt: $b } }) { id rank } }", 2000, 20, 10, 1},
      {"sort", "{ items(orderBy: { rank: DESC }, limit: 10) { id rank } }",
       "{ items(orderBy: { level: DESC }, limit: 10) { id rank } }", 2000, 20, 10, 2},
  };
  std::printf("%-6s %14s %14s %10s\n", "query", "indexed µs", "unindexed µs", "speed-up");
  bool target = true;
  for (const Case& c : cases) {
    double fast = 0, slow = 0;
    if (c.kind == 0) {
      fast = Time(db, c.indexed, c.fast_runs, eq_vars, c.rows);
      slow = Time(db, c.scan, c.slow_runs, eq_vars, c.rows);
    } else if (c.kind == 1) {
      fast = Time(db, c.indexed, c.fast_runs, range_vars, c.rows);
      slow = Time(db, c.scan, c.slow_runs, range_vars, c.rows);
    } else {
      fast = Time(db, c.indexed, c.fast_runs, none, c.rows);
      slow = Time(db, c.scan, c.slow_runs, none, c.rows);
    }
    std::printf("%-6s %14.1f %14.1f %9.0fx\n", c.name, fast, slow, slow / fast);
    if (c.kind != 2 && slow / fast < 50) target = false;
  }
  std::printf("target (indexed eq and range ≥ 50× faster at %d docs): %s\n", n, target ? "met" : "NOT met");
  return ok && target ? 0 : 1;
}
