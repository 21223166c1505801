// handlers_bench: what an automation handler costs a write (docs/handlers.md "Cost").
//
// Inserts N documents into `products` on a file database (WAL, synchronous=NORMAL), three ways
// in one run, each on a fresh file:
//   none      no handler
//   one       one handler: enqueueJob(type: "process_image", payload: {product_id, path})
//   three     three such handlers on the same collection
// once with each insert its own mutation (its own transaction), once with insertMany of 1,000
// documents per mutation. Prints inserts/s and the ratio of each to `none`, and checks that
// exactly N jobs per handler were enqueued.
//
// Handler-enqueued jobs go to the `_jobs_inbox` table and are moved into `_jobs` by a flush
// (docs/jobs.md "How it works"). The timed section includes that move: it ends after a read of
// `_jobs`, which flushes whatever is left; with --flush-ms M a second thread also reads `_jobs`
// every M ms during the inserts, as a dispatcher flushing as it goes.
//
// Then the floor: the same rows written by the storage layer alone (no AQL, no handler), one
// and 1,000 documents per transaction: the document's INSERT, or the document's INSERT plus
// jobs::Enqueue (the job row enqueueJob writes to `_jobs`) or jobs::EnqueueToInbox (the row a
// handler writes, moved into `_jobs` at the end like the rows above). Their ratios are what
// SQLite charges for the job row, which no change above the storage layer removes.
// --floor no leaves these rows out.
//
//   handlers_bench [--n 20000] [--repeat 1] [--dir /tmp/aurora-bench] [--sync normal|full]
//                  [--batch 1|1000] [--handlers 0|1|3] [--flush-ms 0] [--floor yes|no]
// --repeat R runs every row R times, interleaved, and reports medians (use 3 or more on a busy
// machine); --batch and --handlers run only those rows (for callgrind or strace); --sync full
// makes every commit wait for fsync.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "aurora/aurora.h"
#include "common/ids.h"
#include "jobs/clock.h"
#include "jobs/job_schema.h"
#include "jobs/job_store.h"
#include "storage/catalog.h"
#include "storage/sqlite.h"

using namespace aurora;
using Clock = std::chrono::steady_clock;

namespace {

void Remove(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-jobs.lock"}) std::filesystem::remove(path + suffix);
}

void Check(const Response& r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s failed: %s\n", what, r.dump().c_str());
    std::exit(1);
  }
}

std::string HandlerText(int i) {
  return "define handler \"thumb" + std::to_string(i) +
         "\" { on: \"insert:products\", action: { enqueueJob(type: \"process_image\", "
         "payload: { product_id: \"${id}\", path: \"${image_url}\" }) } }";
}

// Any read of _jobs moves the inbox into it first; this one reads no row (no counting).
const char* const kFlush = "query { _jobs(where: { id: { eq: \"none\" } }) { id } }";

// Inserts n documents; returns inserts per second.
double Run(const std::string& path, int handlers, int n, int batch, bool full, int flush_ms) {
  Remove(path);
  Config config;
  config.path = path;
  config.synchronous = full ? Synchronous::Full : Synchronous::Normal;
  Database db = Database::open(config);
  for (int i = 0; i < handlers; ++i) Check(db.execute(HandlerText(i)), "define handler");
  const std::string one =
      "mutation M($name: String, $url: String) { insertInto(collection: \"products\", "
      "data: { name: $name, image_url: $url, price: 25 }) { id } }";
  const std::string many =
      "mutation M($docs: [Object!]!) { insertMany(collection: \"products\", documents: $docs) { affected } }";
  auto start = Clock::now();
  std::atomic<bool> done_inserting{false};
  std::thread flusher;
  if (flush_ms > 0) {
    flusher = std::thread([&] {
      while (!done_inserting) {
        std::this_thread::sleep_for(std::chrono::milliseconds(flush_ms));
        Check(db.execute(kFlush), "flush");
      }
    });
  }
  if (batch == 1) {
    for (int i = 0; i < n; ++i) {
      std::string name = "p" + std::to_string(i);
      Check(db.execute(one, Json::object({{"name", name}, {"url", "/uploads/" + name + ".png"}})), "insert");
    }
  } else {
    for (int done = 0; done < n; done += batch) {
      Json docs = Json::array();
      for (int i = done; i < std::min(n, done + batch); ++i) {
        std::string name = "p" + std::to_string(i);
        docs.push_back(Json::object({{"name", name}, {"image_url", "/uploads/" + name + ".png"}, {"price", 25}}));
      }
      Check(db.execute(many, Json::object({{"docs", std::move(docs)}})), "insertMany");
    }
  }
  done_inserting = true;
  if (flusher.joinable()) flusher.join();
  Check(db.execute(kFlush), "flush");  // moves what is left in the inbox into _jobs: part of the cost
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  Response count =
      db.execute("query { _jobs(where: { type: { eq: \"process_image\" } }) { stats: aggregate { count } } }");
  Check(count, "count jobs");
  std::int64_t jobs = count.data["_jobs"]["stats"]["count"].as_int();
  if (jobs != static_cast<std::int64_t>(n) * handlers) {
    std::fprintf(stderr, "expected %d jobs, found %lld\n", n * handlers, static_cast<long long>(jobs));
    std::exit(1);
  }
  db.close();
  Remove(path);
  return n / secs;
}

