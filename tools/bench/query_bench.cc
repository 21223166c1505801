// query_bench: AQL queries against the hand-written SQLite SQL that does the same work, in one
// run (docs/performance.md). Not a test: run it by hand,
//   build/tools/bench/query_bench [--docs 100000] [--page-docs 1000000] [--reps 30] [--dir /tmp]
//
// On a file database of `--docs` orders (and 10,000 customers) it times, median of `--reps`
// runs with the plan cache and SQLite's statement cache warm:
//   filter   a filtered + sorted + limited query
//   groupBy  count and sum per category
//   lookup   a filtered page of orders with each order's customer joined
// each as AQL through aurora::Database::execute (parse cache hit, SQL generation, SQLite,
// response JSON) and as hand-written SQL through the raw sqlite3 API (prepared once; the rows'
// values read into a std::string). Then, on `--page-docs` documents, keyset page 1 vs page
// 1,000 (`first`/`after`) against `limit`/`offset` at the same depth.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "aurora/database.h"

namespace {

using Clock = std::chrono::steady_clock;
using aurora::Database;
using aurora::Json;

double MedianMillis(int reps, const std::function<void()>& run) {
  run();  // warm: plan cache, statement cache, page cache
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    auto start = Clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Medians of `a` and `b`, run alternately so that a shared machine's load drifts over both alike.
std::pair<double, double> MedianPair(int reps, const std::function<void()>& a, const std::function<void()>& b) {
  a();
  b();
  std::vector<double> ta, tb;
  for (int i = 0; i < reps; ++i) {
    auto start = Clock::now();
    a();
    auto mid = Clock::now();
    b();
    auto end = Clock::now();
    ta.push_back(std::chrono::duration<double, std::milli>(mid - start).count());
    tb.push_back(std::chrono::duration<double, std::milli>(end - mid).count());
  }
  std::sort(ta.begin(), ta.end());
  std::sort(tb.begin(), tb.end());
  return {ta[ta.size() / 2], tb[tb.size() / 2]};
}

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "query_bench: " << what << "\n";
    std::exit(1);
  }
}

Json RunAql(Database& db, const std::string& aql, const Json& vars = Json::object()) {
  aurora::Response r = db.execute(aql, vars);
  Check(r.ok(), "AQL failed: " + r.dump() + "\n  " + aql);
  return r.data;
}

const char* kCategories[] = {"books", "games", "music", "garden", "tools", "toys", "food", "shoes", "bags", "phones",
                             "cars", "bikes", "films", "paint", "lamps", "desks", "beds", "socks", "hats", "pens"};
const char* kRegions[] = {"north", "south", "east", "west"};

void Fill(Database& db, const std::string& collection, int n, const std::function<Json(int)>& make) {
  const int batch = 5000;
  for (int start = 0; start < n; start += batch) {
    Json docs = Json::array();
    for (int i = start; i < std::min(n, start + batch); ++i) docs.push_back(make(i));
    RunAql(db, "mutation ($d: [JSON]) { insertMany(collection: \"" + collection + "\", data: $d) { affected } }",
           Json::object({{"d", docs}}));
  }
}

char buf[32];
const char* Id(const char* prefix, int i) {
  std::snprintf(buf, sizeof buf, "%s%07d", prefix, i);
  return buf;
}

Json Order(int i) {
  unsigned h = static_cast<unsigned>(i) * 2654435761u;
  const double amount = static_cast<double>(h % 100000) / 100.0;
  return Json::object({{"id", Id("o", i)},
                       {"customer", Id("c", static_cast<int>((h >> 8) % 10000))},
                       {"category", kCategories[(h >> 4) % 20]},
                       {"region", kRegions[(h >> 12) % 4]},
                       {"amount", amount},
                       {"note", "order number " + std::to_string(i) + " with some text to make documents realistic"}});
}

Json Customer(int i) {
  return Json::object({{"id", Id("c", i)}, {"name", "Customer " + std::to_string(i)}, {"country", kRegions[i % 4]}});
}

