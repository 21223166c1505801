// parse_bench: how fast AQL text becomes an AST (src/parser). Not a test: run it by hand,
//   build/tools/bench/parse_bench [--n 5000]
// Reports microseconds per parse for typical statements (the first parse of a statement; later
// executions of the same text hit the plan cache and skip parsing) and the time for large
// literals: a 1 MB string (one token) and an insertMany of 20,000 documents (~280,000 tokens).
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "parser/parser.h"

namespace {

using Clock = std::chrono::steady_clock;

double MicrosPerParse(const std::string& text, int n) {
  aurora::parser::Parse(text);  // warm ANTLR's prediction caches
  auto start = Clock::now();
  for (int i = 0; i < n; ++i) aurora::parser::Parse(text);
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / n;
}

double MillisOnce(const std::string& text) {
  auto start = Clock::now();
  aurora::parser::Parse(text);
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int n = 5000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--n") == 0) n = std::atoi(argv[i + 1]);
  }
  const std::string query = R"(query Cheap($max: Float = 50) {
  cheap: products(where: { price: { lt: $max }, tags: { contains: "sale" } },
                  orderBy: { field: "price", direction: ASC }, limit: 10, offset: 0) {
    id name price maker { country }
  }
})";
  const std::string mutation = R"(mutation {
  insertInto(collection: "products", data: { name: "Mouse", price: 25, tags: ["usb", "sale"] }) { id }
  enqueueJob(type: "process_image", payload: { path: "/uploads/cat.jpg" }, priority: HIGH) { jobId }
})";
  const std::string handler = R"(define handler "thumbs" {
  on: "insert:products",
  action: { enqueueJob(type: "process_image", payload: { id: "${id}", path: "${image_url}" }) }
})";
  std::cout << "query     " << MicrosPerParse(query, n) << " us/parse\n";
  std::cout << "mutation  " << MicrosPerParse(mutation, n) << " us/parse\n";
  std::cout << "handler   " << MicrosPerParse(handler, n) << " us/parse\n";

  std::string big_string = "{ a(x: \"" + std::string(1 << 20, 'x') + "\") }";
  std::cout << "1 MB string literal           " << MillisOnce(big_string) << " ms\n";
  std::string many = "mutation { insertMany(collection: \"x\", data: [";
  for (int i = 0; i < 20000; ++i) {
    many += "{name: \"n" + std::to_string(i) + "\", price: " + std::to_string(i) + ", tags: [\"a\", \"b\"]}, ";
  }
  many += "]) { affected } }";
  std::cout << "insertMany of 20,000 documents (" << many.size() / 1024 << " KiB) " << MillisOnce(many) << " ms\n";
  return 0;
}
