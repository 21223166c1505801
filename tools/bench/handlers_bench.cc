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
//   handlers_bench [--n 20000] [--dir /tmp/aurora-bench] [--batch 1|1000] [--handlers 0|1|3]
// --batch and --handlers run only that row / that handler count (for callgrind or strace).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "aurora/aurora.h"

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

// Inserts n documents; returns inserts per second.
double Run(const std::string& path, int handlers, int n, int batch) {
  Remove(path);
  Config config;
  config.path = path;
  Database db = Database::open(config);
  for (int i = 0; i < handlers; ++i) Check(db.execute(HandlerText(i)), "define handler");
  const std::string one =
      "mutation M($name: String, $url: String) { insertInto(collection: \"products\", "
      "data: { name: $name, image_url: $url, price: 25 }) { id } }";
  const std::string many =
      "mutation M($docs: [Object!]!) { insertMany(collection: \"products\", documents: $docs) { affected } }";
  auto start = Clock::now();
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
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  Response count = db.execute("query { _jobs(where: { type: { eq: \"process_image\" } }) { id } }");
  Check(count, "count jobs");
  std::size_t jobs = count.data["_jobs"].size();
  if (jobs != static_cast<std::size_t>(n * handlers)) {
    std::fprintf(stderr, "expected %d jobs, found %zu\n", n * handlers, jobs);
    std::exit(1);
  }
  db.close();
  Remove(path);
  return n / secs;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 20000;
  std::string dir = "/tmp/aurora-bench";
  int only_batch = 0, only_handlers = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--n") {
      n = std::atoi(argv[i + 1]);
    } else if (flag == "--dir") {
      dir = argv[i + 1];
    } else if (flag == "--batch") {
      only_batch = std::atoi(argv[i + 1]);
    } else if (flag == "--handlers") {
      only_handlers = std::atoi(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: handlers_bench [--n N] [--dir DIR] [--batch 1|1000] [--handlers 0|1|3]\n");
      return 2;
    }
  }
  std::filesystem::create_directories(dir);
  std::string path = dir + "/handlers_bench.db";
  std::printf("%d inserts into products, WAL, synchronous=NORMAL\n\n", n);
  std::printf("| writes | handlers | inserts/s | time vs no handler |\n|---|---|---|---|\n");
  for (int batch : {1, 1000}) {
    if (only_batch != 0 && batch != only_batch) continue;
    double base = 0;
    for (int handlers : {0, 1, 3}) {
      if (only_handlers >= 0 && handlers != only_handlers) continue;
      double rate = Run(path, handlers, n, batch);
      if (handlers == 0) base = rate;
      std::printf("| %s | %d | %.0f | ", batch == 1 ? "one per transaction" : "insertMany of 1,000", handlers, rate);
      if (base > 0) {
        std::printf("%.2fx |\n", base / rate);
      } else {
        std::printf("- |\n");
      }
      std::fflush(stdout);
    }
  }
  return 0;
}