// A hand-written statement through the raw sqlite3 API, prepared once.
class RawQuery {
 public:
  RawQuery(sqlite3* db, const std::string& sql) {
    Check(sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) == SQLITE_OK,
          std::string("prepare: ") + sqlite3_errmsg(db) + "\n  " + sql);
  }
  ~RawQuery() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* stmt() { return stmt_; }
  // Steps all rows, reading every column as text (what a program would copy out). Returns rows.
  int Run() {
    int rows = 0;
    out_.clear();
    while (sqlite3_step(stmt_) == SQLITE_ROW) {
      ++rows;
      for (int c = 0; c < sqlite3_column_count(stmt_); ++c) {
        const unsigned char* t = sqlite3_column_text(stmt_, c);
        if (t) out_ += reinterpret_cast<const char*>(t);
        out_ += '\t';
      }
      out_ += '\n';
    }
    sqlite3_reset(stmt_);
    return rows;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  std::string out_;
};

void Row(const char* name, double aql, double sql) {
  std::printf("%-10s AQL %9.3f ms   SQL %9.3f ms   ratio %.2f\n", name, aql, sql, aql / sql);
}

}  // namespace

int main(int argc, char** argv) {
  int docs = 100000, page_docs = 1000000, reps = 30;
  std::string dir = std::filesystem::temp_directory_path().string();
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--docs")) docs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--page-docs")) page_docs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--reps")) reps = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  const std::string path = dir + "/query_bench_" + std::to_string(::getpid()) + ".db";
  std::filesystem::remove(path);
  aurora::Config config;
  config.path = path;
  Database db = Database::open(config);

  auto t0 = Clock::now();
  Fill(db, "orders", docs, Order);
  Fill(db, "customers", 10000, Customer);
  std::printf("query_bench: %d orders, 10000 customers in %s (filled in %.1f s), median of %d runs\n", docs,
              path.c_str(), std::chrono::duration<double>(Clock::now() - t0).count(), reps);

  sqlite3* raw = nullptr;
  Check(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK, "open raw connection");

  // (a) filter + sort + limit
  {
    const std::string aql = R"(query ($cat: String, $min: Float) {
      orders(where: { category: { eq: $cat }, amount: { gte: $min } },
             orderBy: { field: "amount", direction: DESC }, limit: 10) { id amount customer } })";
    Json vars = Json::object({{"cat", "games"}, {"min", 100.0}});
    Check(RunAql(db, aql, vars)["orders"].size() == 10, "filter: expected 10 rows");
    RawQuery q(raw,
               "SELECT id, json_extract(doc, '$.amount'), json_extract(doc, '$.customer') FROM orders "
               "WHERE json_extract(doc, '$.category') = ?1 AND json_extract(doc, '$.amount') >= ?2 "
               "ORDER BY json_extract(doc, '$.amount') DESC LIMIT 10");
    auto [a, s] = MedianPair(reps, [&] { RunAql(db, aql, vars); }, [&] {
      sqlite3_bind_text(q.stmt(), 1, "games", -1, SQLITE_STATIC);
      sqlite3_bind_double(q.stmt(), 2, 100.0);
      Check(q.Run() == 10, "filter: raw rows");
    });
    Row("filter", a, s);
  }

  // (b) groupBy: count and sum per category
  {
    const std::string aql = R"({ orders { groupBy(field: "category") { key count aggregate { sum(field: "amount") } } } })";
    Check(RunAql(db, aql)["orders"]["groupBy"].size() == 20, "groupBy: expected 20 groups");
    // The faster of the two obvious hand-written forms: each JSON lookup once per row, in a
    // subquery SQLite does not flatten (the plain GROUP BY json_extract(…) form is slower).
    RawQuery q(raw,
               "SELECT c, count(*), sum(a) FROM (SELECT json_extract(doc, '$.category') AS c, "
               "json_extract(doc, '$.amount') AS a FROM orders LIMIT -1 OFFSET 0) GROUP BY c ORDER BY c");
    auto [a, s] = MedianPair(reps, [&] { RunAql(db, aql); }, [&] { Check(q.Run() == 20, "groupBy: raw rows"); });
    Row("groupBy", a, s);
  }

  // (b') aggregate without groups
  {
    const std::string aql = R"({ orders { aggregate { count sum(field: "amount") avg(field: "amount") } } })";
    Check(RunAql(db, aql)["orders"]["aggregate"]["count"] == Json(docs), "aggregate: count");
    RawQuery q(raw, "SELECT count(*), sum(json_extract(doc, '$.amount')), avg(json_extract(doc, '$.amount')) FROM orders");
    auto [a, s] = MedianPair(reps, [&] { RunAql(db, aql); }, [&] { Check(q.Run() == 1, "aggregate: raw rows"); });
    Row("aggregate", a, s);
  }

  // (c) lookup: the 100 largest orders of a region, each with its customer
  {
    const std::string aql = R"(query ($r: String) {
      orders(where: { region: { eq: $r } }, orderBy: { field: "amount", direction: DESC }, limit: 100) {
        id amount
        buyer: lookup(collection: "customers", localField: "customer", foreignField: "id") { name country }
      } })";
    Json vars = Json::object({{"r", "north"}});
    Json out = RunAql(db, aql, vars);
    Check(out["orders"].size() == 100 && out["orders"].as_array()[0]["buyer"].is_object(), "lookup: expected joined rows");
    RawQuery q(raw,
               "SELECT o.id, o.amount, json_extract(c.doc, '$.name'), json_extract(c.doc, '$.country') FROM "
               "(SELECT id, json_extract(doc, '$.amount') AS amount, json_extract(doc, '$.customer') AS customer "
               " FROM orders WHERE json_extract(doc, '$.region') = ?1 ORDER BY amount DESC LIMIT 100) AS o "
               "LEFT JOIN customers AS c ON c.id = o.customer ORDER BY o.amount DESC");
    auto [a, s] = MedianPair(reps, [&] { RunAql(db, aql, vars); }, [&] {
      sqlite3_bind_text(q.stmt(), 1, "north", -1, SQLITE_STATIC);
      Check(q.Run() == 100, "lookup: raw rows");
    });
    Row("lookup", a, s);
  }
  sqlite3_close(raw);

  // (d) keyset pages: page 1 vs page 1,000 (page size 100), against limit/offset at the same depth.
  {
    auto t1 = Clock::now();
    RunAql(db, "schema { define collection pages { n: Int @indexed } }");  // an expression index on n
    Fill(db, "pages", page_docs, [](int i) { return Json::object({{"id", Id("p", i)}, {"n", i}}); });
    std::printf("keyset: %d documents (filled in %.1f s), 100 per page\n", page_docs,
                std::chrono::duration<double>(Clock::now() - t1).count());
    const int size = 100, depth = 1000;
    Check(page_docs >= size * depth, "--page-docs must be at least 100,000");
    for (const char* order : {"", "orderBy: { field: \"id\", direction: ASC }, ", "orderBy: { field: \"n\", direction: ASC }, "}) {
      // The cursor of the end of page 999 (computed once, not timed).
      Json skip = RunAql(db, std::string("{ pages(") + order + "first: " + std::to_string(size * (depth - 1)) +
                                 ") { pageInfo { endCursor } } }");
      Json cursor = skip["pages"]["pageInfo"]["endCursor"];
      const std::string q = std::string("query ($c: String) { pages(") + order + "first: " + std::to_string(size) +
                            ", after: $c) { nodes { id n } pageInfo { hasNextPage endCursor } } }";
      Json deep = RunAql(db, q, Json::object({{"c", cursor}}));
      Check(deep["pages"]["nodes"].as_array()[0]["n"] == Json(size * (depth - 1)), "keyset: page 1,000 starts wrong");
      double first = MedianMillis(reps, [&] { RunAql(db, q, Json::object({{"c", nullptr}})); });
      double thousandth = MedianMillis(reps, [&] { RunAql(db, q, Json::object({{"c", cursor}})); });
      const std::string off = std::string("{ pages(") + order + "limit: " + std::to_string(size) +
                              ", offset: " + std::to_string(size * (depth - 1)) + ") { id n } }";
      double offset = MedianMillis(reps, [&] { RunAql(db, off); });
      std::printf("keyset %-15s page 1 %7.3f ms   page 1,000 %7.3f ms   (limit/offset at page 1,000: %7.3f ms)\n",
                  !*order ? "default" : std::strstr(order, "\"id\"") ? "by id" : "by n (@indexed)", first, thousandth, offset);
    }
  }
  db.close();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