// The floor: what the storage layer alone takes for the same rows, `batch` documents per
// transaction; with `job`, each document also gets the job row an enqueueJob handler writes,
// in `table`: the queue (what enqueueJob from the C++ API writes) or the inbox (what a handler
// writes), then moved into the queue at the end, as the AQL rows do.
double RunStorageOnly(const std::string& path, bool job, jobs::JobTable table, int n, int batch, bool full) {
  Remove(path);
  double rate = 0;
  {
    storage::Connection conn(path);
    conn.Exec("PRAGMA journal_mode=WAL");
    conn.Exec(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    storage::EnsureCatalog(conn);
    storage::EnsureCollection(conn, "products");
    jobs::EnsureSchema(conn);
    const std::string insert = "INSERT INTO \"products\" (id, doc) VALUES (?1, ?2)";
    auto start = Clock::now();
    for (int done = 0; done < n; done += batch) {
      storage::Transaction tx(conn);
      for (int i = done; i < std::min(n, done + batch); ++i) {
        std::string name = "p" + std::to_string(i);
        std::string id = internal::NewId();
        storage::Statement& st = conn.Prepare(insert);
        st.BindText(1, id);
        st.BindText(2, Json::object({{"name", name}, {"image_url", "/uploads/" + name + ".png"}, {"price", 25}}).dump());
        st.Step();
        if (job) {
          jobs::NewJob j;
          j.type = "process_image";
          j.payload_json = Json::object({{"product_id", id}, {"path", "/uploads/" + name + ".png"}}).dump();
          if (table == jobs::JobTable::kInbox) {
            jobs::EnqueueToInbox(conn, j, jobs::SystemClock::Instance().NowMs());
          } else {
            jobs::Enqueue(conn, j, jobs::SystemClock::Instance().NowMs());
          }
        }
      }
      tx.Commit();
    }
    if (job && table == jobs::JobTable::kInbox) jobs::FlushInbox(conn);
    rate = n / std::chrono::duration<double>(Clock::now() - start).count();
  }
  Remove(path);
  return rate;
}

}  // namespace

// A table row's label, its configuration and its measured rates (one per repetition).
struct Row {
  std::string writes, handlers;
  std::function<double()> run;
  bool base = false;  // the row the following rows are compared with
  std::vector<double> rates;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main(int argc, char** argv) {
  int n = 20000, repeat = 1;
  std::string dir = "/tmp/aurora-bench";
  int only_batch = 0, only_handlers = -1, flush_ms = 0;
  bool full = false, floor = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--n") {
      n = std::atoi(argv[i + 1]);
    } else if (flag == "--repeat") {
      repeat = std::max(1, std::atoi(argv[i + 1]));
    } else if (flag == "--dir") {
      dir = argv[i + 1];
    } else if (flag == "--sync") {
      full = std::string(argv[i + 1]) == "full";
    } else if (flag == "--batch") {
      only_batch = std::atoi(argv[i + 1]);
    } else if (flag == "--flush-ms") {
      flush_ms = std::atoi(argv[i + 1]);
    } else if (flag == "--floor") {
      floor = std::string(argv[i + 1]) != "no";
    } else if (flag == "--handlers") {
      only_handlers = std::atoi(argv[i + 1]);
    } else {
      std::fprintf(stderr,
                   "usage: handlers_bench [--n N] [--repeat R] [--dir DIR] [--sync normal|full] [--batch 1|1000] "
                   "[--handlers 0|1|3] [--flush-ms M] [--floor yes|no]\n");
      return 2;
    }
  }
  std::filesystem::create_directories(dir);
  std::string path = dir + "/handlers_bench.db";
  std::vector<Row> rows;
  for (int batch : {1, 1000}) {
    if (only_batch != 0 && batch != only_batch) continue;
    for (int handlers : {0, 1, 3}) {
      if (only_handlers >= 0 && handlers != only_handlers) continue;
      rows.push_back(Row{batch == 1 ? "one per transaction" : "insertMany of 1,000", std::to_string(handlers),
                         [=] { return Run(path, handlers, n, batch, full, flush_ms); }, handlers == 0, {}});
    }
  }
  // The floor, same shapes as the rows above: the storage layer alone.
  for (int batch : {1, 1000}) {
    if (!floor || (only_batch != 0 && batch != only_batch)) continue;
    for (int job : {0, 1, 2}) {
      if (only_handlers >= 0 && (only_handlers > 0) != (job > 0)) continue;
      jobs::JobTable table = job == 2 ? jobs::JobTable::kInbox : jobs::JobTable::kQueue;
      rows.push_back(Row{batch == 1 ? "storage layer only, one per transaction" : "storage layer only, 1,000 per transaction",
                         job == 0 ? "0" : job == 1 ? "+ job row in _jobs" : "+ job row in the inbox, moved at the end",
                         [=] { return RunStorageOnly(path, job > 0, table, n, batch, full); }, job == 0, {}});
    }
  }
  // Repetitions interleave (every row once, then again), so a burst of load on a shared machine
  // hits all rows alike; each row reports its median.
  for (int r = 0; r < repeat; ++r) {
    for (Row& row : rows) row.rates.push_back(row.run());
  }
  std::printf("%d inserts into products, WAL, synchronous=%s, median of %d, flush %s\n\n", n,
              full ? "FULL" : "NORMAL", repeat,
              flush_ms > 0 ? ("every " + std::to_string(flush_ms) + " ms and at the end").c_str() : "at the end");
  std::printf("| writes | handlers | inserts/s | time vs no handler |\n|---|---|---|---|\n");
  double base = 0;
  for (const Row& row : rows) {
    double rate = Median(row.rates);
    if (row.base) base = rate;
    std::printf("| %s | %s | %.0f | ", row.writes.c_str(), row.handlers.c_str(), rate);
    if (base > 0) {
      std::printf("%.2fx |\n", base / rate);
    } else {
      std::printf("- |\n");
    }
  }
  return 0;
}
